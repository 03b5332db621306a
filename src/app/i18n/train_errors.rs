//! The training view's messages: the status line, the reasons beside the fields, and why
//! training stopped or could not start, in both languages for every error.

use crate::app::domain::train_charts::SeriesName;
use crate::app::domain::train_form::{FieldProblem, FormError};
use crate::app::domain::train_run::{Alert, LayerLabel, Phase, Status, TrainNotice};
use crate::app::domain::train_runs::Reading;
use crate::rnn::Direction;
use crate::train::TrainError;

use super::model_errors::rnn_ko;
use super::train::{init_name, TrainText};
use super::{fill, Lang};

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

/// A chart series' name in the legend: the cell, then the model when two are compared.
#[must_use]
pub fn series_name(name: SeriesName, lang: Lang) -> String {
    let run = name.run.map(|init| init_name(init, lang));
    match (name.cell, run) {
        (Some((layer, direction)), Some(run)) => {
            format!("{} · {run}", cell_name(layer, direction, lang))
        }
        (Some((layer, direction)), None) => cell_name(layer, direction, lang),
        (None, Some(run)) => run.to_owned(),
        (None, None) => String::new(),
    }
}

/// A number for the readout: four decimals, or scientific below 0.001 and from 10⁵ on.
#[must_use]
pub fn number(v: f32) -> String {
    if !v.is_finite() {
        "NaN".to_owned()
    } else if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e5) {
        format!("{v:.2e}")
    } else {
        format!("{v:.4}")
    }
}

fn reading_text(reading: Reading, lang: Lang) -> String {
    let t = |k: TrainText| k.text(lang);
    let mut words = Vec::new();
    if let Some(loss) = reading.loss {
        words.push(fill(t(TrainText::StatusLoss), &[("loss", number(loss))]));
    }
    if let Some(accuracy) = reading.accuracy {
        words.push(fill(
            t(TrainText::StatusAccuracy),
            &[("accuracy", format!("{:.1}%", accuracy * 100.0))],
        ));
    }
    words.join(", ")
}

/// The status line: where training stands and the latest loss of each model.
#[must_use]
pub fn status_text(status: Option<&Status>, lang: Lang) -> String {
    let t = |k: TrainText| k.text(lang);
    let Some(status) = status else {
        return t(TrainText::StatusIdle).to_owned();
    };
    let mut parts = vec![fill(
        t(TrainText::StatusEpoch),
        &[
            ("epoch", status.epoch.to_string()),
            ("epochs", status.epochs.to_string()),
            ("batch", status.batch.to_string()),
            ("batches", status.batches.to_string()),
        ],
    )];
    let main = reading_text(status.main, lang);
    if !main.is_empty() {
        parts.push(main);
    }
    if let Some((init, reading)) = status.twin {
        let twin = reading_text(reading, lang);
        if !twin.is_empty() {
            parts.push(format!("{}: {twin}", init_name(init, lang)));
        }
    }
    let phase = match status.phase {
        Phase::Running => TrainText::StatusRunning,
        Phase::Stopped => TrainText::StatusStopped,
        Phase::Done => TrainText::StatusDone,
        Phase::Paused => TrainText::StatusPaused,
    };
    parts.push(format!("({})", t(phase)));
    let line = parts.join(" · ");
    if status.stale {
        format!("{line} {}", t(TrainText::SettingsChanged))
    } else {
        line
    }
}

/// Why a field's text is not a usable value, in `lang`.
#[must_use]
pub fn form_error_text(error: FormError, lang: Lang) -> String {
    let t = |k: TrainText| k.text(lang);
    let range = |template: TrainText, min: usize, max: usize| {
        fill(
            t(template),
            &[("min", min.to_string()), ("max", max.to_string())],
        )
    };
    match error {
        FormError::NotANumber => t(TrainText::NotANumber).to_owned(),
        FormError::NotPositive => t(TrainText::NotPositive).to_owned(),
        FormError::WholeNumber { min, max } => range(TrainText::WholeNumber, min, max),
        FormError::WholeOrEmpty { min, max } => range(TrainText::WholeOrEmpty, min, max),
        FormError::PositiveOrEmpty => t(TrainText::PositiveOrEmpty).to_owned(),
    }
}

