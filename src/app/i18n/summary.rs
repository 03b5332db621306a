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
            (SummaryText::PytorchCount, Ko) => "파이토치로 만든 같은 모델",
            (SummaryText::KerasParams, En) => "Keras",
            (SummaryText::KerasParams, Ko) => "케라스",
            (SummaryText::PytorchParams, En) => "PyTorch",
            (SummaryText::PytorchParams, Ko) => "파이토치",
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
                "+{} : nn.RNN은 편향 벡터가 두 개 (bias_ih, bias_hh), 케라스는 하나",
                group_thousands(*extra)
            )
        }
    }
}
