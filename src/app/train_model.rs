//! The pure side of the training view: the form's fields parsed into a
//! [`TrainerConfig`] (each bad field gets its own message), a trained [`Stack`] turned
//! into the visualizer's model and weights, and training errors turned into words.
//! No yew or web-sys here, so it is tested natively.

use ndarray::Axis;

use crate::model::{InputSpec, LayerWeights, ModelSpec};
use crate::rnn::{Direction, InitScheme, Layer, Stack};
use crate::train::{OptimizerConfig, TaskInputs, TaskKind, TrainError, TrainerConfig};

use super::i18n::Lang;
use super::inputs::{format_manual, InputSource};
use super::train_text::{fill, TrainText};

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
    /// RMSprop with Keras' defaults.
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

    /// Its name in the menu.
    #[must_use]
    pub fn label(self) -> TrainText {
        match self {
            Self::Sgd => TrainText::Sgd,
            Self::RmsProp => TrainText::RmsProp,
            Self::Adam => TrainText::Adam,
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

/// The name of a task in the menu.
#[must_use]
pub fn task_label(kind: TaskKind) -> TrainText {
    match kind {
        TaskKind::NoisySine => TrainText::TaskNoisySine,
        TaskKind::Echo => TrainText::TaskEcho,
        TaskKind::BitSum => TrainText::TaskBitSum,
        TaskKind::Parity => TrainText::TaskParity,
        TaskKind::CharModel => TrainText::TaskCharModel,
        TaskKind::Sentiment => TrainText::TaskSentiment,
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

/// Initializers of the menu, with their menu value and name.
pub const INITIALIZERS: [(InitScheme, &str, TrainText); 3] = [
    (InitScheme::Keras, "keras", TrainText::InitKeras),
    (InitScheme::PyTorch, "pytorch", TrainText::InitPytorch),
    (InitScheme::Uniform01, "uniform01", TrainText::InitUniform),
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

/// The form as typed: raw text for the number fields, so a bad value stays visible.
#[derive(Clone, Debug, PartialEq)]
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

    /// The trainer settings, or every bad field with its message (in `lang`).
    ///
    /// # Errors
    /// One `(field, message)` per field that does not parse or is out of range.
    pub fn config(&self, lang: Lang) -> Result<TrainerConfig, Vec<(FormField, String)>> {
        let mut errors = Vec::new();
        let mut config = TrainerConfig::for_task(self.task);
        let lr = positive(&self.learning_rate, lang).unwrap_or_else(|e| {
            errors.push((FormField::LearningRate, e));
            0.01
        });
        config.optimizer = self.optimizer.config(lr);
        match whole(&self.batch_size, 1, MAX_BATCH, lang) {
            Ok(b) => config.batch_size = b,
            Err(e) => errors.push((FormField::BatchSize, e)),
        }
        if let Err(e) = self.epochs(lang) {
            errors.push((FormField::Epochs, e));
        }
        match whole(&self.hidden_units, 1, MAX_UNITS, lang) {
            Ok(h) => config.hidden_units = h,
            Err(e) => errors.push((FormField::HiddenUnits, e)),
        }
        config.init = self.init;
        match optional(
            &self.clip_norm,
            |t| positive(t, lang),
            || TrainText::PositiveOrEmpty.text(lang).to_owned(),
        ) {
            Ok(c) => config.clip_norm = c,
            Err(e) => errors.push((FormField::ClipNorm, e)),
        }
        let timesteps = match whole(&self.timesteps, 2, MAX_TIMESTEPS, lang) {
            Ok(t) => {
                config.task.timesteps = t;
                t
            }
            Err(e) => {
                errors.push((FormField::Timesteps, e));
                config.task.timesteps
            }
        };
        let range = |min: usize, max: usize| {
            fill(
                TrainText::WholeOrEmpty.text(lang),
                &[("min", min.to_string()), ("max", max.to_string())],
            )
        };
        match optional(
            &self.truncation,
            |t| whole(t, 1, timesteps, lang),
            || range(1, timesteps),
        ) {
            Ok(t) => config.truncation = t,
            Err(e) => errors.push((FormField::Truncation, e)),
        }
        if self.task == TaskKind::Echo {
            match whole(&self.delay, 1, timesteps.saturating_sub(1).max(1), lang) {
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
    /// The message for a bad value.
    pub fn epochs(&self, lang: Lang) -> Result<usize, String> {
        whole(&self.epochs, 1, MAX_EPOCHS, lang)
    }

    /// The example shown, below `examples`.
    ///
    /// # Errors
    /// The message for a bad value.
    pub fn example(&self, examples: usize, lang: Lang) -> Result<usize, String> {
        whole(&self.example, 0, examples.saturating_sub(1), lang)
    }
}

/// A number greater than 0.
fn positive(text: &str, lang: Lang) -> Result<f32, String> {
    let value: f32 = text
        .trim()
        .parse()
        .map_err(|_| TrainText::NotANumber.text(lang).to_owned())?;
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(TrainText::NotPositive.text(lang).to_owned())
    }
}

/// A whole number in `min..=max`.
fn whole(text: &str, min: usize, max: usize, lang: Lang) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| {
            fill(
                TrainText::WholeNumber.text(lang),
                &[("min", min.to_string()), ("max", max.to_string())],
            )
        })
}

/// Empty gives `None`; otherwise `parse`, with `message` for a bad value.
fn optional<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    message: impl Fn() -> String,
) -> Result<Option<T>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some).map_err(|_| message())
    }
}

