//! Every user-visible string, in English and Korean. A missing translation does not compile;
//! an unused one is dead code, which clippy refuses.

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The BCP 47 code, for the `lang` attribute and links.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The other language, for the switch button.
    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }
}

/// A user-visible text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum Text {
    Title,
    Tagline,
    SwitchLanguage,
    Model,
    Preset,
    PresetCustom,
    Timesteps,
    InputFeatures,
    BatchSize,
    BatchNone,
    Seed,
    WeightInit,
    InitKeras,
    InitPytorch,
    InitUniform01,
    RecurrentLayers,
    Layer,
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
    Timestep,
    FirstStep,
    PreviousStep,
    NextStep,
    LastStep,
    Play,
    Pause,
    Speed,
    Example,
    StepOf,
    CurrentHiddenState,
    Equation,
    NumpyNotation,
    KerasNotation,
    ReadsFrom,
    Forward,
    Backward,
    ModelSummary,
    PytorchCount,
    KerasParams,
    PytorchParams,
    Difference,
    UnrolledDiagram,
    DiagramCell,
    StepsHidden,
    Charts,
    LinesTitle,
    HeatmapTitle,
    SaturationTitle,
    Value,
    Unit,
    ColorBar,
    ShareSaturated,
    Histogram,
    LinesDescription,
    HeatmapDescription,
    SaturationDescription,
    SaturationNote,
    NonFinite,
    Concepts,
    ConceptCellTitle,
    ConceptCell,
    ConceptShapesTitle,
    ConceptShapes,
    ConceptKerasTitle,
    ConceptKeras,
    ConceptDeepTitle,
    ConceptDeep,
    ConceptBidirectionalTitle,
    ConceptBidirectional,
    KeepsLastModel,
    Export,
    DownloadCase,
    DownloadCaseHelp,
    DrawError,
    Sum,
    Weights,
}

