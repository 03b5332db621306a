//! The parameter quiz: the seed chapter's question first, then seeded variations (sizes,
//! bidirectional, stacked, no bias, dense heads, output shapes, the chapter's model with an
//! LSTM or a GRU), each answered by the model module ([`ModelSpec::validate`]), never by a
//! number written here.
//!
//! Questions, answer checking and progress are pure (tested natively in
//! `tests/app_quiz.rs`); the worked breakdown is worded by `i18n::quiz`, and the quiz panel
//! draws it all and keeps the progress in storage.

use serde::{Deserialize, Serialize};

use crate::model::{
    group_thousands, DenseActivation, DenseSpec, EmbeddingSpec, GruSpec, InputSpec, LayerSpec,
    LstmSpec, MergeMode, ModelError, ModelInfo, ModelSpec, Shape, SimpleRnnSpec,
};
use crate::rnn::Prng;

use super::inputs::InputSource;
use super::presets::{Preset, QUIZ_SENTENCE};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The model's total parameter count (Keras' "Total params").
    Params,
    /// The last layer's output shape, as Keras prints it: `(None, 10, 8)`.
    OutputShape,
}

/// The kinds of variation, in the order the quiz cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variation {
    /// The chapter's question itself.
    Chapter,
    /// The chapter's model with other sizes.
    EmbeddingSizes,
    /// A bidirectional layer: two cells, so twice the parameters.
    Bidirectional,
    /// Two stacked layers: the second reads the first one's output.
    Stacked,
    /// `use_bias=False`: no `+ 1`.
    NoBias,
    /// A dense head on top.
    DenseHead,
    /// Output shape with `return_sequences=True`.
    ShapeSequences,
    /// Output shape of the last step only.
    ShapeLastStep,
    /// Output shape with `batch_input_shape`.
    ShapeBatch,
    /// Output shape of a bidirectional layer (concat doubles the width).
    ShapeBidirectional,
    /// The chapter's model with an LSTM: four gate blocks, so four times a `SimpleRNN`.
    Lstm,
    /// The chapter's model with a GRU: three gate blocks, two biases each with
    /// `reset_after=True`.
    Gru,
}

// New variations go at the end: saved progress names questions by their index.
const CYCLE: [Variation; 11] = [
    Variation::EmbeddingSizes,
    Variation::Bidirectional,
    Variation::Stacked,
    Variation::NoBias,
    Variation::DenseHead,
    Variation::ShapeSequences,
    Variation::ShapeLastStep,
    Variation::ShapeBatch,
    Variation::ShapeBidirectional,
    Variation::Lstm,
    Variation::Gru,
];

/// One question: a model and what is asked about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Position in the quiz, 0 for the chapter's question.
    pub index: usize,
    /// Which variation it is.
    pub variation: Variation,
    /// What is asked.
    pub asked: Asked,
    /// The model.
    pub model: ModelSpec,
}

/// The right answer, from the model module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Total parameters.
    Params(u64),
    /// Output shape.
    Shape(Shape),
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Params(n) => f.write_str(&group_thousands(*n)),
            Answer::Shape(s) => write!(f, "{s}"),
        }
    }
}

/// How a given answer compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Equal to the model's answer.
    Correct,
    /// Readable but different.
    Wrong,
    /// Not a number (or shape) at all.
    Unreadable,
}

fn pick<T: Copy>(rng: &mut Prng, options: &[T]) -> T {
    let len = options.len().max(1) as u64;
    let i = usize::try_from(rng.next_u64() % len).unwrap_or(0);
    options[i.min(options.len().saturating_sub(1))]
}

fn input(timesteps: Option<usize>, features: Option<usize>, batch: Option<usize>) -> InputSpec {
    InputSpec {
        timesteps,
        features,
        batch,
    }
}

fn rnn(units: usize) -> SimpleRnnSpec {
    SimpleRnnSpec::new(units)
}

