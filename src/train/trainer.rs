//! The training loop of the training view: a task's dataset, a model built for it,
//! seeded minibatches, per-epoch history, NaN/infinity stops that keep the last good
//! weights, spectral radii and text sampling.
//!
//! One call of [`Trainer::train_batch`] is one optimizer step, so the UI can slice work
//! per animation frame. Everything is deterministic for a seed: weights come from
//! [`Stack::init`] with [`TrainerConfig::seed`], the data from [`TaskSettings::seed`], and
//! epoch `e`'s shuffle from a [`Prng`] seeded by `(seed, e)`.

use ndarray::{Array2, Axis};
use serde::{Deserialize, Serialize};

use super::error::{Result, TrainError};
use super::loss::{loss_and_grad, Loss};
use super::network::{FlowLine, Network, Tape};
use super::optimizer::{Optimizer, OptimizerConfig};
use super::spectral::spectral_radius;
use super::task::{count, shuffle, token, Dataset, TaskInputs, TaskKind, TaskSettings};
use crate::rnn::init::splitmix64_mix;
use crate::rnn::{
    Activation, BidirectionalConfig, CellKind, DenseConfig, Direction, EmbeddingConfig, GruConfig,
    InitScheme, Input, Layer, LayerConfig, LstmConfig, MergeMode, Prng, RecurrentConfig,
    SimpleRnnConfig, Stack,
};

/// Most hidden units per recurrent layer.
pub const MAX_HIDDEN_UNITS: usize = 512;
/// Most recurrent layers.
pub const MAX_LAYERS: usize = 8;
/// Most characters [`Trainer::sample_text`] generates in one call.
pub const MAX_SAMPLE_LENGTH: usize = 10_000;

/// Everything that decides a training run: the task, the model, the optimizer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainerConfig {
    /// The dataset.
    pub task: TaskSettings,
    /// Units `H` of every recurrent layer (per direction).
    pub hidden_units: usize,
    /// Number of stacked recurrent layers.
    pub layers: usize,
    /// The recurrent layers' cell: `SimpleRNN` (the default), LSTM or GRU (Keras's
    /// defaults: sigmoid gates, forget bias 1, `reset_after`).
    pub cell: CellKind,
    /// Activation of the recurrent layers (a gated cell's candidate activation).
    pub activation: Activation,
    /// Wrap every recurrent layer in `Bidirectional` (merge mode concat).
    pub bidirectional: bool,
    /// How the weights are initialised.
    pub init: InitScheme,
    /// Seed of the weights and of the per-epoch shuffles.
    pub seed: u64,
    /// Optimizer and learning rate.
    pub optimizer: OptimizerConfig,
    /// Examples per optimizer step (the last batch of an epoch may be smaller).
    pub batch_size: usize,
    /// Clip the gradients' global norm to this value before each step.
    pub clip_norm: Option<f32>,
    /// Truncated BPTT: gradients flow back at most this many steps.
    pub truncation: Option<usize>,
}

impl Default for TrainerConfig {
    fn default() -> Self {
        Self::for_task(TaskKind::NoisySine)
    }
}