/// What is wrong with a field, in `lang`.
#[must_use]
pub fn field_problem_text(problem: &FieldProblem, lang: Lang) -> String {
    match problem {
        FieldProblem::Form(e) => form_error_text(*e, lang),
        FieldProblem::Train(e) => train_error_text(e, None, 0.01, false, lang),
        FieldProblem::Cost(e) => match lang {
            Lang::En => e.to_string(),
            Lang::Ko => super::model_errors::cost_ko(e),
        },
    }
}

/// A notice of the view, in `lang`.
#[must_use]
pub fn train_notice_text(notice: &TrainNotice, lang: Lang) -> String {
    match notice {
        TrainNotice::Opened => TrainText::Opened.text(lang).to_owned(),
        TrainNotice::Failed(e) => train_error_text(e, None, 0.01, false, lang),
    }
}

/// Why a run stopped, in `lang`.
#[must_use]
pub fn alert_text(alert: &Alert, lang: Lang) -> String {
    train_error_text(
        &alert.error,
        Some(alert.layer),
        alert.lower_rate,
        alert.compared,
        lang,
    )
}

/// A training setting's name, in Korean (the engine names them in English).
fn setting_ko(setting: &str) -> &str {
    match setting {
        "hidden units" => "은닉 유닛 수",
        "layers" => "층 수",
        "batch size" => "배치 크기",
        "learning rate" => "학습률",
        "clip norm" => "클리핑 노름",
        "timesteps" => "시퀀스 길이",
        "examples" => "샘플 수",
        "noise" => "잡음",
        "text length" => "텍스트 길이",
        "distinct characters" => "서로 다른 글자 수",
        "temperature" => "온도",
        "sample length" => "생성할 길이",
        other => other,
    }
}

/// An allowed range in words, in Korean.
fn range_ko(range: &str) -> &str {
    match range {
        "a number greater than 0" => "0보다 큰 수",
        "between 0 and 10" => "0과 10 사이",
        other => other,
    }
}

/// The name of `label` in a message.
fn layer_words(label: LayerLabel, lang: Lang) -> String {
    match label {
        LayerLabel::Recurrent { number, direction } => cell_name(number, direction, lang),
        LayerLabel::Dense => "Dense".to_owned(),
        LayerLabel::Embedding => "Embedding".to_owned(),
    }
}

/// Why training stopped or could not start, in words. `layer` names the layer of a NaN
/// stop (counted as a recurrent layer when unknown); `lower_rate` is the rate to suggest;
/// `compared` says the initializer twin stopped.
#[must_use]
pub fn train_error_text(
    error: &TrainError,
    layer: Option<LayerLabel>,
    lower_rate: f32,
    compared: bool,
    lang: Lang,
) -> String {
    let t = |k: TrainText| k.text(lang);
    match error {
        TrainError::NonFinite {
            layer: index,
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
            let label = layer.unwrap_or(LayerLabel::Recurrent {
                number: *index,
                direction: *direction,
            });
            let mut layer_name = layer_words(label, lang);
            if let Some(t_at) = timestep {
                layer_name = format!(
                    "{layer_name}, {}",
                    fill(t(TrainText::AtTimestep), &[("t", t_at.to_string())])
                );
            }
            let template = if compared {
                TrainText::NonFiniteCompared
            } else {
                TrainText::NonFinite
            };
            let stopped = fill(
                t(template),
                &[
                    ("what", t(what_text).to_owned()),
                    ("layer", layer_name),
                    ("epoch", (epoch + 1).to_string()),
                    ("batch", (batch + 1).to_string()),
                ],
            );
            let advice = fill(
                t(TrainText::TryLowerRate),
                &[("lr", format!("{lower_rate}"))],
            );
            format!("{stopped} {advice}")
        }
        TrainError::TextTooShort { characters, needed } => fill(
            t(TrainText::TextTooShort),
            &[
                ("n", characters.to_string()),
                ("needed", needed.to_string()),
            ],
        ),
        TrainError::TooFewCharacters { .. } => t(TrainText::TooFewCharacters).to_owned(),
        TrainError::UnknownCharacter { character } => fill(
            t(TrainText::UnknownCharacter),
            &[("c", format!("\"{character}\""))],
        ),
        TrainError::EchoDelay { .. } => t(TrainText::EchoDelayTooLong).to_owned(),
        TrainError::SettingTooLarge {
            setting,
            value,
            max,
        } => fill(
            t(TrainText::TooLarge),
            &[
                (
                    "setting",
                    match lang {
                        Lang::En => (*setting).to_owned(),
                        Lang::Ko => setting_ko(setting).to_owned(),
                    },
                ),
                ("value", value.to_string()),
                ("max", max.to_string()),
            ],
        ),
        other => fill(
            t(TrainText::CannotTrain),
            &[(
                "reason",
                match lang {
                    Lang::En => other.to_string(),
                    Lang::Ko => reason_ko(other),
                },
            )],
        ),
    }
}

