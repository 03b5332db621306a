//! The three charts of the selected layer: hidden-state lines, heatmap and saturation.
//!
//! Each chart is a `<canvas>` in a `<figure>` with a caption and an accessible
//! description, drawn by [`use_plotters_canvas`] with the functions of
//! [`crate::charts`]. A chart redraws only when its data (compared by `Rc` identity),
//! the cursor, the scale or its words change, or when its box is resized.

use std::rc::Rc;

use ndarray::Array2;
use yew::prelude::*;

use super::canvas::{use_plotters_canvas, CanvasArea};
use super::i18n::{Lang, Text};
use super::session::{recurrent_layers, Session};
use super::state::Selection;
use crate::charts::{
    draw_hidden_state_heatmap, draw_hidden_state_lines, draw_saturation, AxisLabels, CellDrawing,
    HeatmapOptions, HiddenLinesOptions, SaturationOptions, YRange,
};

/// Width below which the saturation chart leaves out the pre-activation histogram
/// (the chart needs 360 px for both panels).
pub(crate) const SATURATION_HISTOGRAM_MIN_WIDTH: u32 = 360;

/// All words of the chart panel, already translated.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartLabels {
    /// Caption of the hidden-state line chart.
    pub lines_title: String,
    /// Caption of the heatmap.
    pub heatmap_title: String,
    /// Caption of the saturation chart.
    pub saturation_title: String,
    /// Description of the time axis.
    pub timestep: String,
    /// Description of the value axis of the line chart.
    pub value: String,
    /// Description of the unit axis of the heatmap.
    pub unit: String,
    /// Symbol before a unit's index in the legend (`h` gives `h[0]`).
    pub unit_prefix: String,
    /// Text under the heatmap's colour bar.
    pub colorbar: String,
    /// Description of the saturation bars' axis (share of saturated units).
    pub share_saturated: String,
    /// Caption of the pre-activation histogram.
    pub histogram: String,
    /// Accessible description (`aria-label`) of the line chart's canvas.
    pub lines_description: String,
    /// Accessible description of the heatmap's canvas.
    pub heatmap_description: String,
    /// Accessible description of the saturation chart's canvas.
    pub saturation_description: String,
    /// Shown in place of a chart that could not be drawn (e.g. "Chart unavailable").
    /// The technical reason goes into the message's tooltip.
    pub draw_error: String,
}

impl ChartLabels {
    /// The words of the charts of recurrent layer `layer` (0-based) in `lang`.
    #[must_use]
    pub fn new(lang: Lang, layer: usize) -> Self {
        let t = |key: Text| key.text(lang);
        let layer_no = layer + 1;
        Self {
            lines_title: format!("{} · {} {layer_no}", t(Text::LinesTitle), t(Text::Layer)),
            heatmap_title: t(Text::HeatmapTitle).into(),
            saturation_title: t(Text::SaturationTitle).into(),
            timestep: t(Text::Timestep).into(),
            value: t(Text::Value).into(),
            unit: t(Text::Unit).into(),
            unit_prefix: "h".into(),
            colorbar: t(Text::ColorBar).into(),
            share_saturated: t(Text::ShareSaturated).into(),
            histogram: t(Text::Histogram).into(),
            lines_description: t(Text::LinesDescription).into(),
            heatmap_description: t(Text::HeatmapDescription).into(),
            saturation_description: t(Text::SaturationDescription).into(),
            draw_error: t(Text::DrawError).into(),
        }
    }
}

/// What the charts of one selection show.
#[derive(Debug, Clone)]
pub struct ChartData {
    /// `[timesteps, units]` hidden states.
    pub states: Rc<Array2<f32>>,
    /// `[timesteps, units]` pre-activations `z_t`, when available.
    pub preacts: Option<Rc<Array2<f32>>>,
    /// Whether the activation is `tanh` (bounded in [-1, 1]).
    pub bounded: bool,
}

impl ChartData {
    /// The data of the selected layer, direction and example; `None` when the selection
    /// names no recurrent layer.
    #[must_use]
    pub fn of(session: &Session, selection: Selection) -> Option<Self> {
        let layer = *recurrent_layers(&session.model).get(selection.layer)?;
        let states = session
            .states(layer.stack_index, selection.direction, selection.example)?
            .to_owned();
        let preacts =
            session.preactivations(layer.stack_index, selection.direction, selection.example);
        Some(Self {
            states: Rc::new(states),
            preacts: preacts.map(Rc::new),
            bounded: layer.activation == crate::model::RnnActivation::Tanh,
        })
    }
}

/// The option structs of the three charts, built from the same words and scale for the
/// page and for a downloaded file.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    /// The hidden-state lines.
    pub lines: HiddenLinesOptions,
    /// The heatmap (its colour limit is set from the data when `bounded` is false).
    pub heatmap: HeatmapOptions,
    /// The saturation bars and histogram.
    pub saturation: SaturationOptions,
}