impl TrainerConfig {
    /// A model and settings that learn `kind`: the task's [`TaskSettings::default_for`]
    /// data, one tanh `SimpleRNN` layer (`cell` picks LSTM or GRU instead), Keras init, seed
    /// 0, Adam with learning rate 0.01,
    /// batch 16, no clipping, no truncation. `tests/train_tasks.rs` checks that the
    /// epoch's mean training loss (Keras-style running mean, before each step) reaches:
    ///
    /// | task       | model                                            | reaches within          | measured        |
    /// |------------|--------------------------------------------------|-------------------------|-----------------|
    /// | noisy sine | `SimpleRNN(16) → Dense(1)`                       | MSE < 0.025, 20 epochs  | 0.0166          |
    /// | echo       | `SimpleRNN(16) → Dense(1, sigmoid)`              | BCE < 0.05, acc 1, 10   | 0.0082, 1.0     |
    /// | bit sum    | `SimpleRNN(8) → Dense(1)`                        | MSE < 0.003, acc > 0.8, 40 | 0.00074, 0.953 |
    /// | parity     | `SimpleRNN(16) → Dense(1, sigmoid)`              | BCE < 0.15, acc 1, 40   | 0.0999, 1.0     |
    /// | char model | `Embedding(V, 16) → SimpleRNN(32) → Dense(V, softmax)` | CCE < 0.3, acc > 0.85, 20 | 0.213, 0.893 |
    /// | sentiment  | `Embedding(28, 8) → SimpleRNN(16) → Dense(1, sigmoid)` | BCE < 0.05, acc 1, 10 | 0.0156, 1.0   |
    #[must_use]
    pub fn for_task(kind: TaskKind) -> Self {
        let hidden_units = match kind {
            TaskKind::BitSum => 8,
            TaskKind::CharModel => 32,
            TaskKind::NoisySine | TaskKind::Echo | TaskKind::Parity | TaskKind::Sentiment => 16,
        };
        Self {
            task: TaskSettings::default_for(kind),
            hidden_units,
            layers: 1,
            cell: CellKind::SimpleRnn,
            activation: Activation::Tanh,
            bidirectional: false,
            init: InitScheme::Keras,
            seed: 0,
            optimizer: OptimizerConfig::Adam {
                learning_rate: 0.01,
                beta_1: 0.9,
                beta_2: 0.999,
                epsilon: 1e-7,
            },
            batch_size: 16,
            clip_norm: None,
            truncation: None,
        }
    }

    /// The layers of the model for a dataset: an Embedding `(V, E)` for token tasks
    /// (`E` = [`embedding_dim`]), `layers` recurrent layers of [`TrainerConfig::cell`] (or
    /// `Bidirectional` around them, concat) with `hidden_units`, each returning sequences
    /// except the last of a many-to-one task, and a Dense head as wide as the targets:
    /// linear for MSE, sigmoid for binary, softmax for categorical cross-entropy.
    #[must_use]
    pub fn layer_configs(&self, dataset: &Dataset) -> Vec<LayerConfig> {
        let mut configs = Vec::with_capacity(self.layers + 2);
        if let Some(vocab_size) = dataset.vocabulary_size() {
            configs.push(LayerConfig::Embedding(EmbeddingConfig {
                vocab_size,
                output_dim: embedding_dim(self.task.kind),
            }));
        }
        let per_step = dataset.targets.ndim() == 3;
        for l in 0..self.layers {
            let (units, activation) = (self.hidden_units, self.activation);
            let return_sequences = per_step || l + 1 < self.layers;
            let cell = match self.cell {
                CellKind::SimpleRnn => RecurrentConfig::SimpleRnn(SimpleRnnConfig {
                    units,
                    activation,
                    use_bias: true,
                    return_sequences,
                }),
                CellKind::Lstm => RecurrentConfig::Lstm(LstmConfig {
                    units,
                    activation,
                    return_sequences,
                    ..LstmConfig::default()
                }),
                CellKind::Gru => RecurrentConfig::Gru(GruConfig {
                    units,
                    activation,
                    return_sequences,
                    ..GruConfig::default()
                }),
            };
            configs.push(if self.bidirectional {
                LayerConfig::Bidirectional(BidirectionalConfig {
                    layer: cell,
                    merge_mode: MergeMode::Concat,
                })
            } else {
                match cell {
                    RecurrentConfig::SimpleRnn(c) => LayerConfig::SimpleRnn(c),
                    RecurrentConfig::Lstm(c) => LayerConfig::Lstm(c),
                    RecurrentConfig::Gru(c) => LayerConfig::Gru(c),
                }
            });
        }
        configs.push(LayerConfig::Dense(DenseConfig {
            units: dataset.output_units(),
            activation: match dataset.loss {
                Loss::MeanSquaredError => Activation::Linear,
                Loss::BinaryCrossentropy => Activation::Sigmoid,
                Loss::CategoricalCrossentropy => Activation::Softmax,
            },
            use_bias: true,
        }));
        configs
    }

