//! Backward passes of the activations, computed from the activation's output `y = f(z)`.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, Zip};

use crate::rnn::Activation;

/// `dL/dz` from `y = f(z)` and `dy = dL/dy`, both `[rows, units]`:
///
/// - linear: `dz = dy`; relu: `dz = dy · [y > 0]`; sigmoid: `dz = dy · y(1 - y)`;
///   `hard_sigmoid`: `dz = dy / 6 · [0 < y < 1]`;
///   tanh: `dz = dy · (1 - y²)`;
/// - softmax (per row): `dz = y ⊙ (dy - Σ_j dy_j y_j)`.
///
/// Shapes must match (checked by the callers).
#[must_use]
pub fn activation_backward(
    activation: Activation,
    y: ArrayView2<'_, f32>,
    dy: ArrayView2<'_, f32>,
) -> Array2<f32> {
    let mut dz = dy.to_owned();
    activation_backward_inplace(activation, y, dz.view_mut());
    dz
}

/// [`activation_backward`] in place: `d [rows, units]` holds `dL/dy` on entry and `dL/dz`
/// on exit (no allocation). Shapes must match `y` (checked by the callers).
pub fn activation_backward_inplace(
    activation: Activation,
    y: ArrayView2<'_, f32>,
    mut dz: ArrayViewMut2<'_, f32>,
) {
    match activation {
        Activation::Linear => {}
        Activation::Relu => Zip::from(&mut dz)
            .and(&y)
            .for_each(|d, &y| *d = if y > 0.0 { *d } else { 0.0 }),
        Activation::HardSigmoid => Zip::from(&mut dz)
            .and(&y)
            .for_each(|d, &y| *d = if y > 0.0 && y < 1.0 { *d / 6.0 } else { 0.0 }),
        Activation::Sigmoid => Zip::from(&mut dz)
            .and(&y)
            .for_each(|d, &y| *d *= y * (1.0 - y)),
        Activation::Tanh => Zip::from(&mut dz)
            .and(&y)
            .for_each(|d, &y| *d *= 1.0 - y * y),
        Activation::Softmax => {
            for (mut d_row, y_row) in dz.axis_iter_mut(Axis(0)).zip(y.axis_iter(Axis(0))) {
                let dot = d_row.dot(&y_row);
                Zip::from(&mut d_row)
                    .and(&y_row)
                    .for_each(|d, &y| *d = y * (*d - dot));
            }
        }
    }
}
