//! One chart of the page: a `<figure>` with its caption, anything the caller puts under
//! the caption (a control, a note), and the `<canvas>` the chart is drawn on. Used for
//! every chart, in the visualizer and in the training view.

use yew::prelude::*;

use crate::app::domain::chart_data::Chart;
use crate::app::hooks::canvas::use_plotters_canvas;
use crate::app::hooks::chart_canvas::CanvasArea;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::Lang;

use super::chart_alt::ChartAlternative;

/// Props of [`ChartFigure`].
#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    /// The chart's name in the `unrolled:draw {name}` performance measure.
    pub name: &'static str,
    /// The figure's extra class (`chart-lines`, `train-loss`, …).
    pub class: &'static str,
    /// The caption.
    pub title: AttrValue,
    /// The canvas' accessible description.
    pub description: AttrValue,
    /// Shown in place of the chart when it could not be drawn (the reason is its tooltip).
    pub error_text: AttrValue,
    /// What is drawn; a redraw happens exactly when it changes (or the canvas is resized).
    pub chart: Chart,
    /// Shown between the caption and the canvas.
    #[prop_or_default]
    pub children: Html,
    /// The language of the chart's text alternative (a sentence and a data table under
    /// the canvas); none without it.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

/// A captioned chart on a canvas.
#[component]
pub fn ChartFigure(props: &ChartFigureProps) -> Html {
    count_render("ChartFigure");
    let canvas = use_node_ref();
    let chart = props.chart.clone();
    let error = use_plotters_canvas(
        props.name,
        canvas.clone(),
        props.chart.clone(),
        move |area: &CanvasArea| chart.draw(area),
    );
    html! {
        <figure class={classes!("chart", props.class)}>
            <figcaption>{ props.title.clone() }</figcaption>
            { props.children.clone() }
            <div class="chart-box">
                <canvas ref={canvas} role="img" aria-label={props.description.clone()}></canvas>
                if let Some(reason) = error {
                    <p class="chart-error" role="status" title={reason}>{ props.error_text.clone() }</p>
                }
            </div>
            if let Some(lang) = props.lang {
                <ChartAlternative {lang} chart={props.chart.clone()} />
            }
        </figure>
    }
}
