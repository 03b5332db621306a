//! The live Keras `model.summary()` and the PyTorch parameter count beside it.

use yew::prelude::*;

use crate::model::{group_thousands, ModelInfo, PytorchNote};

use super::i18n::{Lang, Text};

/// Props of [`SummaryPanel`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// Interface language.
    pub lang: Lang,
    /// The model's names, shapes and counts.
    pub info: ModelInfo,
}

fn note_text(note: &PytorchNote, lang: Lang) -> String {
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
        (PytorchNote::TwoLstmBiases { extra }, Lang::En) => format!(
            "+{} : nn.LSTM keeps two bias vectors of 4·units (bias_ih and bias_hh), Keras one",
            group_thousands(*extra)
        ),
        (PytorchNote::TwoLstmBiases { extra }, Lang::Ko) => format!(
            "+{} : nn.LSTM은 4·units 크기의 편향 벡터가 두 개 (bias_ih, bias_hh), 케라스는 하나",
            group_thousands(*extra)
        ),
        (PytorchNote::GruBiasRows, Lang::En) => {
            "same: nn.GRU's bias_ih and bias_hh are Keras's two bias rows".into()
        }
        (PytorchNote::GruBiasRows, Lang::Ko) => {
            "같음: nn.GRU의 bias_ih, bias_hh가 케라스 편향의 두 행".into()
        }
        (PytorchNote::GruResetBefore { extra }, Lang::En) => format!(
            "+{} : nn.GRU keeps two bias vectors and always resets after the product (reset_after=True); no nn.GRU computes this layer",
            group_thousands(*extra)
        ),
        (PytorchNote::GruResetBefore { extra }, Lang::Ko) => format!(
            "+{} : nn.GRU는 편향 벡터가 두 개이고 항상 곱한 뒤에 리셋합니다 (reset_after=True). 이 층과 똑같이 계산하는 nn.GRU는 없습니다",
            group_thousands(*extra)
        ),
    }
}

/// The summary text in a region named "Model summary", and the PyTorch table.
#[component]
pub fn SummaryPanel(props: &SummaryProps) -> Html {
    let lang = props.lang;
    let t = |key: Text| key.text(lang);
    let info = &props.info;
    html! {
        <div class="panel summary">
            <h2 id="summary-heading">{ t(Text::ModelSummary) }</h2>
            <div role="region" aria-label="Model summary" class="summary-scroll" tabindex="0">
                <pre class="summary-text">{ info.summary_text() }</pre>
            </div>
            <h3>{ t(Text::PytorchCount) }</h3>
            <table class="counts">
                <thead><tr>
                    <th scope="col">{ t(Text::Layer) }</th>
                    <th scope="col">{ t(Text::KerasParams) }</th>
                    <th scope="col">{ t(Text::PytorchParams) }</th>
                    <th scope="col">{ t(Text::Difference) }</th>
                </tr></thead>
                <tbody>
                    { for info.layers.iter().map(|l| html! {
                        <tr>
                            <th scope="row">{ format!("{} ({})", l.name, l.keras_class) }</th>
                            <td class="num">{ group_thousands(l.keras_params) }</td>
                            <td class="num">{ group_thousands(l.pytorch_params) }</td>
                            <td>{ note_text(&l.pytorch_note, lang) }</td>
                        </tr>
                    }) }
                    <tr class="total">
                        <th scope="row">{ t(Text::Sum) }</th>
                        <td class="num">{ group_thousands(info.keras_params()) }</td>
                        <td class="num">{ group_thousands(info.pytorch_params()) }</td>
                        <td></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
