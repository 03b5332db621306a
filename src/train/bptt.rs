//! Backpropagation through time for a one-direction `SimpleRNN` layer, full or truncated.

use ndarray::linalg::general_mat_mul;
use ndarray::{s, Array1, Array2, Array3, ArrayView2, ArrayView3, Axis};

use super::activation::activation_backward_inplace;
use super::error::{check_shape, Result, TrainError};
use crate::rnn::SimpleRnn;

/// The gradient of the loss with respect to a layer's output, shaped like that output.
#[derive(Clone, Copy, Debug)]
pub enum OutputGrad<'a> {
    /// `dL/d(output)` for a sequence output, `[batch, T, units]`.
    Sequence(ArrayView3<'a, f32>),
    /// `dL/d(output)` for a last-step output, `[batch, units]`.
    Last(ArrayView2<'a, f32>),
}

/// Gradients of a `SimpleRNN`'s weights, in the weights' Keras layout.
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleRnnGrads {
    /// `dL/dkernel`, `(D, H)`.
    pub kernel: Array2<f32>,
    /// `dL/drecurrent_kernel`, `(H, H)`.
    pub recurrent_kernel: Array2<f32>,
    /// `dL/dbias`, `(H,)`; `None` when the layer has no bias.
    pub bias: Option<Array1<f32>>,
}

/// Everything one backward pass through a `SimpleRNN` produces.
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleRnnBackward {
    /// Weight gradients.
    pub grads: SimpleRnnGrads,
    /// `dL/d(input)`, `[batch, T, D]` (handed to the layer below).
    pub input_grad: Array3<f32>,
    /// `‖∂L/∂h_t‖` for `t = 0..T`: the Frobenius norm over batch and units of the total
    /// gradient reaching the hidden state `h_t` (from the output and from later steps),
    /// `(T,)`. This is the "gradient flow through time" the app draws. With truncation it
    /// is the sum of the truncated contributions that reach `h_t`.
    pub state_grad_norms: Array1<f32>,
}

/// Backpropagation through time for `layer` run forward (from a zero state) over
/// `inputs [batch, T, D]`, producing `states [batch, T, H]` (as
/// [`SimpleRnn::hidden_states`] with `Direction::Forward`), given `grad = dL/d(output)`
/// (`[batch, T, H]` with `return_sequences`, else `[batch, H]` for the last step).
///
/// With `g_t` the output gradient at step `t` (zero except `t = T-1` for a last-step
/// output), `f` the activation and `R` the recurrent kernel:
///
/// ```text
/// dh_t = g_t + dz_{t+1} · Rᵀ          (dz_T = 0)
/// dz_t = dh_t ⊙ f'(z_t)               (f' from h_t, see activation_backward)
/// dkernel = Σ_t x_tᵀ · dz_t     drecurrent_kernel = Σ_{t≥1} h_{t-1}ᵀ · dz_t
/// dbias = Σ_t Σ_batch dz_t      dx_t = dz_t · kernelᵀ
/// ```
///
/// `truncation = Some(k)` is truncated BPTT: the gradient of each output step `s` flows
/// back through at most `k` steps (`h_s … h_{s-k+1}`) and is cut there. With `k ≥ T`
/// it equals full BPTT (`None`).
///
/// # Errors
/// [`TrainError::Shape`] when `inputs`, `states` or `grad` do not fit the layer or each
/// other, [`TrainError::ZeroTruncation`] for `Some(0)`.
pub fn simple_rnn_backward<'a>(
    layer: &'a SimpleRnn,
    inputs: ArrayView3<'a, f32>,
    states: ArrayView3<'a, f32>,
    grad: OutputGrad<'_>,
    truncation: Option<usize>,
) -> Result<SimpleRnnBackward> {
    let (batch, timesteps, features) = inputs.dim();
    let h = layer.units();
    check_shape(
        "inputs",
        &[batch, timesteps, layer.input_dim()],
        &[batch, timesteps, features],
    )?;
    check_shape("hidden states", &[batch, timesteps, h], states.shape())?;
    let mut out_grad = Array3::<f32>::zeros((batch, timesteps, h));
    match grad {
        OutputGrad::Sequence(g) => {
            check_shape("output gradient", &[batch, timesteps, h], g.shape())?;
            out_grad.assign(&g);
        }
        OutputGrad::Last(g) => {
            check_shape("output gradient", &[batch, h], g.shape())?;
            if timesteps > 0 {
                out_grad.index_axis_mut(Axis(1), timesteps - 1).assign(&g);
            }
        }
    }
    let mut pass = Pass::new(layer, inputs, states);
    match truncation {
        Some(0) => return Err(TrainError::ZeroTruncation),
        None => pass.run_back(out_grad.view(), timesteps, timesteps),
        Some(k) => {
            // One truncated run per output step that receives a gradient.
            for source in (0..timesteps).rev() {
                let g = out_grad.slice(s![.., source..=source, ..]);
                if g.iter().any(|&v| v != 0.0) {
                    pass.run_back(g, source + 1, k.min(source + 1));
                }
            }
        }
    }
    Ok(pass.finish())
}

