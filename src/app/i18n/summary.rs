//! The words of the model summary and the PyTorch table.

use crate::model::{group_thousands, PytorchNote};

use super::Lang;

/// A word of the summary panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum SummaryText {
    ModelSummary,
    PytorchCount,
    KerasParams,
    PytorchParams,
    Difference,
}

impl SummaryText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (SummaryText::ModelSummary, En) => "Model summary",
            (SummaryText::ModelSummary, Ko) => "모델 요약",
            (SummaryText::PytorchCount, En) => "The same model in PyTorch",
            (SummaryText::PytorchCount, Ko) => "PyTorch로 만든 같은 모델",
            (SummaryText::KerasParams, En) => "Keras",
            (SummaryText::KerasParams, Ko) => "Keras",
            (SummaryText::PytorchParams, En) => "PyTorch",
            (SummaryText::PytorchParams, Ko) => "PyTorch",
            (SummaryText::Difference, En) => "Why",
            (SummaryText::Difference, Ko) => "차이",
        }
    }
}

/// The PyTorch table's note on why a layer's count differs from Keras', in `lang`.
#[must_use]
pub fn note_text(note: &PytorchNote, lang: Lang) -> String {
    match (note, lang) {
        (PytorchNote::Same, Lang::En) => "same".into(),
        (PytorchNote::Same, Lang::Ko) => "같음".into(),
        (PytorchNote::TwoRnnBiases { extra }, Lang::En) => {
            format!(
                "+{} : nn.RNN keeps two bias vectors (bias_ih and bias_hh), Keras one",
                group_thousands(*extra)
            )
        }
        (PytorchNote::TwoRnnBiases { extra }, Lang::Ko) => {
            format!(
                "+{} : nn.RNN은 편향 벡터가 두 개 (bias_ih, bias_hh), Keras는 하나",
                group_thousands(*extra)
            )
        }
        (PytorchNote::TwoLstmBiases { extra }, Lang::En) => format!(
            "+{} : nn.LSTM keeps two bias vectors of 4·units (bias_ih and bias_hh), Keras one",
            group_thousands(*extra)
        ),
        (PytorchNote::TwoLstmBiases { extra }, Lang::Ko) => format!(
            "+{} : nn.LSTM은 4·units 크기의 편향 벡터가 두 개 (bias_ih, bias_hh), Keras는 하나",
            group_thousands(*extra)
        ),
        (PytorchNote::GruBiasRows, Lang::En) => {
            "same: nn.GRU's bias_ih and bias_hh are Keras's two bias rows".into()
        }
        (PytorchNote::GruBiasRows, Lang::Ko) => {
            "같음: nn.GRU의 bias_ih와 bias_hh가 Keras 편향의 두 행입니다".into()
        }
        (PytorchNote::GruResetBefore { extra }, Lang::En) => format!(
            "+{} : nn.GRU keeps two bias vectors and always resets after the product (reset_after=True); no nn.GRU computes this layer",
            group_thousands(*extra)
        ),
        (PytorchNote::GruResetBefore { extra }, Lang::Ko) => format!(
            "+{} : nn.GRU는 편향 벡터가 두 개이고 늘 곱셈 뒤에 리셋합니다 (reset_after=True). 이 층과 똑같이 계산하는 nn.GRU는 없습니다",
            group_thousands(*extra)
        ),
    }
}
