//! The page's own words: the header, the concept notes, and words every panel uses
//! ("layer", "forward", "timestep").

use super::Lang;

/// A word of the page as a whole, or one shared by several panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum Text {
    Title,
    Tagline,
    SwitchLanguage,
    Layer,
    Forward,
    Backward,
    Timestep,
    Sum,
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
}

impl Text {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (Text::Title, _) => "Unrolled",
            (Text::Tagline, En) => {
                "See a recurrent neural network think: set the layer sizes, step through time \
                 and watch the hidden state change."
            }
            (Text::Tagline, Ko) => {
                "층의 크기를 정하고 시점을 하나씩 넘기며 순환 신경망의 은닉 상태가 \
                 어떻게 바뀌는지 지켜보세요."
            }
            (Text::SwitchLanguage, En) => "한국어",
            (Text::SwitchLanguage, Ko) => "English",
            (Text::Layer, En) => "layer",
            (Text::Layer, Ko) => "층",
            (Text::Forward, En) => "forward",
            (Text::Forward, Ko) => "정방향",
            (Text::Backward, En) => "backward",
            (Text::Backward, Ko) => "역방향",
            (Text::Timestep, En) => "Timestep",
            (Text::Timestep, Ko) => "시점",
            (Text::Sum, En) => "Total",
            (Text::Sum, Ko) => "합계",
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
            (Text::ConceptKerasTitle, Ko) => "Keras의 입력 크기와 return_sequences",
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
        }
    }
}
