//! Charts of a training run: the loss (and accuracy) over epochs, the gradient flow
//! through time `‖∂L/∂h_t‖`, and the spectral radius of each recurrent kernel.
//!
//! Every chart takes named series (one colour each, in [`unit_color`] order; a series
//! can be dashed to tell a second model apart) and draws a legend strip above the plot.
//! Log scales are drawn as `log10` of the values on a linear axis with `10^k` ticks:
//! zeros and negative values, which a log axis cannot show, are drawn as hollow markers
//! on the bottom edge, NaN as grey dots on the bottom edge and `+inf` on the top edge
//! (both counted in [`ChartReport::non_finite_values`]).

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::color::{unit_color, NAN_COLOR};
use super::style::{
    check_area, left_text, slot_range, step_tick, DESC_SIZE, FONT, GRID_COLOR, LABEL_SIZE,
    TITLE_SIZE,
};
use super::{AxisLabels, ChartError, ChartReport};

/// Height of one legend row in pixels.
const LEGEND_ROW: u32 = 18;
/// Colour of the reference line (spectral radius 1).
const REFERENCE_COLOR: RGBColor = RGBColor(0x5f, 0x5f, 0x5f);
/// A log axis spans at least this many decades, so that a flat line is not stretched.
const MIN_DECADES: f64 = 1.0;
/// Smallest positive value a log axis shows (below it the axis would span hundreds of
/// decades for denormal numbers).
const LOG_FLOOR: f64 = 1e-30;

/// One named line: `(x, y)` points in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingSeries {
    /// Legend text (e.g. "layer 1 →" or "orthogonal"); empty names get no legend entry.
    pub name: String,
    /// The points; x in the chart's x unit (epochs, timesteps).
    pub points: Vec<(f64, f32)>,
    /// Drawn dashed (the second model when comparing initializers).
    pub dashed: bool,
}

impl TrainingSeries {
    /// A solid series of `values` at `x = 0, 1, 2, …`.
    #[must_use]
    pub fn indexed(name: impl Into<String>, values: &[f32]) -> Self {
        Self {
            name: name.into(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, &v)| (i as f64, v))
                .collect(),
            dashed: false,
        }
    }
}

/// One model's loss history for [`draw_loss_curve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LossSeries {
    /// Legend text (the model, e.g. "orthogonal"); empty for a single unnamed model.
    pub name: String,
    /// Loss of every optimizer step at its fractional epoch (`epoch + batch / batches`),
    /// drawn thin and light.
    pub batch_loss: Vec<(f64, f32)>,
    /// Mean loss of each finished epoch at `x = epoch`, drawn bold with dots.
    pub epoch_loss: Vec<(f64, f32)>,
    /// Accuracy (0..1) of each finished epoch; empty for regression tasks.
    pub accuracy: Vec<(f64, f32)>,
    /// Drawn dashed (the second model when comparing initializers).
    pub dashed: bool,
}

/// Words and scale of [`draw_loss_curve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LossChartOptions {
    /// Caption and axes of the loss panel.
    pub loss: AxisLabels,
    /// Caption and axes of the accuracy panel (drawn under the loss when any series has
    /// accuracy).
    pub accuracy: AxisLabels,
    /// Loss on a log10 axis.
    pub log_scale: bool,
}

/// Words and scale of [`draw_gradient_flow`].
#[derive(Debug, Clone, PartialEq)]
pub struct GradientFlowOptions {
    /// Caption and axes.
    pub labels: AxisLabels,
    /// Norms on a log10 axis (the default: vanishing gradients span many decades).
    pub log_scale: bool,
}

impl Default for GradientFlowOptions {
    fn default() -> Self {
        Self {
            labels: AxisLabels::default(),
            log_scale: true,
        }
    }
}

/// Words of [`draw_spectral_radius`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpectralRadiusOptions {
    /// Caption and axes.
    pub labels: AxisLabels,
    /// Label of the reference line at 1 (e.g. "ρ = 1"); empty draws the line unlabelled.
    pub reference_label: String,
}

impl Default for SpectralRadiusOptions {
    fn default() -> Self {
        Self {
            labels: AxisLabels::default(),
            reference_label: "ρ = 1".to_owned(),
        }
    }
}

/// How a panel's value axis maps data.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    /// Values as they are, in `min..max`.
    Linear { min: f64, max: f64 },
    /// `log10(value)` in `min..max` (decades).
    Log { min: f64, max: f64 },
}

