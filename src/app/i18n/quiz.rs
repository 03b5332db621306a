//! The quiz's words, and the worked answer of a question in both languages.

use crate::app::domain::quiz::{Asked, Question, Variation};
use crate::model::{group_thousands, LayerSpec, ModelInfo, RecurrentParams, SimpleRnnSpec};

use super::Lang;

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
            (QuizText::AnswerHelpParams, En) => "a whole number, with or without commas (1234 or 1,234)",
            (QuizText::AnswerHelpParams, Ko) => "정수로 입력하세요. 쉼표는 있어도 없어도 됩니다 (1234 또는 1,234)",
            (QuizText::AnswerHelpShape, En) => "like Keras prints it, for example (None, 10, 8)",
            (QuizText::AnswerHelpShape, Ko) => "Keras가 출력하는 모양대로, 예: (None, 10, 8)",
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

impl Question {
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
                    let Some(p) = RecurrentParams::of(layer, input) else {
                        continue;
                    };
                    lines.push(gated_line(layer, &p, &count, lang));
                    if let Some(why) = gated_why(layer, &p, lang) {
                        lines.push(why);
                    }
                    continue;
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

/// The count line of an LSTM or GRU layer: its gate blocks named, then the numbers.
fn gated_line(layer: &LayerSpec, p: &RecurrentParams, count: &str, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let blocks = match (layer, ko) {
        (LayerSpec::Lstm(_), false) => {
            "4 gate blocks (input i, forget f, candidate c̃, output o), each units × (input + units) + units"
        }
        (LayerSpec::Lstm(_), true) => {
            "게이트 블록 4개(입력 i, 망각 f, 후보 c̃, 출력 o), 블록마다 은닉 상태 크기 × (입력 차원 + 은닉 상태 크기) + 은닉 상태 크기"
        }
        (LayerSpec::Gru(g), false) if g.reset_after && g.use_bias => {
            "3 gate blocks (update z, reset r, candidate h̃), each units × (input + units) + 2 × units"
        }
        (LayerSpec::Gru(g), true) if g.reset_after && g.use_bias => {
            "게이트 블록 3개(업데이트 z, 리셋 r, 후보 h̃), 블록마다 은닉 상태 크기 × (입력 차원 + 은닉 상태 크기) + 2 × 은닉 상태 크기"
        }
        (_, false) => "3 gate blocks (update z, reset r, candidate h̃), each units × (input + units) + units",
        (_, true) => {
            "게이트 블록 3개(업데이트 z, 리셋 r, 후보 h̃), 블록마다 은닉 상태 크기 × (입력 차원 + 은닉 상태 크기) + 은닉 상태 크기"
        }
    };
    let class = match layer {
        LayerSpec::Gru(g) if !g.reset_after => "GRU (reset_after=False)".to_owned(),
        _ => layer.keras_class().to_owned(),
    };
    format!("{class}: {blocks} = {} = {count}", p.numbers())
}

/// Why a one-direction LSTM or GRU with biases counts what it counts, against a
/// `SimpleRNN` of the same size on the same input: 4× for the LSTM; 3× for the GRU, plus
/// a second bias per block with `reset_after=True`.
fn gated_why(layer: &LayerSpec, p: &RecurrentParams, lang: Lang) -> Option<String> {
    if p.directions != 1 || p.bias == crate::model::BiasTerms::None {
        return None;
    }
    let input = usize::try_from(p.input).ok()?;
    let units = usize::try_from(p.units).ok()?;
    let simple = RecurrentParams::of(&LayerSpec::SimpleRnn(SimpleRnnSpec::new(units)), input)?;
    let x = group_thousands(simple.keras);
    let total = group_thousands(p.keras);
    let u = p.units;
    let ko = lang == Lang::Ko;
    Some(match layer {
        LayerSpec::Lstm(_) if ko => format!(
            "왜 4배일까요? 게이트마다 SimpleRNN 하나만큼의 커널, 순환 커널, 편향을 따로 가지기 때문입니다. 같은 입력의 SimpleRNN({u})은 {x}개이므로 4 × {x} = {total}입니다."
        ),
        LayerSpec::Lstm(_) => format!(
            "Why 4×: each gate has its own kernel, recurrent kernel and bias, each as large as a SimpleRNN's. A SimpleRNN({u}) on this input has {x}, and 4 × {x} = {total}."
        ),
        LayerSpec::Gru(g) if g.reset_after => {
            let before = group_thousands(3 * simple.keras);
            if ko {
                format!(
                    "왜 SimpleRNN의 3배보다 많을까요? reset_after=True(Keras 기본값)이면 편향의 크기가 (2, 3 × {u})입니다. 블록마다 입력 편향과 순환 편향을 따로 두어 {u}개가 아니라 2 × {u}개입니다. SimpleRNN({u})은 {x}개이므로 3 × {x} + 3 × {u} = {total}입니다. reset_after=False라면 3 × {x} = {before}입니다."
                )
            } else {
                format!(
                    "Why more than 3× a SimpleRNN: with reset_after=True (Keras' default) the bias has shape (2, 3 × {u}): an input bias and a recurrent bias for every block, 2 × {u} instead of {u}. A SimpleRNN({u}) here has {x}, so 3 × {x} + 3 × {u} = {total}; with reset_after=False it would be 3 × {x} = {before}."
                )
            }
        }
        LayerSpec::Gru(_) => {
            if ko {
                format!(
                    "왜 정확히 3배일까요? reset_after=False이면 블록마다 편향이 하나라서 각 블록이 SimpleRNN({u}) 하나({x}개)와 같습니다: 3 × {x} = {total}. Keras 기본값 reset_after=True라면 블록마다 순환 편향이 하나 더 있어 3 × {u}개가 늘어납니다."
                )
            } else {
                format!(
                    "Why exactly 3×: with reset_after=False every block has one bias, so each is as large as a SimpleRNN({u}), {x}: 3 × {x} = {total}. Keras' default reset_after=True adds a recurrent bias per block, 3 × {u} more."
                )
            }
        }
        _ => return None,
    })
}
