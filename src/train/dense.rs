//! The backward pass of a `Dense` layer on `[batch, units]` or `[batch, T, units]`.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, ArrayD, ArrayViewD, Axis};

use super::activation::activation_backward;
use super::error::{check_shape, Result, TrainError};
use crate::rnn::Dense;

/// What a gradient handed to [`dense_backward`] is taken with respect to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradWrt {
    /// `dL/dy`, the layer's output after the activation.
    Output,
    /// `dL/dz`, the pre-activation `z = x · kernel + bias` (the combined, numerically stable
    /// gradient of sigmoid + binary cross-entropy or softmax + categorical cross-entropy).
    PreActivation,
}

/// Gradients of a `Dense` layer's weights.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseGrads {
    /// `dL/dkernel`, `(D, U)`.
    pub kernel: Array2<f32>,
    /// `dL/dbias`, `(U,)`; `None` when the layer has no bias.
    pub bias: Option<Array1<f32>>,
}

/// Backward pass of `y = activation(x · kernel + bias)` on the last axis.
///
/// Shapes: `x` is `[batch, D]` or `[batch, T, D]`; `y` (the forward output) and `grad`
/// are the same with `U` for `D`. With `dz = grad` (`GradWrt::PreActivation`) or
/// `dz = activation_backward(y, grad)` (`GradWrt::Output`), and every leading index
/// flattened into rows:
///
/// ```text
/// dkernel = xᵀ · dz     dbias = Σ_rows dz     dx = dz · kernelᵀ
/// ```
///
/// Returns the weight gradients and `dL/dx`, shaped like `x`.
///
/// # Errors
/// [`TrainError::Shape`] when the arrays do not fit the layer or each other.
pub fn dense_backward(
    layer: &Dense,
    x: ArrayViewD<'_, f32>,
    y: ArrayViewD<'_, f32>,
    grad: ArrayViewD<'_, f32>,
    wrt: GradWrt,
) -> Result<(DenseGrads, ArrayD<f32>)> {
    let weights = layer.weights();
    let (d, u) = weights.kernel.dim();
    let x2 = rows(x.view(), d, "Dense input")?;
    let rows_n = x2.nrows();
    let y2 = rows(y, u, "Dense output")?;
    let g2 = rows(grad, u, "Dense output gradient")?;
    check_shape("Dense output", &[rows_n, u], y2.shape())?;
    check_shape("Dense output gradient", &[rows_n, u], g2.shape())?;
    let dz = match wrt {
        GradWrt::PreActivation => g2,
        GradWrt::Output => activation_backward(layer.config().activation, y2.view(), g2.view()),
    };
    let mut kernel = Array2::zeros((d, u));
    general_mat_mul(1.0, &x2.t(), &dz, 0.0, &mut kernel);
    let bias = layer.config().use_bias.then(|| dz.sum_axis(Axis(0)));
    let mut dx = Array2::zeros((rows_n, d));
    general_mat_mul(1.0, &dz, &weights.kernel.t(), 0.0, &mut dx);
    let dx = dx
        .into_shape_with_order(x.shape())
        .map_err(|_| shape_error("Dense input", x.shape(), d))?;
    Ok((DenseGrads { kernel, bias }, dx))
}

/// The array as `[rows, width]` (leading axes flattened, copied into standard layout).
fn rows(a: ArrayViewD<'_, f32>, width: usize, what: &'static str) -> Result<Array2<f32>> {
    if !(2..=3).contains(&a.ndim()) || a.shape().last() != Some(&width) {
        return Err(shape_error(what, a.shape(), width));
    }
    let n = a.len() / width.max(1);
    a.as_standard_layout()
        .into_owned()
        .into_shape_with_order((n, width))
        .map_err(|_| shape_error(what, a.shape(), width))
}

fn shape_error(what: &'static str, actual: &[usize], width: usize) -> TrainError {
    let mut expected = actual.to_vec();
    if let Some(last) = expected.last_mut() {
        *last = width;
    }
    TrainError::Shape {
        what,
        expected,
        actual: actual.to_vec(),
    }
}
