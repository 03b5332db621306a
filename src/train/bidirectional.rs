//! Backpropagation through a `Bidirectional(SimpleRNN)` layer: the merge, then each
//! direction through time (the backward direction on the time-reversed sequence).

use ndarray::{s, Array3, ArrayView3, ArrayViewD, Axis, Ix2, Ix3, Zip};

use super::bptt::{simple_rnn_backward, OutputGrad, SimpleRnnGrads};
use super::error::{check_shape, Result};
use crate::rnn::{Bidirectional, Direction, MergeMode};

/// Everything one backward pass through a `Bidirectional` layer produces.
#[derive(Clone, Debug, PartialEq)]
pub struct BidirectionalBackward {
    /// Gradients of the forward direction's weights.
    pub forward: SimpleRnnGrads,
    /// Gradients of the backward direction's weights.
    pub backward: SimpleRnnGrads,
    /// `dL/d(input)`, `[batch, T, D]`: the sum of both directions' contributions.
    pub input_grad: Array3<f32>,
    /// `‖∂L/∂h_t‖` of the forward direction, `(T,)`, indexed by input time.
    pub forward_norms: ndarray::Array1<f32>,
    /// `‖∂L/∂h_t‖` of the backward direction, `(T,)`, indexed by input time (the state
    /// after reading `x_{T-1} … x_t`).
    pub backward_norms: ndarray::Array1<f32>,
}

/// Backward pass of `layer` run on `inputs [batch, T, D]` with hidden states
/// `forward`, `backward` (`[batch, T, H]` each, input-time indexed, as
/// [`Bidirectional::hidden_states`] returns them), given `grad = dL/d(output)`:
/// `[batch, T, W]` with `return_sequences`, else `[batch, W]`.
///
/// The merge `o = m(f, b)` splits the gradient `g` as
///
/// ```text
/// concat: g_f = g[.., :H],  g_b = g[.., H:]      sum: g_f = g_b = g
/// mul:    g_f = g ⊙ b,      g_b = g ⊙ f          ave: g_f = g_b = g / 2
/// ```
///
/// (without `return_sequences`, `f` is the forward state at `T-1` and `b` the backward
/// state at input time 0, each direction's last state). Each direction then runs
/// [`simple_rnn_backward`]; the backward direction on the time-reversed inputs, states and
/// gradients, so its truncation counts steps in its own reading order.
///
/// # Errors
/// [`super::TrainError::Shape`] when the arrays do not fit the layer or each other.
pub fn bidirectional_backward<'a>(
    layer: &'a Bidirectional,
    inputs: ArrayView3<'a, f32>,
    forward: ArrayView3<'a, f32>,
    backward: ArrayView3<'a, f32>,
    grad: ArrayViewD<'_, f32>,
    truncation: Option<usize>,
) -> Result<BidirectionalBackward> {
    let (batch, timesteps, _) = inputs.dim();
    let h = layer.direction(Direction::Forward).units();
    check_shape("forward states", &[batch, timesteps, h], forward.shape())?;
    check_shape("backward states", &[batch, timesteps, h], backward.shape())?;
    let sequences = layer.config().layer.return_sequences;
    let width = layer.output_units();
    let fwd_cell = layer.direction(Direction::Forward);
    let bwd_cell = layer.direction(Direction::Backward);

    // Each direction's output gradient, as a sequence (`[batch, T, H]`) or a last-state
    // gradient (`[batch, 1, H]`, the time axis kept so both cases share one path).
    let (gf, gb) = if sequences {
        check_shape("output gradient", &[batch, timesteps, width], grad.shape())?;
        split(
            layer.merge_mode(),
            grad.into_dimensionality::<Ix3>()?,
            forward,
            backward,
            h,
        )
    } else {
        check_shape("output gradient", &[batch, width], grad.shape())?;
        let g = grad.into_dimensionality::<Ix2>()?.insert_axis(Axis(1));
        let last_f = forward.slice(s![.., timesteps.saturating_sub(1)..timesteps, ..]);
        let last_b = backward.slice(s![.., 0..1, ..]);
        split(layer.merge_mode(), g, last_f, last_b, h)
    };
    let f_back = simple_rnn_backward(
        fwd_cell,
        inputs,
        forward,
        output_grad(sequences, gf.view()),
        truncation,
    )?;
    let b_back = simple_rnn_backward(
        bwd_cell,
        reversed(inputs),
        reversed(backward),
        output_grad(sequences, reversed(gb.view())),
        truncation,
    )?;
    let mut input_grad = f_back.input_grad;
    input_grad += &reversed(b_back.input_grad.view());
    let backward_norms = b_back.state_grad_norms.slice(s![..;-1]).to_owned();
    Ok(BidirectionalBackward {
        forward: f_back.grads,
        backward: b_back.grads,
        input_grad,
        forward_norms: f_back.state_grad_norms,
        backward_norms,
    })
}

/// `a` with its time axis reversed (a view, no copy).
fn reversed(a: ArrayView3<'_, f32>) -> ArrayView3<'_, f32> {
    a.slice_move(s![.., ..;-1, ..])
}

/// `g` (`[batch, T, H]`) as the whole sequence's gradient, or (`[batch, 1, H]`) as the
/// last state's.
fn output_grad(sequences: bool, g: ArrayView3<'_, f32>) -> OutputGrad<'_> {
    if sequences {
        OutputGrad::Sequence(g)
    } else {
        OutputGrad::Last(g.index_axis_move(Axis(1), 0))
    }
}

/// The merge's gradient split `(g_f, g_b)` for `[batch, T, ·]` arrays.
fn split(
    mode: MergeMode,
    g: ArrayView3<'_, f32>,
    f: ArrayView3<'_, f32>,
    b: ArrayView3<'_, f32>,
    h: usize,
) -> (Array3<f32>, Array3<f32>) {
    match mode {
        MergeMode::Concat => (
            g.slice(s![.., .., ..h]).to_owned(),
            g.slice(s![.., .., h..]).to_owned(),
        ),
        MergeMode::Sum => (g.to_owned(), g.to_owned()),
        MergeMode::Ave => (g.mapv(|v| v / 2.0), g.mapv(|v| v / 2.0)),
        MergeMode::Mul => (
            Zip::from(&g).and(&b).map_collect(|g, b| g * b),
            Zip::from(&g).and(&f).map_collect(|g, f| g * f),
        ),
    }
}