impl Scale {
    fn range(self) -> (f64, f64) {
        match self {
            Scale::Linear { min, max } | Scale::Log { min, max } => (min, max),
        }
    }

    /// Fits the finite values (positive ones for a log axis), always including
    /// `include` (e.g. the reference line), with a 5% margin.
    fn fit<'a>(log: bool, values: impl Iterator<Item = &'a f32>, include: Option<f64>) -> Self {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for &v in values {
            let v = f64::from(v);
            let usable = if log {
                v.is_finite() && v > 0.0
            } else {
                v.is_finite()
            };
            if usable {
                let v = if log { v.max(LOG_FLOOR).log10() } else { v };
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        if let Some(v) = include {
            let v = if log { v.max(LOG_FLOOR).log10() } else { v };
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if log {
            if !lo.is_finite() {
                return Scale::Log {
                    min: -1.0,
                    max: 1.0,
                };
            }
            let pad = ((MIN_DECADES - (hi - lo)) / 2.0).max(0.0);
            let (lo, hi) = (lo - pad, hi + pad);
            let margin = (hi - lo) * 0.05;
            Scale::Log {
                min: lo - margin,
                max: hi + margin,
            }
        } else {
            if !lo.is_finite() {
                return Scale::Linear { min: 0.0, max: 1.0 };
            }
            let span = hi - lo;
            if span > 1e-6 * lo.abs().max(hi.abs()).max(1.0) {
                Scale::Linear {
                    min: lo - span * 0.05,
                    max: hi + span * 0.05,
                }
            } else {
                let pad = (lo.abs() * 0.1).max(0.5);
                Scale::Linear {
                    min: lo - pad,
                    max: hi + pad,
                }
            }
        }
    }

    /// Where a finite positive (log) or finite (linear) value is drawn, clamped into
    /// the axis; `None` for values the axis cannot show.
    fn map(self, v: f32) -> Option<f64> {
        let v = f64::from(v);
        let (min, max) = self.range();
        match self {
            Scale::Linear { .. } => v.is_finite().then(|| v.clamp(min, max)),
            Scale::Log { .. } => {
                (v.is_finite() && v > 0.0).then(|| v.max(LOG_FLOOR).log10().clamp(min, max))
            }
        }
    }
}

/// Tick text of a log axis position `v` (in decades): `10^v` for whole decades, the value
/// itself with two significant digits when the axis spans less than two decades.
fn log_tick(v: f64, span: f64) -> String {
    let whole = (v - v.round()).abs() < 1e-6;
    if whole {
        let k = v.round() as i32;
        return match k {
            -3..=-1 => format!("{}", 10f64.powi(k)),
            0..=4 => format!("{}", 10i64.pow(k.unsigned_abs())),
            _ => format!("1e{k}"),
        };
    }
    if span < 3.0 {
        let value = 10f64.powf(v);
        let digits = (1 - value.log10().floor() as i32).max(0) as usize;
        return format!("{value:.digits$}");
    }
    String::new()
}

/// Tick text of a linear axis: at most three decimals, no trailing zeros; scientific
/// from 10⁵ on, where plain digits would run into the axis description.
fn linear_tick(v: f64) -> String {
    if v.abs() >= 1e5 {
        return format!("{v:.1e}");
    }
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// One drawn line of a panel.
struct Line<'a> {
    points: &'a [(f64, f32)],
    color: RGBColor,
    stroke: u32,
    alpha: f64,
    dots: bool,
    dashed: bool,
}

/// An entry of the legend strip.
struct LegendEntry<'a> {
    name: &'a str,
    color: RGBColor,
    dashed: bool,
}

/// Draws `title` centred at the top of `area` and the legend entries in rows under it,
/// and returns the remaining area (the whole area when there is nothing to show).
fn legend_strip<'b, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    entries: &[LegendEntry<'b>],
    report: &mut ChartReport,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let area = if title.is_empty() {
        area.clone()
    } else {
        area.titled(title, (FONT, TITLE_SIZE))
            .map_err(ChartError::backend)?
    };
    let area = &area;
    let entries: Vec<&LegendEntry<'b>> = entries.iter().filter(|e| !e.name.is_empty()).collect();
    if entries.is_empty() {
        return Ok(area.clone());
    }
    let (width, height) = area.dim_in_pixel();
    let style = left_text(LABEL_SIZE);
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (8i32, 0u32);
    for entry in entries {
        let (text_w, _) = area
            .estimate_text_size(entry.name, &style)
            .map_err(ChartError::backend)?;
        let entry_w = 26 + text_w as i32 + 14;
        if x > 8 && x + entry_w > width as i32 {
            x = 8;
            row += 1;
        }
        placed.push((entry, x, row));
        x += entry_w;
    }
    // At most a third of the area goes to the legend.
    let max_rows = (height / 3 / LEGEND_ROW).max(1);
    let rows = (row + 1).min(max_rows);
    let strip = (rows * LEGEND_ROW + 4).min(height / 3);
    let (top, rest) = area.split_vertically(strip);
    for (entry, x, row) in placed.into_iter().filter(|(_, _, r)| *r < rows) {
        let y = (row * LEGEND_ROW + LEGEND_ROW / 2 + 2) as i32;
        let style = ShapeStyle {
            color: entry.color.to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        if entry.dashed {
            top.draw(&DashedPathElement::new(
                vec![(x, y), (x + 20, y)],
                4,
                3,
                style,
            ))
            .map_err(ChartError::backend)?;
        } else {
            top.draw(&PathElement::new(vec![(x, y), (x + 20, y)], style))
                .map_err(ChartError::backend)?;
        }
        top.draw(&Text::new(
            entry.name.to_owned(),
            (x + 26, y),
            left_text(LABEL_SIZE),
        ))
        .map_err(ChartError::backend)?;
        report.legend_entries += 1;
    }
    Ok(rest)
}

