//! The training view's form: its fields as typed, parsed into a [`TrainerConfig`], each bad
//! field with its own typed reason ([`FieldProblem`]), worded by `i18n::train_errors`.

use crate::model::cost::{self, CostError};
use crate::rnn::InitScheme;
use crate::train::{OptimizerConfig, TaskKind, TrainError, TrainerConfig};

/// Most hidden units the view offers (more trains too slowly to watch).
pub const MAX_UNITS: usize = 256;
/// Longest sequence the view offers.
pub const MAX_TIMESTEPS: usize = 200;
/// Most epochs of one run.
pub const MAX_EPOCHS: usize = 2_000;
/// Largest batch the view offers.
pub const MAX_BATCH: usize = 512;

/// The optimizers of the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    /// Plain SGD (momentum 0).
    Sgd,
    /// `RMSprop` with Keras' defaults.
    RmsProp,
    /// Adam with Keras' defaults.
    Adam,
}

impl OptimizerKind {
    /// Menu order.
    pub const ALL: [Self; 3] = [Self::Adam, Self::RmsProp, Self::Sgd];

    /// The optimizer with learning rate `lr` and Keras' other defaults.
    #[must_use]
    pub fn config(self, lr: f32) -> OptimizerConfig {
        match self {
            Self::Sgd => OptimizerConfig::Sgd {
                learning_rate: lr,
                momentum: 0.0,
            },
            Self::RmsProp => OptimizerConfig::RmsProp {
                learning_rate: lr,
                rho: 0.9,
                epsilon: 1e-7,
            },
            Self::Adam => OptimizerConfig::Adam {
                learning_rate: lr,
                beta_1: 0.9,
                beta_2: 0.999,
                epsilon: 1e-7,
            },
        }
    }

    /// Menu value.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::RmsProp => "rmsprop",
            Self::Adam => "adam",
        }
    }
}

/// Menu value of a task.
#[must_use]
pub fn task_code(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::NoisySine => "noisy_sine",
        TaskKind::Echo => "echo",
        TaskKind::BitSum => "bit_sum",
        TaskKind::Parity => "parity",
        TaskKind::CharModel => "char_model",
        TaskKind::Sentiment => "sentiment",
    }
}

/// Initializers of the menu, with their menu value.
pub const INITIALIZERS: [(InitScheme, &str); 3] = [
    (InitScheme::Keras, "keras"),
    (InitScheme::PyTorch, "pytorch"),
    (InitScheme::Uniform01, "uniform01"),
];

/// Epochs that the task's default settings need to reach their stated loss.
#[must_use]
pub fn default_epochs(kind: TaskKind) -> usize {
    match kind {
        TaskKind::NoisySine | TaskKind::Sentiment => 30,
        TaskKind::Echo | TaskKind::BitSum | TaskKind::CharModel => 40,
        TaskKind::Parity => 60,
    }
}

/// A field of the form that can hold a bad value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormField {
    /// Learning rate.
    LearningRate,
    /// Batch size.
    BatchSize,
    /// Epochs.
    Epochs,
    /// Hidden units.
    HiddenUnits,
    /// Clip norm (optional).
    ClipNorm,
    /// Truncation (optional).
    Truncation,
    /// Sequence length.
    Timesteps,
    /// Echo delay.
    EchoDelay,
    /// The example shown.
    Example,
    /// The character model's text.
    Text,
}

/// Why the text of a field is not a usable value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormError {
    /// Not a number at all.
    NotANumber,
    /// A number, but not greater than 0.
    NotPositive,
    /// Not a whole number in `min..=max`.
    WholeNumber {
        /// Smallest allowed.
        min: usize,
        /// Largest allowed.
        max: usize,
    },
    /// Not empty and not a whole number in `min..=max`.
    WholeOrEmpty {
        /// Smallest allowed.
        min: usize,
        /// Largest allowed.
        max: usize,
    },
    /// Not empty and not a number greater than 0.
    PositiveOrEmpty,
}

/// What is wrong with a field: its text, or what the trainer said about its value.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldProblem {
    /// The text does not parse or is out of range.
    Form(FormError),
    /// The trainer refused the value.
    Train(TrainError),
    /// One batch would hold the page too long ([`cost::PAGE`]).
    Cost(CostError),
}

