//! The tour's words: each step's title and explanation, and the tour card's buttons.

use crate::app::domain::tour::TourText;

use super::Lang;

impl TourText {
    /// This text in `lang`.
    #[must_use]
    #[allow(
        clippy::too_many_lines,
        reason = "one table of the tour's strings, kept together"
    )]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (TourText::Tour, En) => "Guided tour",
            (TourText::Tour, Ko) => "둘러보기",
            (TourText::StepOf, En) => "Step {n} of {total}",
            (TourText::StepOf, Ko) => "{total}단계 중 {n}단계",
            (TourText::Back, En) => "Back",
            (TourText::Back, Ko) => "이전",
            (TourText::Next, En) => "Next",
            (TourText::Next, Ko) => "다음",
            (TourText::Finish, En) => "Finish",
            (TourText::Finish, Ko) => "마치기",
            (TourText::Close, En) => "Close tour",
            (TourText::Close, Ko) => "둘러보기 닫기",
            (TourText::FeedForwardTitle, En) => "Feed-forward or recurrent",
            (TourText::FeedForwardTitle, Ko) => "피드 포워드 신경망과 순환 신경망",
            (TourText::FeedForward, En) => {
                "A feed-forward network sends each value one way, towards the output. A recurrent \
                 network also sends its hidden layer's result back into itself for the next \
                 timestep. The highlighted diagram unrolls that loop: one column per timestep, \
                 arrows from each step to the next."
            }
            (TourText::FeedForward, Ko) => {
                "피드 포워드 신경망은 값을 출력층 방향으로만 보냅니다. 순환 신경망은 은닉층의 결과를 \
                 출력층으로 보내면서, 다음 시점의 자기 자신에게도 다시 보냅니다. 강조된 그림은 이 \
                 순환을 시점마다 펼친 모습입니다. 시점마다 한 열이고, 화살표가 다음 시점으로 이어집니다."
            }
            (TourText::CellTitle, En) => "The memory cell",
            (TourText::CellTitle, Ko) => "메모리 셀",
            (TourText::Cell, En) => {
                "The cell is the node that applies the activation and remembers: it reads the input \
                 x_t and the previous hidden state, and computes h_t = tanh(x_t·W_x + h_(t-1)·W_h + b). \
                 The highlighted panel shows this sum for the selected cell, term by term."
            }
            (TourText::Cell, Ko) => {
                "셀은 활성화 함수를 거쳐 결과를 내보내면서 이전 값을 기억하는 노드라서 메모리 셀이라고 \
                 부릅니다. 입력 x_t와 이전 은닉 상태를 읽어 h_t = tanh(x_t·W_x + h_(t-1)·W_h + b)를 \
                 계산합니다. 강조된 패널이 선택한 셀의 이 계산을 항마다 보여 줍니다."
            }
            (TourText::HiddenStateTitle, En) => "The hidden state",
            (TourText::HiddenStateTitle, Ko) => "은닉 상태",
            (TourText::HiddenState, En) => {
                "The hidden state is what the cell sends to the output and to itself at t + 1. The \
                 plots follow every unit of it through time; press → or Play to watch it change."
            }
            (TourText::HiddenState, Ko) => {
                "은닉 상태는 메모리 셀이 출력층 방향 또는 다음 시점 t+1의 자신에게 보내는 값입니다. \
                 그래프가 은닉 상태의 유닛마다 시점에 따른 변화를 보여 줍니다. → 키나 재생 버튼으로 \
                 변화를 지켜보세요."
            }
            (TourText::ShapesTitle, En) => "Inputs and outputs of different lengths",
            (TourText::ShapesTitle, Ko) => "입력과 출력의 길이",
            (TourText::Shapes, En) => {
                "An RNN can be designed with inputs and outputs of different lengths: one-to-many, \
                 many-to-one, many-to-many. Open the highlighted ideas to read each one."
            }
            (TourText::Shapes, Ko) => {
                "RNN은 입력과 출력의 길이를 다르게 설계할 수 있습니다: 일 대 다, 다 대 일, 다 대 다. \
                 강조된 배경 개념을 펼쳐 각각을 읽어 보세요."
            }
            (TourText::KerasTitle, En) => "Keras shapes",
            (TourText::KerasTitle, Ko) => "Keras의 입력과 출력 크기",
            (TourText::Keras, En) => {
                "SimpleRNN(3, input_shape=(2, 10)): the layer takes a 3D tensor (batch_size, \
                 timesteps, input_dim). The highlighted summary prints the output shape (None, 3) and \
                 42 parameters: 3 × (10 + 3 + 1)."
            }
            (TourText::Keras, Ko) => {
                "SimpleRNN(3, input_shape=(2, 10)): RNN 층은 (batch_size, timesteps, input_dim) 크기의 \
                 3D 텐서를 입력으로 받습니다. 강조된 요약에 출력 크기 (None, 3)과 파라미터 42개, 즉 \
                 3 × (10 + 3 + 1)이 나옵니다."
            }
            (TourText::ReturnSequencesTitle, En) => "return_sequences",
            (TourText::ReturnSequencesTitle, Ko) => "return_sequences",
            (TourText::ReturnSequences, En) => {
                "With return_sequences=True the cell outputs its hidden state at every timestep, \
                 (8, 2, 3) here: many-to-many. Untick it in the highlighted controls and only the \
                 last step's state remains, (8, 3): many-to-one."
            }
            (TourText::ReturnSequences, Ko) => {
                "return_sequences=True이면 메모리 셀이 모든 시점의 은닉 상태를 출력합니다. 여기서는 \
                 (8, 2, 3)이고, 다 대 다 문제를 풀 수 있습니다. 강조된 설정에서 체크를 끄면 마지막 \
                 시점의 은닉 상태만 남아 (8, 3)이 됩니다: 다 대 일."
            }
            (TourText::NumpyTitle, En) => "The numpy loop",
            (TourText::NumpyTitle, Ko) => "numpy로 구현한 반복문",
            (TourText::Numpy, En) => {
                "The chapter's numpy code: 10 timesteps, 4 input features, a hidden state of 8, \
                 weights uniform in [0, 1). Step through the loop with the highlighted buttons, one \
                 timestep per press."
            }
            (TourText::Numpy, Ko) => {
                "책의 numpy 코드입니다: 시점 10개, 입력 차원 4, 은닉 상태 크기 8, 가중치는 [0, 1) \
                 균등 분포입니다. 강조된 버튼으로 반복문을 한 시점씩 진행해 보세요."
            }
            (TourText::DeepTitle, En) => "Deep RNNs",
            (TourText::DeepTitle, Ko) => "깊은 순환 신경망",
            (TourText::Deep, En) => {
                "Stacking recurrent layers: each layer's hidden states become the next layer's \
                 inputs, so every layer below the top returns sequences. The diagram shows the four \
                 stacked layers."
            }
            (TourText::Deep, Ko) => {
                "순환 층을 여러 개 쌓으면 한 층의 은닉 상태가 다음 층의 입력이 됩니다. 그래서 맨 위를 \
                 뺀 모든 층은 모든 시점을 출력해야 합니다. 그림에 쌓인 네 층이 보입니다."
            }
            (TourText::BidirectionalTitle, En) => "Bidirectional RNNs",
            (TourText::BidirectionalTitle, Ko) => "양방향 순환 신경망",
            (TourText::Bidirectional, En) => {
                "Two cells read the sequence, one forward and one backward, each with its own \
                 weights; their hidden states are joined at every step. Click a backward cell in the \
                 diagram to see its calculation."
            }
            (TourText::Bidirectional, Ko) => {
                "두 개의 메모리 셀이 시퀀스를 하나는 앞에서부터, 하나는 뒤에서부터 읽습니다. 가중치는 \
                 따로이고, 시점마다 두 은닉 상태를 연결합니다. 그림에서 역방향 셀을 눌러 계산을 \
                 확인해 보세요."
            }
            (TourText::QuizTitle, En) => "Check yourself",
            (TourText::QuizTitle, Ko) => "점검 퀴즈",
            (TourText::Quiz, En) => {
                "The chapter ends with a quiz: how many parameters has Embedding(5000, 100) → \
                 SimpleRNN(128) → Dense(1)? Answer it in the highlighted panel, then try the \
                 variations."
            }
            (TourText::Quiz, Ko) => {
                "마지막은 점검 퀴즈입니다: Embedding(5000, 100) → SimpleRNN(128) → Dense(1)의 총 \
                 파라미터 개수는? 강조된 패널에서 답해 보고, 이어지는 변형 문제도 풀어 보세요."
            }
        }
    }
}