/// What the x axis shows.
#[derive(Clone, Copy)]
enum XAxis {
    /// Continuous (epochs): `0..max`, ticks with at most three decimals.
    Continuous(f64),
    /// Timesteps `0..n`: one slot per step, integer ticks.
    Steps(usize),
}

/// Draws one panel: axes, a horizontal reference line, the lines; counts non-finite
/// values into `report`.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &AxisLabels,
    x_axis: XAxis,
    scale: Scale,
    lines: &[Line<'_>],
    reference: Option<(f64, &str)>,
    report: &mut ChartReport,
) -> Result<(), ChartError> {
    let (y_min, y_max) = scale.range();
    let x_range = match x_axis {
        XAxis::Continuous(max) => 0.0..max.max(1.0),
        XAxis::Steps(n) => slot_range(n),
    };
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(if labels.x.is_empty() { 24 } else { 44 })
        .y_label_area_size(if labels.y.is_empty() { 48 } else { 68 });
    if !labels.title.is_empty() {
        builder.caption(&labels.title, (FONT, TITLE_SIZE));
    }
    let mut chart = builder
        .build_cartesian_2d(x_range.clone(), y_min..y_max)
        .map_err(ChartError::backend)?;

    let span = y_max - y_min;
    let is_log = matches!(scale, Scale::Log { .. });
    let y_format = move |v: &f64| {
        if is_log {
            log_tick(*v, span)
        } else {
            linear_tick(*v)
        }
    };
    let x_format = |v: &f64| match x_axis {
        XAxis::Steps(_) => step_tick(v),
        XAxis::Continuous(_) => linear_tick(*v),
    };
    let x_labels = match x_axis {
        XAxis::Steps(n) => n.clamp(2, 10),
        XAxis::Continuous(_) => 6,
    };
    // About one value tick per 40 px of plot height, so short panels stay readable.
    let (_, plot_h) = chart.plotting_area().dim_in_pixel();
    let fit = (plot_h / 40).clamp(2, 5) as usize;
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_labels)
        .y_labels(if is_log && span >= 3.0 {
            (span.ceil() as usize + 1).clamp(2, 8).min(fit + 2)
        } else if is_log {
            // A window of few decades gets ticks between the powers of ten too.
            fit + 2
        } else {
            fit
        })
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
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

    if let Some((value, label)) = reference {
        let y = match scale {
            Scale::Linear { .. } => value,
            Scale::Log { .. } => value.max(LOG_FLOOR).log10(),
        };
        if (y_min..=y_max).contains(&y) {
            let style = ShapeStyle {
                color: REFERENCE_COLOR.to_rgba(),
                filled: false,
                stroke_width: 1,
            };
            chart
                .draw_series(std::iter::once(DashedPathElement::new(
                    vec![(x_range.start, y), (x_range.end, y)],
                    6,
                    4,
                    style,
                )))
                .map_err(ChartError::backend)?;
            if !label.is_empty() {
                let text = TextStyle::from((FONT, LABEL_SIZE).into_font())
                    .color(&REFERENCE_COLOR)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Right,
                        plotters::style::text_anchor::VPos::Bottom,
                    ));
                chart
                    .draw_series(std::iter::once(Text::new(
                        label.to_owned(),
                        (x_range.end, y),
                        text,
                    )))
                    .map_err(ChartError::backend)?;
            }
        }
    }

    let bottom = y_min + span * 0.02;
    let top = y_max - span * 0.02;
    for line in lines {
        let style = ShapeStyle {
            color: line.color.mix(line.alpha),
            filled: false,
            stroke_width: line.stroke,
        };
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        let mut markers: Vec<(f64, f64, bool)> = Vec::new(); // (x, y, hollow)
        for &(x, v) in line.points {
            if !x.is_finite() {
                continue;
            }
            if let Some(y) = scale.map(v) {
                current.push((x, y));
            } else {
                if v.is_finite() {
                    // Zero or negative on a log axis.
                    markers.push((x, bottom, true));
                } else {
                    report.non_finite_values += 1;
                    markers.push((x, if v == f32::INFINITY { top } else { bottom }, false));
                }
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        for run in runs {
            if line.dots || run.len() == 1 {
                chart
                    .draw_series(
                        run.iter()
                            .map(|&p| Circle::new(p, 3, line.color.mix(line.alpha).filled())),
                    )
                    .map_err(ChartError::backend)?;
            }
            if run.len() > 1 {
                if line.dashed {
                    chart
                        .draw_series(std::iter::once(DashedPathElement::new(run, 6, 4, style)))
                        .map_err(ChartError::backend)?;
                } else {
                    chart
                        .draw_series(std::iter::once(PathElement::new(run, style)))
                        .map_err(ChartError::backend)?;
                }
            }
        }
        for (x, y, hollow) in markers {
            let marker = if hollow {
                Circle::new((x, y), 4, line.color.stroke_width(2))
            } else {
                Circle::new((x, y), 3, NAN_COLOR.filled())
            };
            chart
                .draw_series(std::iter::once(marker))
                .map_err(ChartError::backend)?;
        }
    }
    Ok(())
}

/// At most `max` points: consecutive groups of `points` replaced by the mean of their
/// finite x and y (a group without a finite y keeps its first point, so NaN stays
/// marked). Keeps a long run's batch losses as cheap to draw as a short one's.
fn thin(points: &[(f64, f32)], max: usize) -> Vec<(f64, f32)> {
    let max = max.max(1);
    if points.len() <= max {
        return points.to_vec();
    }
    super::data::bins(points.len(), max)
        .into_iter()
        .map(|range| {
            let group = &points[range];
            let (sx, sy, n) = group
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .fold((0.0f64, 0.0f64, 0usize), |(sx, sy, n), p| {
                    (sx + p.0, sy + f64::from(p.1), n + 1)
                });
            if n == 0 {
                group[0]
            } else {
                (sx / n as f64, (sy / n as f64) as f32)
            }
        })
        .collect()
}

/// Largest finite x of the points of `series`, at least 1.
fn x_extent<'a>(points: impl Iterator<Item = &'a (f64, f32)>) -> f64 {
    points
        .map(|p| p.0)
        .filter(|x| x.is_finite())
        .fold(1.0, f64::max)
}