/// The chapter's model shape with drawn sizes: Embedding → the recurrent layer `cell`
/// makes for the drawn units → Dense(1, sigmoid).
fn embedding_model(
    rng: &mut Prng,
    cell: impl FnOnce(usize, &mut Prng) -> LayerSpec,
) -> (Asked, InputSpec, Vec<LayerSpec>) {
    let vocab = pick(rng, &[1000, 2000, 3000, 10_000]);
    let dim = pick(rng, &[16, 32, 50, 64]);
    let units = pick(rng, &[16, 32, 64, 128]);
    let recurrent = cell(units, rng);
    (
        Asked::Params,
        input(None, None, None),
        vec![
            LayerSpec::Embedding(EmbeddingSpec {
                name: None,
                vocab,
                dim,
            }),
            recurrent,
            LayerSpec::Dense(DenseSpec {
                activation: DenseActivation::Sigmoid,
                ..DenseSpec::new(1)
            }),
        ],
    )
}

impl Question {
    /// Question `index` of the quiz with `seed`: 0 is the chapter's, the others cycle
    /// through the variations with sizes drawn from `seed` and `index`.
    #[must_use]
    pub fn nth(seed: u64, index: usize) -> Question {
        let Some(cycle_index) = index.checked_sub(1) else {
            return Question {
                index,
                variation: Variation::Chapter,
                asked: Asked::Params,
                model: Preset::Quiz.setup().model,
            };
        };
        let variation = CYCLE[cycle_index % CYCLE.len()];
        let mut rng = Prng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let t = pick(&mut rng, &[5, 8, 10, 20, 30]);
        let f = pick(&mut rng, &[2, 3, 4, 5, 8, 10]);
        let u = pick(&mut rng, &[3, 4, 8, 16, 32, 64]);
        let u2 = pick(&mut rng, &[2, 4, 8, 16]);
        let b = pick(&mut rng, &[4, 8, 16, 32]);
        let shape_input = input(Some(t), Some(f), None);
        let (asked, model_input, layers) = match variation {
            Variation::Chapter | Variation::EmbeddingSizes => {
                embedding_model(&mut rng, |units, _| LayerSpec::SimpleRnn(rnn(units)))
            }
            Variation::Lstm => {
                embedding_model(&mut rng, |units, _| LayerSpec::Lstm(LstmSpec::new(units)))
            }
            Variation::Gru => embedding_model(&mut rng, |units, rng| {
                // Keras' default twice as often as the older variant.
                let reset_after = !rng.next_u64().is_multiple_of(3);
                LayerSpec::Gru(GruSpec {
                    reset_after,
                    ..GruSpec::new(units)
                })
            }),
            Variation::Bidirectional => (
                Asked::Params,
                shape_input,
                vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                    bidirectional: Some(MergeMode::Concat),
                    ..rnn(u)
                })],
            ),
            Variation::Stacked => (
                Asked::Params,
                shape_input,
                vec![
                    LayerSpec::SimpleRnn(SimpleRnnSpec {
                        return_sequences: true,
                        ..rnn(u)
                    }),
                    LayerSpec::SimpleRnn(rnn(u2)),
                ],
            ),
            Variation::NoBias => (
                Asked::Params,
                shape_input,
                vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                    use_bias: false,
                    ..rnn(u)
                })],
            ),
            Variation::DenseHead => {
                let classes = pick(&mut rng, &[1, 2, 3, 5, 10]);
                let activation = if classes == 1 {
                    DenseActivation::Sigmoid
                } else {
                    DenseActivation::Softmax
                };
                (
                    Asked::Params,
                    shape_input,
                    vec![
                        LayerSpec::SimpleRnn(rnn(u)),
                        LayerSpec::Dense(DenseSpec {
                            activation,
                            ..DenseSpec::new(classes)
                        }),
                    ],
                )
            }
            Variation::ShapeSequences => (
                Asked::OutputShape,
                shape_input,
                vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                    return_sequences: true,
                    ..rnn(u)
                })],
            ),
            Variation::ShapeLastStep => (
                Asked::OutputShape,
                shape_input,
                vec![LayerSpec::SimpleRnn(rnn(u))],
            ),
            Variation::ShapeBatch => {
                let sequences = rng.next_u64().is_multiple_of(2);
                (
                    Asked::OutputShape,
                    input(Some(t), Some(f), Some(b)),
                    vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                        return_sequences: sequences,
                        ..rnn(u)
                    })],
                )
            }
            Variation::ShapeBidirectional => (
                Asked::OutputShape,
                shape_input,
                vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                    return_sequences: true,
                    bidirectional: Some(MergeMode::Concat),
                    ..rnn(u)
                })],
            ),
        };
        Question {
            index,
            variation,
            asked,
            model: ModelSpec {
                name: None,
                input: model_input,
                layers,
            },
        }
    }

    /// The model's shapes and counts.
    ///
    /// # Errors
    /// The model's validation error (generated models are valid).
    pub fn info(&self) -> Result<ModelInfo, ModelError> {
        self.model.validate()
    }

    /// The right answer, computed by the model module.
    ///
    /// # Errors
    /// The model's validation error (generated models are valid).
    pub fn answer(&self) -> Result<Answer, ModelError> {
        let info = self.info()?;
        Ok(match self.asked {
            Asked::Params => Answer::Params(info.keras_params()),
            Asked::OutputShape => Answer::Shape(info.output_shape().clone()),
        })
    }

    /// Compares the text the user typed with the answer.
    #[must_use]
    pub fn check(&self, given: &str) -> Verdict {
        let Ok(answer) = self.answer() else {
            return Verdict::Unreadable;
        };
        let same = match &answer {
            Answer::Params(n) => parse_count(given).map(|g| g == *n),
            Answer::Shape(s) => parse_shape(given).map(|g| g == *s),
        };
        match same {
            Some(true) => Verdict::Correct,
            Some(false) => Verdict::Wrong,
            None => Verdict::Unreadable,
        }
    }

    /// The input the visualizer uses when this model is loaded ("show me").
    #[must_use]
    pub fn input_source(&self) -> InputSource {
        if matches!(self.model.layers.first(), Some(LayerSpec::Embedding(_))) {
            InputSource::Sentence(QUIZ_SENTENCE.into())
        } else {
            InputSource::Random
        }
    }

    /// The model as Keras code, the way the chapter writes it.
    #[must_use]
    pub fn keras_code(&self) -> String {
        let mut lines = vec!["model = Sequential()".to_owned()];
        let input = &self.model.input;
        let shape_arg = |first: bool| -> String {
            if !first || input.features.is_none() {
                return String::new();
            }
            let t = input
                .timesteps
                .map_or_else(|| "None".to_owned(), |t| t.to_string());
            let f = input.features.unwrap_or(0);
            match input.batch {
                Some(b) => format!(", batch_input_shape=({b}, {t}, {f})"),
                None => format!(", input_shape=({t}, {f})"),
            }
        };
        for (i, layer) in self.model.layers.iter().enumerate() {
            let first = i == 0;
            let line = match layer {
                LayerSpec::Embedding(e) => format!("Embedding({}, {})", e.vocab, e.dim),
                LayerSpec::SimpleRnn(r) => {
                    let mut args = r.units.to_string();
                    if !r.use_bias {
                        args.push_str(", use_bias=False");
                    }
                    if r.return_sequences {
                        args.push_str(", return_sequences=True");
                    }
                    if r.bidirectional.is_some() {
                        format!("Bidirectional(SimpleRNN({args}){})", shape_arg(first))
                    } else {
                        format!("SimpleRNN({args}{})", shape_arg(first))
                    }
                }
                LayerSpec::Lstm(_) | LayerSpec::Gru(_) => layer.keras_code(&shape_arg(first)),
                LayerSpec::Dense(d) => {
                    format!(
                        "Dense({}, activation='{}')",
                        d.units,
                        d.activation.keras_name()
                    )
                }
            };
            lines.push(format!("model.add({line})"));
        }
        lines.join("\n")
    }
}

