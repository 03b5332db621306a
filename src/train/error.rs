//! The one error type of the training engine.

use thiserror::Error;

use crate::rnn::{Activation, Direction, RnnError};

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
    /// A task or trainer setting that must be at least 1 is 0.
    #[error("{setting} must be at least 1")]
    ZeroSetting {
        /// The setting, in the user's words (`"timesteps"`, `"batch size"`, ...).
        setting: &'static str,
    },
    /// A task or trainer setting is larger than the browser can handle quickly.
    #[error("{setting} is {value}, more than the limit of {max}")]
    SettingTooLarge {
        /// The setting, in the user's words.
        setting: &'static str,
        /// The value given.
        value: usize,
        /// The largest value allowed.
        max: usize,
    },
    /// A real-valued setting is NaN, infinite, or outside its range.
    #[error("{setting} is {value}, but it must be {range}")]
    BadNumber {
        /// The setting, in the user's words (`"learning rate"`, `"noise"`, ...).
        setting: &'static str,
        /// The value given.
        value: f32,
        /// The allowed range in words (`"greater than 0"`, ...).
        range: &'static str,
    },
    /// The echo task's delay does not fit in the sequence.
    #[error(
        "the echo delay ({delay} steps) must be shorter than the sequence ({timesteps} steps)"
    )]
    EchoDelay {
        /// The delay `k`.
        delay: usize,
        /// The sequence length `T`.
        timesteps: usize,
    },
    /// The character model's text is shorter than one training window.
    #[error("the text has {characters} characters but needs at least {needed} (timesteps + 1)")]
    TextTooShort {
        /// Characters in the text.
        characters: usize,
        /// Characters needed.
        needed: usize,
    },
    /// The character model's text has fewer than two different characters.
    #[error("the text needs at least two different characters, it has {distinct}")]
    TooFewCharacters {
        /// Distinct characters in the text.
        distinct: usize,
    },
    /// A character-model operation on a trainer of another task.
    #[error("text can only be sampled from the character model task")]
    NotCharModel,
    /// A prompt holds a character the character model never saw.
    #[error("the character {character:?} is not in the training text")]
    UnknownCharacter {
        /// The character.
        character: char,
    },
    /// An example index outside the dataset.
    #[error("example {index} does not exist (the dataset has {examples})")]
    ExampleOutOfRange {
        /// The index asked for.
        index: usize,
        /// Examples in the dataset.
        examples: usize,
    },
    /// NaN or infinity appeared during a training step; the step was not applied.
    #[error(
        "NaN or infinity in the {what} of layer {layer}{}{} (epoch {epoch}, batch {batch}); \
         the last good weights are kept. Try a lower learning rate or a clip norm (e.g. 1.0)",
        direction.map(|d| format!(" ({d})")).unwrap_or_default(),
        timestep.map(|t| format!(" at timestep {t}")).unwrap_or_default()
    )]
    NonFinite {
        /// Layer index in the stack where it first appeared.
        layer: usize,
        /// Direction of a recurrent cell, `None` for other layers.
        direction: Option<Direction>,
        /// What went non-finite: `"hidden states"`, `"output"`, `"loss"`, `"gradients"`,
        /// `"updated weights"`.
        what: &'static str,
        /// Input time index of the first non-finite hidden state, when known.
        timestep: Option<usize>,
        /// Completed epochs when it happened (0-based epoch being trained).
        epoch: usize,
        /// Batch index within that epoch.
        batch: usize,
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