/// Draws the loss of each model over epochs: every batch's loss thin and light, each
/// finished epoch's mean loss bold with dots, one colour per model (dashed where the
/// series says so), on a linear or log10 axis. When any model has accuracy, a second
/// panel under the loss shows it on a fixed `0..1` axis.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 200×120 px; backend failures.
pub fn draw_loss_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[LossSeries],
    opts: &LossChartOptions,
) -> Result<ChartReport, ChartError> {
    let (_, height) = check_area(area, (200, 120))?;
    let mut report = ChartReport::default();
    let legend: Vec<LegendEntry<'_>> = series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendEntry {
            name: &s.name,
            color: unit_color(i),
            dashed: s.dashed,
        })
        .collect();
    let rest = legend_strip(area, &opts.loss.title, &legend, &mut report)?;
    let x_max = x_extent(
        series
            .iter()
            .flat_map(|s| s.batch_loss.iter().chain(&s.epoch_loss).chain(&s.accuracy)),
    );
    let has_accuracy = series.iter().any(|s| !s.accuracy.is_empty());
    let (_, rest_h) = rest.dim_in_pixel();
    let (loss_area, accuracy_area) = if has_accuracy && height >= 220 {
        let (a, b) = rest.split_vertically(rest_h * 58 / 100);
        (a, Some(b))
    } else {
        (rest, None)
    };
    // With the accuracy panel under it, the loss panel leaves the shared x description
    // to the bottom panel.
    let loss_labels = AxisLabels {
        title: String::new(),
        x: if accuracy_area.is_some() {
            String::new()
        } else {
            opts.loss.x.clone()
        },
        y: opts.loss.y.clone(),
    };
    let scale = Scale::fit(
        opts.log_scale,
        series
            .iter()
            .flat_map(|s| s.batch_loss.iter().chain(&s.epoch_loss))
            .map(|(_, v)| v),
        None,
    );
    let scale = match scale {
        // Losses are never negative: start a linear axis at 0 when the data allows.
        Scale::Linear { min, max } if min < 0.0 && min > -0.1 * max => {
            Scale::Linear { min: 0.0, max }
        }
        other => other,
    };
    // One averaged batch point per two pixels at most.
    let (loss_w, _) = loss_area.dim_in_pixel();
    let thinned: Vec<Vec<(f64, f32)>> = series
        .iter()
        .map(|s| thin(&s.batch_loss, (loss_w / 2) as usize))
        .collect();
    let mut lines = Vec::new();
    for (i, s) in series.iter().enumerate() {
        lines.push(Line {
            points: &thinned[i],
            color: unit_color(i),
            stroke: 1,
            alpha: 0.35,
            dots: false,
            dashed: s.dashed,
        });
        lines.push(Line {
            points: &s.epoch_loss,
            color: unit_color(i),
            stroke: 2,
            alpha: 1.0,
            dots: true,
            dashed: s.dashed,
        });
    }
    draw_panel(
        &loss_area,
        &loss_labels,
        XAxis::Continuous(x_max),
        scale,
        &lines,
        None,
        &mut report,
    )?;
    if let Some(accuracy_area) = accuracy_area {
        let lines: Vec<Line<'_>> = series
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                points: &s.accuracy,
                color: unit_color(i),
                stroke: 2,
                alpha: 1.0,
                dots: true,
                dashed: s.dashed,
            })
            .collect();
        draw_panel(
            &accuracy_area,
            &opts.accuracy,
            XAxis::Continuous(x_max),
            Scale::Linear { min: 0.0, max: 1.0 },
            &lines,
            None,
            &mut report,
        )?;
    }
    Ok(report)
}

