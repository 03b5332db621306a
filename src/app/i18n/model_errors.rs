//! The model module's and the engine's errors in Korean (their English is their own
//! `Display`). Every variant is matched, so a new one does not compile without Korean.

use crate::model::cost::{approx, CostError};
use crate::model::{group_thousands, LayerRef, ModelError};
use crate::rnn::{Direction, RnnError, WeightName};

/// `layer 2 (simple_rnn)` as `층 2 (simple_rnn)`.
#[must_use]
pub fn layer_ko(layer: LayerRef) -> String {
    format!("층 {} ({})", layer.index + 1, layer.kind)
}

/// A place the model module names in English (`input`, `the model`, `layer 2 (dense)
/// kernel`), in Korean.
fn at_ko(at: &str) -> String {
    if let Some(rest) = at.strip_prefix("layer ") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<usize>() {
            return format!("층 {n}{}", &rest[digits.len()..]);
        }
    }
    match at {
        "input" => "입력 (input)".into(),
        "inputs" => "입력값 (inputs)".into(),
        "the model" => "모델".into(),
        other => other.into(),
    }
}

fn json_location_ko(path: &str) -> String {
    if path == "." || path.is_empty() {
        "문서 최상위".into()
    } else {
        format!("`{path}` 위치")
    }
}

/// The model module's fixed English hints, in Korean.
fn hint_ko(hint: &str) -> &'static str {
    match hint {
        "remove one of them" => "둘 중 하나를 지우세요",
        "add one of them" => "둘 중 하나를 추가하세요",
        "an embedding has only \"embeddings\"" => "임베딩 층에는 \"embeddings\"만 있습니다",
        "a simple_rnn has \"kernel\", \"recurrent_kernel\" and \"bias\"" => {
            "simple_rnn 층에는 \"kernel\", \"recurrent_kernel\", \"bias\"가 있습니다"
        }
        "an lstm has \"kernel\", \"recurrent_kernel\" and \"bias\"" => {
            "lstm 층에는 \"kernel\", \"recurrent_kernel\", \"bias\"가 있습니다"
        }
        "a gru has \"kernel\", \"recurrent_kernel\" and \"bias\"" => {
            "gru 층에는 \"kernel\", \"recurrent_kernel\", \"bias\"가 있습니다"
        }
        "a dense layer has \"kernel\" and \"bias\"" => {
            "dense 층에는 \"kernel\"과 \"bias\"가 있습니다"
        }
        h if h.starts_with("a bidirectional layer") => {
            "양방향 층은 \"forward\"와 \"backward\"를 받고, 각각 \"kernel\", \"recurrent_kernel\", \"bias\"를 가집니다"
        }
        h if h.contains("\"use_bias\": false") => {
            "이 층은 \"use_bias\": false입니다. 편향을 지우거나 \"use_bias\": true로 바꾸세요"
        }
        _ => "층의 종류에 맞는 가중치만 주세요",
    }
}

