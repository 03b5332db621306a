//! Saturation chart: the share of units whose |h| is near 1 at each step, and the
//! histogram of the current step's pre-activations `z_t` under the `tanh` curve, which
//! shows why large `z` (e.g. from all-positive weights) pins `h` at ±1.

use ndarray::ArrayView2;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::color::{diverging_rgb, CURSOR_COLOR, NAN_COLOR};
use super::data::{bins, finite_min_max, grid_size};
use super::style::{
    check_area, integer_tick, slot_range, step_tick, DESC_SIZE, FONT, GRID_COLOR, LABEL_SIZE,
    TITLE_SIZE,
};
use super::{AxisLabels, ChartError, ChartReport};

/// Fill of the share bars (`RdBu` blue).
const BAR_COLOR: RGBColor = RGBColor(0x43, 0x93, 0xc3);
/// Fill of the bar at the cursor step (`RdBu` red).
const CURSOR_BAR_COLOR: RGBColor = RGBColor(0xd6, 0x60, 0x4d);
/// The histogram's z axis always spans at least `-Z_SPAN..Z_SPAN`, where tanh bends.
const Z_SPAN: f32 = 3.0;
/// Narrower than this, the histogram is drawn under the bars instead of beside them.
pub const STACK_BELOW_WIDTH: u32 = 360;
/// Points on the drawn tanh curve.
const CURVE_POINTS: usize = 200;

/// Words and thresholds of [`draw_saturation`].
#[derive(Debug, Clone, PartialEq)]
pub struct SaturationOptions {
    /// Caption and axes of the bar panel (share of saturated units per step).
    pub bars: AxisLabels,
    /// Caption and axes of the histogram panel (pre-activations at the cursor step).
    pub histogram: AxisLabels,
    /// Name of the overlaid curve and its axis, e.g. `tanh(z)`.
    pub curve_label: String,
    /// A unit counts as saturated when `|h| > threshold`.
    pub threshold: f32,
    /// Number of histogram bins.
    pub histogram_bins: usize,
    /// A bar is at least this many pixels wide; more steps than that are averaged.
    pub min_bar_px: u32,
}

impl Default for SaturationOptions {
    fn default() -> Self {
        Self {
            bars: AxisLabels::default(),
            histogram: AxisLabels::default(),
            curve_label: "tanh(z)".to_owned(),
            threshold: 0.99,
            histogram_bins: 30,
            min_bar_px: 3,
        }
    }
}

/// Share of units with `|h| > threshold` at each step of `states` (`[timesteps, units]`),
/// counted over the step's finite values; `None` for a step without any.
#[must_use]
pub fn saturated_share(states: ArrayView2<'_, f32>, threshold: f32) -> Vec<Option<f32>> {
    states
        .rows()
        .into_iter()
        .map(|row| {
            let (hits, n) = row
                .iter()
                .filter(|v| v.is_finite())
                .fold((0usize, 0usize), |(hits, n), v| {
                    (hits + usize::from(v.abs() > threshold), n + 1)
                });
            (n > 0).then(|| hits as f32 / n as f32)
        })
        .collect()
}

