//! The one error type of the training engine.

use thiserror::Error;

use crate::rnn::{Activation, RnnError};

/// Everything that can go wrong while computing gradients or updating weights. Nothing in
/// `train` panics on bad shapes; it returns one of these.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum TrainError {
    /// The forward pass or a layer constructor failed.
    #[error(transparent)]
    Rnn(#[from] RnnError),
    /// An array handed to a backward pass or loss has the wrong shape.
    #[error("{what} should have shape {expected:?} but has {actual:?}")]
    Shape {
        /// Which array.
        what: &'static str,
        /// The shape that fits.
        expected: Vec<usize>,
        /// The shape given.
        actual: Vec<usize>,
    },
    /// The stack holds a layer that has no backward pass yet.
    #[error("layer {layer}: {kind} layers cannot be trained yet")]
    UnsupportedLayer {
        /// Layer index in the stack.
        layer: usize,
        /// `"Embedding"`, `"Bidirectional"`, or `"Dense"` when not last.
        kind: &'static str,
    },
    /// A cross-entropy loss was paired with an output activation it cannot combine with.
    #[error("this loss needs a Dense head with {expected:?} activation, not {actual:?}")]
    LossActivation {
        /// The activation the loss combines with.
        expected: Activation,
        /// The model's final activation (`None`: no Dense head).
        actual: Option<Activation>,
    },
    /// An array could not be viewed with the rank or shape a gradient needs.
    #[error("array layout: {reason}")]
    Layout {
        /// ndarray's explanation.
        reason: String,
    },
    /// A truncation length of zero steps.
    #[error("the truncation length must be at least one step")]
    ZeroTruncation,
    /// The optimizer was given a different number of parameters or gradients than before.
    #[error("expected {expected} parameter tensors but got {actual}")]
    ParameterCount {
        /// Tensors the optimizer holds state for (or parameters given).
        expected: usize,
        /// Tensors given.
        actual: usize,
    },
}

impl From<ndarray::ShapeError> for TrainError {
    fn from(e: ndarray::ShapeError) -> Self {
        Self::Layout {
            reason: e.to_string(),
        }
    }
}

/// `Result` with [`TrainError`].
pub type Result<T> = std::result::Result<T, TrainError>;

/// [`TrainError::Shape`] unless `actual == expected`.
pub(crate) fn check_shape(what: &'static str, expected: &[usize], actual: &[usize]) -> Result<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(TrainError::Shape {
            what,
            expected: expected.to_vec(),
            actual: actual.to_vec(),
        })
    }
}