/// The legend strip of `series` (under `labels.title`) and what is left for the plot, with
/// the axis labels minus the title (already drawn).
fn series_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &AxisLabels,
    series: &[TrainingSeries],
    report: &mut ChartReport,
) -> Result<(DrawingArea<DB, Shift>, AxisLabels), ChartError> {
    let legend: Vec<LegendEntry<'_>> = series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendEntry {
            name: &s.name,
            color: unit_color(i),
            dashed: s.dashed,
        })
        .collect();
    let rest = legend_strip(area, &labels.title, &legend, report)?;
    let untitled = AxisLabels {
        title: String::new(),
        ..labels.clone()
    };
    Ok((rest, untitled))
}

/// One line per series in the legend's colours (dots while there are few points).
fn series_lines(series: &[TrainingSeries]) -> Vec<Line<'_>> {
    series
        .iter()
        .enumerate()
        .map(|(i, s)| Line {
            points: &s.points,
            color: unit_color(i),
            stroke: 2,
            alpha: 1.0,
            dots: s.points.len() <= 30,
            dashed: s.dashed,
        })
        .collect()
}

/// Draws the gradient flow through time: for each series (a recurrent layer and
/// direction, possibly of a second model) the norm `‖∂L/∂h_t‖` at every timestep `t`
/// (`points` x = timestep), on a log10 axis by default so that vanishing gradients
/// (falling by decades towards early steps) and exploding ones (rising) both show.
/// Zeros are hollow markers on the bottom edge, NaN grey dots.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 200×120 px; backend failures.
pub fn draw_gradient_flow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[TrainingSeries],
    opts: &GradientFlowOptions,
) -> Result<ChartReport, ChartError> {
    check_area(area, (200, 120))?;
    let mut report = ChartReport::default();
    let (rest, untitled) = series_panel(area, &opts.labels, series, &mut report)?;
    let steps = series
        .iter()
        .flat_map(|s| s.points.iter())
        .map(|p| p.0)
        .filter(|x| x.is_finite() && *x >= 0.0)
        .fold(0.0, f64::max);
    let has_points = series.iter().any(|s| !s.points.is_empty());
    let steps = if has_points { steps as usize + 1 } else { 0 };
    let scale = Scale::fit(
        opts.log_scale,
        series.iter().flat_map(|s| s.points.iter()).map(|(_, v)| v),
        None,
    );
    let lines = series_lines(series);
    draw_panel(
        &rest,
        &untitled,
        XAxis::Steps(steps),
        scale,
        &lines,
        None,
        &mut report,
    )?;
    Ok(report)
}

