//! The export panel: the case document, hidden states, the step trace, plots, diagram and
//! reproducing code as downloads; and the import control.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::export::{self, with_page_styles, ExportError};
use crate::app::domain::labels::ChartLabels;
use crate::app::domain::selection::Selection;
use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::export::{export_error_text, ExportText};
use crate::app::i18n::Lang;
use crate::app::services::{download, Refused};
use crate::app::state::Action;
use crate::model::codegen::{python, Language};
use crate::model::ModelSpec;

use super::import_control::ImportControl;

/// Props of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// Interface language.
    pub lang: Lang,
    /// The computed model.
    pub session: Rc<Session>,
    /// The selected cell (the CSV's layer, the trace's step).
    pub selection: Selection,
    /// The model as edited (Keras weight files are checked against it).
    pub draft: ModelSpec,
    /// Where actions go (imports).
    pub on_action: Callback<Action>,
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

/// Where the page draws what is downloaded.
const CHART_CANVASES: &str = ".charts canvas";
const DIAGRAM_SVG: &str = ".diagram-panel svg";

fn browser(_: Refused) -> ExportError {
    ExportError::Browser
}

fn download(session: &Session, sel: Selection, lang: Lang, item: Item) -> Result<(), ExportError> {
    let json = "application/json";
    // Sizes first: nothing is written that the page would not finish writing.
    match item {
        Item::Csv | Item::Json => export::check_states(session)?,
        Item::Code(_) => export::check_case(&session.case)?,
        _ => {}
    }
    match item {
        Item::Case => download::text(
            "unrolled-case.json",
            json,
            &export::case_json(&session.case)?,
        ),
        Item::Csv => download::text(
            &format!("unrolled-hidden-layer{}.csv", sel.layer + 1),
            "text/csv",
            &export::hidden_states_csv(session, sel.layer, sel.direction),
        ),
        Item::Json => download::text(
            "unrolled-hidden-states.json",
            json,
            &export::hidden_states_json(session),
        ),
        Item::Trace => download::text(
            "unrolled-step.json",
            json,
            &export::step_trace_json(session, sel)?,
        ),
        Item::Png => download::canvases_png(CHART_CANVASES, "unrolled-plot-"),
        Item::PlotsSvg => download::text(
            "unrolled-plots.svg",
            "image/svg+xml",
            &export::plots_svg(session, sel, &ChartLabels::new(lang, sel.layer))?,
        ),
        Item::Svg => download::svg_markup(DIAGRAM_SVG).and_then(|(svg, _)| {
            download::text(
                "unrolled-diagram.svg",
                "image/svg+xml",
                &with_page_styles(&svg),
            )
        }),
        Item::DiagramPng => download::svg_markup(DIAGRAM_SVG).and_then(|(svg, size)| {
            download::svg_as_png(&with_page_styles(&svg), size, "unrolled-diagram.png")
        }),
        Item::Code(language) => {
            let code =
                python(&session.case, language).map_err(|e| ExportError::Json(e.to_string()))?;
            download::text(language.file_name(), "text/x-python", &code)
        }
    }
    .map_err(browser)
}

/// Download buttons, and the import control.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    count_render("ExportPanel");
    let lang = props.lang;
    let error = use_state(|| None::<ExportError>);
    let button = |item: Item, label: ExportText| {
        let session = props.session.clone();
        let selection = props.selection;
        let error = error.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            error.set(download(&session, selection, lang, item).err());
        });
        html! { <button type="button" {onclick}>{ label.text(lang) }</button> }
    };
    html! {
        <section class="panel export" aria-label={ExportText::Export.text(lang)}>
            <div class="export-buttons">
                { button(Item::Case, ExportText::DownloadCase) }
                { button(Item::Csv, ExportText::DownloadCsv) }
                { button(Item::Json, ExportText::DownloadJson) }
                { button(Item::Trace, ExportText::DownloadTrace) }
                { button(Item::Png, ExportText::DownloadPng) }
                { button(Item::PlotsSvg, ExportText::DownloadPlotsSvg) }
                { button(Item::Svg, ExportText::DownloadSvg) }
                { button(Item::DiagramPng, ExportText::DownloadDiagramPng) }
                { button(Item::Code(Language::Numpy), ExportText::DownloadNumpy) }
                { button(Item::Code(Language::Keras), ExportText::DownloadKeras) }
                { button(Item::Code(Language::Pytorch), ExportText::DownloadPytorch) }
            </div>
            <p class="muted">{ ExportText::DownloadCaseHelp.text(lang) }</p>
            <p class="muted">{ ExportText::TimeConvention.text(lang) }</p>
            if let Some(e) = error.as_ref() {
                <p class="field-error" role="alert">
                    { format!("{}: {}", ExportText::ExportFailed.text(lang), export_error_text(e, lang)) }
                </p>
            }
            <ImportControl {lang} draft={props.draft.clone()} on_action={props.on_action.clone()} />
        </section>
    }
}
