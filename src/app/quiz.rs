//! The parameter quiz: the seed chapter's question first, then seeded variations (sizes,
//! bidirectional, stacked, no bias, dense heads, output shapes), each answered by the model
//! module ([`ModelSpec::validate`]), never by a number written here.
//!
//! Questions, answer checking, worked breakdowns and progress are pure (tested natively in
//! `tests/app_quiz.rs`); [`QuizPanel`] draws them, and keeps the progress in localStorage
//! (`unrolled.quiz`) from an effect.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::{
    group_thousands, DenseActivation, DenseSpec, EmbeddingSpec, InputSpec, LayerSpec, MergeMode,
    ModelError, ModelInfo, ModelSpec, Shape, SimpleRnnSpec,
};
use crate::rnn::Prng;

use super::i18n::Lang;
use super::inputs::InputSource;
use super::presets::{Preset, QUIZ_SENTENCE};
use super::state::Action;

/// localStorage key of the quiz progress.
pub const STORAGE_KEY: &str = "unrolled.quiz";

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
}

const CYCLE: [Variation; 9] = [
    Variation::EmbeddingSizes,
    Variation::Bidirectional,
    Variation::Stacked,
    Variation::NoBias,
    Variation::DenseHead,
    Variation::ShapeSequences,
    Variation::ShapeLastStep,
    Variation::ShapeBatch,
    Variation::ShapeBidirectional,
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
                let vocab = pick(&mut rng, &[1000, 2000, 3000, 10_000]);
                let dim = pick(&mut rng, &[16, 32, 50, 64]);
                let units = pick(&mut rng, &[16, 32, 64, 128]);
                (
                    Asked::Params,
                    input(None, None, None),
                    vec![
                        LayerSpec::Embedding(EmbeddingSpec {
                            name: None,
                            vocab,
                            dim,
                        }),
                        LayerSpec::SimpleRnn(rnn(units)),
                        LayerSpec::Dense(DenseSpec {
                            activation: DenseActivation::Sigmoid,
                            ..DenseSpec::new(1)
                        }),
                    ],
                )
            }
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

    /// The worked answer, one line per layer with the question's numbers, then the total
    /// (or, for a shape question, how the shape comes about).
    #[must_use]
    pub fn breakdown(&self, lang: Lang) -> Vec<String> {
        let Ok(info) = self.info() else {
            return Vec::new();
        };
        match self.asked {
            Asked::Params => self.params_breakdown(&info, lang),
            Asked::OutputShape => self.shape_breakdown(&info, lang),
        }
    }

    fn params_breakdown(&self, info: &ModelInfo, lang: Lang) -> Vec<String> {
        let ko = lang == Lang::Ko;
        let mut lines = Vec::new();
        let mut terms = Vec::new();
        for (layer, li) in self.model.layers.iter().zip(&info.layers) {
            let input = li.input_shape.last().unwrap_or(0);
            let count = group_thousands(li.keras_params);
            terms.push(count.clone());
            let line = match layer {
                LayerSpec::Embedding(e) => {
                    let words = if ko {
                        "단어 집합 크기 × 임베딩 차원"
                    } else {
                        "vocabulary × embedding dimension"
                    };
                    format!(
                        "Embedding: {words} = {} × {} = {count}",
                        group_thousands(e.vocab as u64),
                        e.dim
                    )
                }
                LayerSpec::SimpleRnn(r) => {
                    let u = r.units;
                    let (words, numbers) = match (r.use_bias, ko) {
                        (true, false) => (
                            "units × (input + units + 1)",
                            format!("{u} × ({input} + {u} + 1)"),
                        ),
                        (true, true) => (
                            "은닉 상태 크기 × (입력 차원 + 은닉 상태 크기 + 1)",
                            format!("{u} × ({input} + {u} + 1)"),
                        ),
                        (false, false) => (
                            "units × (input + units), no bias",
                            format!("{u} × ({input} + {u})"),
                        ),
                        (false, true) => (
                            "은닉 상태 크기 × (입력 차원 + 은닉 상태 크기), 편향 없음",
                            format!("{u} × ({input} + {u})"),
                        ),
                    };
                    if r.bidirectional.is_some() {
                        let two = if ko {
                            "정방향 셀과 역방향 셀이 가중치를 따로 가지므로 2배"
                        } else {
                            "two cells, forward and backward, each with its own weights"
                        };
                        format!("SimpleRNN ×2 ({two}): 2 × {words} = 2 × {numbers} = {count}")
                    } else {
                        format!("SimpleRNN: {words} = {numbers} = {count}")
                    }
                }
                LayerSpec::Lstm(_) | LayerSpec::Gru(_) => {
                    let numbers = crate::model::RecurrentParams::of(layer, input)
                        .map(|p| p.numbers())
                        .unwrap_or_default();
                    format!("{}: {numbers} = {count}", layer.keras_class())
                }
                LayerSpec::Dense(d) => {
                    let words = if ko {
                        "뉴런 수 × (입력 차원 + 1)"
                    } else {
                        "units × (input + 1)"
                    };
                    format!("Dense: {words} = {} × ({input} + 1) = {count}", d.units)
                }
            };
            lines.push(line);
        }
        if self.variation == Variation::Stacked {
            let width = info.layers.first().and_then(|l| l.output_shape.last());
            if let Some(w) = width {
                lines.push(if ko {
                    format!("두 번째 층의 입력 차원은 첫 번째 층의 출력 크기 {w}입니다 (깊은 순환 신경망).")
                } else {
                    format!("The second layer's input is the first layer's output width, {w}.")
                });
            }
        }
        let total = group_thousands(info.keras_params());
        let sum = if ko { "합계" } else { "Total" };
        if terms.len() > 1 {
            lines.push(format!("{sum}: {} = {total}", terms.join(" + ")));
        } else {
            lines.push(format!("{sum}: {total}"));
        }
        lines
    }

    fn shape_breakdown(&self, info: &ModelInfo, lang: Lang) -> Vec<String> {
        let ko = lang == Lang::Ko;
        let mut lines = Vec::new();
        let batch = match (self.model.input.batch, ko) {
            (Some(b), false) => format!("batch_input_shape fixes batch_size to {b}."),
            (Some(b), true) => format!("batch_input_shape가 batch_size를 {b}로 정합니다."),
            (None, false) => "With input_shape the batch size is open: None.".to_owned(),
            (None, true) => "input_shape만 주면 배치 크기는 정해지지 않아 None입니다.".to_owned(),
        };
        lines.push(batch);
        if let Some(LayerSpec::SimpleRnn(r)) = self.model.layers.last() {
            let width = info.output_shape().last().unwrap_or(r.units);
            lines.push(match (r.return_sequences, ko) {
                (true, false) => format!(
                    "return_sequences=True returns every timestep's hidden state: (batch_size, timesteps, units), with units = {width}."
                ),
                (true, true) => format!(
                    "return_sequences=True이면 모든 시점의 은닉 상태를 돌려줍니다: (batch_size, timesteps, units), units = {width} (다 대 다)."
                ),
                (false, false) => format!(
                    "return_sequences=False returns only the last hidden state: (batch_size, units), with units = {width}."
                ),
                (false, true) => format!(
                    "return_sequences=False이면 마지막 시점의 은닉 상태만 돌려줍니다: (batch_size, units), units = {width} (다 대 일)."
                ),
            });
            if r.bidirectional.is_some() {
                lines.push(if ko {
                    format!("양방향 층은 두 방향의 은닉 상태를 이어 붙이므로(concat) 2 × {} = {width}입니다.", r.units)
                } else {
                    format!("A bidirectional layer concatenates both directions: 2 × {} = {width}.", r.units)
                });
            }
        }
        let answer = if ko { "답" } else { "Answer" };
        lines.push(format!("{answer}: {}", info.output_shape()));
        lines
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
    /// Right answers in a row.
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
                    Verdict::Correct => {
                        if !s.counted {
                            s.progress.score += 1;
                            s.progress.answered += 1;
                        }
                        s.progress.streak += 1;
                        s.counted = true;
                    }
                    Verdict::Wrong => {
                        if !s.counted {
                            s.progress.answered += 1;
                        }
                        s.progress.streak = 0;
                        s.counted = true;
                    }
                    Verdict::Unreadable => {}
                }
                s.feedback = Some((verdict, given));
            }
            QuizAction::Next => {
                s.progress.index += 1;
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

impl Reducible for QuizState {
    type Action = QuizAction;

    fn reduce(self: Rc<Self>, action: QuizAction) -> Rc<Self> {
        Rc::new(self.after(action))
    }
}

/// The quiz's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum QuizText {
    Title,
    QuestionNo,
    ChapterIntro,
    ChapterVocab,
    ChapterHidden,
    ChapterLength,
    ChapterOutput,
    ChapterOneLayer,
    AskParams,
    AskShape,
    YourAnswer,
    AnswerHelpParams,
    AnswerHelpShape,
    Check,
    Correct,
    Wrong,
    Unreadable,
    WorkedAnswer,
    ShowMe,
    Next,
    Restart,
    Score,
    Streak,
    Close,
}

