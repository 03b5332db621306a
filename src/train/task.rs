//! Built-in training tasks: small seeded datasets generated in the browser (noisy sine,
//! echo, bit sum, parity, a character model on a typed text, tiny sentiment).
//!
//! Every dataset is a pure function of its [`TaskSettings`] (the seed included): the
//! generators use [`Prng`] and only `+ - * /` (the sine is computed here, not by the
//! platform's libm), so a seed gives the same data natively and in wasm32.

use ndarray::{Array2, Array3, ArrayD, ArrayViewD, Axis};
use serde::{Deserialize, Serialize};

use super::error::{Result, TrainError};
use super::loss::Loss;
use crate::rnn::init::splitmix64_mix;
use crate::rnn::{InputBatch, Prng};

/// Longest sequence a task generates.
pub const MAX_TIMESTEPS: usize = 512;
/// Most examples a task generates.
pub const MAX_EXAMPLES: usize = 20_000;
/// Most characters of a character model's text.
pub const MAX_TEXT_CHARACTERS: usize = 20_000;
/// Most distinct characters of a character model's text (its vocabulary).
pub const MAX_VOCABULARY: usize = 256;
/// Most numbers in one dataset's inputs or targets (`examples × timesteps × width`).
pub const MAX_DATASET_VALUES: usize = 4_000_000;
/// Largest standard deviation of the sine's noise.
pub const MAX_NOISE: f32 = 10.0;

/// The sentiment task's vocabulary: token id = index. Ids `0..12` are neutral, `12..20`
/// positive, `20..28` negative.
pub const SENTIMENT_WORDS: [&str; 28] = [
    "the",
    "movie",
    "film",
    "was",
    "is",
    "a",
    "story",
    "plot",
    "actor",
    "it",
    "very",
    "and",
    "good",
    "great",
    "fun",
    "love",
    "nice",
    "happy",
    "best",
    "wonderful", //
    "bad",
    "awful",
    "boring",
    "hate",
    "poor",
    "sad",
    "worst",
    "terrible",
];
const NEUTRAL: std::ops::Range<usize> = 0..12;
const POSITIVE: std::ops::Range<usize> = 12..20;
const NEGATIVE: std::ops::Range<usize> = 20..28;

/// The character model's default text.
pub const DEFAULT_TEXT: &str = "the cat sat on the mat. the dog sat on the log. \
the cat saw the dog. the dog saw the cat on the mat. ";

/// Which built-in task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Predict the next value of a noisy sine at every step (many-to-many, MSE).
    NoisySine,
    /// Output the input bit from `delay` steps ago at every step (many-to-many, binary
    /// cross-entropy); the first `delay` steps target 0.
    Echo,
    /// The number of ones in a bit sequence divided by its length (many-to-one, MSE).
    BitSum,
    /// Whether a bit sequence holds an odd number of ones (many-to-one, binary
    /// cross-entropy).
    Parity,
    /// The next character of a typed text at every step (`Embedding → SimpleRNN → Dense`
    /// softmax, categorical cross-entropy).
    CharModel,
    /// Whether a sequence of words is positive or negative (`Embedding → SimpleRNN →
    /// Dense(1, sigmoid)`, binary cross-entropy).
    Sentiment,
}

impl TaskKind {
    /// Every task, in menu order.
    pub const ALL: [Self; 6] = [
        Self::NoisySine,
        Self::Echo,
        Self::BitSum,
        Self::Parity,
        Self::CharModel,
        Self::Sentiment,
    ];

    /// Whether the inputs are token ids (the model starts with an Embedding).
    #[must_use]
    pub fn takes_tokens(self) -> bool {
        matches!(self, Self::CharModel | Self::Sentiment)
    }

    /// Whether there is a target at every step (many-to-many) rather than one per
    /// sequence (many-to-one).
    #[must_use]
    pub fn per_step_targets(self) -> bool {
        matches!(self, Self::NoisySine | Self::Echo | Self::CharModel)
    }

    /// The loss the task is trained with.
    #[must_use]
    pub fn loss(self) -> Loss {
        match self {
            Self::NoisySine | Self::BitSum => Loss::MeanSquaredError,
            Self::Echo | Self::Parity | Self::Sentiment => Loss::BinaryCrossentropy,
            Self::CharModel => Loss::CategoricalCrossentropy,
        }
    }
}