    /// Checks the model and optimizer settings (the task's are checked by
    /// [`TaskSettings::dataset`]).
    ///
    /// # Errors
    /// [`TrainError::ZeroSetting`] / [`TrainError::SettingTooLarge`] for hidden units,
    /// layers, batch size; [`TrainError::BadNumber`] for a learning rate or clip norm that
    /// is not a positive finite number; [`TrainError::ZeroTruncation`].
    pub fn validate(&self) -> Result<()> {
        check_range("hidden units", self.hidden_units, MAX_HIDDEN_UNITS)?;
        check_range("layers", self.layers, MAX_LAYERS)?;
        check_range("batch size", self.batch_size, super::task::MAX_EXAMPLES)?;
        check_positive("learning rate", learning_rate(&self.optimizer))?;
        if let Some(c) = self.clip_norm {
            check_positive("clip norm", c)?;
        }
        if self.truncation == Some(0) {
            return Err(TrainError::ZeroTruncation);
        }
        Ok(())
    }
}

/// Embedding width `E` of a token task: 8 for the sentiment words (three word classes
/// need little room), 16 for characters.
#[must_use]
pub fn embedding_dim(kind: TaskKind) -> usize {
    match kind {
        TaskKind::Sentiment => 8,
        _ => 16,
    }
}

fn check_range(setting: &'static str, value: usize, max: usize) -> Result<()> {
    if value == 0 {
        Err(TrainError::ZeroSetting { setting })
    } else if value > max {
        Err(TrainError::SettingTooLarge {
            setting,
            value,
            max,
        })
    } else {
        Ok(())
    }
}

fn check_positive(setting: &'static str, value: f32) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(TrainError::BadNumber {
            setting,
            value,
            range: "a number greater than 0",
        })
    }
}

/// The learning rate of any optimizer configuration.
#[must_use]
pub fn learning_rate(config: &OptimizerConfig) -> f32 {
    match *config {
        OptimizerConfig::Sgd { learning_rate, .. }
        | OptimizerConfig::RmsProp { learning_rate, .. }
        | OptimizerConfig::Adam { learning_rate, .. } => learning_rate,
    }
}

/// `config` with another learning rate.
#[must_use]
pub fn with_learning_rate(config: OptimizerConfig, lr: f32) -> OptimizerConfig {
    config.with_learning_rate(lr)
}

/// What one optimizer step did.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchReport {
    /// The epoch the batch belongs to (0-based).
    pub epoch: usize,
    /// The batch's index within the epoch (0-based).
    pub batch: usize,
    /// The batch's loss before the step.
    pub loss: f32,
    /// Whether this batch was the epoch's last (a new [`EpochRecord`] was added).
    pub epoch_finished: bool,
}

/// One finished epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// The epoch (0-based).
    pub epoch: usize,
    /// Mean training loss over the epoch's batches, weighted by batch size (what Keras
    /// prints: each batch's loss before its step).
    pub loss: f32,
    /// Fraction of correct outputs over the epoch's batches (before each step), `None`
    /// for regression tasks.
    pub accuracy: Option<f32>,
    /// Spectral radius of every recurrent kernel at the end of the epoch (see
    /// [`Trainer::spectral_radii`]).
    pub spectral_radii: Vec<f32>,
}

/// Loss and accuracy of the current weights on the whole dataset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// The loss.
    pub loss: f32,
    /// Fraction of correct outputs, `None` for regression tasks.
    pub accuracy: Option<f32>,
}

/// Sums over the batches of the running epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Running {
    loss: f64,
    examples: usize,
    correct: usize,
    scored: usize,
}

/// A training run: the dataset, the network and optimizer state, and the history.
#[derive(Clone, Debug, PartialEq)]
pub struct Trainer {
    config: TrainerConfig,
    dataset: Dataset,
    network: Network,
    optimizer: Optimizer,
    /// Example order of the running epoch.
    order: Vec<usize>,
    /// Next batch within the running epoch.
    batch: usize,
    history: Vec<EpochRecord>,
    running: Running,
    /// Stack layer and direction of every tensor of [`Network::parameters`].
    parameter_owners: Vec<(usize, Option<Direction>)>,
}

