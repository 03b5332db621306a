//! What the page's charts draw, as plain data: the three charts of the selected layer
//! (hidden-state lines, heatmap, saturation) and the training view's four, each one
//! [`Chart`] value that draws itself onto any plotters area (a canvas in the page, an SVG
//! in a download or a native test) and that compares equal exactly when a redraw would
//! draw the same thing.

use std::rc::Rc;

use ndarray::Array2;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{draw_cell_and_hidden, draw_gate_heatmaps, draw_gate_saturation, GateValues};
use crate::charts::{
    draw_gradient_flow, draw_hidden_state_heatmap, draw_hidden_state_lines, draw_loss_curve,
    draw_saturation, draw_spectral_radius, AxisLabels, CellDrawing, GradientFlowOptions,
    HeatmapOptions, HiddenLinesOptions, LossChartOptions, LossSeries, SaturationOptions,
    SpectralRadiusOptions, TrainingSeries, YRange,
};
use crate::model::RnnActivation;

use super::labels::ChartLabels;
use super::layers::recurrent_layers;
use super::selection::Selection;
use super::session::Session;

/// Width below which the saturation chart draws the pre-activation histogram under its
/// bars instead of beside them.
pub const SATURATION_HISTOGRAM_MIN_WIDTH: u32 = crate::charts::STACK_BELOW_WIDTH;

/// An `Rc` compared by identity: a new value means new data, the same `Rc` means no
/// change (cheap, and right for NaN, which never equals itself).
#[derive(Debug)]
pub struct Same<T>(pub Rc<T>);

impl<T> Same<T> {
    /// `value`, shared.
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Same<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the charts of one selection show.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// `[timesteps, units]` hidden states.
    pub states: Same<Array2<f32>>,
    /// `[timesteps, units]` pre-activations `z_t`, when available.
    pub preacts: Option<Same<Array2<f32>>>,
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
            states: Same::new(states),
            preacts: preacts.map(Same::new),
            bounded: layer.activation == RnnActivation::Tanh,
        })
    }

    /// The three charts of this data with the cursor at `cursor`: lines, heatmap,
    /// saturation.
    #[must_use]
    pub fn charts(&self, cursor: usize, options: ChartOptions) -> [Chart; 3] {
        let cursor = Some(cursor);
        [
            Chart::Lines {
                states: self.states.clone(),
                cursor,
                options: options.lines,
            },
            Chart::Heatmap {
                states: Some(self.states.clone()),
                cursor,
                fit: !self.bounded,
                options: options.heatmap,
            },
            Chart::Saturation {
                states: self.states.clone(),
                preacts: self.preacts.clone(),
                cursor,
                options: options.saturation,
            },
        ]
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
                // One image for all cells: the canvas backend copies it at once.
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
                    x: labels.z_axis.clone(),
                    y: labels.count_axis.clone(),
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

/// One chart of the page with everything it draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// One line per hidden unit over time.
    Lines {
        /// `[timesteps, units]`.
        states: Same<Array2<f32>>,
        /// The marked step.
        cursor: Option<usize>,
        /// Words and scale.
        options: HiddenLinesOptions,
    },
    /// Every hidden value, time across and units down; nothing while `states` is `None`.
    Heatmap {
        /// `[timesteps, units]`.
        states: Option<Same<Array2<f32>>>,
        /// The marked step.
        cursor: Option<usize>,
        /// Take the colour limit from the data (unbounded activations).
        fit: bool,
        /// Words and scale.
        options: HeatmapOptions,
    },
    /// The share of saturated units per step, and the histogram of `z_t` at the cursor
    /// when the area is wide enough.
    Saturation {
        /// `[timesteps, units]`.
        states: Same<Array2<f32>>,
        /// `[timesteps, units]` pre-activations.
        preacts: Option<Same<Array2<f32>>>,
        /// The marked step.
        cursor: Option<usize>,
        /// Words and thresholds.
        options: SaturationOptions,
    },
    /// Training loss (and accuracy) of each model.
    Loss {
        /// One series per model.
        series: Same<Vec<LossSeries>>,
        /// Words and scale.
        options: LossChartOptions,
    },
    /// `‖∂L/∂h_t‖` per step of each recurrent cell.
    Flow {
        /// One line per cell and model.
        series: Same<Vec<TrainingSeries>>,
        /// Words and scale.
        options: GradientFlowOptions,
    },
    /// Spectral radius of each recurrent kernel per epoch.
    Radius {
        /// One line per cell and model.
        series: Same<Vec<TrainingSeries>>,
        /// Words.
        options: SpectralRadiusOptions,
    },
    /// A gated cell's gates: one heatmap per gate, stacked on one time axis.
    GateHeatmaps {
        /// Each gate's name and `[timesteps, units]` values.
        gates: Same<NamedSeries>,
        /// The marked step.
        cursor: Option<usize>,
        /// Words and scale.
        options: HeatmapOptions,
    },
    /// An LSTM's cell state `c_t` beside its hidden state `h_t`.
    CellLines {
        /// `[timesteps, units]` cell states.
        cell: Same<Array2<f32>>,
        /// `[timesteps, units]` hidden states.
        hidden: Same<Array2<f32>>,
        /// The marked step.
        cursor: Option<usize>,
        /// Words and scales of the two panels (`c`, then `h`).
        options: Box<(HiddenLinesOptions, HiddenLinesOptions)>,
    },
    /// Each gate's share of values below 0.05 or above 0.95 per step.
    GateSaturation {
        /// Each gate's name and `[timesteps, units]` values.
        gates: Same<NamedSeries>,
        /// The marked step.
        cursor: Option<usize>,
        /// Words.
        labels: AxisLabels,
    },
}