/// The settings of a task's dataset. Fields a task does not use are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskSettings {
    /// Which task.
    pub kind: TaskKind,
    /// Sequence length `T`.
    pub timesteps: usize,
    /// Number of sequences `N`.
    pub examples: usize,
    /// Echo: the output repeats the input from `delay` steps ago (`delay < timesteps`).
    pub delay: usize,
    /// Noisy sine: standard deviation of the Gaussian noise added to the inputs.
    pub noise: f32,
    /// Character model: the text to learn (at least `timesteps + 1` characters, two
    /// different ones).
    pub text: String,
    /// Seed of the data generator.
    pub seed: u64,
}

impl Default for TaskSettings {
    fn default() -> Self {
        Self::default_for(TaskKind::NoisySine)
    }
}

impl TaskSettings {
    /// Small settings that train in seconds:
    ///
    /// | task        | timesteps | examples | other                |
    /// |-------------|-----------|----------|----------------------|
    /// | noisy sine  | 20        | 128      | noise 0.05           |
    /// | echo        | 10        | 128      | delay 2              |
    /// | bit sum     | 10        | 128      |                      |
    /// | parity      | 4         | 128      |                      |
    /// | char model  | 10        | 128      | text [`DEFAULT_TEXT`] |
    /// | sentiment   | 6         | 128      |                      |
    ///
    /// Seed 0.
    #[must_use]
    pub fn default_for(kind: TaskKind) -> Self {
        let mut s = Self {
            kind,
            timesteps: 10,
            examples: 128,
            delay: 2,
            noise: 0.05,
            text: String::new(),
            seed: 0,
        };
        match kind {
            TaskKind::NoisySine => s.timesteps = 20,
            TaskKind::Parity => s.timesteps = 4,
            TaskKind::Sentiment => s.timesteps = 6,
            TaskKind::CharModel => DEFAULT_TEXT.clone_into(&mut s.text),
            TaskKind::Echo | TaskKind::BitSum => {}
        }
        s
    }

    /// Generates the dataset (see [`TaskKind`] for each task's inputs and targets).
    ///
    /// # Errors
    /// [`TrainError::ZeroSetting`] for 0 timesteps or examples,
    /// [`TrainError::SettingTooLarge`] beyond [`MAX_TIMESTEPS`], [`MAX_EXAMPLES`],
    /// [`MAX_TEXT_CHARACTERS`], [`MAX_VOCABULARY`], [`MAX_DATASET_VALUES`];
    /// [`TrainError::EchoDelay`] for `delay >= timesteps` (echo);
    /// [`TrainError::BadNumber`] for a noise that is negative, NaN or above
    /// [`MAX_NOISE`] (sine); [`TrainError::TextTooShort`], [`TrainError::TooFewCharacters`]
    /// (char model).
    pub fn dataset(&self) -> Result<Dataset> {
        check_size("timesteps", self.timesteps, MAX_TIMESTEPS)?;
        check_size("examples", self.examples, MAX_EXAMPLES)?;
        let (n, t) = (self.examples, self.timesteps);
        let mut rng = Prng::new(splitmix64_mix(self.seed ^ DATA_SALT));
        match self.kind {
            TaskKind::NoisySine => {
                if !(0.0..=MAX_NOISE).contains(&self.noise) {
                    return Err(TrainError::BadNumber {
                        setting: "noise",
                        value: self.noise,
                        range: "between 0 and 10",
                    });
                }
                Ok(noisy_sine(&mut rng, n, t, self.noise))
            }
            TaskKind::Echo => {
                if self.delay >= t {
                    return Err(TrainError::EchoDelay {
                        delay: self.delay,
                        timesteps: t,
                    });
                }
                Ok(echo(&mut rng, n, t, self.delay))
            }
            TaskKind::BitSum => Ok(bit_sum(&mut rng, n, t)),
            TaskKind::Parity => Ok(parity(&mut rng, n, t)),
            TaskKind::CharModel => char_model(&mut rng, n, t, &self.text),
            TaskKind::Sentiment => Ok(sentiment(&mut rng, n, t)),
        }
    }
}

/// Mixed into the data seed so data and weights never share a generator.
const DATA_SALT: u64 = 0xDA7A_5EED_0000_0001;