impl Trainer {
    /// Generates the dataset, builds the model ([`TrainerConfig::layer_configs`]) with
    /// fresh weights and an optimizer, and shuffles epoch 0.
    ///
    /// # Errors
    /// As [`TrainerConfig::validate`] and [`TaskSettings::dataset`];
    /// [`TrainError::Rnn`] / [`TrainError::UnsupportedLayer`] if the model cannot be built.
    pub fn new(config: TrainerConfig) -> Result<Self> {
        config.validate()?;
        let dataset = config.task.dataset()?;
        let features = match &dataset.inputs {
            TaskInputs::Features(a) => a.len_of(Axis(2)),
            TaskInputs::Tokens(_) => 0,
        };
        let stack = Stack::init(
            features,
            &config.layer_configs(&dataset),
            config.init,
            config.seed,
        )?;
        let parameter_owners = parameter_owners(&stack);
        let network = Network::from_stack(&stack)?;
        let optimizer = Optimizer::new(config.optimizer, config.clip_norm);
        let order = epoch_order(config.seed, 0, dataset.examples());
        Ok(Self {
            config,
            dataset,
            network,
            optimizer,
            order,
            batch: 0,
            history: Vec::new(),
            running: Running::default(),
            parameter_owners,
        })
    }

    /// The settings.
    #[must_use]
    pub fn config(&self) -> &TrainerConfig {
        &self.config
    }

    /// The generated dataset.
    #[must_use]
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The network with its current weights.
    #[must_use]
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Completed epochs.
    #[must_use]
    pub fn epoch(&self) -> usize {
        self.history.len()
    }

    /// One record per completed epoch.
    #[must_use]
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// Optimizer steps per epoch: `ceil(examples / batch_size)`.
    #[must_use]
    pub fn batches_per_epoch(&self) -> usize {
        self.dataset
            .examples()
            .div_ceil(self.config.batch_size.max(1))
    }

    /// The next batch's index within the running epoch.
    #[must_use]
    pub fn next_batch(&self) -> usize {
        self.batch
    }

    /// Changes the learning rate from the next step on; the optimizer keeps its step count
    /// and moment estimates (as assigning Keras's `optimizer.learning_rate` does).
    ///
    /// # Errors
    /// [`TrainError::BadNumber`] unless `lr` is finite and positive.
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<()> {
        check_positive("learning rate", lr)?;
        self.config.optimizer = with_learning_rate(self.config.optimizer, lr);
        self.optimizer.set_learning_rate(lr);
        Ok(())
    }

    /// One optimizer step on the next minibatch of the running epoch (the examples
    /// `order[b·B .. (b+1)·B]` of this epoch's seeded shuffle). After the last batch the
    /// epoch's [`EpochRecord`] is added and the next epoch is shuffled.
    ///
    /// # Errors
    /// [`TrainError::NonFinite`] when the forward pass, the loss, a gradient or an updated
    /// weight is NaN or infinite: nothing is changed (weights, optimizer state, position
    /// in the epoch), so after lowering the learning rate or setting a clip norm the same
    /// batch is tried again. Other errors as [`Network::forward`], [`Network::backward`],
    /// [`Network::apply`].
    pub fn train_batch(&mut self) -> Result<BatchReport> {
        let n = self.dataset.examples();
        let size = self.config.batch_size.max(1);
        let start = (self.batch * size).min(n);
        let end = (start + size).min(n);
        let (inputs, targets) = self.dataset.rows(&self.order[start..end]);
        let tape = self.network.forward(inputs.view())?;
        if tape.prediction.view().iter().any(|v| !v.is_finite()) {
            return Err(self.forward_non_finite(&tape));
        }
        let grads = self.network.backward(
            &tape,
            self.dataset.loss,
            targets.view(),
            self.config.truncation,
        )?;
        if !grads.loss.is_finite() {
            return Err(self.non_finite(self.last_layer(), None, "loss", None));
        }
        if let Some(k) = grads
            .tensors()
            .iter()
            .position(|g| g.iter().any(|v| !v.is_finite()))
        {
            let (layer, direction) = self.owner(k);
            return Err(self.non_finite(layer, direction, "gradients", None));
        }
        let mut network = self.network.clone();
        let mut optimizer = self.optimizer.clone();
        network.apply(&mut optimizer, &grads)?;
        if let Some(k) = network
            .parameter_views()
            .iter()
            .position(|p| p.iter().any(|v| !v.is_finite()))
        {
            let (layer, direction) = self.owner(k);
            return Err(self.non_finite(layer, direction, "updated weights", None));
        }
        if let Some(acc) = self.dataset.accuracy {
            let (correct, total) = acc.count(tape.prediction.view(), targets.view())?;
            self.running.correct += correct;
            self.running.scored += total;
        }
        self.running.loss += f64::from(grads.loss) * f64::from(count(end - start));
        self.running.examples += end - start;
        self.network = network;
        self.optimizer = optimizer;
        let report = BatchReport {
            epoch: self.epoch(),
            batch: self.batch,
            loss: grads.loss,
            epoch_finished: self.batch + 1 >= self.batches_per_epoch(),
        };
        self.batch += 1;
        if report.epoch_finished {
            self.finish_epoch();
        }
        Ok(report)
    }