/// A parameter count as typed: digits with optional thousands separators and spaces
/// (`529441`, `529,441`, `529 441`).
#[must_use]
pub fn parse_count(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '_' | '\''))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A shape as typed: `(None, 10, 8)`, `none,10,8`, `[8, 3]`, `(8,)`; `None`, `null` and
/// `?` are unknown sizes.
#[must_use]
pub fn parse_shape(text: &str) -> Option<Shape> {
    let inner = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    let mut parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    if parts.last().is_some_and(|p| p.is_empty()) && parts.len() > 1 {
        parts.pop();
    }
    let dims = parts
        .iter()
        .map(|p| match p.to_ascii_lowercase().as_str() {
            "none" | "null" | "?" => Some(None),
            n => n.parse::<usize>().ok().map(Some),
        })
        .collect::<Option<Vec<_>>>()?;
    (!dims.is_empty()).then_some(Shape(dims))
}

/// The saved part of the quiz: where the user is and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizProgress {
    /// Seed of the generated questions.
    pub seed: u64,
    /// Current question.
    pub index: usize,
    /// Questions answered right at the first try.
    pub score: u32,
    /// Questions answered right at the first try in a row.
    pub streak: u32,
    /// Questions answered (right or wrong).
    pub answered: u32,
}

impl Default for QuizProgress {
    fn default() -> Self {
        Self {
            seed: 1,
            index: 0,
            score: 0,
            streak: 0,
            answered: 0,
        }
    }
}