fn check_size(setting: &'static str, value: usize, max: usize) -> Result<()> {
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

/// How predictions are scored against targets (element-wise rows of the last axis).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accuracy {
    /// Every output is a probability: correct when `(y ≥ 0.5) == (t ≥ 0.5)`.
    Binary,
    /// Every row of the last axis is a distribution: correct when `argmax y == argmax t`.
    Categorical,
    /// Regression onto multiples of `1/scale`: correct when
    /// `round(y · scale) == round(t · scale)` (bit sum: the count of ones).
    Rounded {
        /// The multiplier (the sequence length for the bit sum).
        scale: f32,
    },
}

impl Accuracy {
    /// `(correct, total)` for `predictions` and `targets` of the same shape
    /// `[batch, U]` or `[batch, T, U]`; rows of the last axis for `Categorical`, single
    /// values otherwise.
    ///
    /// # Errors
    /// [`TrainError::Shape`] when the shapes differ.
    #[allow(
        clippy::needless_pass_by_value,
        reason = "views are cheap handles, passed by value like ndarray's own functions"
    )]
    pub fn count(
        self,
        predictions: ArrayViewD<'_, f32>,
        targets: ArrayViewD<'_, f32>,
    ) -> Result<(usize, usize)> {
        super::error::check_shape("targets", predictions.shape(), targets.shape())?;
        let pairs = predictions.iter().zip(targets.iter());
        Ok(match self {
            Self::Binary => (
                pairs.filter(|(&y, &t)| (y >= 0.5) == (t >= 0.5)).count(),
                predictions.len(),
            ),
            Self::Rounded { scale } => (
                pairs
                    .filter(|(&y, &t)| ((y * scale).round() - (t * scale).round()).abs() < 0.5)
                    .count(),
                predictions.len(),
            ),
            Self::Categorical => {
                let Some(last) = predictions.ndim().checked_sub(1) else {
                    return Ok((0, 0));
                };
                let rows = predictions.lanes(Axis(last)).into_iter();
                let correct = rows
                    .zip(targets.lanes(Axis(last)))
                    .filter(|(y, t)| argmax(y.iter()) == argmax(t.iter()))
                    .count();
                (
                    correct,
                    predictions.len() / predictions.shape()[last].max(1),
                )
            }
        })
    }
}

/// Index of the largest value (the first one on ties, NaN never wins).
fn argmax<'a>(values: impl Iterator<Item = &'a f32>) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// A task's inputs: float features `[N, T, D]` or token ids `[N, T]`.
pub type TaskInputs = InputBatch;

/// A generated dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// `[N, T, 1]` features or `[N, T]` tokens.
    pub inputs: TaskInputs,
    /// `[N, T, U]` per-step or `[N, U]` per-sequence targets.
    pub targets: ArrayD<f32>,
    /// The loss to train with.
    pub loss: Loss,
    /// How to score predictions, `None` for the sine (pure regression).
    pub accuracy: Option<Accuracy>,
    /// Character model: the character of every token id (sorted).
    pub vocabulary: Option<Vec<char>>,
}

impl Dataset {
    /// Number of examples `N`.
    #[must_use]
    pub fn examples(&self) -> usize {
        self.inputs.examples()
    }

    /// Width of the targets' last axis (the model's output units).
    #[must_use]
    pub fn output_units(&self) -> usize {
        self.targets.shape().last().copied().unwrap_or(0)
    }

    /// Number of token ids (`None` for float inputs).
    #[must_use]
    pub fn vocabulary_size(&self) -> Option<usize> {
        match self.inputs {
            TaskInputs::Tokens(_) => Some(
                self.vocabulary
                    .as_ref()
                    .map_or(SENTIMENT_WORDS.len(), Vec::len),
            ),
            TaskInputs::Features(_) => None,
        }
    }

    /// Inputs and targets of the examples `idx`, in that order (indices `>= N` are
    /// skipped).
    #[must_use]
    pub fn rows(&self, idx: &[usize]) -> (TaskInputs, ArrayD<f32>) {
        let n = self.examples();
        let idx: Vec<usize> = idx.iter().copied().filter(|&i| i < n).collect();
        (self.inputs.rows(&idx), self.targets.select(Axis(0), &idx))
    }
}

/// Uniform integer in `0..n` (`n > 0`) by the multiply-high method.
fn below(rng: &mut Prng, n: usize) -> usize {
    let wide = (u128::from(rng.next_u64()) * n as u128) >> 64;
    // `wide < n`, so it fits.
    usize::try_from(wide).unwrap_or(0)
}

/// A count (timestep, sequence length) as f32: exact, every count here is below
/// [`MAX_DATASET_VALUES`] < 2²⁴.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts are bounded by MAX_DATASET_VALUES, exact in f32"
)]
pub(crate) fn count(n: usize) -> f32 {
    n as f32
}

