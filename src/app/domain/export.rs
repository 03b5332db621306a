//! The pure half of taking things out of the page: the case document, hidden states (CSV,
//! JSON), the step trace, the plots as SVG, and the page's style sheets for a drawing
//! that stands alone. Offering them as files is `services::download`'s job.

use std::fmt::Write as _;

use plotters::prelude::{IntoDrawingArea, SVGBackend, WHITE};

use crate::model::cost::{self, CostError};
use crate::model::{weight_count, CaseParameters, CaseSpec, StepJson};
use crate::rnn::{CellTrace, Direction};

use super::chart_data::{ChartData, ChartOptions};
use super::labels::ChartLabels;
use super::layers::recurrent_layers;
use super::selection::Selection;
use super::session::Session;

/// Size in pixels of the plots' SVG: three charts side by side.
pub const PLOTS_SVG_SIZE: (u32, u32) = (1500, 420);

/// Why a download could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The document could not be written as JSON.
    #[error("the case could not be written as JSON: {0}")]
    Json(String),
    /// There is no computed layer to plot.
    #[error("there are no plots to export: no layer is computed")]
    NoPlots,
    /// A chart could not be drawn.
    #[error("a chart could not be drawn: {0}")]
    Chart(String),
    /// The browser refused to create the file.
    #[error("the browser could not create the download")]
    Browser,
    /// The file would be larger than the page writes ([`cost::PAGE`]).
    #[error("{0}")]
    TooLarge(#[from] CostError),
}

/// Numbers a case document (or the code generated from it) writes: its inputs and its
/// weights, when it carries them.
#[must_use]
pub fn case_numbers(case: &CaseSpec) -> u64 {
    let weights = match &case.parameters {
        CaseParameters::Weights(w) => weight_count(w) as u64,
        CaseParameters::Init(_) => 0,
    };
    (case.inputs.batch() as u64)
        .saturating_mul(case.inputs.timesteps() as u64)
        .saturating_mul(case.model.input.features.unwrap_or(1) as u64)
        .saturating_add(weights)
}

/// Checks the case document (or its code) fits one file, before writing it.
///
/// # Errors
/// [`ExportError::TooLarge`].
pub fn check_case(case: &CaseSpec) -> Result<(), ExportError> {
    Ok(cost::check_export(case_numbers(case), &cost::PAGE)?)
}

/// Checks every layer's hidden states fit one file, before writing them.
///
/// # Errors
/// [`ExportError::TooLarge`].
pub fn check_states(session: &Session) -> Result<(), ExportError> {
    let numbers = session
        .output
        .layers
        .iter()
        .flat_map(|l| [&l.forward_states, &l.backward_states])
        .flatten()
        .map(|states| states.len() as u64)
        .fold(0, u64::saturating_add);
    Ok(cost::check_export(numbers, &cost::PAGE)?)
}

/// The case document of `case`, pretty-printed.
///
/// # Errors
/// [`ExportError::TooLarge`] before any writing when it is too large;
/// [`ExportError::Json`] if serialization fails.
pub fn case_json(case: &CaseSpec) -> Result<String, ExportError> {
    check_case(case)?;
    serde_json::to_string_pretty(case).map_err(|e| ExportError::Json(e.to_string()))
}

/// The selected layer's hidden states as CSV: a header `example,timestep,h0,h1,…` and one
/// row per example and timestep (input time, 0-based), every example of the batch; numbers
/// are the shortest text that reads back to the same `f32`.
#[must_use]
pub fn hidden_states_csv(session: &Session, layer: usize, direction: Direction) -> String {
    let mut out = String::new();
    let Some(stack_index) = recurrent_layers(&session.model)
        .get(layer)
        .map(|l| l.stack_index)
    else {
        return out;
    };
    let (batch, _) = session.dims();
    for example in 0..batch {
        let Some(states) = session.states(stack_index, direction, example) else {
            continue;
        };
        if out.is_empty() {
            out.push_str("example,timestep");
            for unit in 0..states.ncols() {
                let _ = write!(out, ",h{unit}");
            }
            out.push('\n');
        }
        // Writing to a String cannot fail.
        for (t, row) in states.outer_iter().enumerate() {
            let _ = write!(out, "{example},{t}");
            for v in row {
                let _ = write!(out, ",{v}");
            }
            out.push('\n');
        }
    }
    out
}

