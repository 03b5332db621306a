//! The one error type of the RNN engine, with the small enums its variants carry.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Which of the two recurrent layers of a `Bidirectional` wrapper (a plain `SimpleRNN`
/// is always `Forward`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Reads the sequence from the first timestep to the last.
    Forward,
    /// Reads the sequence from the last timestep to the first (Keras `go_backwards`).
    Backward,
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Forward => "forward",
            Self::Backward => "backward",
        })
    }
}

/// A weight tensor, named as Keras names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightName {
    /// Input weights, `(input_dim, units)`.
    Kernel,
    /// Hidden-to-hidden weights, `(units, units)`.
    RecurrentKernel,
    /// Bias, `(units,)`.
    Bias,
    /// Embedding table, `(vocab_size, output_dim)`.
    Embeddings,
}

impl std::fmt::Display for WeightName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Kernel => "kernel",
            Self::RecurrentKernel => "recurrent_kernel",
            Self::Bias => "bias",
            Self::Embeddings => "embeddings",
        })
    }
}

/// Where the first NaN or infinity of a forward pass appeared.
///
/// For a recurrent layer `timestep` is the *input time index* (for the backward direction
/// that is the position in the original sequence, not the number of steps taken).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonFinite {
    /// Layer index in the stack (0 is the first layer).
    pub layer: usize,
    /// Direction for recurrent layers, `None` for Embedding and Dense.
    pub direction: Option<Direction>,
    /// Batch item.
    pub batch: usize,
    /// Input time index, `None` when the value has no time axis (`[batch, units]`).
    pub timestep: Option<usize>,
    /// Unit (last-axis index) of the first non-finite value.
    pub unit: usize,
}

/// Everything that can go wrong in the RNN engine. Nothing in `rnn` panics on bad shapes;
/// it returns one of these.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum RnnError {
    /// A weight tensor has the wrong shape.
    #[error("layer {layer}{}: {tensor} should have shape {expected:?} but has {actual:?}", dir_suffix(*direction))]
    WeightShape {
        /// Layer index in the stack (0 for a layer used on its own).
        layer: usize,
        /// Direction inside a `Bidirectional`, `None` for other layers.
        direction: Option<Direction>,
        /// Which tensor.
        tensor: WeightName,
        /// The shape the layer configuration asks for.
        expected: Vec<usize>,
        /// The shape that was given.
        actual: Vec<usize>,
    },
    /// A Keras-style weight list has the wrong number of tensors.
    #[error("layer {layer}: expected {expected} weight tensors but got {actual}")]
    WeightCount {
        /// Layer index in the stack.
        layer: usize,
        /// How many the layer's configuration needs.
        expected: usize,
        /// How many were given.
        actual: usize,
    },
    /// A bias was given although `use_bias` is off, or is missing although it is on.
    #[error("layer {layer}{}: use_bias is {use_bias} but a bias was {}", dir_suffix(*direction), if *use_bias { "not given" } else { "given" })]
    BiasPresence {
        /// Layer index in the stack.
        layer: usize,
        /// Direction inside a `Bidirectional`, `None` for other layers.
        direction: Option<Direction>,
        /// The layer's `use_bias` setting.
        use_bias: bool,
    },
    /// A size that must be at least 1 is 0 (units, vocabulary, batch, timesteps, features).
    #[error("layer {layer}: {what} must be at least 1")]
    ZeroSize {
        /// Layer index in the stack.
        layer: usize,
        /// What is zero, in the user's words (`"units"`, `"timesteps"`, ...).
        what: &'static str,
    },
    /// The input's last axis does not match the layer's input size.
    #[error("layer {layer}: expects {expected} input features but got {actual}")]
    FeatureMismatch {
        /// Layer index in the stack.
        layer: usize,
        /// Input size of the layer (rows of its kernel).
        expected: usize,
        /// Size of the input's last axis.
        actual: usize,
    },
    /// A recurrent layer was given `[batch, units]` where it needs `[batch, timesteps, units]`
    /// (the layer before it has `return_sequences` off).
    #[error("layer {layer}: needs a sequence [batch, timesteps, features] but the previous layer returns only its last step")]
    NeedsSequence {
        /// Layer index in the stack.
        layer: usize,
    },
    /// Token ids were given to a stack that does not start with an Embedding, or float
    /// features to one that does.
    #[error("the first layer {} token ids but the input is {}", if *expects_tokens { "takes" } else { "does not take" }, if *expects_tokens { "float features" } else { "token ids" })]
    InputKind {
        /// Whether the stack expects token ids.
        expects_tokens: bool,
    },
    /// An Embedding layer that is not the first layer of the stack.
    #[error("layer {layer}: an Embedding can only be the first layer")]
    EmbeddingNotFirst {
        /// Layer index in the stack.
        layer: usize,
    },
    /// A stack without layers.
    #[error("the stack has no layers")]
    EmptyStack,
    /// A token id outside `0..vocab_size`.
    #[error("layer {layer}: token id {token} at batch {batch}, timestep {timestep} is outside the vocabulary 0..{vocab_size}")]
    TokenOutOfRange {
        /// Layer index in the stack.
        layer: usize,
        /// Batch item of the bad token.
        batch: usize,
        /// Timestep of the bad token.
        timestep: usize,
        /// The token id.
        token: i64,
        /// Rows of the embedding table.
        vocab_size: usize,
    },
    /// A trace or state query names something that does not exist (layer, direction, batch
    /// item, timestep) or passes outputs that do not belong to this stack.
    #[error("nothing to trace: {what} {index} (available: {available})")]
    TraceOutOfRange {
        /// What is out of range (`"layer"`, `"direction"`, `"batch"`, `"timestep"`, `"outputs"`).
        what: &'static str,
        /// The requested index.
        index: usize,
        /// How many there are.
        available: usize,
    },
    /// Forward and backward hidden states given to a merge differ in shape.
    #[error("forward states {forward:?} and backward states {backward:?} differ in shape")]
    StatesShape {
        /// Shape of the forward states.
        forward: Vec<usize>,
        /// Shape of the backward states.
        backward: Vec<usize>,
    },
    /// The two directions of a `Bidirectional` layer have different settings.
    #[error("layer {layer}: the forward and backward layers of a Bidirectional must have the same cell and settings")]
    DirectionsDiffer {
        /// Layer index in the stack.
        layer: usize,
    },
    /// A layer's settings and weights are of different cells.
    #[error("layer {layer}: the settings are for a {expected} layer but the weights are for a {actual} layer")]
    CellMismatch {
        /// Layer index in the stack.
        layer: usize,
        /// The settings' cell.
        expected: super::cell_kind::CellKind,
        /// The weights' cell.
        actual: super::cell_kind::CellKind,
    },
    /// A `SimpleRNN`-only query (its step trace) on a layer of another cell.
    #[error(
        "layer {layer} is a {cell} layer; trace it with Stack::cell_trace, which covers every cell"
    )]
    NotSimpleRnn {
        /// Layer index in the stack.
        layer: usize,
        /// The layer's cell.
        cell: super::cell_kind::CellKind,
    },
    /// A NaN or infinity appeared in a layer's output or hidden states.
    #[error("non-finite value in layer {}{} at batch {}{}", .0.layer, dir_suffix(.0.direction), .0.batch, .0.timestep.map(|t| format!(", timestep {t}")).unwrap_or_default())]
    NonFinite(NonFinite),
}