/// Draws the saturation chart: bars of [`saturated_share`] per step (the cursor step's
/// bar highlighted, steps without finite values marked grey at the base), and, when
/// `preacts` (`z`, same `[timesteps, units]` shape as `states`) is given, beside it a
/// histogram of `z` at the cursor step (the last step when there is no valid cursor)
/// with `tanh(z)` drawn over it on a second axis and the region `|z| > atanh(threshold)`
/// shaded.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] when the area is narrower than the panels need or under
/// 100 px tall; backend failures.
pub fn draw_saturation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: ArrayView2<'_, f32>,
    preacts: Option<ArrayView2<'_, f32>>,
    cursor_step: Option<usize>,
    opts: &SaturationOptions,
) -> Result<ChartReport, ChartError> {
    if let Some(z) = preacts {
        if z.dim() != states.dim() {
            return Err(ChartError::ShapeMismatch {
                states: states.dim(),
                preacts: z.dim(),
            });
        }
    }
    // Too narrow for the histogram beside the bars (a phone): it goes under them.
    let stacked = preacts.is_some() && area.dim_in_pixel().0 < STACK_BELOW_WIDTH;
    let min_width = if preacts.is_some() && !stacked {
        STACK_BELOW_WIDTH
    } else {
        180
    };
    let (width, height) = check_area(area, (min_width, if stacked { 220 } else { 100 }))?;
    let steps = states.nrows();
    let cursor = cursor_step.filter(|&s| s < steps);
    let mut report = ChartReport {
        non_finite_values: states.iter().filter(|v| !v.is_finite()).count(),
        ..ChartReport::default()
    };

    let (bar_area, hist_area) = if stacked {
        let (top, bottom) = area.split_vertically(height * 9 / 20);
        (top, Some(bottom))
    } else if preacts.is_some() {
        let (left, right) = area.split_horizontally(width * 11 / 20);
        (left, Some(right))
    } else {
        (area.clone(), None)
    };
    let bars_drawn = draw_share_bars(&bar_area, states, cursor, opts)?;
    report.grid = Some((bars_drawn, 1));
    report.cursor_drawn = cursor.is_some();

    if let (Some(hist_area), Some(z)) = (hist_area, preacts) {
        let step = cursor.or(steps.checked_sub(1));
        let values: Vec<f32> = step.map(|s| z.row(s).to_vec()).unwrap_or_default();
        report.non_finite_values += values.iter().filter(|v| !v.is_finite()).count();
        draw_z_histogram(&hist_area, &values, opts)?;
    }
    Ok(report)
}

/// Builds a panel's chart: margins, caption and label areas from `labels`.
fn panel<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    labels: &'b AxisLabels,
    right_label_area: u32,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(if labels.x.is_empty() { 24 } else { 44 })
        .y_label_area_size(if labels.y.is_empty() { 44 } else { 64 })
        .right_y_label_area_size(right_label_area);
    if !labels.title.is_empty() {
        builder.caption(labels.title.as_str(), (FONT, TITLE_SIZE));
    }
    builder
}

/// Draws the share bars; returns how many bars (step bins) were drawn.
fn draw_share_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: ArrayView2<'_, f32>,
    cursor: Option<usize>,
    opts: &SaturationOptions,
) -> Result<usize, ChartError> {
    let steps = states.nrows();
    let x_range = slot_range(steps);
    let mut chart = panel(area, &opts.bars, 0)
        .build_cartesian_2d(x_range.clone(), 0.0..1.05)
        .map_err(ChartError::backend)?;
    let percent = |v: &f64| format!("{:.0}%", v * 100.0);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(steps.clamp(2, 10))
        .y_labels(6)
        .x_label_formatter(&step_tick)
        .y_label_formatter(&percent)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID_COLOR)
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .axis_desc_style((FONT, DESC_SIZE));
    if !opts.bars.x.is_empty() {
        mesh.x_desc(opts.bars.x.as_str());
    }
    if !opts.bars.y.is_empty() {
        mesh.y_desc(opts.bars.y.as_str());
    }
    mesh.draw().map_err(ChartError::backend)?;

    let shares = saturated_share(states, opts.threshold);
    let (plot_w, _) = chart.plotting_area().dim_in_pixel();
    let (cols, _) = grid_size((steps, 1), (plot_w, 1), opts.min_bar_px, usize::MAX);
    let groups = bins(steps, cols);
    let per_px = (x_range.end - x_range.start) / f64::from(plot_w.max(1));
    let mut rects = Vec::with_capacity(groups.len());
    for group in &groups {
        let known: Vec<f32> = shares[group.clone()].iter().flatten().copied().collect();
        let (x0, x1) = (group.start as f64 - 0.5, group.end as f64 - 0.5);
        // Leave a gap between bars only when they are wide enough to show it.
        let gap = if (x1 - x0) / per_px >= 6.0 {
            (x1 - x0) * 0.15
        } else {
            0.0
        };
        if known.is_empty() {
            rects.push(Rectangle::new(
                [(x0 + gap, 0.0), (x1 - gap, 0.02)],
                NAN_COLOR.filled(),
            ));
            continue;
        }
        let share = f64::from(known.iter().sum::<f32>() / known.len() as f32);
        let color = if cursor.is_some_and(|c| group.contains(&c)) {
            CURSOR_BAR_COLOR
        } else {
            BAR_COLOR
        };
        rects.push(Rectangle::new(
            [(x0 + gap, 0.0), (x1 - gap, share)],
            color.filled(),
        ));
    }
    chart.draw_series(rects).map_err(ChartError::backend)?;

    if let Some(step) = cursor {
        let half = 1.0 * per_px;
        let x = step as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - half, 0.0), (x + half, 1.05)],
                CURSOR_COLOR.mix(0.6).filled(),
            )))
            .map_err(ChartError::backend)?;
    }
    Ok(groups.len())
}