/// Checks that one batch of every model `config` trains (two when `compare`) fits the
/// page's budget ([`cost::PAGE`]), before the trainer is built.
///
/// # Errors
/// [`CostError::TrainBatch`].
pub fn check_batch_cost(config: &TrainerConfig, compare: bool) -> Result<u64, CostError> {
    let kind = config.task.kind;
    let features = match kind {
        TaskKind::CharModel | TaskKind::Sentiment => crate::train::trainer::embedding_dim(kind),
        _ => 1,
    };
    let outputs = if kind == TaskKind::CharModel {
        let mut chars: Vec<char> = config.task.text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.len()
    } else {
        1
    };
    let directions: usize = if config.bidirectional { 2 } else { 1 };
    let (batch, timesteps, units) = (
        config.batch_size,
        config.task.timesteps,
        config.hidden_units,
    );
    let mut needed: u64 = 0;
    let mut width = features;
    for layer in 0..config.layers.max(1) {
        let head = if layer + 1 == config.layers.max(1) {
            outputs
        } else {
            0
        };
        let one = cost::train_batch_cost(config.cell, units, width, head, batch, timesteps);
        needed = needed.saturating_add(one.saturating_mul(directions as u64));
        width = units.saturating_mul(directions);
    }
    if compare {
        needed = needed.saturating_mul(2);
    }
    if needed > cost::PAGE.train_batch {
        return Err(CostError::TrainBatch {
            batch,
            timesteps,
            units,
            needed,
            limit: cost::PAGE.train_batch,
        });
    }
    Ok(needed)
}

/// The field a trainer error is about, if it is about one.
#[must_use]
pub fn field_of(error: &TrainError) -> Option<FormField> {
    match error {
        TrainError::TextTooShort { .. }
        | TrainError::TooFewCharacters { .. }
        | TrainError::UnknownCharacter { .. } => Some(FormField::Text),
        TrainError::EchoDelay { .. } => Some(FormField::EchoDelay),
        _ => None,
    }
}

/// The form as typed: raw text for the number fields, so a bad value stays visible.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "two independent checkboxes of the form"
)]
pub struct TrainForm {
    /// The task.
    pub task: TaskKind,
    /// Learning rate.
    pub learning_rate: String,
    /// Batch size.
    pub batch_size: String,
    /// Epochs of a run.
    pub epochs: String,
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// Hidden units.
    pub hidden_units: String,
    /// The initializer.
    pub init: InitScheme,
    /// Clip norm, empty for none.
    pub clip_norm: String,
    /// Truncation length, empty for full BPTT.
    pub truncation: String,
    /// Sequence length.
    pub timesteps: String,
    /// Echo delay.
    pub delay: String,
    /// The example shown (0-based).
    pub example: String,
    /// Character model text.
    pub text: String,
    /// Train a uniform [0, 1) twin next to the model.
    pub compare: bool,
    /// Loss on a log axis.
    pub log_loss: bool,
}

impl TrainForm {
    /// The form of `kind` with the settings that learn it ([`TrainerConfig::for_task`]).
    #[must_use]
    pub fn for_task(kind: TaskKind) -> Self {
        let config = TrainerConfig::for_task(kind);
        Self {
            task: kind,
            learning_rate: "0.01".into(),
            batch_size: config.batch_size.to_string(),
            epochs: default_epochs(kind).to_string(),
            optimizer: OptimizerKind::Adam,
            hidden_units: config.hidden_units.to_string(),
            init: config.init,
            clip_norm: String::new(),
            truncation: String::new(),
            timesteps: config.task.timesteps.to_string(),
            delay: config.task.delay.to_string(),
            example: "0".into(),
            text: config.task.text.clone(),
            compare: false,
            log_loss: false,
        }
    }