fn document_kind_ko(message: &str) -> &'static str {
    if message.starts_with("this is a case document") {
        "이 문서는 케이스 문서입니다 (\"weights\", \"init\" 또는 \"inputs\"가 있습니다). 케이스로 읽거나 그 항목들을 지우세요."
    } else {
        "이 문서는 모델 문서입니다. 케이스에는 \"weights\" 또는 \"init\"과 \"inputs\"도 필요합니다."
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per model error, kept together like the enum"
)]
/// A model or case document error in Korean.
#[must_use]
pub fn model_ko(err: &ModelError) -> String {
    match err {
        ModelError::Syntax {
            line,
            column,
            message,
        } => format!("올바른 JSON 문서가 아닙니다 ({line}행 {column}열): {message}"),
        ModelError::Json {
            path,
            line,
            column,
            message,
        } => format!(
            "{} ({line}행 {column}열): {message}",
            json_location_ko(path)
        ),
        ModelError::DocumentTooLarge { bytes, max } => format!(
            "문서가 {bytes}바이트로, 한도 {max}바이트보다 큽니다. 필요 없는 숫자를 지우거나 명시적인 가중치 대신 \"init\"을 쓰세요."
        ),
        ModelError::NoLayers => {
            "모델에 층이 없습니다. \"layers\"에 층을 하나 이상 추가하세요.".into()
        }
        ModelError::TooManyLayers { count, max } => format!(
            "모델의 층이 {count}개로, Unrolled가 보여 줄 수 있는 {max}개보다 많습니다. 층을 줄이세요."
        ),
        ModelError::UnknownLayerType { index, found } => format!(
            "층 {}: 알 수 없는 층 종류 \"{found}\"입니다. \"embedding\", \"simple_rnn\", \"lstm\", \"gru\", \"dense\" 중 하나를 쓰세요.",
            index + 1
        ),
        ModelError::FieldNotForLayer {
            layer,
            field,
            allowed,
        } => format!(
            "{}: \"{field}\"은(는) 이 층의 설정이 아닙니다. 이 층의 설정은 {allowed}입니다.",
            layer_ko(*layer)
        ),
        ModelError::MissingField { layer, field } => format!(
            "{}: \"{field}\"이(가) 없습니다. 1 이상의 정수로 주세요.",
            layer_ko(*layer)
        ),
        ModelError::NotPositive { at, field, value } => format!(
            "{}: \"{field}\"이(가) {value}입니다. 1 이상이어야 합니다.",
            at_ko(at)
        ),
        ModelError::TooLarge {
            at,
            field,
            value,
            max,
        } => format!(
            "{}: \"{field}\"이(가) {value}로, 한도 {max}보다 큽니다. 더 작은 값을 쓰세요.",
            at_ko(at)
        ),
        ModelError::UnknownActivation {
            layer,
            found,
            allowed,
        } => format!(
            "{}: 활성화 함수 \"{found}\"은(는) 여기서 쓸 수 없습니다. {allowed} 중 하나를 쓰세요.",
            layer_ko(*layer)
        ),
        ModelError::UnknownMergeMode { layer, found } => format!(
            "{}: \"bidirectional\"이 \"{found}\"입니다. null 또는 \"concat\", \"sum\", \"mul\", \"ave\" 중 하나를 쓰세요.",
            layer_ko(*layer)
        ),
        ModelError::EmbeddingNotFirst { layer } => format!(
            "{}: 임베딩 층은 토큰 번호를 벡터로 바꾸므로 맨 앞 층이어야 합니다. 맨 앞으로 옮기세요.",
            layer_ko(*layer)
        ),
        ModelError::FeaturesWithEmbedding => {
            "첫 층이 토큰 번호를 받는 임베딩 층인데 \"input.features\"가 있습니다. \"features\"를 지우세요."
                .into()
        }
        ModelError::MissingFeatures => {
            "\"input.features\"가 없습니다. 시점마다의 입력 차원을 주세요 (또는 모델을 임베딩 층으로 시작하세요)."
                .into()
        }
        ModelError::SequenceEnded { layer, previous } => format!(
            "{}에는 시퀀스가 필요한데, {}은(는) 마지막 시점만 돌려줍니다. {}에 \"return_sequences\": true를 설정하세요.",
            layer_ko(*layer),
            layer_ko(*previous),
            layer_ko(*previous)
        ),
        ModelError::DuplicateName {
            name,
            first,
            second,
        } => format!(
            "{}: 이름 \"{name}\"은(는) 이미 {}에서 쓰고 있습니다. 층 이름은 서로 달라야 합니다.",
            layer_ko(*second),
            layer_ko(*first)
        ),
        ModelError::BadName { at, chars, max } => format!(
            "{}: 이름은 1자에서 {max}자 사이여야 하는데 {chars}자입니다.",
            at_ko(at)
        ),
        ModelError::TooManyParams { count, max } => format!(
            "모델의 파라미터가 {count}개로, 한도 {max}개보다 많습니다. 유닛 수나 단어 집합 크기를 줄이세요."
        ),
        ModelError::WrongDocumentKind(message) => document_kind_ko(message).into(),
        ModelError::WeightsOrInit(hint) => format!(
            "케이스에는 \"weights\"(명시적인 숫자)와 \"init\"(시드로 정하는 초기화) 중 정확히 하나가 필요합니다. {}.",
            hint_ko(hint)
        ),
        ModelError::WeightsCount { expected, found } => format!(
            "\"weights\"에는 층마다 하나씩 {expected}개가 있어야 하는데 {found}개가 있습니다. 층 순서대로 객체를 하나씩 주세요."
        ),
        ModelError::MissingWeight {
            layer,
            tensor,
            expected,
        } => format!(
            "{}: 가중치 \"{tensor}\"이(가) 없습니다. 크기는 {expected}여야 합니다.",
            layer_ko(*layer)
        ),
        ModelError::MissingDirection { layer, direction } => format!(
            "{}: \"{direction}\" 가중치가 없습니다. 양방향 층은 {{\"forward\": {{...}}, \"backward\": {{...}}}}를 받고, 각각 \"kernel\", \"recurrent_kernel\", \"bias\"를 가집니다.",
            layer_ko(*layer)
        ),
        ModelError::UnexpectedWeight {
            layer,
            tensor,
            hint,
        } => format!(
            "{}: 가중치 \"{tensor}\"은(는) 이 층의 것이 아닙니다. {}.",
            layer_ko(*layer),
            hint_ko(hint)
        ),
        ModelError::WeightShape {
            layer,
            tensor,
            expected,
            found,
        } => format!(
            "{}: 가중치 \"{tensor}\"의 크기는 {expected}여야 하는데 {found}입니다.",
            layer_ko(*layer)
        ),
        ModelError::GateWeightShape {
            layer,
            tensor,
            expected,
            found,
            layout,
        } => format!(
            "{}: 가중치 \"{tensor}\"의 크기는 {expected} = {}, 게이트 순서 {}{}여야 하는데 {found}입니다.",
            layer_ko(*layer),
            layout.shape_words(),
            layout.gates(),
            if layout.two_bias_rows() {
                " (0행은 입력 편향, 1행은 순환 편향)"
            } else {
                ""
            }
        ),
        ModelError::NotFinite { at } => {
            format!("{}: 모든 숫자는 유한해야 합니다.", at_ko(at))
        }
        ModelError::MissingInputs => {
            "케이스에 \"inputs\"가 없습니다. [batch][timesteps][features] 숫자로, 임베딩 모델이면 [batch][timesteps] 토큰 번호로 주세요."
                .into()
        }
        ModelError::InputShape { expected, found } => {
            format!("\"inputs\"의 크기는 {expected}여야 하는데 {found}입니다.")
        }
        ModelError::BadToken {
            batch,
            step,
            value,
            last,
        } => format!(
            "`inputs[{batch}][{step}]` 위치: {value}은(는) 토큰 번호가 아닙니다. 토큰 번호는 0부터 {last}(vocab - 1)까지의 정수입니다."
        ),
        ModelError::RunTooLarge { work, max } => format!(
            "이 케이스를 계산하려면 곱셈-덧셈이 약 {work}번 필요해, 한도 {max}번을 넘습니다. 시퀀스, 배치 또는 유닛 수를 줄이세요."
        ),
        ModelError::TraceTooLarge { numbers, max } => format!(
            "이 케이스를 추적하면 숫자가 약 {numbers}개 나와, 한도 {max}개를 넘습니다. 더 짧은 시퀀스나 작은 배치를 추적하거나 --trace 없이 실행하세요."
        ),
        ModelError::Engine(e) => format!("계산에 실패했습니다: {}", rnn_ko(e)),
        ModelError::Cost(e) => cost_ko(e),
    }
}