/// Draws the histogram of `z` (finite values) with `tanh` over it.
fn draw_z_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    z: &[f32],
    opts: &SaturationOptions,
) -> Result<(), ChartError> {
    let (lo, hi) = match finite_min_max(z) {
        Some((lo, hi)) => (lo.min(-Z_SPAN), hi.max(Z_SPAN)),
        None => (-Z_SPAN, Z_SPAN),
    };
    let (lo, hi) = (f64::from(lo), f64::from(hi));
    let n_bins = opts.histogram_bins.max(1);
    let width = (hi - lo) / n_bins as f64;
    let mut counts = vec![0usize; n_bins];
    for &v in z.iter().filter(|v| v.is_finite()) {
        let i = (((f64::from(v) - lo) / width).floor().max(0.0) as usize).min(n_bins - 1);
        counts[i] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.15;

    let mut chart = panel(area, &opts.histogram, 48)
        .build_cartesian_2d(lo..hi, 0.0..top)
        .map_err(ChartError::backend)?
        .set_secondary_coord(lo..hi, -1.1..1.1);
    let count_tick = |v: &f64| integer_tick(v);
    // Whole numbers on a wide z range, one decimal on a narrow one; about one tick per
    // 56 px so that the labels never run into each other.
    let z_tick = |v: &f64| {
        if hi - lo >= 4.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let (plot_w, _) = area.dim_in_pixel();
    let mut mesh = chart.configure_mesh();
    mesh.x_labels((plot_w / 56).clamp(3, 9) as usize)
        .x_label_formatter(&z_tick)
        .y_labels(5)
        .y_label_formatter(&count_tick)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID_COLOR)
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .axis_desc_style((FONT, DESC_SIZE));
    if !opts.histogram.x.is_empty() {
        mesh.x_desc(opts.histogram.x.as_str());
    }
    if !opts.histogram.y.is_empty() {
        mesh.y_desc(opts.histogram.y.as_str());
    }
    mesh.draw().map_err(ChartError::backend)?;
    chart
        .configure_secondary_axes()
        .y_labels(5)
        .y_label_formatter(&|v: &f64| format!("{v:.1}"))
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .draw()
        .map_err(ChartError::backend)?;

    // Shade where tanh is within 1 - threshold of ±1.
    let t = f64::from(opts.threshold);
    if t > 0.0 && t < 1.0 {
        let edge = t.atanh();
        let shade = NAN_COLOR.mix(0.18).filled();
        let mut zones = Vec::new();
        if -edge > lo {
            zones.push(Rectangle::new([(lo, 0.0), (-edge, top)], shade));
        }
        if edge < hi {
            zones.push(Rectangle::new([(edge, 0.0), (hi, top)], shade));
        }
        chart.draw_series(zones).map_err(ChartError::backend)?;
    }

    chart
        .draw_series(
            counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(i, &c)| {
                    let x0 = lo + width * i as f64;
                    let mid = (x0 + width * 0.5).tanh() as f32;
                    Rectangle::new(
                        [(x0, 0.0), (x0 + width, c as f64)],
                        diverging_rgb(mid).filled(),
                    )
                }),
        )
        .map_err(ChartError::backend)?;

    let curve: Vec<(f64, f64)> = (0..=CURVE_POINTS)
        .map(|i| {
            let x = lo + (hi - lo) * i as f64 / CURVE_POINTS as f64;
            (x, x.tanh())
        })
        .collect();
    chart
        .draw_secondary_series(std::iter::once(PathElement::new(
            curve,
            CURSOR_COLOR.stroke_width(2),
        )))
        .map_err(ChartError::backend)?;
    if !opts.curve_label.is_empty() {
        chart
            .draw_secondary_series(std::iter::once(Text::new(
                opts.curve_label.clone(),
                (lo + (hi - lo) * 0.03, 0.95),
                TextStyle::from((FONT, LABEL_SIZE).into_font())
                    .color(&CURSOR_COLOR)
                    .pos(Pos::new(HPos::Left, VPos::Top)),
            )))
            .map_err(ChartError::backend)?;
    }
    Ok(())
}
