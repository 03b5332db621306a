//! Charts of a gated cell: one heatmap per gate over time (how open `f` is at each step
//! and unit), the cell state `c_t` beside the hidden state `h_t`, and the share of each
//! gate's values that are saturated (below 0.05 or above 0.95) per step.

use ndarray::ArrayView2;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::color::{unit_color, CURSOR_COLOR};
use super::heatmap::{draw_hidden_state_heatmap, HeatmapOptions};
use super::lines::{draw_hidden_state_lines, HiddenLinesOptions};
use super::style::{
    check_area, integer_tick, left_text, slot_range, DESC_SIZE, FONT, GRID_COLOR, LABEL_SIZE,
    TITLE_SIZE,
};
use super::{AxisLabels, ChartError, ChartReport};

/// A gate value below this counts as shut.
pub const GATE_SHUT: f32 = 0.05;
/// A gate value above this counts as wide open.
pub const GATE_OPEN: f32 = 0.95;

/// One gate's values over time, `[timesteps, units]`, and its name on the chart.
#[derive(Debug, Clone, Copy)]
pub struct GateValues<'a> {
    /// The gate's name (`f`, `i`, …), shown as its panel's title or legend entry.
    pub name: &'a str,
    /// Its values, `[timesteps, units]`.
    pub values: ArrayView2<'a, f32>,
}

/// Share of the finite values of each step (row of `values`, `[timesteps, units]`) that
/// are below [`GATE_SHUT`] or above [`GATE_OPEN`]; `None` for a step without finite values.
#[must_use]
pub fn gate_saturation(values: ArrayView2<'_, f32>) -> Vec<Option<f32>> {
    values
        .outer_iter()
        .map(|row| {
            let finite: Vec<f32> = row.iter().copied().filter(|v| v.is_finite()).collect();
            (!finite.is_empty()).then(|| {
                let saturated = finite
                    .iter()
                    .filter(|v| **v < GATE_SHUT || **v > GATE_OPEN)
                    .count();
                saturated as f32 / finite.len() as f32
            })
        })
        .collect()
}

/// Draws one heatmap per gate, stacked top to bottom on one time axis, each titled with
/// the gate's name (the heatmap's own binning, cursor and colour bar; `opts` gives the
/// axis words and the colour scale, the title comes from the gate).
///
/// # Errors
/// [`ChartError::AreaTooSmall`] when a panel would be under the heatmap's 200×100 px;
/// backend failures.
pub fn draw_gate_heatmaps<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    gates: &[GateValues<'_>],
    cursor_step: Option<usize>,
    opts: &HeatmapOptions,
) -> Result<ChartReport, ChartError> {
    check_area(area, (200, 100))?;
    let mut report = ChartReport::default();
    let panels = area.split_evenly((gates.len().max(1), 1));
    for (gate, panel) in gates.iter().zip(&panels) {
        let mut panel_opts = opts.clone();
        gate.name.clone_into(&mut panel_opts.labels.title);
        let r = draw_hidden_state_heatmap(panel, gate.values, cursor_step, &panel_opts)?;
        report.non_finite_values += r.non_finite_values;
        report.cursor_drawn |= r.cursor_drawn;
        report.grid = report.grid.or(r.grid);
    }
    Ok(report)
}

/// Draws the cell state `c_t` (left) beside the hidden state `h_t` (right), both
/// `[timesteps, units]`, with the line chart's cursor and legends.
///
/// # Errors
/// [`ChartError::ShapeMismatch`] when the two do not have the same shape;
/// [`ChartError::AreaTooSmall`] under 320×100 px; backend failures.
pub fn draw_cell_and_hidden<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    cell: ArrayView2<'_, f32>,
    hidden: ArrayView2<'_, f32>,
    cursor_step: Option<usize>,
    opts: (&HiddenLinesOptions, &HiddenLinesOptions),
) -> Result<ChartReport, ChartError> {
    if cell.dim() != hidden.dim() {
        return Err(ChartError::ShapeMismatch {
            states: hidden.dim(),
            preacts: cell.dim(),
        });
    }
    check_area(area, (320, 100))?;
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 / 2);
    let a = draw_hidden_state_lines(&left, cell, cursor_step, opts.0)?;
    let b = draw_hidden_state_lines(&right, hidden, cursor_step, opts.1)?;
    Ok(ChartReport {
        non_finite_values: a.non_finite_values + b.non_finite_values,
        cursor_drawn: a.cursor_drawn && b.cursor_drawn,
        legend_entries: a.legend_entries + b.legend_entries,
        grid: None,
    })
}

/// Draws each gate's saturated share ([`gate_saturation`]) per step as one line, on a
/// fixed 0–1 axis, with the cursor and a legend of the gates' names.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 200×100 px; backend failures.
pub fn draw_gate_saturation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    gates: &[GateValues<'_>],
    cursor_step: Option<usize>,
    labels: &AxisLabels,
) -> Result<ChartReport, ChartError> {
    let (width, _) = check_area(area, (200, 100))?;
    let steps = gates.first().map_or(0, |g| g.values.nrows());
    let mut report = ChartReport::default();
    let legend_width = 60.min(width / 4);
    let (plot_area, legend_area) = area.split_horizontally(width - legend_width);
    let mut builder = ChartBuilder::on(&plot_area);
    builder
        .margin(8)
        .x_label_area_size(if labels.x.is_empty() { 24 } else { 44 })
        .y_label_area_size(if labels.y.is_empty() { 44 } else { 64 });
    if !labels.title.is_empty() {
        builder.caption(&labels.title, (FONT, TITLE_SIZE));
    }
    let mut chart = builder
        .build_cartesian_2d(slot_range(steps), 0.0..1.0_f64)
        .map_err(ChartError::backend)?;
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(steps.clamp(2, 10))
        .y_labels(5)
        .x_label_formatter(&integer_tick)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID_COLOR)
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .axis_desc_style((FONT, DESC_SIZE));
    if !labels.x.is_empty() {
        mesh.x_desc(labels.x.as_str());
    }
    if !labels.y.is_empty() {
        mesh.y_desc(labels.y.as_str());
    }
    mesh.draw().map_err(ChartError::backend)?;
    for (n, gate) in gates.iter().enumerate() {
        let style = ShapeStyle {
            color: unit_color(n).to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        let shares = gate_saturation(gate.values);
        report.non_finite_values += shares.iter().filter(|s| s.is_none()).count();
        let points: Vec<(f64, f64)> = shares
            .iter()
            .enumerate()
            .filter_map(|(t, s)| s.map(|s| (t as f64, f64::from(s))))
            .collect();
        chart
            .draw_series(std::iter::once(PathElement::new(points.clone(), style)))
            .map_err(ChartError::backend)?;
        chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 2, style.filled())))
            .map_err(ChartError::backend)?;
        let y =
            16 + if labels.title.is_empty() {
                0
            } else {
                TITLE_SIZE as i32 + 8
            } + n as i32 * 18;
        legend_area
            .draw(&Rectangle::new(
                [(4, y - 2), (22, y + 2)],
                unit_color(n).filled(),
            ))
            .map_err(ChartError::backend)?;
        legend_area
            .draw(&Text::new(
                gate.name.to_owned(),
                (28, y),
                left_text(LABEL_SIZE),
            ))
            .map_err(ChartError::backend)?;
        report.legend_entries += 1;
    }
    if let Some(step) = cursor_step.filter(|&s| s < steps) {
        let x = step as f64;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, 1.0)],
                CURSOR_COLOR.stroke_width(3),
            )))
            .map_err(ChartError::backend)?;
        report.cursor_drawn = true;
    }
    Ok(report)
}
