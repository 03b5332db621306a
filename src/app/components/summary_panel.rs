//! The live Keras `model.summary()` and the PyTorch parameter count beside it.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::summary::{note_text, SummaryText};
use crate::app::i18n::{Lang, Text};
use crate::model::group_thousands;

/// Props of [`SummaryPanel`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// Interface language.
    pub lang: Lang,
    /// The computed model; its names, shapes and counts are shown.
    pub session: Rc<Session>,
}

/// The summary text in a region named "Model summary", and the PyTorch table.
#[component]
pub fn SummaryPanel(props: &SummaryProps) -> Html {
    count_render("SummaryPanel");
    let lang = props.lang;
    let t = |key: SummaryText| key.text(lang);
    let info = &props.session.info;
    html! {
        <div class="panel summary">
            <h2 id="summary-heading">{ t(SummaryText::ModelSummary) }</h2>
            <div role="region" aria-label={t(SummaryText::ModelSummary)} class="summary-scroll" tabindex="0">
                <pre class="summary-text">{ info.summary_text() }</pre>
            </div>
            <h3>{ t(SummaryText::PytorchCount) }</h3>
            <table class="counts">
                <thead><tr>
                    <th scope="col">{ Text::Layer.text(lang) }</th>
                    <th scope="col">{ t(SummaryText::KerasParams) }</th>
                    <th scope="col">{ t(SummaryText::PytorchParams) }</th>
                    <th scope="col">{ t(SummaryText::Difference) }</th>
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
                        <th scope="row">{ Text::Sum.text(lang) }</th>
                        <td class="num">{ group_thousands(info.keras_params()) }</td>
                        <td class="num">{ group_thousands(info.pytorch_params()) }</td>
                        <td></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