impl QuizProgress {
    /// Progress as stored text.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Progress from stored text; `None` if it is not a saved progress.
    #[must_use]
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// The quiz's state: progress, and the verdict on the current question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuizState {
    /// What is saved.
    pub progress: QuizProgress,
    /// The last verdict on the current question, with the text it judged.
    pub feedback: Option<(Verdict, String)>,
    /// Whether the current question already counted (right or wrong).
    pub counted: bool,
}

/// What the user did in the quiz.
#[derive(Debug, Clone, PartialEq)]
pub enum QuizAction {
    /// Check this answer.
    Submit(String),
    /// Go to the next question.
    Next,
    /// Start again with new variations.
    Restart,
}

impl QuizState {
    /// A state resuming `progress`.
    #[must_use]
    pub fn resume(progress: QuizProgress) -> Self {
        Self {
            progress,
            feedback: None,
            counted: false,
        }
    }

    /// The current question.
    #[must_use]
    pub fn question(&self) -> Question {
        Question::nth(self.progress.seed, self.progress.index)
    }

    /// The state after `action` (pure).
    #[must_use]
    pub fn after(&self, action: QuizAction) -> Self {
        let mut s = self.clone();
        match action {
            QuizAction::Submit(given) => {
                if matches!(s.feedback, Some((Verdict::Correct, _))) {
                    return s;
                }
                let verdict = s.question().check(&given);
                match verdict {
                    // Only a first try counts, for the score and the streak alike: right
                    // after a wrong try scores nothing and keeps the streak at 0.
                    Verdict::Correct => {
                        // Stored progress is untrusted: counters stop at their maximum.
                        if !s.counted {
                            s.progress.score = s.progress.score.saturating_add(1);
                            s.progress.answered = s.progress.answered.saturating_add(1);
                            s.progress.streak = s.progress.streak.saturating_add(1);
                        }
                        s.counted = true;
                    }
                    Verdict::Wrong => {
                        if !s.counted {
                            s.progress.answered = s.progress.answered.saturating_add(1);
                        }
                        s.progress.streak = 0;
                        s.counted = true;
                    }
                    Verdict::Unreadable => {}
                }
                s.feedback = Some((verdict, given));
            }
            QuizAction::Next => {
                s.progress.index = s.progress.index.saturating_add(1);
                s.feedback = None;
                s.counted = false;
            }
            QuizAction::Restart => {
                s = QuizState::resume(QuizProgress {
                    seed: s.progress.seed.wrapping_add(1),
                    ..QuizProgress::default()
                });
            }
        }
        s
    }
}
