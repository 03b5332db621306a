//! The model builder's words, and the presets' names.

use crate::app::domain::presets::Preset;

use super::Lang;

/// A word of the model builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ControlText {
    Model,
    Preset,
    PresetCustom,
    Timesteps,
    InputFeatures,
    BatchSize,
    BatchNone,
    TimestepsAny,
    Seed,
    WeightInit,
    InitKeras,
    InitPytorch,
    InitUniform01,
    RecurrentLayers,
    HiddenUnits,
    Activation,
    UseBias,
    ReturnSequences,
    Bidirectional,
    MergeMode,
    AddLayer,
    RemoveLayer,
    MoveDown,
    MoveUp,
    Embedding,
    Vocabulary,
    EmbeddingDim,
    DenseHead,
    DenseUnits,
    InputSource,
    InputRandom,
    InputSine,
    InputStep,
    InputSentence,
    InputManual,
    ManualHelp,
    Apply,
    KeepsLastModel,
}

impl ControlText {
    /// This text in `lang`.
    #[must_use]
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per text and language: a table"
    )]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ControlText::Model, En) => "Model settings",
            (ControlText::Model, Ko) => "모델 설정",
            (ControlText::Preset, En) => "Preset",
            (ControlText::Preset, Ko) => "예제",
            (ControlText::PresetCustom, En) => "(your own model)",
            (ControlText::PresetCustom, Ko) => "(직접 만든 모델)",
            (ControlText::Timesteps, En) => "Timesteps",
            (ControlText::Timesteps, Ko) => "시점 수 (timesteps)",
            (ControlText::InputFeatures, En) => "Input features",
            (ControlText::InputFeatures, Ko) => "입력 차원 (input_dim)",
            (ControlText::BatchSize, En) => "Batch size",
            (ControlText::BatchSize, Ko) => "배치 크기 (batch_size)",
            (ControlText::BatchNone, En) => "empty: none, like input_shape",
            (ControlText::BatchNone, Ko) => "비우면 없음 (input_shape처럼)",
            (ControlText::TimestepsAny, En) => "None (any length; this input has {n})",
            (ControlText::TimestepsAny, Ko) => "None (길이 자유, 지금 입력은 시점 {n}개)",
            (ControlText::Seed, En) => "Seed",
            (ControlText::Seed, Ko) => "시드",
            (ControlText::WeightInit, En) => "Weight init",
            (ControlText::WeightInit, Ko) => "가중치 초기화",
            (ControlText::InitKeras, En) => "Keras defaults (Glorot, orthogonal, zero bias)",
            (ControlText::InitKeras, Ko) => "Keras 기본값 (Glorot, 직교, 편향 0)",
            (ControlText::InitPytorch, En) => "PyTorch defaults (uniform ±1/√units)",
            (ControlText::InitPytorch, Ko) => "PyTorch 기본값 (균등 ±1/√units)",
            (ControlText::InitUniform01, En) => "Uniform [0, 1) like the numpy example",
            (ControlText::InitUniform01, Ko) => "균등 [0, 1) (numpy 예제처럼)",
            (ControlText::RecurrentLayers, En) => "Recurrent layers",
            (ControlText::RecurrentLayers, Ko) => "순환 층",
            (ControlText::HiddenUnits, En) => "Hidden units",
            (ControlText::HiddenUnits, Ko) => "은닉 상태 크기",
            (ControlText::Activation, En) => "Activation",
            (ControlText::Activation, Ko) => "활성화 함수",
            (ControlText::UseBias, En) => "Use bias",
            (ControlText::UseBias, Ko) => "편향 사용",
            (ControlText::ReturnSequences, En) => "Return sequences",
            (ControlText::ReturnSequences, Ko) => "모든 시점 출력 (return_sequences)",
            (ControlText::Bidirectional, En) => "Bidirectional",
            (ControlText::Bidirectional, Ko) => "양방향",
            (ControlText::MergeMode, En) => "Merge mode",
            (ControlText::MergeMode, Ko) => "병합 방식",
            (ControlText::AddLayer, En) => "Add a layer",
            (ControlText::AddLayer, Ko) => "층 추가",
            (ControlText::RemoveLayer, En) => "Remove",
            (ControlText::RemoveLayer, Ko) => "삭제",
            (ControlText::MoveDown, En) => "Move down",
            (ControlText::MoveDown, Ko) => "아래로",
            (ControlText::MoveUp, En) => "Move up",
            (ControlText::MoveUp, Ko) => "위로",
            (ControlText::Embedding, En) => "Embedding in front",
            (ControlText::Embedding, Ko) => "앞에 임베딩 층",
            (ControlText::Vocabulary, En) => "Vocabulary",
            (ControlText::Vocabulary, Ko) => "단어 집합 크기",
            (ControlText::EmbeddingDim, En) => "Embedding dimension",
            (ControlText::EmbeddingDim, Ko) => "임베딩 차원",
            (ControlText::DenseHead, En) => "Dense head on top",
            (ControlText::DenseHead, Ko) => "위에 Dense 출력층",
            (ControlText::DenseUnits, En) => "Dense units",
            (ControlText::DenseUnits, Ko) => "출력 뉴런 수",
            (ControlText::InputSource, En) => "Input",
            (ControlText::InputSource, Ko) => "입력",
            (ControlText::InputRandom, En) => "Random [0, 1) (seeded)",
            (ControlText::InputRandom, Ko) => "무작위 [0, 1) (시드 고정)",
            (ControlText::InputSine, En) => "Sine wave",
            (ControlText::InputSine, Ko) => "사인파",
            (ControlText::InputStep, En) => "Step (0 then 1)",
            (ControlText::InputStep, Ko) => "계단 (0 다음 1)",
            (ControlText::InputSentence, En) => "Sentence (token ids)",
            (ControlText::InputSentence, Ko) => "문장 (토큰 번호)",
            (ControlText::InputManual, En) => "Typed values",
            (ControlText::InputManual, Ko) => "직접 입력",
            (ControlText::ManualHelp, En) => "One timestep per line, one number per input feature",
            (ControlText::ManualHelp, Ko) => "한 줄에 한 시점, 입력 차원마다 숫자 하나",
            (ControlText::Apply, En) => "Apply",
            (ControlText::Apply, Ko) => "적용",
            (ControlText::KeepsLastModel, En) => "The last valid model stays on screen.",
            (ControlText::KeepsLastModel, Ko) => "마지막으로 올바른 모델이 그대로 표시됩니다.",
        }
    }
}