/// A direction as the Korean messages add it after a layer (` (정방향)`), or nothing.
#[must_use]
pub fn direction_ko(direction: Option<Direction>) -> &'static str {
    match direction {
        Some(Direction::Forward) => " (정방향)",
        Some(Direction::Backward) => " (역방향)",
        None => "",
    }
}

fn weight_ko(name: WeightName) -> String {
    name.to_string()
}

/// The engine's errors; its layers are counted from 0, as in its English messages.
#[must_use]
pub fn rnn_ko(err: &RnnError) -> String {
    match err {
        RnnError::WeightShape {
            layer,
            direction,
            tensor,
            expected,
            actual,
        } => format!(
            "층 {layer}{}: {}의 크기는 {expected:?}여야 하는데 {actual:?}입니다.",
            direction_ko(*direction),
            weight_ko(*tensor)
        ),
        RnnError::WeightCount {
            layer,
            expected,
            actual,
        } => format!("층 {layer}: 가중치 텐서가 {expected}개 필요한데 {actual}개입니다."),
        RnnError::BiasPresence {
            layer,
            direction,
            use_bias,
        } => {
            let what = if *use_bias {
                "use_bias가 켜져 있는데 편향이 없습니다."
            } else {
                "use_bias가 꺼져 있는데 편향이 있습니다."
            };
            format!("층 {layer}{}: {what}", direction_ko(*direction))
        }
        RnnError::ZeroSize { layer, what } => {
            format!("층 {layer}: {what}은(는) 1 이상이어야 합니다.")
        }
        RnnError::FeatureMismatch {
            layer,
            expected,
            actual,
        } => format!("층 {layer}: 입력 차원이 {expected}이어야 하는데 {actual}입니다."),
        RnnError::NeedsSequence { layer } => format!(
            "층 {layer}: 시퀀스 [batch, timesteps, features]가 필요한데 이전 층은 마지막 시점만 돌려줍니다."
        ),
        RnnError::InputKind { expects_tokens } => {
            if *expects_tokens {
                "첫 층은 토큰 번호를 받는데 입력이 실수 특성입니다.".into()
            } else {
                "첫 층은 토큰 번호를 받지 않는데 입력이 토큰 번호입니다.".into()
            }
        }
        RnnError::EmbeddingNotFirst { layer } => {
            format!("층 {layer}: 임베딩 층은 맨 앞 층이어야 합니다.")
        }
        RnnError::EmptyStack => "쌓인 층이 없습니다.".into(),
        RnnError::TokenOutOfRange {
            layer,
            batch,
            timestep,
            token,
            vocab_size,
        } => format!(
            "층 {layer}: 배치 {batch}, 시점 {timestep}의 토큰 번호 {token}이(가) 단어 집합 범위 0..{vocab_size}을(를) 벗어납니다."
        ),
        RnnError::TraceOutOfRange {
            what,
            index,
            available,
        } => format!("추적할 대상이 없습니다: {what} {index} (가능한 수: {available})"),
        RnnError::StatesShape { forward, backward } => format!(
            "정방향 은닉 상태 {forward:?}와 역방향 은닉 상태 {backward:?}의 크기가 다릅니다."
        ),
        RnnError::DirectionsDiffer { layer } => format!(
            "층 {layer}: 양방향 층의 정방향 층과 역방향 층은 셀 종류와 설정이 같아야 합니다."
        ),
        RnnError::CellMismatch {
            layer,
            expected,
            actual,
        } => format!(
            "층 {layer}: 설정은 {expected} 층인데 가중치는 {actual} 층의 것입니다."
        ),
        RnnError::NotSimpleRnn { layer, cell } => format!(
            "층 {layer}은 {cell} 층입니다. 모든 셀을 다루는 Stack::cell_trace로 추적하세요."
        ),
        RnnError::NonFinite(nf) => format!(
            "층 {}{}, 배치 {}{}에서 값이 발산했습니다 (NaN 또는 무한대).",
            nf.layer,
            direction_ko(nf.direction),
            nf.batch,
            nf.timestep
                .map(|t| format!(", 시점 {t}"))
                .unwrap_or_default()
        ),
    }
}