/// The display name of recurrent cell `(layer, direction)`: "layer 2 ←"; `layer` is
/// the recurrent layer's 0-based number among the recurrent layers.
#[must_use]
pub fn cell_name(layer: usize, direction: Option<Direction>, lang: Lang) -> String {
    let name = fill(
        TrainText::LayerName.text(lang),
        &[("n", (layer + 1).to_string())],
    );
    match direction {
        None => name,
        Some(Direction::Forward) => format!("{name} {}", TrainText::Forward.text(lang)),
        Some(Direction::Backward) => format!("{name} {}", TrainText::Backward.text(lang)),
    }
}

/// The number of the recurrent layer at `stack_index` among the recurrent layers
/// (the embedding in front is not counted).
#[must_use]
pub fn recurrent_number(stack: &Stack, stack_index: usize) -> usize {
    stack
        .layers()
        .iter()
        .take(stack_index)
        .filter(|l| matches!(l, Layer::SimpleRnn(_) | Layer::Bidirectional(_)))
        .count()
}

/// Why training stopped or could not start, in words; and which field it is about.
#[must_use]
pub fn error_words(
    error: &TrainError,
    stack: Option<&Stack>,
    learning_rate: f32,
    compared: bool,
    lang: Lang,
) -> (Option<FormField>, String) {
    match error {
        TrainError::NonFinite {
            layer,
            direction,
            what,
            timestep,
            epoch,
            batch,
        } => {
            let what_text = match *what {
                "hidden states" => TrainText::WhatHiddenStates,
                "output" => TrainText::WhatOutput,
                "loss" => TrainText::WhatLoss,
                "gradients" => TrainText::WhatGradients,
                _ => TrainText::WhatWeights,
            };
            let is_recurrent = stack
                .and_then(|s| s.layers().get(*layer))
                .is_some_and(|l| matches!(l, Layer::SimpleRnn(_) | Layer::Bidirectional(_)));
            let mut layer_name = if is_recurrent {
                let number = stack.map_or(*layer, |s| recurrent_number(s, *layer));
                cell_name(number, *direction, lang)
            } else {
                match stack.and_then(|s| s.layers().get(*layer)) {
                    Some(Layer::Dense(_)) => "Dense".to_owned(),
                    Some(Layer::Embedding(_)) => "Embedding".to_owned(),
                    _ => cell_name(*layer, *direction, lang),
                }
            };
            if let Some(t) = timestep {
                layer_name = format!(
                    "{layer_name}, {}",
                    fill(TrainText::AtTimestep.text(lang), &[("t", t.to_string())])
                );
            }
            let template = if compared {
                TrainText::NonFiniteCompared
            } else {
                TrainText::NonFinite
            };
            let stopped = fill(
                template.text(lang),
                &[
                    ("what", what_text.text(lang).to_owned()),
                    ("layer", layer_name),
                    ("epoch", (epoch + 1).to_string()),
                    ("batch", (batch + 1).to_string()),
                ],
            );
            // A rate that usually trains these tasks, or a tenth of one already below it.
            let lower = if learning_rate > 0.01 {
                0.01
            } else {
                learning_rate / 10.0
            };
            let advice = fill(
                TrainText::TryLowerRate.text(lang),
                &[("lr", format!("{lower}"))],
            );
            (None, format!("{stopped} {advice}"))
        }
        TrainError::TextTooShort { characters, needed } => (
            Some(FormField::Text),
            fill(
                TrainText::TextTooShort.text(lang),
                &[
                    ("n", characters.to_string()),
                    ("needed", needed.to_string()),
                ],
            ),
        ),
        TrainError::TooFewCharacters { .. } => (
            Some(FormField::Text),
            TrainText::TooFewCharacters.text(lang).to_owned(),
        ),
        TrainError::UnknownCharacter { character } => (
            Some(FormField::Text),
            fill(
                TrainText::UnknownCharacter.text(lang),
                &[("c", format!("\"{character}\""))],
            ),
        ),
        TrainError::EchoDelay { .. } => (
            Some(FormField::EchoDelay),
            TrainText::EchoDelayTooLong.text(lang).to_owned(),
        ),
        TrainError::SettingTooLarge {
            setting,
            value,
            max,
        } => (
            None,
            fill(
                TrainText::TooLarge.text(lang),
                &[
                    ("setting", (*setting).to_owned()),
                    ("value", value.to_string()),
                    ("max", max.to_string()),
                ],
            ),
        ),
        other => (
            None,
            fill(
                TrainText::CannotTrain.text(lang),
                &[("reason", other.to_string())],
            ),
        ),
    }
}

