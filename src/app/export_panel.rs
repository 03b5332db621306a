//! The export panel: the case document, hidden states, the step trace, plots, diagram and
//! reproducing code as downloads.

use yew::prelude::*;

use crate::model::codegen::{python, Language};

use super::export::{self, ExportError};
use super::i18n::Text;
use super::share::ShareText;
use super::state::AppState;

/// Props of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The state shown.
    pub state: UseReducerHandle<AppState>,
    /// The import controls, shown inside the panel.
    #[prop_or_default]
    pub children: Html,
}

/// What a button downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Case,
    Csv,
    Json,
    Trace,
    Png,
    Svg,
    Code(Language),
}

fn download(state: &AppState, item: Item) -> Result<(), ExportError> {
    let session = state.session.as_ref().ok_or(ExportError::Browser)?;
    let sel = state.selection;
    match item {
        Item::Case => export::download_text(
            "unrolled-case.json",
            "application/json",
            &export::case_json(&session.case)?,
        ),
        Item::Csv => export::download_text(
            &format!("unrolled-hidden-layer{}.csv", sel.layer + 1),
            "text/csv",
            &export::hidden_states_csv(session, sel.layer, sel.direction),
        ),
        Item::Json => export::download_text(
            "unrolled-hidden-states.json",
            "application/json",
            &export::hidden_states_json(session),
        ),
        Item::Trace => export::download_text(
            "unrolled-step.json",
            "application/json",
            &export::step_trace_json(session, sel)?,
        ),
        Item::Png => export::download_canvases_png(".charts canvas"),
        Item::Svg => export::download_svg(".diagram-panel svg", "unrolled-diagram.svg"),
        Item::Code(language) => {
            let code =
                python(&session.case, language).map_err(|e| ExportError::Json(e.to_string()))?;
            export::download_text(language.file_name(), "text/x-python", &code)
        }
    }
}

/// Download buttons.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let lang = props.state.lang;
    let error = use_state(|| None::<String>);
    let button = |item: Item, label: &'static str| {
        let state = props.state.clone();
        let error = error.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            error.set(download(&state, item).err().map(|e| e.to_string()));
        });
        html! { <button type="button" {onclick}>{ label }</button> }
    };
    html! {
        <section class="panel export" aria-label={Text::Export.text(lang)}>
            <div class="export-buttons">
                { button(Item::Case, Text::DownloadCase.text(lang)) }
                { button(Item::Csv, ShareText::DownloadCsv.text(lang)) }
                { button(Item::Json, ShareText::DownloadJson.text(lang)) }
                { button(Item::Trace, ShareText::DownloadTrace.text(lang)) }
                { button(Item::Png, ShareText::DownloadPng.text(lang)) }
                { button(Item::Svg, ShareText::DownloadSvg.text(lang)) }
                { button(Item::Code(Language::Numpy), ShareText::DownloadNumpy.text(lang)) }
                { button(Item::Code(Language::Keras), ShareText::DownloadKeras.text(lang)) }
                { button(Item::Code(Language::Pytorch), ShareText::DownloadPytorch.text(lang)) }
            </div>
            <p class="muted">{ Text::DownloadCaseHelp.text(lang) }</p>
            if let Some(message) = (*error).clone() {
                <p class="field-error" role="alert">{ format!("{}: {message}", ShareText::ExportFailed.text(lang)) }</p>
            }
            { props.children.clone() }
        </section>
    }
}
