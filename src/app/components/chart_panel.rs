//! The three charts of the selected layer: hidden-state lines, heatmap and saturation,
//! side by side on wide screens and stacked on phones (see `static/viz.css`). Each is a
//! [`ChartFigure`], redrawn only when its data (compared by `Rc` identity), the cursor,
//! the scale or its words change, or when its box is resized.

use std::rc::Rc;

use ndarray::Array2;
use yew::prelude::*;

use crate::app::domain::chart_data::{ChartData, ChartOptions, Same};
use crate::app::domain::labels::ChartLabels;
use crate::app::hooks::render_count::count_render;

use crate::app::i18n::Lang;

use super::chart_figure::ChartFigure;

/// Properties of [`ChartPanel`].
#[derive(Properties)]
pub struct ChartPanelProps {
    /// `[timesteps, units]` hidden states of the selected layer, direction and example.
    pub states: Rc<Array2<f32>>,
    /// `[timesteps, units]` pre-activations `z_t`, when available.
    #[prop_or_default]
    pub preacts: Option<Rc<Array2<f32>>>,
    /// Current timestep (0-based).
    pub cursor: usize,
    /// true when the activation is bounded in [-1, 1] (tanh): fixed y range; else fit the
    /// data.
    pub bounded: bool,
    /// All words, translated.
    pub labels: ChartLabels,
    /// Interface language (the charts' text alternatives).
    pub lang: Lang,
}

impl PartialEq for ChartPanelProps {
    /// The arrays by identity: a new array is new data (and NaN never equals itself).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.states, &other.states)
            && match (&self.preacts, &other.preacts) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.cursor == other.cursor
            && self.bounded == other.bounded
            && self.labels == other.labels
            && self.lang == other.lang
    }
}

/// Hidden-state lines, heatmap and saturation of one layer.
#[component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    count_render("ChartPanel");
    let labels = &props.labels;
    let data = ChartData {
        states: Same(props.states.clone()),
        preacts: props.preacts.clone().map(Same),
        bounded: props.bounded,
    };
    let [lines, heatmap, saturation] =
        data.charts(props.cursor, ChartOptions::on_screen(labels, props.bounded));
    let error_text = AttrValue::from(labels.draw_error.clone());
    html! {
        <div class="chart-panel">
            <ChartFigure name="lines" class="chart-lines" title={labels.lines_title.clone()}
                description={labels.lines_description.clone()} error_text={error_text.clone()}
                chart={lines} lang={Some(props.lang)} />
            <ChartFigure name="heatmap" class="chart-heatmap" title={labels.heatmap_title.clone()}
                description={labels.heatmap_description.clone()} error_text={error_text.clone()}
                chart={heatmap} lang={Some(props.lang)} />
            <ChartFigure name="saturation" class="chart-saturation" title={labels.saturation_title.clone()}
                description={labels.saturation_description.clone()} error_text={error_text}
                chart={saturation} lang={Some(props.lang)} />
        </div>
    }
}