/// Accumulators of one backward pass.
struct Pass<'a> {
    layer: &'a SimpleRnn,
    inputs: ArrayView3<'a, f32>,
    states: ArrayView3<'a, f32>,
    kernel: Array2<f32>,
    recurrent_kernel: Array2<f32>,
    bias: Array1<f32>,
    input_grad: Array3<f32>,
    state_grad: Array3<f32>,
}

impl<'a> Pass<'a> {
    fn new(layer: &'a SimpleRnn, inputs: ArrayView3<'a, f32>, states: ArrayView3<'a, f32>) -> Self {
        let (batch, timesteps, d) = inputs.dim();
        let h = layer.units();
        Self {
            layer,
            inputs,
            states,
            kernel: Array2::zeros((d, h)),
            recurrent_kernel: Array2::zeros((h, h)),
            bias: Array1::zeros(h),
            input_grad: Array3::zeros((batch, timesteps, d)),
            state_grad: Array3::zeros((batch, timesteps, h)),
        }
    }

    /// Runs back from step `end - 1` for `steps` steps, injecting `g[:, i]` at step
    /// `end - g.len_of(1) + i` (so `g` covers the last `g.len_of(1)` steps before `end`).
    fn run_back(&mut self, g: ArrayView3<'_, f32>, end: usize, steps: usize) {
        let weights = self.layer.weights();
        let activation = self.layer.config().activation;
        let first_injected = end - g.len_of(Axis(1));
        let (batch, h) = (self.inputs.len_of(Axis(0)), self.layer.units());
        // Reused buffers: `carried` = dz_{t+1} · Rᵀ, `dz` = dh_t turned into dz_t in place.
        let mut carried = Array2::<f32>::zeros((batch, h));
        let mut dz = Array2::<f32>::zeros((batch, h));
        for t in (end - steps..end).rev() {
            dz.assign(&carried);
            if t >= first_injected {
                dz += &g.index_axis(Axis(1), t - first_injected);
            }
            self.state_grad
                .index_axis_mut(Axis(1), t)
                .zip_mut_with(&dz, |a, &b| *a += b);
            activation_backward_inplace(
                activation,
                self.states.index_axis(Axis(1), t),
                dz.view_mut(),
            );
            let x_t = self.inputs.index_axis(Axis(1), t);
            general_mat_mul(1.0, &x_t.t(), &dz, 1.0, &mut self.kernel);
            for row in dz.rows() {
                self.bias += &row;
            }
            let mut dx = self.input_grad.index_axis_mut(Axis(1), t);
            general_mat_mul(1.0, &dz, &weights.kernel.t(), 1.0, &mut dx);
            if t > 0 {
                let h_prev = self.states.index_axis(Axis(1), t - 1);
                general_mat_mul(1.0, &h_prev.t(), &dz, 1.0, &mut self.recurrent_kernel);
                general_mat_mul(1.0, &dz, &weights.recurrent_kernel.t(), 0.0, &mut carried);
            }
        }
    }

    fn finish(self) -> SimpleRnnBackward {
        let state_grad_norms = self
            .state_grad
            .axis_iter(Axis(1))
            .map(|g| g.iter().map(|v| v * v).sum::<f32>().sqrt())
            .collect();
        SimpleRnnBackward {
            grads: SimpleRnnGrads {
                kernel: self.kernel,
                recurrent_kernel: self.recurrent_kernel,
                bias: self.layer.config().use_bias.then_some(self.bias),
            },
            input_grad: self.input_grad,
            state_grad_norms,
        }
    }
}