impl QuizText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (QuizText::Title, En) => "Parameter quiz",
            (QuizText::Title, Ko) => "점검 퀴즈",
            (QuizText::QuestionNo, En) => "Question {n}",
            (QuizText::QuestionNo, Ko) => "{n}번 문제",
            (QuizText::ChapterIntro, En) => {
                "The chapter's quiz: a model is described below. How many parameters does it have in total?"
            }
            (QuizText::ChapterIntro, Ko) => {
                "RNN을 제대로 이해했는지 확인해 보세요! 모델에 대한 설명이 다음과 같을 때, 총 파라미터 개수를 구해 보세요."
            }
            (QuizText::ChapterVocab, En) => {
                "It uses an Embedding: the vocabulary has 5,000 words and the embedding vectors have 100 dimensions."
            }
            (QuizText::ChapterVocab, Ko) => {
                "임베딩을 사용하며, 단어 집합의 크기가 5,000이고 임베딩 벡터의 차원은 100입니다."
            }
            (QuizText::ChapterHidden, En) => {
                "The hidden layer is a SimpleRNN with a hidden state of size 128."
            }
            (QuizText::ChapterHidden, Ko) => {
                "은닉층에서는 SimpleRNN을 사용하며, 은닉 상태의 크기는 128입니다."
            }
            (QuizText::ChapterLength, En) => "Every training sample has length 30.",
            (QuizText::ChapterLength, Ko) => "훈련에 사용하는 모든 샘플의 길이는 30으로 가정합니다.",
            (QuizText::ChapterOutput, En) => {
                "It is a binary classifier: the output layer has 1 neuron with a sigmoid."
            }
            (QuizText::ChapterOutput, Ko) => {
                "이진 분류를 수행하는 모델로, 출력층의 뉴런은 1개이고 시그모이드 함수를 사용합니다."
            }
            (QuizText::ChapterOneLayer, En) => "There is one hidden layer.",
            (QuizText::ChapterOneLayer, Ko) => "은닉층은 1개입니다.",
            (QuizText::AskParams, En) => "How many parameters does this model have in total?",
            (QuizText::AskParams, Ko) => "이 모델의 총 파라미터 개수는 몇 개일까요?",
            (QuizText::AskShape, En) => "What is the output shape of the last layer?",
            (QuizText::AskShape, Ko) => "마지막 층의 출력 크기(Output Shape)는 무엇일까요?",
            (QuizText::YourAnswer, En) => "Your answer",
            (QuizText::YourAnswer, Ko) => "내 답",
            (QuizText::AnswerHelpParams, En) => "a whole number; 529441 and 529,441 both work",
            (QuizText::AnswerHelpParams, Ko) => "정수로 입력하세요. 529441과 529,441 모두 됩니다",
            (QuizText::AnswerHelpShape, En) => "like Keras prints it, for example (None, 10, 8)",
            (QuizText::AnswerHelpShape, Ko) => "케라스가 출력하는 모양대로, 예: (None, 10, 8)",
            (QuizText::Check, En) => "Check",
            (QuizText::Check, Ko) => "채점",
            (QuizText::Correct, En) => "Correct!",
            (QuizText::Correct, Ko) => "정답입니다!",
            (QuizText::Wrong, En) => "Not quite. Here is how it adds up:",
            (QuizText::Wrong, Ko) => "아쉽네요. 이렇게 계산합니다:",
            (QuizText::Unreadable, En) => {
                "That is not an answer I can read: type a number, or a shape in parentheses."
            }
            (QuizText::Unreadable, Ko) => {
                "답을 읽을 수 없습니다. 숫자나 괄호로 묶은 크기를 입력하세요."
            }
            (QuizText::WorkedAnswer, En) => "Worked answer",
            (QuizText::WorkedAnswer, Ko) => "풀이",
            (QuizText::ShowMe, En) => "Show me this model",
            (QuizText::ShowMe, Ko) => "이 모델 보기",
            (QuizText::Next, En) => "Next question",
            (QuizText::Next, Ko) => "다음 문제",
            (QuizText::Restart, En) => "Start over",
            (QuizText::Restart, Ko) => "처음부터",
            (QuizText::Score, En) => "Score",
            (QuizText::Score, Ko) => "점수",
            (QuizText::Streak, En) => "Streak",
            (QuizText::Streak, Ko) => "연속 정답",
            (QuizText::Close, En) => "Close quiz",
            (QuizText::Close, Ko) => "퀴즈 닫기",
        }
    }
}