/// The reason of an error that stops training before it starts, in Korean. Every
/// variant is listed, so a new one does not compile without Korean.
fn reason_ko(error: &TrainError) -> String {
    match error {
        TrainError::Rnn(e) => rnn_ko(e),
        TrainError::Shape {
            what,
            expected,
            actual,
        } => format!("{what}의 크기는 {expected:?}여야 하는데 {actual:?}입니다"),
        TrainError::UnsupportedLayer { layer, kind } => {
            format!("층 {layer}: {kind} 층은 아직 학습할 수 없습니다")
        }
        TrainError::LossActivation { expected, actual } => format!(
            "이 손실에는 {expected:?} 활성화의 Dense 출력층이 필요한데 {}",
            actual.map_or_else(
                || "Dense 출력층이 없습니다".to_owned(),
                |a| format!("{a:?} 활성화입니다")
            )
        ),
        TrainError::Layout { reason } => format!("배열 배치가 맞지 않습니다 ({reason})"),
        TrainError::ZeroTruncation => "잘라 내는 길이는 1단계 이상이어야 합니다".into(),
        TrainError::ParameterCount { expected, actual } => {
            format!("파라미터 텐서가 {expected}개여야 하는데 {actual}개입니다")
        }
        TrainError::ZeroSetting { setting } => {
            format!("{}은(는) 1 이상이어야 합니다", setting_ko(setting))
        }
        TrainError::SettingTooLarge {
            setting,
            value,
            max,
        } => format!(
            "{} 값 {value}은(는) 한도 {max}보다 큽니다",
            setting_ko(setting)
        ),
        TrainError::BadNumber {
            setting,
            value,
            range,
        } => format!(
            "{}이(가) {value}인데, {}이어야 합니다",
            setting_ko(setting),
            range_ko(range)
        ),
        TrainError::EchoDelay { delay, timesteps } => {
            format!("에코 지연({delay}단계)은 시퀀스 길이({timesteps}단계)보다 짧아야 합니다")
        }
        TrainError::TextTooShort { characters, needed } => format!(
            "텍스트가 {characters}글자인데, 최소 {needed}글자(시퀀스 길이 + 1)가 필요합니다"
        ),
        TrainError::TooFewCharacters { distinct } => {
            format!("텍스트에 서로 다른 글자가 두 개 이상 있어야 하는데 {distinct}개입니다")
        }
        TrainError::NotCharModel => "텍스트는 문자 모델 과제에서만 만들 수 있습니다".into(),
        TrainError::UnknownCharacter { character } => {
            format!("\"{character}\" 글자는 학습 텍스트에 없습니다")
        }
        TrainError::ExampleOutOfRange { index, examples } => {
            format!("{index}번 샘플은 없습니다 (데이터셋의 샘플 수: {examples})")
        }
        TrainError::NonFinite {
            layer,
            epoch,
            batch,
            ..
        } => format!(
            "층 {layer}에 NaN 또는 무한대가 나왔습니다 (에포크 {}, 배치 {})",
            epoch + 1,
            batch + 1
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_count_recurrent_layers() {
        assert_eq!(cell_name(0, None, Lang::En), "layer 1");
        assert_eq!(cell_name(1, Some(Direction::Backward), Lang::Ko), "층 2 ←");
    }

    #[test]
    fn field_messages_read_as_before() {
        assert_eq!(
            form_error_text(FormError::NotANumber, Lang::En),
            "Type a number."
        );
        assert_eq!(
            form_error_text(FormError::WholeNumber { min: 1, max: 512 }, Lang::En),
            "Type a whole number from 1 to 512."
        );
        assert_eq!(
            form_error_text(FormError::WholeNumber { min: 1, max: 512 }, Lang::Ko),
            "1부터 512까지의 정수를 입력하세요."
        );
    }
}
