//! Line chart of a layer's hidden states: one line per unit over time, a cursor at the
//! current step and a legend beside the plot.

use ndarray::ArrayView2;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::color::{unit_color, CURSOR_COLOR, NAN_COLOR};
use super::data::resolve_range;
use super::style::{
    check_area, left_text, slot_range, step_tick, DESC_SIZE, FONT, GRID_COLOR, LABEL_SIZE,
    TITLE_SIZE,
};
use super::{AxisLabels, ChartError, ChartReport, YRange};

/// Width of the legend column in pixels (fits "h[511]" and "… +500").
const LEGEND_WIDTH: u32 = 84;
/// Height of one legend row in pixels.
const LEGEND_ROW: i32 = 18;
/// With more units than this, lines are drawn one pixel wide instead of two.
const THIN_LINES_ABOVE: usize = 12;

/// Words and scales of [`draw_hidden_state_lines`]; every string is shown as given.
#[derive(Debug, Clone, PartialEq)]
pub struct HiddenLinesOptions {
    /// Caption and axis descriptions.
    pub labels: AxisLabels,
    /// Value axis: fixed (e.g. [`YRange::TANH`]) or fitted to the data.
    pub y_range: YRange,
    /// Symbol before the unit index in the legend: `h` gives `h[0]`, `h[1]`, ….
    pub unit_prefix: String,
    /// Legend marker for units left out, followed by their count (`… +52`).
    pub more_marker: String,
    /// Most legend rows (including the "more" row); the area height may allow fewer.
    pub max_legend_entries: usize,
}

impl Default for HiddenLinesOptions {
    fn default() -> Self {
        Self {
            labels: AxisLabels::default(),
            y_range: YRange::TANH,
            unit_prefix: "h".to_owned(),
            more_marker: "…".to_owned(),
            max_legend_entries: 12,
        }
    }
}

/// Draws `states` (`[timesteps, units]`) as one line per unit against the timestep,
/// in [`unit_color`]`(unit)`, with a vertical bar in [`CURSOR_COLOR`] at `cursor_step`
/// and a legend of the units on the right (the first few and a "more" row when they do
/// not fit). Non-finite values break their line and are marked by a grey dot at the
/// bottom of the plot; a run of a single finite value is drawn as a dot.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 160×100 px; backend failures.
pub fn draw_hidden_state_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: ArrayView2<'_, f32>,
    cursor_step: Option<usize>,
    opts: &HiddenLinesOptions,
) -> Result<ChartReport, ChartError> {
    let (width, height) = check_area(area, (160, 100))?;
    let (steps, units) = states.dim();
    let (y_min, y_max) = resolve_range(opts.y_range, states.iter())?;
    let mut report = ChartReport::default();

    let legend_width = if units == 0 {
        0
    } else {
        LEGEND_WIDTH.min(width / 4)
    };
    let (plot_area, legend_area) = area.split_horizontally(width - legend_width);

    let mut builder = ChartBuilder::on(&plot_area);
    builder
        .margin(8)
        .x_label_area_size(if opts.labels.x.is_empty() { 24 } else { 44 })
        .y_label_area_size(if opts.labels.y.is_empty() { 44 } else { 64 });
    if !opts.labels.title.is_empty() {
        builder.caption(&opts.labels.title, (FONT, TITLE_SIZE));
    }
    let mut chart = builder
        .build_cartesian_2d(slot_range(steps), y_min..y_max)
        .map_err(ChartError::backend)?;

    let mut mesh = chart.configure_mesh();
    mesh.x_labels(steps.clamp(2, 10))
        .y_labels(5)
        .x_label_formatter(&step_tick)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID_COLOR)
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .axis_desc_style((FONT, DESC_SIZE));
    if !opts.labels.x.is_empty() {
        mesh.x_desc(opts.labels.x.as_str());
    }
    if !opts.labels.y.is_empty() {
        mesh.y_desc(opts.labels.y.as_str());
    }
    mesh.draw().map_err(ChartError::backend)?;

    let stroke_width = if units > THIN_LINES_ABOVE { 1 } else { 2 };
    let nan_y = y_min + (y_max - y_min) * 0.02;
    let clamp = |v: f32| f64::from(v).clamp(y_min, y_max);
    for unit in 0..units {
        let style = ShapeStyle {
            color: unit_color(unit).to_rgba(),
            filled: false,
            stroke_width,
        };
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        for (step, &v) in states.column(unit).iter().enumerate() {
            if v.is_finite() {
                current.push((step as f64, clamp(v)));
            } else {
                report.non_finite_values += 1;
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (step as f64, nan_y),
                        3,
                        NAN_COLOR.filled(),
                    )))
                    .map_err(ChartError::backend)?;
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        for run in runs {
            if let [single] = run.as_slice() {
                chart
                    .draw_series(std::iter::once(Circle::new(*single, 2, style.filled())))
                    .map_err(ChartError::backend)?;
            }
            chart
                .draw_series(std::iter::once(PathElement::new(run, style)))
                .map_err(ChartError::backend)?;
        }
    }

    if let Some(step) = cursor_step.filter(|&s| s < steps) {
        let (plot_px, _) = chart.plotting_area().dim_in_pixel();
        let x_span = slot_range(steps).end - slot_range(steps).start;
        let half = 1.5 * x_span / f64::from(plot_px.max(1));
        let x = step as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - half, y_min), (x + half, y_max)],
                CURSOR_COLOR.mix(0.6).filled(),
            )))
            .map_err(ChartError::backend)?;
        report.cursor_drawn = true;
    }

    if units > 0 {
        let top = if opts.labels.title.is_empty() {
            16
        } else {
            16 + TITLE_SIZE as i32 + 8
        };
        let fits = ((height as i32 - top - 8) / LEGEND_ROW).max(1) as usize;
        let rows = opts.max_legend_entries.max(1).min(fits);
        let (shown, more) = if units <= rows {
            (units, 0)
        } else {
            (rows - 1, units - (rows - 1))
        };
        for unit in 0..shown {
            let y = top + unit as i32 * LEGEND_ROW;
            legend_area
                .draw(&Rectangle::new(
                    [(4, y - 2), (22, y + 2)],
                    unit_color(unit).filled(),
                ))
                .map_err(ChartError::backend)?;
            legend_area
                .draw(&Text::new(
                    format!("{}[{}]", opts.unit_prefix, unit),
                    (28, y),
                    left_text(LABEL_SIZE),
                ))
                .map_err(ChartError::backend)?;
        }
        if more > 0 {
            let y = top + shown as i32 * LEGEND_ROW;
            legend_area
                .draw(&Text::new(
                    format!("{} +{}", opts.more_marker, more),
                    (28, y),
                    left_text(LABEL_SIZE),
                ))
                .map_err(ChartError::backend)?;
        }
        report.legend_entries = shown + usize::from(more > 0);
    }

    Ok(report)
}