/// The chart functions' view of named series.
fn gate_values(gates: &NamedSeries) -> Vec<GateValues<'_>> {
    gates
        .iter()
        .map(|(name, values)| GateValues {
            name,
            values: values.view(),
        })
        .collect()
}

/// Named `[timesteps, units]` series: a gated cell's gates.
pub type NamedSeries = Vec<(String, Array2<f32>)>;

impl Chart {
    /// Draws the chart onto `area`.
    ///
    /// # Errors
    /// The chart function's error, in words.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let drawn = match self {
            Chart::Lines {
                states,
                cursor,
                options,
            } => draw_hidden_state_lines(area, states.view(), *cursor, options),
            Chart::Heatmap { states: None, .. } => return Ok(()),
            Chart::Heatmap {
                states: Some(states),
                cursor,
                fit,
                options,
            } => {
                if *fit {
                    let mut options = options.clone();
                    options.value_limit = largest_magnitude(states);
                    draw_hidden_state_heatmap(area, states.view(), *cursor, &options)
                } else {
                    draw_hidden_state_heatmap(area, states.view(), *cursor, options)
                }
            }
            Chart::Saturation {
                states,
                preacts,
                cursor,
                options,
            } => {
                // A phone-wide figure draws the histogram under the bars.
                let z = preacts.as_ref().map(|z| z.view());
                draw_saturation(area, states.view(), z, *cursor, options)
            }
            Chart::Loss { series, options } => draw_loss_curve(area, series, options),
            Chart::Flow { series, options } => draw_gradient_flow(area, series, options),
            Chart::Radius { series, options } => draw_spectral_radius(area, series, options),
            Chart::GateHeatmaps {
                gates,
                cursor,
                options,
            } => draw_gate_heatmaps(area, &gate_values(gates), *cursor, options),
            Chart::CellLines {
                cell,
                hidden,
                cursor,
                options,
            } => draw_cell_and_hidden(
                area,
                cell.view(),
                hidden.view(),
                *cursor,
                (&options.0, &options.1),
            ),
            Chart::GateSaturation {
                gates,
                cursor,
                labels,
            } => draw_gate_saturation(area, &gate_values(gates), *cursor, labels),
        };
        drawn.map(drop).map_err(|e| e.to_string())
    }
}

/// The largest finite |value| of `data`, or 1 when there is none (colour scale limit
/// for unbounded activations).
#[must_use]
pub fn largest_magnitude(data: &Array2<f32>) -> f32 {
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