    /// The trainer settings, or every bad field with its reason.
    ///
    /// # Errors
    /// One `(field, reason)` per field that does not parse or is out of range.
    pub fn config(&self) -> Result<TrainerConfig, Vec<(FormField, FormError)>> {
        let mut errors = Vec::new();
        let mut config = TrainerConfig::for_task(self.task);
        let lr = positive(&self.learning_rate).unwrap_or_else(|e| {
            errors.push((FormField::LearningRate, e));
            0.01
        });
        config.optimizer = self.optimizer.config(lr);
        match whole(&self.batch_size, 1, MAX_BATCH) {
            Ok(b) => config.batch_size = b,
            Err(e) => errors.push((FormField::BatchSize, e)),
        }
        if let Err(e) = self.epochs() {
            errors.push((FormField::Epochs, e));
        }
        match whole(&self.hidden_units, 1, MAX_UNITS) {
            Ok(h) => config.hidden_units = h,
            Err(e) => errors.push((FormField::HiddenUnits, e)),
        }
        config.init = self.init;
        match optional(&self.clip_norm, positive, FormError::PositiveOrEmpty) {
            Ok(c) => config.clip_norm = c,
            Err(e) => errors.push((FormField::ClipNorm, e)),
        }
        let timesteps = match whole(&self.timesteps, 2, MAX_TIMESTEPS) {
            Ok(t) => {
                config.task.timesteps = t;
                t
            }
            Err(e) => {
                errors.push((FormField::Timesteps, e));
                config.task.timesteps
            }
        };
        match optional(
            &self.truncation,
            |t| whole(t, 1, timesteps),
            FormError::WholeOrEmpty {
                min: 1,
                max: timesteps,
            },
        ) {
            Ok(t) => config.truncation = t,
            Err(e) => errors.push((FormField::Truncation, e)),
        }
        if self.task == TaskKind::Echo {
            match whole(&self.delay, 1, timesteps.saturating_sub(1).max(1)) {
                Ok(d) => config.task.delay = d,
                Err(e) => errors.push((FormField::EchoDelay, e)),
            }
        }
        if self.task == TaskKind::CharModel {
            config.task.text.clone_from(&self.text);
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Epochs of a run.
    ///
    /// # Errors
    /// The reason for a bad value.
    pub fn epochs(&self) -> Result<usize, FormError> {
        whole(&self.epochs, 1, MAX_EPOCHS)
    }

    /// The example shown, below `examples`.
    ///
    /// # Errors
    /// The reason for a bad value.
    pub fn example(&self, examples: usize) -> Result<usize, FormError> {
        whole(&self.example, 0, examples.saturating_sub(1))
    }

    /// The learning rate as typed, if it is a usable one.
    #[must_use]
    pub fn learning_rate(&self) -> Option<f32> {
        positive(&self.learning_rate).ok()
    }
}

/// A number greater than 0.
fn positive(text: &str) -> Result<f32, FormError> {
    let value: f32 = text.trim().parse().map_err(|_| FormError::NotANumber)?;
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(FormError::NotPositive)
    }
}

/// A whole number in `min..=max`.
fn whole(text: &str, min: usize, max: usize) -> Result<usize, FormError> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or(FormError::WholeNumber { min, max })
}

/// Empty gives `None`; otherwise `parse`, with `error` for a bad value.
fn optional<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, FormError>,
    error: FormError,
) -> Result<Option<T>, FormError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some).map_err(|_| error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_fields_get_their_own_messages() {
        let mut form = TrainForm::for_task(TaskKind::Echo);
        assert!(form.config().is_ok());
        form.learning_rate = "fast".into();
        form.batch_size = "0".into();
        form.clip_norm = "-1".into();
        form.truncation = "99".into();
        form.delay = "10".into();
        let errors = form.config().unwrap_err();
        let fields: Vec<FormField> = errors.iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            vec![
                FormField::LearningRate,
                FormField::BatchSize,
                FormField::ClipNorm,
                FormField::Truncation,
                FormField::EchoDelay
            ]
        );
        assert_eq!(errors[0].1, FormError::NotANumber);
        assert_eq!(errors[1].1, FormError::WholeNumber { min: 1, max: 512 });
    }

    #[test]
    fn empty_optional_fields_mean_none() {
        let mut form = TrainForm::for_task(TaskKind::NoisySine);
        form.clip_norm = " ".into();
        form.truncation = String::new();
        form.optimizer = OptimizerKind::Sgd;
        form.learning_rate = "0.1".into();
        let config = form.config().unwrap();
        assert_eq!(config.clip_norm, None);
        assert_eq!(config.truncation, None);
        assert_eq!(
            config.optimizer,
            OptimizerConfig::Sgd {
                learning_rate: 0.1,
                momentum: 0.0
            }
        );
    }
}
