//! The words of opening a saved Keras model: the button, its hint, and why a file cannot
//! be opened (English is [`KerasError`]'s `Display`).

use crate::keras::{KerasError, SettingHint};

use super::model_errors::model_ko;
use super::Lang;

/// Fixed texts of "Open a Keras model".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KerasText {
    /// The button.
    Open,
    /// What it opens, as the button's title.
    OpenHint,
}

impl KerasText {
    /// The text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Open, Lang::En) => "Open a Keras model",
            (Self::Open, Lang::Ko) => "Keras 모델 열기",
            (Self::OpenHint, Lang::En) => {
                "A model saved with model.save(): .keras (Keras 3) or .h5 (tf.keras 2). Its layers, names and trained weights replace the model on the page."
            }
            (Self::OpenHint, Lang::Ko) => {
                "model.save()로 저장한 모델 파일(.keras는 Keras 3, .h5는 tf.keras 2)입니다. 그 층과 이름, 학습된 가중치가 지금 모델을 대신합니다."
            }
        }
    }
}

/// Why a saved model cannot be opened, in Korean.
#[must_use]
pub fn keras_ko(error: &KerasError) -> String {
    const SUPPORTED: &str = "Unrolled가 읽는 층은 InputLayer, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Dense, TimeDistributed(Dense), Dropout, SpatialDropout1D, GaussianNoise입니다";
    match error {
        KerasError::FileTooLarge { bytes, max } => {
            format!("파일이 {bytes}바이트로, 한도 {max}바이트보다 큽니다")
        }
        KerasError::NotKeras => "Keras 모델 파일이 아닙니다. .keras 파일은 zip이고 .h5 파일은 HDF5인데, 이 파일은 둘 다 아닙니다".into(),
        KerasError::MissingEntry { entry } => {
            format!("이 zip 파일은 Keras 모델이 아닙니다. {entry}가 없습니다")
        }
        KerasError::Zip { reason } => format!("zip 파일을 읽을 수 없습니다: {reason}"),
        KerasError::EntryTooLarge { entry, max } => {
            format!("{entry}의 압축을 풀면 {max}바이트를 넘습니다")
        }
        KerasError::Hdf5 { reason } => format!(
            "HDF5 파일을 읽을 수 없습니다({reason}). 파일이 잘렸거나 손상되었을 수 있습니다"
        ),
        KerasError::NoModelConfig => "이 HDF5 파일은 저장된 Keras 모델이 아닙니다. \"model_config\" 속성이 없습니다(save_weights()로 저장한 파일에는 가중치만 있으니, model.save()로 모델 전체를 저장하세요)".into(),
        KerasError::Config { reason } => format!("모델 설정을 읽을 수 없습니다: {reason}"),
        KerasError::UnsupportedLayer { name, class } => {
            format!("\"{name}\" 층({class})은 지원하지 않습니다. {SUPPORTED}")
        }
        KerasError::CustomObject { name, object } => format!(
            "\"{name}\" 층은 사용자 정의 객체 {object}를 씁니다. 그 코드는 파일에 없으므로, Unrolled는 Keras에 들어 있는 층과 활성화 함수만 계산합니다"
        ),
        KerasError::UnsupportedSetting {
            name,
            class,
            setting,
            hint,
        } => format!(
            "\"{name}\" 층({class})의 설정 {setting}은 Unrolled가 계산하지 않습니다. {}",
            hint_ko(*hint)
        ),
        KerasError::NotAChain { reason } => format!(
            "모델이 층 하나하나가 다음 층으로 이어지는 사슬이 아닙니다({reason}). Unrolled는 Sequential 모델과 사슬 모양의 함수형 모델을 읽습니다"
        ),
        KerasError::UnsupportedModel { class } => format!(
            "모델 종류 {class}는 지원하지 않습니다. Unrolled는 Sequential 모델과 함수형(Model) 모델을 읽습니다"
        ),
        KerasError::MissingWeights { name, detail } => {
            format!("파일에 \"{name}\" 층의 가중치가 없습니다({detail})")
        }
        KerasError::WeightsTooLarge {
            name,
            found,
            expected,
        } => format!(
            "\"{name}\" 층의 가중치가 {found}개인데, 설정대로라면 매개변수는 {expected}개입니다"
        ),
        KerasError::Model(error) => model_ko(error),
    }
}

/// What would work instead, in Korean.
fn hint_ko(hint: SettingHint) -> &'static str {
    match hint {
        SettingHint::Stateful => "stateful=True를 빼고 저장한 사본을 여세요(가중치는 같습니다)",
        SettingHint::ReturnState => "사슬의 층마다 출력이 하나여야 하니, return_state=True 없이 만드세요",
        SettingHint::TimeMajor => "배치 축을 앞에 두고(time_major=False) 만드세요",
        SettingHint::GoBackwards => "시퀀스를 거꾸로 읽으려면 Bidirectional을 쓰세요",
        SettingHint::Keras2HardSigmoid => "Keras 2의 hard_sigmoid는 clip(0.2·x + 0.5, 0, 1)이고 Unrolled는 Keras 3의 clip(x / 6 + 1/2, 0, 1)을 계산합니다. \"sigmoid\"를 쓰세요",
        SettingHint::RecurrentActivations => "순환층에는 tanh, sigmoid, hard_sigmoid, relu, linear를 쓸 수 있습니다",
        SettingHint::DenseActivations => "Dense 층에는 linear, relu, sigmoid, tanh, softmax, hard_sigmoid를 쓸 수 있습니다",
        SettingHint::BackwardLayer => "Unrolled는 두 방향의 설정이 같은 Bidirectional만 계산합니다",
        SettingHint::MergeModes => "concat, sum, mul, ave 가운데 하나를 쓰세요",
        SettingHint::MergeNone => "출력이 둘로 나옵니다. concat, sum, mul, ave 가운데 하나를 쓰세요",
        SettingHint::MaskZero => "마스킹은 순환층이 읽는 시점을 바꿉니다. mask_zero=False로 저장하세요",
    }
}