fn load_progress() -> Option<QuizProgress> {
    let storage = web_sys::window()?.local_storage().ok()??;
    QuizProgress::from_json(&storage.get_item(STORAGE_KEY).ok()??)
}

fn save_progress(progress: &QuizProgress) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled; the quiz works on without it.
        let _ = storage.set_item(STORAGE_KEY, &progress.to_json());
    }
}

/// Props of [`QuizPanel`].
#[derive(Properties, PartialEq)]
pub struct QuizPanelProps {
    /// Interface language.
    pub lang: Lang,
    /// Where app actions go ("show me").
    pub dispatch: Callback<Action>,
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// The quiz panel.
#[component]
pub fn QuizPanel(props: &QuizPanelProps) -> Html {
    let quiz = use_reducer(|| QuizState::resume(load_progress().unwrap_or_default()));
    let answer = use_state(String::new);
    {
        let progress = quiz.progress;
        use_effect_with(progress, save_progress);
    }
    let lang = props.lang;
    let t = |key: QuizText| key.text(lang);
    let question = quiz.question();

    let oninput = {
        let answer = answer.clone();
        Callback::from(move |e: InputEvent| {
            answer.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            quiz.dispatch(QuizAction::Submit((*answer).clone()));
        })
    };
    let next = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| {
            answer.set(String::new());
            quiz.dispatch(QuizAction::Next);
        })
    };
    let restart = {
        let quiz = quiz.clone();
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| {
            answer.set(String::new());
            quiz.dispatch(QuizAction::Restart);
        })
    };
    let show_me = {
        let question = question.clone();
        props.dispatch.reform(move |_: MouseEvent| {
            Action::LoadModel(Box::new(question.model.clone()), question.input_source())
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());

    let chapter = question.variation == Variation::Chapter;
    let ask = match question.asked {
        Asked::Params => QuizText::AskParams,
        Asked::OutputShape => QuizText::AskShape,
    };
    let help = match question.asked {
        Asked::Params => QuizText::AnswerHelpParams,
        Asked::OutputShape => QuizText::AnswerHelpShape,
    };
    let verdict = quiz.feedback.as_ref().map(|(v, _)| *v);
    let progress = quiz.progress;
    let show_breakdown = verdict == Some(Verdict::Wrong);

    html! {
        <section class="panel quiz" aria-labelledby="quiz-heading">
            <div class="quiz-head">
                <h2 id="quiz-heading">{ t(QuizText::Title) }</h2>
                <p class="quiz-score" aria-live="polite">
                    { format!("{} {} / {} · {} {}", t(QuizText::Score), progress.score, progress.answered,
                        t(QuizText::Streak), progress.streak) }
                </p>
                <button type="button" onclick={close}>{ t(QuizText::Close) }</button>
            </div>
            <h3>{ t(QuizText::QuestionNo).replace("{n}", &(question.index + 1).to_string()) }</h3>
            if chapter {
                <p>{ t(QuizText::ChapterIntro) }</p>
                <ul>
                    <li>{ t(QuizText::ChapterVocab) }</li>
                    <li>{ t(QuizText::ChapterHidden) }</li>
                    <li>{ t(QuizText::ChapterLength) }</li>
                    <li>{ t(QuizText::ChapterOutput) }</li>
                    <li>{ t(QuizText::ChapterOneLayer) }</li>
                </ul>
            }
            <pre class="quiz-code"><code>{ question.keras_code() }</code></pre>
            <p class="quiz-ask">{ t(ask) }</p>
            <form class="quiz-form" {onsubmit}>
                <label class="field">
                    <span>{ t(QuizText::YourAnswer) }</span>
                    <input type="text" autocomplete="off" spellcheck="false" value={(*answer).clone()}
                        aria-describedby="quiz-help" {oninput} />
                </label>
                <button type="submit">{ t(QuizText::Check) }</button>
            </form>
            <p class="muted" id="quiz-help">{ t(help) }</p>
            <div role="status" aria-live="polite" class="quiz-feedback">
                { match verdict {
                    Some(Verdict::Correct) => html! { <p class="quiz-correct">{ t(QuizText::Correct) }</p> },
                    Some(Verdict::Wrong) => html! { <p class="quiz-wrong">{ t(QuizText::Wrong) }</p> },
                    Some(Verdict::Unreadable) => html! { <p class="quiz-wrong">{ t(QuizText::Unreadable) }</p> },
                    None => html! {},
                } }
            </div>
            if show_breakdown {
                <div class="quiz-breakdown" role="region" aria-label={t(QuizText::WorkedAnswer)}>
                    <h3>{ t(QuizText::WorkedAnswer) }</h3>
                    <ol>
                        { for question.breakdown(lang).into_iter().map(|line| html! { <li>{ line }</li> }) }
                    </ol>
                </div>
            }
            <div class="quiz-buttons">
                <button type="button" onclick={show_me}>{ t(QuizText::ShowMe) }</button>
                <button type="button" onclick={next}>{ t(QuizText::Next) }</button>
                <button type="button" onclick={restart}>{ t(QuizText::Restart) }</button>
            </div>
        </section>
    }
}