/// A token id (below [`MAX_VOCABULARY`]) as the model's `i64`.
pub(crate) fn token(id: usize) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

/// A fair random bit as `0.0` or `1.0`.
fn bit(rng: &mut Prng) -> f32 {
    if rng.next_u64() >> 63 == 1 {
        1.0
    } else {
        0.0
    }
}

/// `sin x` using only `+ - * /` and `floor` (identical on every platform): reduce to
/// `r ∈ [-π, π]`, fold to `[-π/2, π/2]`, then the Taylor series to `x¹⁹`.
#[must_use]
pub fn sin(x: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, PI, TAU};
    let k = (x / TAU + 0.5).floor();
    let mut r = x - k * TAU;
    if r > FRAC_PI_2 {
        r = PI - r;
    } else if r < -FRAC_PI_2 {
        r = -PI - r;
    }
    let r2 = r * r;
    let mut term = r;
    let mut sum = r;
    for n in 1..10u32 {
        let n = f64::from(n);
        term *= -r2 / ((2.0 * n) * (2.0 * n + 1.0));
        sum += term;
    }
    sum
}

/// Noisy sine, `[N, T, 1]` → `[N, T, 1]`: per example a frequency `ω ~ U(0.2, 0.6)`
/// rad/step and phase `φ ~ U(0, 2π)`; input `x_t = sin(φ + ω t) + noise · ε_t`
/// (`ε ~ N(0, 1)`), target the clean next value `y_t = sin(φ + ω (t + 1))`.
#[allow(
    clippy::cast_possible_truncation,
    reason = "the values are computed in f64 and stored in f32, the model's precision"
)]
fn noisy_sine(rng: &mut Prng, n: usize, t: usize, noise: f32) -> Dataset {
    let mut x = Array3::zeros((n, t, 1));
    let mut y = Array3::zeros((n, t, 1));
    for i in 0..n {
        let omega = f64::from(rng.uniform(0.2, 0.6));
        let phi = f64::from(rng.uniform(0.0, std::f64::consts::TAU));
        for s in 0..t {
            let at = |step: usize| sin(phi + omega * f64::from(count(step)));
            x[[i, s, 0]] = (at(s) + f64::from(noise) * rng.normal()) as f32;
            y[[i, s, 0]] = at(s + 1) as f32;
        }
    }
    Dataset {
        inputs: TaskInputs::Features(x),
        targets: y.into_dyn(),
        loss: Loss::MeanSquaredError,
        accuracy: None,
        vocabulary: None,
    }
}

/// Random bits `[N, T, 1]`, row-major draw order.
fn bits(rng: &mut Prng, n: usize, t: usize) -> Array3<f32> {
    Array3::from_shape_simple_fn((n, t, 1), || bit(rng))
}

/// Echo, `[N, T, 1]` bits → `[N, T, 1]`: `y_t = x_{t-delay}` for `t >= delay`, else 0.
fn echo(rng: &mut Prng, n: usize, t: usize, delay: usize) -> Dataset {
    let x = bits(rng, n, t);
    let mut y = Array3::zeros((n, t, 1));
    for i in 0..n {
        for s in delay..t {
            y[[i, s, 0]] = x[[i, s - delay, 0]];
        }
    }
    Dataset {
        inputs: TaskInputs::Features(x),
        targets: y.into_dyn(),
        loss: Loss::BinaryCrossentropy,
        accuracy: Some(Accuracy::Binary),
        vocabulary: None,
    }
}

/// Bit sum, `[N, T, 1]` bits → `[N, 1]`: `y = Σ_t x_t / T`.
fn bit_sum(rng: &mut Prng, n: usize, t: usize) -> Dataset {
    let x = bits(rng, n, t);
    let y = x.sum_axis(Axis(1)) / count(t);
    Dataset {
        inputs: TaskInputs::Features(x),
        targets: y.into_dyn(),
        loss: Loss::MeanSquaredError,
        accuracy: Some(Accuracy::Rounded { scale: count(t) }),
        vocabulary: None,
    }
}

/// Parity, `[N, T, 1]` bits → `[N, 1]`: `y = (Σ_t x_t) mod 2`.
fn parity(rng: &mut Prng, n: usize, t: usize) -> Dataset {
    let x = bits(rng, n, t);
    let y = x.sum_axis(Axis(1)).mapv(|c| c % 2.0);
    Dataset {
        inputs: TaskInputs::Features(x),
        targets: y.into_dyn(),
        loss: Loss::BinaryCrossentropy,
        accuracy: Some(Accuracy::Binary),
        vocabulary: None,
    }
}