/// A preset's name in the select.
#[must_use]
pub fn preset_label(preset: Preset, lang: Lang) -> &'static str {
    match (preset, lang) {
        (Preset::InputShape, Lang::En) => "SimpleRNN(3), input_shape=(2, 10)",
        (Preset::InputShape, Lang::Ko) => "SimpleRNN(3), input_shape=(2, 10)",
        (Preset::BatchInputShape, Lang::En) => "SimpleRNN(3), batch_input_shape=(8, 2, 10)",
        (Preset::BatchInputShape, Lang::Ko) => "SimpleRNN(3), batch_input_shape=(8, 2, 10)",
        (Preset::ReturnSequences, Lang::En) => "… with return_sequences=True",
        (Preset::ReturnSequences, Lang::Ko) => "… return_sequences=True",
        (Preset::NumpyLoop, Lang::En) => "The numpy loop (T 10, input 4, hidden 8, uniform [0, 1))",
        (Preset::NumpyLoop, Lang::Ko) => "numpy 구현 (시점 10, 입력 4, 은닉 8, 균등 [0, 1))",
        (Preset::Bidirectional, Lang::En) => "Bidirectional SimpleRNN(8) on (10, 5)",
        (Preset::Bidirectional, Lang::Ko) => "양방향 SimpleRNN(8), 입력 (10, 5)",
        (Preset::DeepBidirectional, Lang::En) => "Four stacked bidirectional layers",
        (Preset::DeepBidirectional, Lang::Ko) => "양방향 층 4개 쌓기",
        (Preset::Quiz, Lang::En) => "Quiz: Embedding(5000, 100) → SimpleRNN(128) → Dense(1)",
        (Preset::Quiz, Lang::Ko) => "퀴즈: Embedding(5000, 100) → SimpleRNN(128) → Dense(1)",
        (Preset::Diagram, Lang::En) => "The diagram: input 4, hidden 2, output 2, 2 timesteps",
        (Preset::Diagram, Lang::Ko) => "그림 예: 입력 4, 은닉 2, 출력 2, 시점 2",
        (Preset::InputShapeLstm, Lang::En) => "LSTM(3), input_shape=(2, 10): 4 × the parameters",
        (Preset::InputShapeLstm, Lang::Ko) => "LSTM(3), input_shape=(2, 10): 파라미터 4배",
        (Preset::InputShapeGru, Lang::En) => "GRU(3), input_shape=(2, 10): 3 gate blocks",
        (Preset::InputShapeGru, Lang::Ko) => "GRU(3), input_shape=(2, 10): 게이트 블록 3개",
        (Preset::QuizLstm, Lang::En) => {
            "Quiz with LSTM: Embedding(5000, 100) → LSTM(128) → Dense(1)"
        }
        (Preset::QuizLstm, Lang::Ko) => "퀴즈 LSTM판: Embedding(5000, 100) → LSTM(128) → Dense(1)",
        (Preset::QuizGru, Lang::En) => "Quiz with GRU: Embedding(5000, 100) → GRU(128) → Dense(1)",
        (Preset::QuizGru, Lang::Ko) => "퀴즈 GRU판: Embedding(5000, 100) → GRU(128) → Dense(1)",
    }
}
