//! The words of importing: what a file was, and why it could not be imported.

use crate::app::domain::import::{ImportError, ImportKind};
use crate::app::domain::import_error::{
    shape_text, JsonProblem, Mismatch, NpyProblem, Role, ZipProblem,
};
use crate::model::StateDictError;
use crate::rnn::Direction;

use super::model_errors::{model_ko, rnn_ko};
use super::Lang;

/// What an imported file was, in `lang`.
#[must_use]
pub fn import_kind_text(kind: ImportKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ImportKind::KerasNpz, _) => "Keras .npz",
        (ImportKind::KerasJson, _) => "Keras JSON",
        (ImportKind::PytorchStateDict, _) => "PyTorch state_dict",
        (ImportKind::ModelDocument, Lang::En) => "model document",
        (ImportKind::ModelDocument, Lang::Ko) => "모델 문서",
        (ImportKind::CaseDocument, Lang::En) => "case document",
        (ImportKind::CaseDocument, Lang::Ko) => "케이스 문서",
        (ImportKind::Training, Lang::En) => "Training",
        (ImportKind::Training, Lang::Ko) => "학습",
        (ImportKind::KerasFile, Lang::En) => "saved Keras model",
        (ImportKind::KerasFile, Lang::Ko) => "저장된 Keras 모델",
    }
}

/// Why a file could not be imported, in `lang`.
#[must_use]
pub fn import_error_text(error: &ImportError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        ImportError::TooLarge { bytes, max } => {
            format!("파일이 {bytes}바이트입니다. {max}바이트까지의 파일만 읽습니다")
        }
        ImportError::UnknownFormat => "JSON 파일도 .npz 파일도 아닙니다".into(),
        ImportError::Zip(problem) => format!(".npz 파일이 손상되었습니다: {}", zip_ko(*problem)),
        ImportError::Npy { name, problem } => format!("배열 \"{name}\": {}", npy_ko(problem)),
        ImportError::Json(problem) => format!("JSON 파일을 쓸 수 없습니다: {}", json_ko(problem)),
        ImportError::Mismatch(mismatch) => mismatch_ko(mismatch),
        ImportError::NoReader => "이 브라우저에서는 파일을 읽을 수 없습니다".into(),
        ImportError::Unreadable => "파일을 읽지 못했습니다".into(),
        ImportError::Keras(error) => super::keras::keras_ko(error),
    }
}

fn zip_ko(problem: ZipProblem) -> &'static str {
    match problem {
        ZipProblem::Unreadable => {
            "읽을 수 있는 zip 압축 파일이 아닙니다 (파일이 잘렸을 수 있습니다)"
        }
        ZipProblem::TooManyArrays => "배열이 너무 많습니다",
        ZipProblem::TotalTooLarge => "배열을 모두 풀면 128MiB가 넘습니다",
        ZipProblem::Overlapping => "두 항목이 파일의 같은 바이트를 가리킵니다",
        ZipProblem::ShortLocalHeader => "항목 머리말이 잘렸습니다",
    }
}

fn npy_ko(problem: &NpyProblem) -> String {
    match problem {
        NpyProblem::DeclaredTooLarge => "적힌 크기가 파일이 가질 수 있는 크기보다 큽니다".into(),
        NpyProblem::CutOff => "데이터가 잘렸습니다".into(),
        NpyProblem::Damaged => "압축된 데이터가 손상되었습니다".into(),
        NpyProblem::UnknownMethod => "알 수 없는 방식으로 압축되었습니다".into(),
        NpyProblem::NotNpy => ".npy 배열이 아닙니다".into(),
        NpyProblem::UnknownVersion => "알 수 없는 .npy 버전입니다".into(),
        NpyProblem::HeaderCutOff => "머리말이 잘렸습니다".into(),
        NpyProblem::NoDtype => "머리말에 자료형(dtype)이 없습니다".into(),
        NpyProblem::Dtype(dtype) => format!(
            "자료형 {dtype}은(는) 읽을 수 없습니다. float32나 float64(리틀 엔디언)로 저장하세요"
        ),
        NpyProblem::FortranOrder => {
            "포트란 순서로 저장되어 있습니다. np.ascontiguousarray로 저장하세요".into()
        }
        NpyProblem::NoShape => "머리말에 모양(shape)이 없습니다".into(),
        NpyProblem::ShapeUnreadable => "모양을 읽을 수 없습니다".into(),
        NpyProblem::ShapeNumbers(shape) => format!("모양 ({shape})을 읽을 수 없습니다"),
        NpyProblem::ShapeTooLarge(shape) => {
            format!("모양 ({shape})이 이 페이지가 읽는 크기보다 큽니다")
        }
        NpyProblem::DataCutOff {
            shape,
            needed,
            found,
        } => format!(
            "데이터가 잘렸습니다: 모양 ({shape})에는 {needed}바이트가 필요한데 파일에는 {found}바이트가 있습니다"
        ),
        NpyProblem::NotFinite(at) => format!("{at}번째 값이 유한한 수가 아닙니다"),
        NpyProblem::TooNested => "너무 크거나 너무 깊이 중첩되어 있습니다".into(),
        NpyProblem::NotRectangular => "직사각형 배열이 아닙니다".into(),
        NpyProblem::NonNumber => "숫자가 아닌 값이 있습니다".into(),
        NpyProblem::NotNumbers => "숫자 말고 다른 것이 들어 있습니다".into(),
    }
}