/// Character model: vocabulary = the text's distinct characters, sorted; `N` windows of
/// `T + 1` characters at uniformly drawn starts; tokens `[N, T]` are the first `T`
/// characters' ids, targets `[N, T, V]` the one-hot ids of the next characters.
#[allow(
    clippy::many_single_char_names,
    reason = "n, t, v, x, y are the shape names [N, T, V] and the arrays of the docs"
)]
fn char_model(rng: &mut Prng, n: usize, t: usize, text: &str) -> Result<Dataset> {
    let chars: Vec<char> = text.chars().collect();
    check_size_limit("text length", chars.len(), MAX_TEXT_CHARACTERS)?;
    let mut vocabulary = chars.clone();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    if vocabulary.len() < 2 {
        return Err(TrainError::TooFewCharacters {
            distinct: vocabulary.len(),
        });
    }
    check_size_limit("distinct characters", vocabulary.len(), MAX_VOCABULARY)?;
    if chars.len() < t + 1 {
        return Err(TrainError::TextTooShort {
            characters: chars.len(),
            needed: t + 1,
        });
    }
    let v = vocabulary.len();
    check_size_limit(
        "examples × timesteps × distinct characters",
        n.saturating_mul(t).saturating_mul(v),
        MAX_DATASET_VALUES,
    )?;
    let ids: Vec<usize> = chars
        .iter()
        .map(|c| vocabulary.binary_search(c).unwrap_or(0))
        .collect();
    let mut x = Array2::zeros((n, t));
    let mut y = Array3::zeros((n, t, v));
    let starts = chars.len() - t;
    for i in 0..n {
        let start = below(rng, starts);
        for s in 0..t {
            x[[i, s]] = token(ids[start + s]);
            y[[i, s, ids[start + s + 1]]] = 1.0;
        }
    }
    Ok(Dataset {
        inputs: TaskInputs::Tokens(x),
        targets: y.into_dyn(),
        loss: Loss::CategoricalCrossentropy,
        accuracy: Some(Accuracy::Categorical),
        vocabulary: Some(vocabulary),
    })
}

fn check_size_limit(setting: &'static str, value: usize, max: usize) -> Result<()> {
    if value > max {
        Err(TrainError::SettingTooLarge {
            setting,
            value,
            max,
        })
    } else {
        Ok(())
    }
}

/// Sentiment, tokens `[N, T]` over [`SENTIMENT_WORDS`] → `[N, 1]`: label `l` by a fair
/// coin; `a ∈ {1, 2}` words of the label's polarity (positive for 1) and `b < a` words of
/// the other (both capped by `T`), at random distinct positions, the rest neutral words.
#[allow(
    clippy::many_single_char_names,
    reason = "n, t, a, b, x, y are the names of the docs"
)]
fn sentiment(rng: &mut Prng, n: usize, t: usize) -> Dataset {
    let mut x = Array2::zeros((n, t));
    let mut y = Array2::zeros((n, 1));
    let mut positions: Vec<usize> = (0..t).collect();
    for i in 0..n {
        let label = rng.next_u64() >> 63 == 1;
        let a = (1 + below(rng, 2)).min(t);
        let b = below(rng, a).min(t - a);
        shuffle(rng, &mut positions);
        let (same, other) = if label {
            (POSITIVE, NEGATIVE)
        } else {
            (NEGATIVE, POSITIVE)
        };
        for (k, &p) in positions.iter().enumerate() {
            let range = if k < a {
                same.clone()
            } else if k < a + b {
                other.clone()
            } else {
                NEUTRAL
            };
            x[[i, p]] = token(range.start + below(rng, range.len()));
        }
        y[[i, 0]] = if label { 1.0 } else { 0.0 };
    }
    Dataset {
        inputs: TaskInputs::Tokens(x),
        targets: y.into_dyn(),
        loss: Loss::BinaryCrossentropy,
        accuracy: Some(Accuracy::Binary),
        vocabulary: None,
    }
}

/// Fisher–Yates shuffle driven by `rng` (`i` from the end, swap with `below(i + 1)`).
pub(crate) fn shuffle(rng: &mut Prng, items: &mut [usize]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i + 1);
        items.swap(i, j);
    }
}