impl Text {
    /// This text in `lang`.
    #[must_use]
    #[allow(
        clippy::too_many_lines,
        reason = "one table of every string, kept together"
    )]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (Text::Title, _) => "Unrolled",
            (Text::Tagline, En) => {
                "See a recurrent neural network think: set the layer sizes, step through time \
                 and watch the hidden state change."
            }
            (Text::Tagline, Ko) => {
                "순환 신경망이 생각하는 모습을 보세요: 층의 크기를 정하고 시점을 한 단계씩 넘기며 \
                 은닉 상태가 변하는 모습을 지켜보세요."
            }
            (Text::SwitchLanguage, En) => "한국어",
            (Text::SwitchLanguage, Ko) => "English",
            (Text::Model, En) => "Model",
            (Text::Model, Ko) => "모델",
            (Text::Preset, En) => "Preset",
            (Text::Preset, Ko) => "예제",
            (Text::PresetCustom, En) => "(your own model)",
            (Text::PresetCustom, Ko) => "(직접 만든 모델)",
            (Text::Timesteps, En) => "Timesteps",
            (Text::Timesteps, Ko) => "시점 수 (timesteps)",
            (Text::InputFeatures, En) => "Input features",
            (Text::InputFeatures, Ko) => "입력 차원 (input_dim)",
            (Text::BatchSize, En) => "Batch size",
            (Text::BatchSize, Ko) => "배치 크기 (batch_size)",
            (Text::BatchNone, En) => "empty: none, like input_shape",
            (Text::BatchNone, Ko) => "비우면 없음 (input_shape처럼)",
            (Text::Seed, En) => "Seed",
            (Text::Seed, Ko) => "시드",
            (Text::WeightInit, En) => "Weight init",
            (Text::WeightInit, Ko) => "가중치 초기화",
            (Text::InitKeras, En) => "Keras defaults (Glorot, orthogonal, zero bias)",
            (Text::InitKeras, Ko) => "케라스 기본값 (Glorot, 직교, 편향 0)",
            (Text::InitPytorch, En) => "PyTorch defaults (uniform ±1/√units)",
            (Text::InitPytorch, Ko) => "파이토치 기본값 (균등 ±1/√units)",
            (Text::InitUniform01, En) => "Uniform [0, 1) like the numpy example",
            (Text::InitUniform01, Ko) => "균등 [0, 1) (넘파이 예제처럼)",
            (Text::RecurrentLayers, En) => "Recurrent layers",
            (Text::RecurrentLayers, Ko) => "순환 층",
            (Text::Layer, En) => "layer",
            (Text::Layer, Ko) => "층",
            (Text::HiddenUnits, En) => "Hidden units",
            (Text::HiddenUnits, Ko) => "은닉 상태 크기",
            (Text::Activation, En) => "Activation",
            (Text::Activation, Ko) => "활성화 함수",
            (Text::UseBias, En) => "Use bias",
            (Text::UseBias, Ko) => "편향 사용",
            (Text::ReturnSequences, En) => "Return sequences",
            (Text::ReturnSequences, Ko) => "모든 시점 출력 (return_sequences)",
            (Text::Bidirectional, En) => "Bidirectional",
            (Text::Bidirectional, Ko) => "양방향",
            (Text::MergeMode, En) => "Merge mode",
            (Text::MergeMode, Ko) => "병합 방식",
            (Text::AddLayer, En) => "Add a layer",
            (Text::AddLayer, Ko) => "층 추가",
            (Text::RemoveLayer, En) => "Remove",
            (Text::RemoveLayer, Ko) => "삭제",
            (Text::MoveDown, En) => "Move down",
            (Text::MoveDown, Ko) => "아래로",
            (Text::MoveUp, En) => "Move up",
            (Text::MoveUp, Ko) => "위로",
            (Text::Embedding, En) => "Embedding in front",
            (Text::Embedding, Ko) => "앞에 임베딩 층",
            (Text::Vocabulary, En) => "Vocabulary",
            (Text::Vocabulary, Ko) => "단어 집합 크기",
            (Text::EmbeddingDim, En) => "Embedding dimension",
            (Text::EmbeddingDim, Ko) => "임베딩 차원",
            (Text::DenseHead, En) => "Dense head on top",
            (Text::DenseHead, Ko) => "위에 Dense 출력층",
            (Text::DenseUnits, En) => "Dense units",
            (Text::DenseUnits, Ko) => "출력 뉴런 수",
            (Text::InputSource, En) => "Input",
            (Text::InputSource, Ko) => "입력",
            (Text::InputRandom, En) => "Random [0, 1) (seeded)",
            (Text::InputRandom, Ko) => "무작위 [0, 1) (시드 고정)",
            (Text::InputSine, En) => "Sine wave",
            (Text::InputSine, Ko) => "사인파",
            (Text::InputStep, En) => "Step (0 then 1)",
            (Text::InputStep, Ko) => "계단 (0 다음 1)",
            (Text::InputSentence, En) => "Sentence (token ids)",
            (Text::InputSentence, Ko) => "문장 (토큰 번호)",
            (Text::InputManual, En) => "Typed values",
            (Text::InputManual, Ko) => "직접 입력",
            (Text::ManualHelp, En) => "One timestep per line, one number per input feature",
            (Text::ManualHelp, Ko) => "한 줄에 한 시점, 입력 차원마다 숫자 하나",
            (Text::Apply, En) => "Apply",
            (Text::Apply, Ko) => "적용",
            (Text::Timestep, En) => "Timestep",
            (Text::Timestep, Ko) => "시점",
            (Text::FirstStep, En) => "First step",
            (Text::FirstStep, Ko) => "첫 시점",
            (Text::PreviousStep, En) => "Previous step",
            (Text::PreviousStep, Ko) => "이전 시점",
            (Text::NextStep, En) => "Next step",
            (Text::NextStep, Ko) => "다음 시점",
            (Text::LastStep, En) => "Last step",
            (Text::LastStep, Ko) => "마지막 시점",
            (Text::Play, En) => "Play",
            (Text::Play, Ko) => "재생",
            (Text::Pause, En) => "Pause",
            (Text::Pause, Ko) => "일시 정지",
            (Text::Speed, En) => "Speed",
            (Text::Speed, Ko) => "속도",
            (Text::Example, En) => "Example in batch",
            (Text::Example, Ko) => "배치 속 샘플",
            (Text::StepOf, En) => "of",
            (Text::StepOf, Ko) => "/",
            (Text::CurrentHiddenState, En) => "Current hidden state",
            (Text::CurrentHiddenState, Ko) => "현재 은닉 상태",
            (Text::Equation, En) => "This step",
            (Text::Equation, Ko) => "이 시점의 계산",
            (Text::NumpyNotation, En) => "Show numpy notation",
            (Text::NumpyNotation, Ko) => "넘파이 표기 보기",
            (Text::KerasNotation, En) => "Keras layout: row vectors, kernel (input, units)",
            (Text::KerasNotation, Ko) => "케라스 배치: 행 벡터, kernel (입력, 유닛)",
            (Text::ReadsFrom, En) => "reads h from",
            (Text::ReadsFrom, Ko) => "이전 은닉 상태를 읽는 시점:",
            (Text::Forward, En) => "forward",
            (Text::Forward, Ko) => "정방향",
            (Text::Backward, En) => "backward",
            (Text::Backward, Ko) => "역방향",
            (Text::ModelSummary, En) => "Model summary",
            (Text::ModelSummary, Ko) => "모델 요약",
            (Text::PytorchCount, En) => "The same model in PyTorch",
            (Text::PytorchCount, Ko) => "파이토치로 만든 같은 모델",
            (Text::KerasParams, En) => "Keras",
            (Text::KerasParams, Ko) => "케라스",
            (Text::PytorchParams, En) => "PyTorch",
            (Text::PytorchParams, Ko) => "파이토치",
            (Text::Difference, En) => "Why",
            (Text::Difference, Ko) => "차이",
            (Text::UnrolledDiagram, En) => "Unrolled diagram",
            (Text::UnrolledDiagram, Ko) => "펼친 RNN 그림",
            (Text::DiagramCell, En) => "Layer {layer}, {direction}, timestep {t}",
            (Text::DiagramCell, Ko) => "{layer}층, {direction}, 시점 {t}",
            (Text::StepsHidden, En) => "{n} steps hidden",
            (Text::StepsHidden, Ko) => "{n}개 시점 생략",
            (Text::Charts, En) => "Plots",
            (Text::Charts, Ko) => "그래프",
            (Text::LinesTitle, En) => "Hidden state over time",
            (Text::LinesTitle, Ko) => "시점에 따른 은닉 상태",
            (Text::HeatmapTitle, En) => "All hidden states (time × unit)",
            (Text::HeatmapTitle, Ko) => "모든 은닉 상태 (시점 × 유닛)",
            (Text::SaturationTitle, En) => "Saturation",
            (Text::SaturationTitle, Ko) => "포화",
            (Text::Value, En) => "value",
            (Text::Value, Ko) => "값",
            (Text::Unit, En) => "unit",
            (Text::Unit, Ko) => "유닛",
            (Text::ColorBar, En) => "h",
            (Text::ColorBar, Ko) => "h",
            (Text::ShareSaturated, En) => "share of units with |h| > 0.99",
            (Text::ShareSaturated, Ko) => "|h| > 0.99 인 유닛 비율",
            (Text::Histogram, En) => "z_t at this step, with tanh(z)",
            (Text::Histogram, Ko) => "이 시점의 z_t와 tanh(z)",
            (Text::LinesDescription, En) => "One line per hidden unit over time, with a cursor at the current step",
            (Text::LinesDescription, Ko) => "은닉 유닛마다 시점에 따른 선, 현재 시점에 커서",
            (Text::HeatmapDescription, En) => "Heatmap of every hidden value, timesteps across, units down",
            (Text::HeatmapDescription, Ko) => "모든 은닉 값의 히트맵, 가로는 시점, 세로는 유닛",
            (Text::SaturationDescription, En) => {
                "Bars: share of units near ±1 at each step; histogram of pre-activations at the current step"
            }
            (Text::SaturationDescription, Ko) => {
                "막대: 시점마다 ±1 가까이 포화된 유닛 비율, 현재 시점의 활성화 전 값 히스토그램"
            }
            (Text::SaturationNote, En) => {
                "When every weight is positive (uniform [0, 1), as in the numpy example), z_t grows \
                 past 3 after a step or two and tanh(z) is then within 0.01 of 1: the units saturate, \
                 and the hidden state stops carrying information about the input."
            }
            (Text::SaturationNote, Ko) => {
                "가중치가 모두 양수이면 (넘파이 예제처럼 균등 [0, 1)) 한두 시점 만에 z_t가 3을 넘고, \
                 tanh(z)는 1과 0.01 이내로 붙습니다. 유닛이 포화되어 은닉 상태가 입력에 대한 정보를 \
                 더 이상 담지 못합니다."
            }
            (Text::NonFinite, En) => "A value overflowed (NaN or infinity) at",
            (Text::NonFinite, Ko) => "값이 발산했습니다 (NaN 또는 무한대):",
            (Text::Concepts, En) => "The ideas behind it",
            (Text::Concepts, Ko) => "배경 개념",
            (Text::ConceptCellTitle, En) => "Cell and hidden state",
            (Text::ConceptCellTitle, Ko) => "메모리 셀과 은닉 상태",
            (Text::ConceptCell, En) => {
                "A feed-forward network sends values one way, towards the output. An RNN's cell also \
                 keeps its result, the hidden state h_t, and reads it back at the next timestep, so \
                 each step sees the current input and a summary of everything before it."
            }
            (Text::ConceptCell, Ko) => {
                "피드 포워드 신경망은 값을 출력층 방향으로만 보냅니다. RNN의 메모리 셀은 결과인 은닉 \
                 상태 h_t를 다음 시점의 자신에게도 보내므로, 각 시점은 현재 입력과 그때까지의 요약을 \
                 함께 봅니다."
            }
            (Text::ConceptShapesTitle, En) => "One-to-many, many-to-one, many-to-many",
            (Text::ConceptShapesTitle, Ko) => "일 대 다, 다 대 일, 다 대 다",
            (Text::ConceptShapes, En) => {
                "Inputs and outputs can differ in length: many-to-one reads a whole sequence and \
                 answers once (sentiment of a review); many-to-many answers at every step (tagging \
                 each word); one-to-many turns one input into a sequence (a caption for an image)."
            }
            (Text::ConceptShapes, Ko) => {
                "입력과 출력의 길이는 다를 수 있습니다. 다 대 일은 시퀀스 전체를 읽고 한 번 답하고 \
                 (리뷰 감성 분류), 다 대 다는 시점마다 답하며 (품사 태깅), 일 대 다는 하나의 입력으로 \
                 시퀀스를 만듭니다 (이미지 캡션)."
            }
            (Text::ConceptKerasTitle, En) => "Keras shapes and return_sequences",
            (Text::ConceptKerasTitle, Ko) => "케라스의 입력 크기와 return_sequences",
            (Text::ConceptKeras, En) => {
                "A SimpleRNN layer takes a 3D tensor (batch_size, timesteps, input_dim). With \
                 return_sequences=False it returns only the last hidden state, (batch_size, units); \
                 with True, every step's, (batch_size, timesteps, units). Its parameters are \
                 units × (input_dim + units + 1)."
            }
            (Text::ConceptKeras, Ko) => {
                "SimpleRNN 층은 (batch_size, timesteps, input_dim) 크기의 3D 텐서를 받습니다. \
                 return_sequences=False이면 마지막 시점의 은닉 상태 (batch_size, units)만, True이면 \
                 모든 시점의 은닉 상태 (batch_size, timesteps, units)를 돌려줍니다. 파라미터 수는 \
                 units × (input_dim + units + 1)입니다."
            }
            (Text::ConceptDeepTitle, En) => "Deep RNNs",
            (Text::ConceptDeepTitle, Ko) => "깊은 순환 신경망",
            (Text::ConceptDeep, En) => {
                "Stacking recurrent layers feeds each step's hidden state of one layer to the layer \
                 above, so every layer but the top one must return sequences."
            }
            (Text::ConceptDeep, Ko) => {
                "순환 층을 쌓으면 한 층의 시점별 은닉 상태가 위층의 입력이 됩니다. 그래서 맨 위를 뺀 \
                 모든 층은 return_sequences=True여야 합니다."
            }
            (Text::ConceptBidirectionalTitle, En) => "Bidirectional RNNs",
            (Text::ConceptBidirectionalTitle, Ko) => "양방향 순환 신경망",
            (Text::ConceptBidirectional, En) => {
                "A bidirectional layer runs one cell forward through time and another backward, each \
                 with its own weights, and joins their states at every step, so the answer at time t \
                 can use what comes after t as well as what came before."
            }
            (Text::ConceptBidirectional, Ko) => {
                "양방향 층은 한 셀은 앞에서 뒤로, 다른 셀은 뒤에서 앞으로 시퀀스를 읽고 (가중치는 \
                 따로), 시점마다 두 은닉 상태를 합칩니다. 그래서 시점 t의 출력이 이전뿐 아니라 이후 \
                 시점의 입력도 활용할 수 있습니다."
            }
            (Text::KeepsLastModel, En) => "The last valid model stays on screen.",
            (Text::KeepsLastModel, Ko) => "마지막으로 올바른 모델이 그대로 표시됩니다.",
            (Text::DrawError, En) => "This chart could not be drawn",
            (Text::DrawError, Ko) => "그래프를 그리지 못했습니다",
            (Text::Export, En) => "Export",
            (Text::Export, Ko) => "내보내기",
            (Text::DownloadCase, En) => "Download case",
            (Text::DownloadCase, Ko) => "케이스 내려받기",
            (Text::DownloadCaseHelp, En) => "the model, initializer and inputs as JSON: unrolled-cli run computes the same numbers",
            (Text::DownloadCaseHelp, Ko) => "모델, 초기화, 입력을 담은 JSON: unrolled-cli run으로 같은 값을 계산합니다",
            (Text::Sum, En) => "Total",
            (Text::Sum, Ko) => "합계",
            (Text::Weights, En) => "weights",
            (Text::Weights, Ko) => "가중치",
        }
    }
}