    /// Trains the rest of the running epoch and returns its record.
    ///
    /// # Errors
    /// As [`Trainer::train_batch`]; batches before the failing one stay applied.
    pub fn train_epoch(&mut self) -> Result<EpochRecord> {
        loop {
            if self.train_batch()?.epoch_finished {
                break;
            }
        }
        self.history.last().cloned().ok_or(TrainError::ZeroSetting {
            setting: "examples",
        })
    }

    fn finish_epoch(&mut self) {
        let r = self.running;
        let record = EpochRecord {
            epoch: self.history.len(),
            loss: narrow(r.loss / f64::from(count(r.examples.max(1)))),
            accuracy: self
                .dataset
                .accuracy
                .map(|_| count(r.correct) / count(r.scored.max(1))),
            spectral_radii: self.spectral_radii(),
        };
        self.history.push(record);
        self.running = Running::default();
        self.batch = 0;
        self.order = epoch_order(
            self.config.seed,
            self.history.len(),
            self.dataset.examples(),
        );
    }

    /// Loss and accuracy of the current weights on the whole dataset (no step).
    ///
    /// # Errors
    /// As [`Network::forward`] and [`loss_and_grad`].
    pub fn evaluate(&self) -> Result<Evaluation> {
        let tape = self.network.forward(self.dataset.inputs.view())?;
        let lg = loss_and_grad(
            self.dataset.loss,
            tape.prediction.view(),
            self.dataset.targets.view(),
        )?;
        let accuracy = match self.dataset.accuracy {
            Some(acc) => {
                let (correct, total) =
                    acc.count(tape.prediction.view(), self.dataset.targets.view())?;
                Some(count(correct) / count(total.max(1)))
            }
            None => None,
        };
        Ok(Evaluation {
            loss: lg.value,
            accuracy,
        })
    }

    /// The current weights as an engine [`Stack`] (for the step-through view).
    ///
    /// # Errors
    /// As [`Stack::new`].
    pub fn stack(&self) -> Result<Stack> {
        self.network.to_stack()
    }

    /// The gradient flow through time for one example with the current weights:
    /// `‖∂L/∂h_t‖` at every step of every recurrent cell (see [`FlowLine`]), the loss
    /// being that example's alone. Nothing is updated.
    ///
    /// # Errors
    /// [`TrainError::ExampleOutOfRange`]; as [`Network::forward`] and
    /// [`Network::backward`].
    pub fn gradient_flow(&self, example: usize) -> Result<Vec<FlowLine>> {
        let examples = self.dataset.examples();
        if example >= examples {
            return Err(TrainError::ExampleOutOfRange {
                index: example,
                examples,
            });
        }
        let (inputs, targets) = self.dataset.rows(&[example]);
        let tape = self.network.forward(inputs.view())?;
        let grads = self.network.backward(
            &tape,
            self.dataset.loss,
            targets.view(),
            self.config.truncation,
        )?;
        Ok(grads.flow)
    }