/// A trained stack as the visualizer's model and explicit weights (Keras layout), with
/// `timesteps` steps, and the input that shows `example` of the dataset: its numbers
/// typed in for feature tasks, seeded random tokens for token tasks (the visualizer's
/// sentences use their own word ids).
#[must_use]
pub fn visualizer_model(
    stack: &Stack,
    inputs: &TaskInputs,
    example: usize,
) -> (ModelSpec, Vec<LayerWeights>, InputSource) {
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    // A trained stack only holds layers a document can write (the trainer's recurrent
    // activations are never softmax), so no layer is left out here.
    for (spec, w) in stack
        .layers()
        .iter()
        .filter_map(crate::model::document_layer)
    {
        layers.push(spec);
        weights.push(w);
    }
    let (timesteps, features, source) = match inputs {
        TaskInputs::Features(x) => {
            let example = example.min(x.len_of(Axis(0)).saturating_sub(1));
            let values = x.index_axis(Axis(0), example).to_owned();
            (
                x.len_of(Axis(1)),
                Some(x.len_of(Axis(2))),
                InputSource::Manual(format_manual(&values)),
            )
        }
        TaskInputs::Tokens(t) => (t.len_of(Axis(1)), None, InputSource::Random),
    };
    let model = ModelSpec {
        name: None,
        input: InputSpec {
            timesteps: Some(timesteps),
            features,
            batch: None,
        },
        layers,
    };
    (model, weights, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_fields_get_their_own_messages() {
        let mut form = TrainForm::for_task(TaskKind::Echo);
        assert!(form.config(Lang::En).is_ok());
        form.learning_rate = "fast".into();
        form.batch_size = "0".into();
        form.clip_norm = "-1".into();
        form.truncation = "99".into();
        form.delay = "10".into();
        let errors = form.config(Lang::En).unwrap_err();
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
        assert_eq!(errors[0].1, "Type a number.");
    }

    #[test]
    fn empty_optional_fields_mean_none() {
        let mut form = TrainForm::for_task(TaskKind::NoisySine);
        form.clip_norm = " ".into();
        form.truncation = String::new();
        form.optimizer = OptimizerKind::Sgd;
        form.learning_rate = "0.1".into();
        let config = form.config(Lang::Ko).unwrap();
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

    #[test]
    fn cell_names_count_recurrent_layers() {
        assert_eq!(cell_name(0, None, Lang::En), "layer 1");
        assert_eq!(cell_name(1, Some(Direction::Backward), Lang::Ko), "2층 ←");
    }
}
