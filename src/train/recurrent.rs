//! Backpropagation through time for a one-direction recurrent layer of any cell: the
//! cell's gradients as one type, and the dispatch to [`super::simple_rnn_backward`],
//! [`super::lstm_backward`] and [`super::gru_backward`].

use ndarray::{Array1, Array3, ArrayView3, ArrayViewD};

use super::bptt::{simple_rnn_backward, OutputGrad, SimpleRnnGrads};
use super::error::{Result, TrainError};
use super::gated::{gru_backward, lstm_backward, GruGrads, LstmGrads};
use crate::rnn::RecurrentRef;

/// Gradients of one direction's weights, any cell, in the weights' layout.
#[derive(Clone, Debug, PartialEq)]
pub enum RecurrentGrads {
    /// A `SimpleRNN`'s.
    SimpleRnn(SimpleRnnGrads),
    /// An LSTM's.
    Lstm(LstmGrads),
    /// A GRU's.
    Gru(GruGrads),
}

impl RecurrentGrads {
    /// Appends views of the gradients in Keras `get_weights()` order: `kernel`,
    /// `recurrent_kernel`, `bias` if any (a GRU's `(2, 3u)` with `reset_after`, else `(3u,)`).
    pub(crate) fn push_tensors<'a>(&'a self, out: &mut Vec<ArrayViewD<'a, f32>>) {
        match self {
            Self::SimpleRnn(g) => {
                out.push(g.kernel.view().into_dyn());
                out.push(g.recurrent_kernel.view().into_dyn());
                out.extend(g.bias.as_ref().map(|b| b.view().into_dyn()));
            }
            Self::Lstm(g) => {
                out.push(g.kernel.view().into_dyn());
                out.push(g.recurrent_kernel.view().into_dyn());
                out.extend(g.bias.as_ref().map(|b| b.view().into_dyn()));
            }
            Self::Gru(g) => push_gru(g, out),
        }
    }
}

/// Appends views of a GRU's gradients in Keras `get_weights()` order (the bias `(2, 3u)`
/// with `reset_after`, else `(3u,)`).
pub(crate) fn push_gru<'a>(g: &'a GruGrads, out: &mut Vec<ArrayViewD<'a, f32>>) {
    out.push(g.kernel.view().into_dyn());
    out.push(g.recurrent_kernel.view().into_dyn());
    out.extend(g.bias.as_ref().map(|b| {
        if b.nrows() > 1 {
            b.view().into_dyn()
        } else {
            b.row(0).into_dyn()
        }
    }));
}

/// What one backward pass through a one-direction recurrent layer produces.
#[derive(Clone, Debug, PartialEq)]
pub struct RecurrentBackward {
    /// Weight gradients.
    pub grads: RecurrentGrads,
    /// `dL/d(input)`, `[batch, T, D]`.
    pub input_grad: Array3<f32>,
    /// `‖∂L/∂h_t‖` for `t = 0..T`, `(T,)` (see
    /// [`super::SimpleRnnBackward::state_grad_norms`]).
    pub state_grad_norms: Array1<f32>,
}

/// The states of one direction handed to a backward pass: `hidden` `[batch, T, u]` and,
/// for an LSTM, its cell states `cells` of the same shape, in the direction's reading
/// order.
#[derive(Clone, Copy, Debug)]
pub struct DirectionStates<'a> {
    /// `h_t`.
    pub hidden: ArrayView3<'a, f32>,
    /// `c_t` (LSTM only).
    pub cells: Option<ArrayView3<'a, f32>>,
}

/// Backpropagation through time for `cell` run forward from the zero state over `inputs
/// [batch, T, D]` with `states`, given `grad = dL/d(output)` (see the cells' functions).
///
/// # Errors
/// As [`simple_rnn_backward`], [`lstm_backward`], [`gru_backward`];
/// [`TrainError::Shape`] when an LSTM's cell states are missing.
pub fn recurrent_backward<'a>(
    cell: RecurrentRef<'a>,
    inputs: ArrayView3<'a, f32>,
    states: DirectionStates<'a>,
    grad: OutputGrad<'_>,
    truncation: Option<usize>,
) -> Result<RecurrentBackward> {
    Ok(match cell {
        RecurrentRef::SimpleRnn(l) => {
            let back = simple_rnn_backward(l, inputs, states.hidden, grad, truncation)?;
            RecurrentBackward {
                grads: RecurrentGrads::SimpleRnn(back.grads),
                input_grad: back.input_grad,
                state_grad_norms: back.state_grad_norms,
            }
        }
        RecurrentRef::Lstm(l) => {
            let cells = states.cells.ok_or(TrainError::Shape {
                what: "LSTM cell states",
                expected: states.hidden.shape().to_vec(),
                actual: vec![],
            })?;
            let back = lstm_backward(l, inputs, states.hidden, cells, grad, truncation)?;
            RecurrentBackward {
                grads: RecurrentGrads::Lstm(back.grads),
                input_grad: back.input_grad,
                state_grad_norms: back.state_grad_norms,
            }
        }
        RecurrentRef::Gru(l) => {
            let back = gru_backward(l, inputs, states.hidden, grad, truncation)?;
            RecurrentBackward {
                grads: RecurrentGrads::Gru(back.grads),
                input_grad: back.input_grad,
                state_grad_norms: back.state_grad_norms,
            }
        }
    })
}
