//! A gated layer's charts: a heatmap per gate over time, an LSTM's `c_t` beside `h_t`,
//! and each gate's saturated share per step, with their text alternatives.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::chart_data::Chart;
use crate::app::domain::gate_charts::GateChartData;
use crate::app::domain::labels::ChartLabels;
use crate::app::domain::selection::Selection;
use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::gates::GateText;
use crate::app::i18n::Lang;
use crate::charts::{AxisLabels, CellDrawing, HeatmapOptions, HiddenLinesOptions, YRange};

use super::chart_figure::ChartFigure;

/// Props of [`GateCharts`].
#[derive(Properties, PartialEq)]
pub struct GateChartsProps {
    /// Interface language.
    pub lang: Lang,
    /// The computed model.
    pub session: Rc<Session>,
    /// The selected cell.
    pub selection: Selection,
}

/// The gate charts of the selected layer, or nothing for a SimpleRNN.
#[component]
pub fn GateCharts(props: &GateChartsProps) -> Html {
    count_render("GateCharts");
    let sel = props.selection;
    let data = use_memo(
        (props.session.clone(), sel.layer, sel.direction, sel.example),
        move |(session, ..)| GateChartData::of(session, sel),
    );
    let Some(data) = (*data).clone() else {
        return html! {};
    };
    let lang = props.lang;
    let t = |k: GateText| k.text(lang);
    let words = ChartLabels::new(lang, sel.layer);
    let axes = |y: &str| AxisLabels {
        title: String::new(),
        x: words.timestep.clone(),
        y: y.to_owned(),
    };
    let cursor = Some(sel.timestep);
    let heatmaps = Chart::GateHeatmaps {
        gates: data.gates.clone(),
        cursor,
        options: HeatmapOptions {
            labels: axes(&words.unit),
            colorbar_label: String::new(),
            cells: CellDrawing::Bitmap,
            ..HeatmapOptions::default()
        },
    };
    let saturation = Chart::GateSaturation {
        gates: data.sigmoid_gates.clone(),
        cursor,
        labels: axes(t(GateText::ShareAxis)),
    };
    let lines = data.cell.clone().map(|cell| Chart::CellLines {
        cell,
        hidden: data.hidden.clone(),
        cursor,
        options: Box::new((
            HiddenLinesOptions {
                labels: AxisLabels {
                    title: "c_t".into(),
                    ..axes(&words.value)
                },
                y_range: YRange::FitData,
                unit_prefix: "c".into(),
                ..HiddenLinesOptions::default()
            },
            HiddenLinesOptions {
                labels: AxisLabels {
                    title: "h_t".into(),
                    ..axes(&words.value)
                },
                ..HiddenLinesOptions::default()
            },
        )),
    });
    let error = AttrValue::from(t(GateText::DrawError));
    html! {
        <section class="panel charts gate-charts" aria-label={t(GateText::GateCharts)}>
            <ChartFigure name="gate heatmaps" class="chart-gate-heatmaps" title={t(GateText::GateHeatmapTitle)}
                description={t(GateText::GateHeatmapDescription)} error_text={error.clone()} chart={heatmaps} lang={Some(lang)} />
            if let Some(lines) = lines {
                <ChartFigure name="cell state" class="chart-cell-lines" title={t(GateText::CellLinesTitle)}
                    description={t(GateText::CellLinesDescription)} error_text={error.clone()} chart={lines} lang={Some(lang)} />
            }
            <ChartFigure name="gate saturation" class="chart-gate-saturation" title={t(GateText::GateSaturationTitle)}
                description={t(GateText::GateSaturationDescription)} error_text={error} chart={saturation} lang={Some(lang)} />
        </section>
    }
}
