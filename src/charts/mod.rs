//! Charts of one layer's hidden states, drawn with plotters onto any backend.
//!
//! Every function takes plain data (an `ndarray` view shaped `[timesteps, units]`), a
//! cursor step and an options struct that carries all user-visible words (the UI passes
//! them in already translated), and draws onto any `DrawingArea<DB, Shift>`: natively an
//! `SVGBackend` (tests, the CLI), in the browser a canvas backend.
//!
//! - [`draw_hidden_state_lines`]: one line per unit over time.
//! - [`draw_hidden_state_heatmap`]: time × unit grid in a diverging colour scale.
//! - [`draw_saturation`]: share of saturated units per step, and the histogram of the
//!   pre-activations `z_t` under the `tanh` curve.
//! - [`draw_gate_heatmaps`], [`draw_cell_and_hidden`], [`draw_gate_saturation`]: a gated
//!   cell's gates per step and unit, `c_t` beside `h_t`, and each gate's saturated share.
//! - [`draw_loss_curve`], [`draw_gradient_flow`], [`draw_spectral_radius`]: a training
//!   run's loss and accuracy, `‖∂L/∂h_t‖` through time, and each recurrent kernel's
//!   spectral radius over epochs.
//! - [`describe_states`], [`describe_saturation`], [`describe_series`]: what each chart
//!   shows, as numbers for its text alternative, and [`TableWindow`] for its data table.
//!
//! Nothing here panics on odd data: empty sequences, a single step or unit, constant
//! values and NaN/inf are drawn (non-finite values are skipped and counted in the
//! returned [`ChartReport`]).
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    reason = "chart geometry: pixel sizes and positions are small, clamped and non-negative before a cast, and chart values are drawn as f32 colours"
)]

mod color;
mod data;
mod describe;
mod gates;
mod heatmap;
mod lines;
mod saturation;
mod style;
mod training;

pub use color::{
    contrast_ratio, diverging_color, relative_luminance, text_color_on, unit_color, CURSOR_COLOR,
    NAN_COLOR, UNIT_PALETTE,
};
pub use describe::{
    describe_saturation, describe_series, describe_states, Extreme, SaturationFacts, SeriesFacts,
    StatesFacts, TableWindow,
};
pub use gates::{
    draw_cell_and_hidden, draw_gate_heatmaps, draw_gate_saturation, gate_saturation, GateValues,
    GATE_OPEN, GATE_SHUT,
};
pub use heatmap::{draw_hidden_state_heatmap, CellDrawing, HeatmapOptions};
pub use lines::{draw_hidden_state_lines, HiddenLinesOptions};
pub use saturation::{draw_saturation, saturated_share, SaturationOptions, STACK_BELOW_WIDTH};
pub use training::{
    draw_gradient_flow, draw_loss_curve, draw_spectral_radius, GradientFlowOptions,
    LossChartOptions, LossSeries, SpectralRadiusOptions, TrainingSeries,
};

use thiserror::Error;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ChartError {
    /// The drawing backend (SVG writer, canvas) reported an error.
    #[error("the drawing backend failed: {0}")]
    Backend(String),
    /// The drawing area is smaller than the chart needs to lay out its axes.
    #[error("the drawing area is {width}×{height} px, the chart needs at least {min_width}×{min_height} px")]
    AreaTooSmall {
        /// Width of the given area in pixels.
        width: u32,
        /// Height of the given area in pixels.
        height: u32,
        /// Smallest usable width in pixels.
        min_width: u32,
        /// Smallest usable height in pixels.
        min_height: u32,
    },
    /// The pre-activations do not have the hidden states' `[timesteps, units]` shape.
    #[error("pre-activations have shape {preacts:?} but hidden states have shape {states:?}")]
    ShapeMismatch {
        /// Shape of the hidden states `[timesteps, units]`.
        states: (usize, usize),
        /// Shape of the pre-activations.
        preacts: (usize, usize),
    },
    /// A fixed value range is empty, reversed or not finite.
    #[error("invalid value range {min}..{max}")]
    InvalidRange {
        /// Lower end of the range.
        min: f32,
        /// Upper end of the range.
        max: f32,
    },
}

impl ChartError {
    /// Wraps any backend or drawing-area error; only its message is kept so that
    /// `ChartError` does not depend on the backend type.
    pub(crate) fn backend<E: std::fmt::Display>(err: E) -> Self {
        ChartError::Backend(err.to_string())
    }
}

/// What a chart actually drew, for the caller to show or log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartReport {
    /// How many NaN/±inf values were found; they are skipped (lines break, heatmap
    /// cells whose values are all non-finite get [`NAN_COLOR`]) and marked in grey.
    pub non_finite_values: usize,
    /// Whether the cursor was drawn (false when there is no cursor or it is past the end).
    pub cursor_drawn: bool,
    /// Number of legend entries drawn, including the "more" marker.
    pub legend_entries: usize,
    /// Heatmap and bar charts aggregate data when there are more cells than pixels:
    /// the drawn grid as `(columns, rows)` (bars: `(bars, 1)`).
    pub grid: Option<(usize, usize)>,
}

/// Title and axis descriptions of one chart panel, already translated. Empty strings
/// are not drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AxisLabels {
    /// Caption above the panel.
    pub title: String,
    /// Description under the x axis (e.g. "timestep" / "시간 단계").
    pub x: String,
    /// Description beside the y axis.
    pub y: String,
}

/// How the value axis of the line chart is scaled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YRange {
    /// A fixed range; values outside it are clamped to its edges. Use
    /// [`YRange::TANH`] for a bounded activation.
    Fixed {
        /// Bottom of the axis.
        min: f32,
        /// Top of the axis.
        max: f32,
    },
    /// The range of the finite data plus a 5% margin (constant data gets ±0.5).
    FitData,
}

impl YRange {
    /// `-1..1`, the range of `tanh`.
    pub const TANH: YRange = YRange::Fixed {
        min: -1.0,
        max: 1.0,
    };
}

impl Default for YRange {
    fn default() -> Self {
        YRange::TANH
    }
}