    /// Spectral radius `ρ(W_hh) = max |λ_i|` of every recurrent kernel with the current
    /// weights, in stack order (forward before backward), see
    /// [`super::spectral::spectral_radius`]. For LSTM and GRU cells `W_hh` is the candidate's
    /// square block (`U_c`, `U_h`; see [`Network::recurrent_kernels`]).
    #[must_use]
    pub fn spectral_radii(&self) -> Vec<f32> {
        self.network
            .recurrent_kernels()
            .iter()
            .map(|(_, _, kernel)| spectral_radius(kernel.view()))
            .collect()
    }

    /// Continues `prompt` by `length` characters sampled from the character model:
    /// each next character is drawn from `p_i ∝ p_i^(1/temperature)` (= softmax of the
    /// logits divided by the temperature), given the last `timesteps` characters,
    /// by a [`Prng`] seeded with `seed`. An empty prompt starts from the training text's
    /// first character. Returns the prompt followed by the sampled characters.
    ///
    /// # Errors
    /// [`TrainError::NotCharModel`] for other tasks; [`TrainError::UnknownCharacter`] for a
    /// prompt character not in the text; [`TrainError::BadNumber`] unless the temperature
    /// is finite and positive; [`TrainError::SettingTooLarge`] beyond
    /// [`MAX_SAMPLE_LENGTH`]; as [`Network::forward`].
    pub fn sample_text(
        &self,
        prompt: &str,
        length: usize,
        temperature: f32,
        seed: u64,
    ) -> Result<String> {
        let (Some(vocabulary), TaskKind::CharModel) =
            (&self.dataset.vocabulary, self.config.task.kind)
        else {
            return Err(TrainError::NotCharModel);
        };
        check_positive("temperature", temperature)?;
        if length > MAX_SAMPLE_LENGTH {
            return Err(TrainError::SettingTooLarge {
                setting: "sample length",
                value: length,
                max: MAX_SAMPLE_LENGTH,
            });
        }
        let id_of = |c: char| {
            vocabulary
                .binary_search(&c)
                .map_err(|_| TrainError::UnknownCharacter { character: c })
        };
        let mut text: String = if prompt.is_empty() {
            self.config.task.text.chars().take(1).collect()
        } else {
            prompt.to_owned()
        };
        let mut ids: Vec<usize> = text.chars().map(id_of).collect::<Result<_>>()?;
        let window = self.config.task.timesteps.max(1);
        let mut rng = Prng::new(splitmix64_mix(seed ^ SAMPLE_SALT));
        for _ in 0..length {
            let context = &ids[ids.len().saturating_sub(window)..];
            let tokens = Array2::from_shape_fn((1, context.len()), |(_, t)| token(context[t]));
            let tape = self.network.forward(Input::Tokens(tokens.view()))?;
            let probs: Vec<f32> = match tape.prediction.as_sequence() {
                Some(p) => p
                    .slice(ndarray::s![0, context.len() - 1, ..])
                    .iter()
                    .copied()
                    .collect(),
                None => return Err(TrainError::NotCharModel),
            };
            let next = sample(&probs, f64::from(temperature), &mut rng);
            ids.push(next);
            text.push(vocabulary.get(next).copied().unwrap_or(' '));
        }
        Ok(text)
    }

    fn last_layer(&self) -> usize {
        self.parameter_owners.last().map_or(0, |o| o.0)
    }

    fn owner(&self, tensor: usize) -> (usize, Option<Direction>) {
        self.parameter_owners
            .get(tensor)
            .copied()
            .unwrap_or((self.last_layer(), None))
    }

    fn non_finite(
        &self,
        layer: usize,
        direction: Option<Direction>,
        what: &'static str,
        timestep: Option<usize>,
    ) -> TrainError {
        TrainError::NonFinite {
            layer,
            direction,
            what,
            timestep,
            epoch: self.epoch(),
            batch: self.batch,
        }
    }