fn json_ko(problem: &JsonProblem) -> String {
    match problem {
        JsonProblem::Syntax { line, column, .. } => {
            format!("올바른 JSON이 아닙니다 ({line}행 {column}열)")
        }
        JsonProblem::NotLayerList => "층 목록이 와야 합니다".into(),
        JsonProblem::LayerNotList(n) => format!("층 {n}이 배열의 목록이 아닙니다"),
        JsonProblem::Document(e) => model_ko(e),
    }
}

/// `layer 2 forward kernel` as `층 2 정방향 kernel`.
fn role_ko(role: Role) -> String {
    let mut words = Vec::new();
    if let Some(layer) = role.layer {
        words.push(format!("층 {layer}"));
    }
    match role.direction {
        Some(Direction::Forward) => words.push("정방향".into()),
        Some(Direction::Backward) => words.push("역방향".into()),
        None => {}
    }
    words.push(role.tensor.to_owned());
    words.join(" ")
}

fn mismatch_ko(mismatch: &Mismatch) -> String {
    match mismatch {
        Mismatch::Shape {
            array,
            role,
            found,
            needed,
        } => format!(
            "배열 \"{array}\"({})의 모양은 {}인데, 모델에는 {}이(가) 필요합니다",
            role_ko(*role),
            shape_text(found),
            shape_text(needed)
        ),
        Mismatch::TooFewArrays(role) => {
            format!("파일의 배열이 모자랍니다: {}이(가) 없습니다", role_ko(*role))
        }
        Mismatch::TooManyArrays { first, shape } => format!(
            "파일에 모델의 가중치보다 많은 배열이 있습니다. \"{first}\" {}부터 남습니다",
            shape_text(shape)
        ),
        Mismatch::LayerCount { file, model } => {
            format!("파일에는 {file}개 층의 가중치가 있는데, 모델의 층은 {model}개입니다")
        }
        Mismatch::Model(e) => model_ko(e),
        Mismatch::PytorchShape { array, shape } => format!(
            "배열 \"{array}\"의 모양이 {}입니다. nn.RNN의 weight_ih는 (hidden_size, input_size)입니다",
            shape_text(shape)
        ),
        Mismatch::Missing(name) => format!("배열 \"{name}\"이(가) 없습니다"),
        Mismatch::Unusable(name) => format!("배열 \"{name}\"을(를) 쓸 수 없습니다"),
        Mismatch::NoPytorchLayers => "weight_ih_l0 배열이 없습니다".into(),
        Mismatch::Convert(e) => rnn_ko(e),
        Mismatch::StateDict(e) => state_dict_ko(e),
    }
}

/// Korean for a PyTorch `nn.LSTM` / `nn.GRU` `state_dict` that cannot be read.
fn state_dict_ko(e: &StateDictError) -> String {
    match e {
        StateDictError::NoLayers => {
            "\"weight_ih_l0\" 배열이 없습니다. nn.RNN, nn.LSTM, nn.GRU의 state_dict가 아닙니다".into()
        }
        StateDictError::Missing { name } => format!("배열 \"{name}\"이(가) 없습니다"),
        StateDictError::Rank { name, found, rank } => {
            format!("배열 \"{name}\"의 모양이 {found}입니다. 축이 {rank}개여야 합니다")
        }
        StateDictError::UnknownCell { name, found } => format!(
            "배열 \"{name}\"의 모양이 {found}입니다. (hidden, hidden)은 nn.RNN, \
             (3·hidden, hidden)은 nn.GRU, (4·hidden, hidden)은 nn.LSTM의 모양입니다"
        ),
        StateDictError::MixedCells {
            layer,
            first,
            found,
        } => format!(
            "층 {layer}은(는) {found}인데 층 0은 {first}입니다(PyTorch의 층 번호). state_dict 하나에는 한 종류의 셀만 들어 있어야 합니다"
        ),
        StateDictError::LayerInput {
            layer,
            expected,
            found,
        } => format!(
            "층 {layer}의 입력은 {found}개인데, 앞 층의 출력은 {expected}개입니다"
        ),
        StateDictError::Engine { layer, source } => {
            format!("층 {layer}: {}", rnn_ko(source))
        }
    }
}