/// Every recurrent layer's hidden states as JSON: `{"layers": [{"layer": 1, "direction":
/// "forward", "states": [example][timestep][unit]}, …]}` (layers numbered from 1).
#[must_use]
pub fn hidden_states_json(session: &Session) -> String {
    let (batch, _) = session.dims();
    let mut layers = Vec::new();
    for (n, layer) in recurrent_layers(&session.model).iter().enumerate() {
        let directions: &[Direction] = if layer.bidirectional {
            &[Direction::Forward, Direction::Backward]
        } else {
            &[Direction::Forward]
        };
        for d in directions {
            let states: Vec<Vec<Vec<f32>>> = (0..batch)
                .filter_map(|b| session.states(layer.stack_index, *d, b))
                .map(|s| s.outer_iter().map(|r| r.to_vec()).collect())
                .collect();
            layers.push(serde_json::json!({
                "layer": n + 1,
                "direction": d.to_string(),
                "states": states,
            }));
        }
    }
    serde_json::json!({ "layers": layers }).to_string()
}

/// The selected step's cell internals as JSON: for a SimpleRNN `x_t`, `h_prev`,
/// `x_t·kernel` (`input_projection`), `h_{t-1}·recurrent_kernel` (`recurrent_projection`),
/// `bias`, `z_t` (`pre_activation`) and `h_t`; for an LSTM or GRU every gate's parts,
/// `c_t` and `h_t` as `unrolled-cli run --trace` names them.
///
/// # Errors
/// [`ExportError::Json`] when the step does not exist.
pub fn step_trace_json(session: &Session, selection: Selection) -> Result<String, ExportError> {
    let layer = recurrent_layers(&session.model)
        .get(selection.layer)
        .copied()
        .ok_or_else(|| ExportError::Json("no such layer".into()))?;
    let trace = session
        .cell_trace(
            layer.stack_index,
            selection.direction,
            selection.example,
            selection.timestep,
        )
        .map_err(|e| ExportError::Json(e.to_string()))?;
    let head = serde_json::json!({
        "layer": selection.layer + 1,
        "direction": selection.direction.to_string(),
        "example": selection.example,
        "timestep": trace.timestep(),
    });
    let trace = match trace {
        CellTrace::SimpleRnn(trace) => trace,
        gated => {
            // A gated cell: every gate under the names `unrolled-cli run --trace` prints.
            let mut value = head;
            let steps = serde_json::to_value(StepJson(&gated))
                .map_err(|e| ExportError::Json(e.to_string()))?;
            if let (Some(out), serde_json::Value::Object(parts)) = (value.as_object_mut(), steps) {
                out.extend(parts);
            }
            return Ok(value.to_string());
        }
    };
    let v = |a: &ndarray::Array1<f32>| a.to_vec();
    Ok(serde_json::json!({
        "layer": selection.layer + 1,
        "direction": trace.direction.to_string(),
        "example": trace.batch,
        "timestep": trace.timestep,
        "x_t": v(&trace.x_t),
        "h_prev": v(&trace.h_prev),
        "input_projection": v(&trace.input_projection),
        "recurrent_projection": v(&trace.recurrent_projection),
        "bias": v(&trace.bias),
        "pre_activation": v(&trace.pre_activation),
        "h_t": v(&trace.h_t),
    })
    .to_string())
}

/// The page's style sheets, which the diagram's classes refer to.
const PAGE_CSS: [&str; 2] = [
    include_str!("../../../static/style.css"),
    include_str!("../../../static/viz.css"),
];

/// `svg` (serialized markup whose root is an `<svg>` element) with the page's style sheets
/// embedded after its opening tag, so the file looks as the page does when opened alone.
#[must_use]
pub fn with_page_styles(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (head, rest) = svg.split_at(end + 1);
    let css = PAGE_CSS.join("\n").replace("]]>", "]] >");
    format!("{head}<style><![CDATA[\n{css}\n]]></style>{rest}")
}

/// The three charts of the selected layer, direction and example, side by side in one SVG
/// document: the data and options the page draws with ([`ChartData::of`],
/// [`ChartOptions::in_file`]), each chart titled with its caption from `labels`.
///
/// # Errors
/// [`ExportError::NoPlots`] without a computed layer, [`ExportError::Chart`] when a chart
/// cannot be drawn.
pub fn plots_svg(
    session: &Session,
    selection: Selection,
    labels: &ChartLabels,
) -> Result<String, ExportError> {
    let data = ChartData::of(session, selection).ok_or(ExportError::NoPlots)?;
    let options = ChartOptions::in_file(labels, data.bounded);
    let charts = data.charts(selection.timestep, options);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, PLOTS_SVG_SIZE).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| ExportError::Chart(e.to_string()))?;
        let panels = root.split_evenly((1, 3));
        for (chart, area) in charts.iter().zip(&panels) {
            chart.draw(area).map_err(ExportError::Chart)?;
        }
        root.present()
            .map_err(|e| ExportError::Chart(e.to_string()))?;
    }
    Ok(svg)
}