fn dir_suffix(direction: Option<Direction>) -> String {
    direction.map(|d| format!(" ({d})")).unwrap_or_default()
}

impl RnnError {
    /// The same error, re-labelled with the layer's index in a stack.
    #[must_use]
    pub fn at_layer(self, index: usize) -> Self {
        match self {
            Self::WeightShape {
                direction,
                tensor,
                expected,
                actual,
                ..
            } => Self::WeightShape {
                layer: index,
                direction,
                tensor,
                expected,
                actual,
            },
            Self::BiasPresence {
                direction,
                use_bias,
                ..
            } => Self::BiasPresence {
                layer: index,
                direction,
                use_bias,
            },
            Self::WeightCount {
                expected, actual, ..
            } => Self::WeightCount {
                layer: index,
                expected,
                actual,
            },
            Self::ZeroSize { what, .. } => Self::ZeroSize { layer: index, what },
            Self::FeatureMismatch {
                expected, actual, ..
            } => Self::FeatureMismatch {
                layer: index,
                expected,
                actual,
            },
            Self::NeedsSequence { .. } => Self::NeedsSequence { layer: index },
            Self::EmbeddingNotFirst { .. } => Self::EmbeddingNotFirst { layer: index },
            Self::DirectionsDiffer { .. } => Self::DirectionsDiffer { layer: index },
            Self::CellMismatch {
                expected, actual, ..
            } => Self::CellMismatch {
                layer: index,
                expected,
                actual,
            },
            Self::NotSimpleRnn { cell, .. } => Self::NotSimpleRnn { layer: index, cell },
            Self::TokenOutOfRange {
                batch,
                timestep,
                token,
                vocab_size,
                ..
            } => Self::TokenOutOfRange {
                layer: index,
                batch,
                timestep,
                token,
                vocab_size,
            },
            Self::NonFinite(nf) => Self::NonFinite(NonFinite { layer: index, ..nf }),
            other => other,
        }
    }

    /// The same error, re-labelled with a direction (used by `Bidirectional`).
    #[must_use]
    pub(crate) fn in_direction(self, dir: Direction) -> Self {
        match self {
            Self::WeightShape {
                layer,
                tensor,
                expected,
                actual,
                ..
            } => Self::WeightShape {
                layer,
                direction: Some(dir),
                tensor,
                expected,
                actual,
            },
            Self::BiasPresence {
                layer, use_bias, ..
            } => Self::BiasPresence {
                layer,
                direction: Some(dir),
                use_bias,
            },
            other => other,
        }
    }
}

/// Result alias of the RNN engine.
pub type Result<T> = std::result::Result<T, RnnError>;