impl ChartOptions {
    /// The options the page draws with: no titles inside the charts (each figure has a
    /// caption), the heatmap as one bitmap.
    #[must_use]
    pub fn on_screen(labels: &ChartLabels, bounded: bool) -> Self {
        Self {
            lines: HiddenLinesOptions {
                labels: AxisLabels {
                    title: String::new(),
                    x: labels.timestep.clone(),
                    y: labels.value.clone(),
                },
                y_range: if bounded {
                    YRange::TANH
                } else {
                    YRange::FitData
                },
                unit_prefix: labels.unit_prefix.clone(),
                ..HiddenLinesOptions::default()
            },
            heatmap: HeatmapOptions {
                labels: AxisLabels {
                    title: String::new(),
                    x: labels.timestep.clone(),
                    y: labels.unit.clone(),
                },
                colorbar_label: labels.colorbar.clone(),
                // One image for all cells: ChartCanvas copies it at once.
                cells: CellDrawing::Bitmap,
                ..HeatmapOptions::default()
            },
            saturation: SaturationOptions {
                bars: AxisLabels {
                    title: String::new(),
                    x: labels.timestep.clone(),
                    y: labels.share_saturated.clone(),
                },
                histogram: AxisLabels {
                    title: labels.histogram.clone(),
                    x: String::new(),
                    y: String::new(),
                },
                ..SaturationOptions::default()
            },
        }
    }

    /// The page's options for a file standing alone: each chart draws its caption as its
    /// title, and the heatmap cells are vector rectangles.
    #[must_use]
    pub fn in_file(labels: &ChartLabels, bounded: bool) -> Self {
        let mut options = Self::on_screen(labels, bounded);
        options.lines.labels.title.clone_from(&labels.lines_title);
        options
            .heatmap
            .labels
            .title
            .clone_from(&labels.heatmap_title);
        options
            .saturation
            .bars
            .title
            .clone_from(&labels.saturation_title);
        options.heatmap.cells = CellDrawing::Rectangles;
        options
    }
}

/// Properties of [`ChartPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// [timesteps, units] hidden states of the selected layer/direction/batch item.
    pub states: Rc<Array2<f32>>,
    /// [timesteps, units] pre-activations z_t, when available.
    #[prop_or_default]
    pub preacts: Option<Rc<Array2<f32>>>,
    /// Current timestep (0-based).
    pub cursor: usize,
    /// true when the activation is bounded in [-1, 1] (tanh): fixed y range; else fit the data.
    pub bounded: bool,
    /// All words, translated.
    pub labels: ChartLabels,
}

/// An `Rc` compared by identity: a new array means new data, the same `Rc` means no
/// change (cheap, and right for NaN, which never equals itself).
#[derive(Clone)]
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Hidden-state lines, heatmap and saturation of one layer, side by side on wide
/// screens and stacked on phones (see `static/viz.css`).
#[component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    let labels = &props.labels;
    let cursor = Some(props.cursor);
    let states = Same(props.states.clone());

    let ChartOptions {
        lines: lines_options,
        heatmap: heatmap_options,
        saturation: saturation_options,
    } = ChartOptions::on_screen(labels, props.bounded);

    let lines_ref = use_node_ref();
    let lines_error = {
        let data = states.0.clone();
        let opts = lines_options.clone();
        use_plotters_canvas(
            "lines",
            lines_ref.clone(),
            (states.clone(), cursor, lines_options),
            move |area: &CanvasArea| {
                draw_hidden_state_lines(area, data.view(), cursor, &opts)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        )
    };

    let heatmap_ref = use_node_ref();
    let heatmap_error = {
        let data = states.0.clone();
        let bounded = props.bounded;
        let mut opts = heatmap_options.clone();
        use_plotters_canvas(
            "heatmap",
            heatmap_ref.clone(),
            (states.clone(), cursor, bounded, heatmap_options),
            move |area: &CanvasArea| {
                if !bounded {
                    opts.value_limit = largest_magnitude(&data);
                }
                draw_hidden_state_heatmap(area, data.view(), cursor, &opts)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        )
    };

    let saturation_ref = use_node_ref();
    let saturation_error = {
        let data = states.0.clone();
        let preacts = props.preacts.clone();
        let opts = saturation_options.clone();
        use_plotters_canvas(
            "saturation",
            saturation_ref.clone(),
            (
                states,
                props.preacts.clone().map(Same),
                cursor,
                saturation_options,
            ),
            move |area: &CanvasArea| {
                // A phone-wide figure cannot hold the histogram beside the bars.
                let wide = area.dim_in_pixel().0 >= SATURATION_HISTOGRAM_MIN_WIDTH;
                let z = preacts.as_ref().filter(|_| wide).map(|z| z.view());
                draw_saturation(area, data.view(), z, cursor, &opts)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        )
    };

    html! {
        <div class="chart-panel">
            { figure("chart-lines", &labels.lines_title, &labels.lines_description, lines_ref, lines_error, &labels.draw_error) }
            { figure("chart-heatmap", &labels.heatmap_title, &labels.heatmap_description, heatmap_ref, heatmap_error, &labels.draw_error) }
            { figure("chart-saturation", &labels.saturation_title, &labels.saturation_description, saturation_ref, saturation_error, &labels.draw_error) }
        </div>
    }
}

/// One chart: caption, canvas, and the error message over it when drawing failed.
fn figure(
    class: &'static str,
    title: &str,
    description: &str,
    canvas: NodeRef,
    error: Option<String>,
    error_text: &str,
) -> Html {
    html! {
        <figure class={classes!("chart", class)}>
            <figcaption>{ title }</figcaption>
            <div class="chart-box">
                <canvas ref={canvas} role="img" aria-label={description.to_owned()}></canvas>
                if let Some(reason) = error {
                    <p class="chart-error" role="status" title={reason}>{ error_text }</p>
                }
            </div>
        </figure>
    }
}

/// The largest finite |value| of `data`, or 1 when there is none (colour scale limit
/// for unbounded activations).
pub(crate) fn largest_magnitude(data: &Array2<f32>) -> f32 {
    let max = data
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f32, |m, v| m.max(v.abs()));
    if max > 0.0 {
        max
    } else {
        1.0
    }
}