/// Draws the spectral radius `ρ(recurrent_kernel)` (largest eigenvalue modulus) of each
/// recurrent cell over epochs, with a dashed reference line at `ρ = 1`: above it the
/// linearised recurrence amplifies, below it contracts.
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 200×120 px; backend failures.
pub fn draw_spectral_radius<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[TrainingSeries],
    opts: &SpectralRadiusOptions,
) -> Result<ChartReport, ChartError> {
    check_area(area, (200, 120))?;
    let mut report = ChartReport::default();
    let (rest, untitled) = series_panel(area, &opts.labels, series, &mut report)?;
    let x_max = x_extent(series.iter().flat_map(|s| s.points.iter()));
    let scale = match Scale::fit(
        false,
        series.iter().flat_map(|s| s.points.iter()).map(|(_, v)| v),
        Some(1.0),
    ) {
        // Radii are never negative: the axis starts at 0 and always shows the line at 1.
        Scale::Linear { max, .. } => Scale::Linear {
            min: 0.0,
            max: max.max(1.2),
        },
        log @ Scale::Log { .. } => log,
    };
    let lines = series_lines(series);
    draw_panel(
        &rest,
        &untitled,
        XAxis::Continuous(x_max),
        scale,
        &lines,
        Some((1.0, opts.reference_label.as_str())),
        &mut report,
    )?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ticks_read_as_powers_of_ten() {
        assert_eq!(log_tick(0.0, 5.0), "1");
        assert_eq!(log_tick(2.0, 5.0), "100");
        assert_eq!(log_tick(-2.0, 5.0), "0.01");
        assert_eq!(log_tick(-6.0, 5.0), "1e-6");
        assert_eq!(log_tick(-0.5, 5.0), "");
        assert_eq!(log_tick(0.5, 1.0), "3.2");
    }

    #[test]
    fn log_scale_ignores_zeros_and_nan() {
        let scale = Scale::fit(true, [0.0, f32::NAN, 1e-4, 1.0].iter(), None);
        let (lo, hi) = scale.range();
        assert!(lo < -4.0 && hi > 0.0, "{lo}..{hi}");
        assert_eq!(scale.map(0.0), None);
        assert_eq!(scale.map(f32::NAN), None);
        assert!(scale.map(1e-4).is_some());
    }

    #[test]
    fn thinning_averages_groups_and_keeps_nan_groups() {
        let points: Vec<(f64, f32)> = (0..10).map(|i| (f64::from(i), i as f32)).collect();
        assert_eq!(thin(&points, 20), points);
        assert_eq!(thin(&points, 2), vec![(2.0, 2.0), (7.0, 7.0)]);
        let nan = [(0.0, f32::NAN), (1.0, f32::NAN), (2.0, 1.0), (3.0, 3.0)];
        let thinned = thin(&nan, 2);
        assert!(thinned[0].1.is_nan());
        assert_eq!(thinned[1], (2.5, 2.0));
    }

    #[test]
    fn linear_ticks_drop_trailing_zeros() {
        assert_eq!(linear_tick(0.5), "0.5");
        assert_eq!(linear_tick(2.0), "2");
        assert_eq!(linear_tick(-0.0001), "0");
        assert_eq!(linear_tick(119_736_832.0), "1.2e8");
    }
}