    /// Locates the first non-finite value of a forward pass (the engine's check).
    fn forward_non_finite(&self, tape: &Tape) -> TrainError {
        match tape.outputs.check_finite() {
            Some(nf) => {
                let what = if nf.direction.is_some() {
                    "hidden states"
                } else {
                    "output"
                };
                self.non_finite(nf.layer, nf.direction, what, nf.timestep)
            }
            None => self.non_finite(self.last_layer(), None, "output", None),
        }
    }
}

/// An f64 mean stored as f32.
#[allow(
    clippy::cast_possible_truncation,
    reason = "sums are kept in f64 and reported in the model's f32"
)]
fn narrow(v: f64) -> f32 {
    v as f32
}

/// Salt of the per-epoch shuffle generators.
const SHUFFLE_SALT: u64 = 0x5_4FF1_E000_0000;
/// Salt of the text sampling generator.
const SAMPLE_SALT: u64 = 0x5A3F_1E00_0000_0001;

/// Epoch `epoch`'s example order: `0..n` shuffled by a [`Prng`] seeded with
/// `mix(seed ^ mix(SALT + epoch))`.
#[must_use]
pub fn epoch_order(seed: u64, epoch: usize, n: usize) -> Vec<usize> {
    let mut rng = Prng::new(splitmix64_mix(
        seed ^ splitmix64_mix(SHUFFLE_SALT.wrapping_add(epoch as u64)),
    ));
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut rng, &mut order);
    order
}

/// Draws an index from `weights_i = exp((ln p_i - ln p_max) / temperature)` (computed
/// with [`crate::rnn::init::ln`] and [`exp`], so the draw is the same on every platform).
fn sample(probs: &[f32], temperature: f64, rng: &mut Prng) -> usize {
    let logs: Vec<f64> = probs
        .iter()
        .map(|&p| crate::rnn::init::ln(f64::from(p.max(1e-30))))
        .collect();
    let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logs.iter().map(|l| exp((l - max) / temperature)).collect();
    let total: f64 = weights.iter().sum();
    let mut u = rng.next_f64() * total;
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
}

/// `e^x` using only `+ - * /` (identical on every platform): `x = k ln 2 + r` with
/// `|r| ≤ ln 2 / 2`, `e^r` by its Taylor series to `r¹⁶`, times `2^k`. 0 below -700.
#[must_use]
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < -700.0 {
        return 0.0;
    }
    if x > 700.0 {
        return f64::INFINITY;
    }
    let k = (x / std::f64::consts::LN_2 + 0.5).floor();
    let r = x - k * std::f64::consts::LN_2;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=16 {
        term *= r / f64::from(n);
        sum += term;
    }
    // |k| <= 1010 here, so two factors of 2^(k/2) stay in range.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "k is an integer in -1010..=1010"
    )]
    let k = k as i32;
    sum * pow2(k / 2) * pow2(k - k / 2)
}

/// `2^k` for `-1022 <= k <= 1023` (exact, from the bits).
fn pow2(k: i32) -> f64 {
    let biased = u64::try_from(k + 1023).unwrap_or(0).min(2046);
    f64::from_bits(biased << 52)
}

/// Stack layer and direction of every tensor in Keras `get_weights()` order.
fn parameter_owners(stack: &Stack) -> Vec<(usize, Option<Direction>)> {
    let mut out = Vec::new();
    for (i, layer) in stack.layers().iter().enumerate() {
        match layer {
            Layer::Embedding(_) => out.push((i, None)),
            Layer::SimpleRnn(_) | Layer::Lstm(_) | Layer::Gru(_) => {
                let count = layer
                    .recurrent(Direction::Forward)
                    .map_or(0, |cell| cell.config().tensor_count());
                out.extend(std::iter::repeat_n((i, Some(Direction::Forward)), count));
            }
            Layer::Bidirectional(l) => {
                let count = l.config().layer.tensor_count();
                out.extend(std::iter::repeat_n((i, Some(Direction::Forward)), count));
                out.extend(std::iter::repeat_n((i, Some(Direction::Backward)), count));
            }
            Layer::Dense(l) => {
                let count = 1 + usize::from(l.config().use_bias);
                out.extend(std::iter::repeat_n((i, None), count));
            }
        }
    }
    out
}
