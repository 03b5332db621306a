//! The export panel: the case document, hidden states, the step trace, plots, diagram and
//! reproducing code as downloads.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::codegen::{python, Language};

use super::export::{self, ExportError};
use super::i18n::Text;
use super::import::{import, ImportError, MAX_IMPORT_BYTES};
use super::share::{ShareAction, ShareText};
use super::state::{Action, AppState};

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
    PlotsSvg,
    Svg,
    DiagramPng,
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
        Item::PlotsSvg => export::download_text(
            "unrolled-plots.svg",
            "image/svg+xml",
            &export::plots_svg(state)?,
        ),
        Item::Svg => export::download_svg(".diagram-panel svg", "unrolled-diagram.svg"),
        Item::DiagramPng => export::download_svg_png(".diagram-panel svg", "unrolled-diagram.png"),
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
            error.set(
                download(&state, item)
                    .err()
                    .map(|e| super::messages::export_error_text(&e, state.lang)),
            );
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
                { button(Item::PlotsSvg, ShareText::DownloadPlotsSvg.text(lang)) }
                { button(Item::Svg, ShareText::DownloadSvg.text(lang)) }
                { button(Item::DiagramPng, ShareText::DownloadDiagramPng.text(lang)) }
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

/// Props of [`ImportControl`].
#[derive(Properties, PartialEq)]
pub struct ImportControlProps {
    /// The state shown (its model checks Keras layouts).
    pub state: UseReducerHandle<AppState>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The "Import weights" file input: reads the file, parses it (pure, in `import`) and
/// dispatches the result; a bad file only gives a message.
#[component]
pub fn ImportControl(props: &ImportControlProps) -> Html {
    let lang = props.state.lang;
    let onchange = {
        let dispatch = props.dispatch.clone();
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Read again next time even if the same file is chosen.
            input.set_value("");
            let fail = |m: String| Action::Share(ShareAction::ImportFailed(m));
            let size = file.size();
            #[allow(clippy::cast_precision_loss, reason = "a byte count, compared only")]
            if size > MAX_IMPORT_BYTES as f64 {
                dispatch.emit(fail(
                    ImportError::TooLarge {
                        #[allow(
                            clippy::cast_possible_truncation,
                            clippy::cast_sign_loss,
                            reason = "a file size in whole bytes, only shown"
                        )]
                        bytes: size as usize,
                        max: MAX_IMPORT_BYTES,
                    }
                    .to_string(),
                ));
                return;
            }
            let Ok(reader) = web_sys::FileReader::new() else {
                dispatch.emit(fail("the browser cannot read files here".into()));
                return;
            };
            let name = file.name();
            let dispatch = dispatch.clone();
            let model = state.draft.clone();
            let target = reader.clone();
            gloo_events::EventListener::once(&reader, "loadend", move |_| {
                let action = match target.result() {
                    Ok(buffer) if !buffer.is_null() => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        match import(&name, &bytes, &model) {
                            Ok(imported) => Action::Share(ShareAction::Import(Rc::new(imported))),
                            Err(error) => fail(error.to_string()),
                        }
                    }
                    _ => fail("the file could not be read".into()),
                };
                dispatch.emit(action);
            })
            .forget();
            // A failed start still fires `loadend`, whose handler reports it.
            let _ = reader.read_as_array_buffer(&file);
        })
    };
    html! {
        <div class="import">
            <label>
                { ShareText::ImportWeights.text(lang) }{ " " }
                <input type="file" accept=".json,.npz,application/json" {onchange} />
            </label>
            <p class="muted">{ ShareText::ImportHelp.text(lang) }</p>
        </div>
    }
}