/// A refusal of the cost model in Korean (English is its `Display`).
#[must_use]
pub fn cost_ko(err: &CostError) -> String {
    let n = |v: usize| group_thousands(v as u64);
    match err {
        CostError::Timesteps { timesteps, limit } => format!(
            "시점 수 {timesteps}은(는) 여기서 계산하는 최대 {limit}보다 많습니다. 시점 수를 줄이세요."
        ),
        CostError::Batch { batch, limit } => format!(
            "배치 크기 {batch}은(는) 여기서 계산하는 최대 {limit}보다 큽니다. 샘플 수를 줄이세요."
        ),
        CostError::Initialize {
            layer,
            units,
            needed,
            limit,
        } => format!(
            "층 {layer}의 유닛 {}개는 가중치를 초기화하는 데 약 {}번의 연산이 필요합니다. 한 번에 \
             최대 {}번까지만 계산합니다. 유닛 수를 줄이거나 Keras의 직교 초기화 대신 다른 초기화를 고르세요.",
            n(*units),
            approx(*needed),
            approx(*limit)
        ),
        CostError::Inputs {
            batch,
            timesteps,
            features,
            needed,
            limit,
        } => format!(
            "샘플 {}개 × 시점 {}개 × 입력 차원 {}개는 입력 값 약 {}개입니다. 최대 {}개까지만 보관합니다. \
             샘플 수, 시점 수 또는 입력 차원을 줄이세요.",
            n(*batch),
            n(*timesteps),
            n(*features),
            approx(*needed),
            approx(*limit)
        ),
        CostError::Forward {
            batch,
            timesteps,
            needed,
            limit,
        } => format!(
            "이 모델은 샘플 {}개 × 시점 {}개를 한 번 계산하는 데 곱셈-덧셈이 약 {}번 필요합니다. 탭이 \
             멈추지 않도록 한 번에 최대 {}번까지만 계산합니다. 시점 수, 유닛 수 또는 샘플 수를 줄이세요.",
            n(*batch),
            n(*timesteps),
            approx(*needed),
            approx(*limit)
        ),
        CostError::Kept { needed, limit } => format!(
            "이 모델은 은닉 상태 값을 약 {}개 보관해야 합니다. 최대 {}개까지만 보관합니다. 시점 수, \
             유닛 수 또는 샘플 수를 줄이세요.",
            approx(*needed),
            approx(*limit)
        ),
        CostError::Export { needed, limit } => format!(
            "이 파일에는 값이 약 {}개 들어갑니다. 한 파일에는 최대 {}개까지만 씁니다. 시점 수, 유닛 수 \
             또는 샘플 수를 줄이세요.",
            approx(*needed),
            approx(*limit)
        ),
        CostError::TrainBatch {
            batch,
            timesteps,
            units,
            needed,
            limit,
        } => format!(
            "샘플 {}개 × 시점 {}개, 유닛 {}개의 학습 배치 하나에는 곱셈-덧셈이 약 {}번 필요합니다. \
             페이지가 한 번에 처리하는 양은 최대 {}번입니다. 배치 크기, 시점 수 또는 유닛 수를 줄이세요.",
            n(*batch),
            n(*timesteps),
            n(*units),
            approx(*needed),
            approx(*limit)
        ),
    }
}
