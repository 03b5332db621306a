//! Heatmap of a layer's hidden states: time on x, unit on y, a diverging colour scale
//! with a colour bar, the cursor column outlined; large inputs are averaged into bins.

use std::ops::Range;

use ndarray::{s, ArrayView2};
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, DrawingErrorKind};

use super::color::{diverging_rgb, CURSOR_COLOR, NAN_COLOR};
use super::data::{bins, grid_size};
use super::style::{
    check_area, integer_tick, slot_range, step_tick, DESC_SIZE, FONT, LABEL_SIZE, TITLE_SIZE,
};
use super::{AxisLabels, ChartError, ChartReport};

/// Width of the colour-bar column in pixels.
const COLORBAR_WIDTH: u32 = 76;
/// Number of colour steps in the colour bar.
const COLORBAR_STEPS: usize = 64;

/// Words and limits of [`draw_hidden_state_heatmap`].
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapOptions {
    /// Caption and axis descriptions.
    pub labels: AxisLabels,
    /// Text under the colour bar (e.g. `h`).
    pub colorbar_label: String,
    /// Values in `[-value_limit, value_limit]` span the colour scale; beyond it they are
    /// clamped. `1.0` suits `tanh` states.
    pub value_limit: f32,
    /// A drawn cell is at least this many pixels wide and high; more steps or units than
    /// that are averaged together.
    pub min_cell_px: u32,
    /// Most cells drawn in all, whatever the area size (bounds SVG size and canvas work).
    pub max_cells: usize,
    /// How the cells reach the backend.
    pub cells: CellDrawing,
}

/// How [`draw_hidden_state_heatmap`] hands its cells to the drawing backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellDrawing {
    /// One filled rectangle per cell: exact vector output (SVG), but one backend call per
    /// cell (up to `max_cells`).
    #[default]
    Rectangles,
    /// One RGB bitmap of the plotting area, handed to `DrawingBackend::blit_bitmap` in a
    /// single call. For backends whose blit is one image copy (the app's canvas); the
    /// default blit of plotters draws pixel by pixel.
    Bitmap,
}

impl Default for HeatmapOptions {
    fn default() -> Self {
        Self {
            labels: AxisLabels::default(),
            colorbar_label: "h".to_owned(),
            value_limit: 1.0,
            min_cell_px: 3,
            max_cells: 12_000,
            cells: CellDrawing::Rectangles,
        }
    }
}

/// Draws `states` (`[timesteps, units]`) as coloured cells, step `t` in column `t` and
/// unit `u` in row `u` (unit 0 at the bottom), coloured by [`super::diverging_color`]
/// of `value / value_limit`, with a colour bar on the right and the `cursor_step`
/// column outlined in [`CURSOR_COLOR`].
///
/// When there are more steps or units than fit at `min_cell_px`, or more cells than
/// `max_cells`, neighbouring steps/units are binned and each cell shows the mean of the
/// finite values in it; a cell with no finite value is drawn in [`NAN_COLOR`]. The
/// drawn grid is returned in [`ChartReport::grid`].
///
/// # Errors
/// [`ChartError::AreaTooSmall`] under 200×100 px; backend failures.
pub fn draw_hidden_state_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    states: ArrayView2<'_, f32>,
    cursor_step: Option<usize>,
    opts: &HeatmapOptions,
) -> Result<ChartReport, ChartError> {
    let limit = opts.value_limit;
    if !(limit.is_finite() && limit > 0.0) {
        return Err(ChartError::InvalidRange {
            min: -limit,
            max: limit,
        });
    }
    let (width, _) = check_area(area, (200, 100))?;
    let (steps, units) = states.dim();
    let mut report = ChartReport {
        non_finite_values: states.iter().filter(|v| !v.is_finite()).count(),
        ..ChartReport::default()
    };

    let bar_width = COLORBAR_WIDTH.min(width / 4);
    let (plot_area, bar_area) = area.split_horizontally(width - bar_width);
    let x_label_area = if opts.labels.x.is_empty() { 24 } else { 44 };
    let mut builder = ChartBuilder::on(&plot_area);
    builder
        .margin(8)
        .x_label_area_size(x_label_area)
        .y_label_area_size(if opts.labels.y.is_empty() { 44 } else { 64 });
    if !opts.labels.title.is_empty() {
        builder.caption(&opts.labels.title, (FONT, TITLE_SIZE));
    }
    let x_range = slot_range(steps);
    let y_range = slot_range(units);
    let mut chart = builder
        .build_cartesian_2d(x_range.clone(), y_range.clone())
        .map_err(ChartError::backend)?;

    let mut mesh = chart.configure_mesh();
    mesh.disable_mesh()
        .x_labels(steps.clamp(2, 10))
        .y_labels(units.clamp(2, 10))
        .x_label_formatter(&step_tick)
        .y_label_formatter(&integer_tick)
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

    let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
    if steps > 0 && units > 0 {
        let (cols, rows) = grid_size(
            (steps, units),
            (plot_w, plot_h),
            opts.min_cell_px,
            opts.max_cells,
        );
        let col_bins = bins(steps, cols);
        let row_bins = bins(units, rows);
        // Colour of each drawn cell, column-major: `colors[c * rows + r]`.
        let mut colors = Vec::with_capacity(col_bins.len() * row_bins.len());
        for cb in &col_bins {
            for rb in &row_bins {
                let block = states.slice(s![cb.clone(), rb.clone()]);
                let (sum, n) = block
                    .iter()
                    .filter(|v| v.is_finite())
                    .fold((0.0f64, 0usize), |(sum, n), &v| (sum + f64::from(v), n + 1));
                colors.push(if n == 0 {
                    NAN_COLOR
                } else {
                    diverging_rgb((sum / n as f64) as f32 / limit)
                });
            }
        }
        match opts.cells {
            CellDrawing::Rectangles => {
                let cells = col_bins
                    .iter()
                    .flat_map(|cb| row_bins.iter().map(move |rb| (cb, rb)))
                    .zip(&colors)
                    .map(|((cb, rb), color)| {
                        Rectangle::new(
                            [
                                (cb.start as f64 - 0.5, rb.start as f64 - 0.5),
                                (cb.end as f64 - 0.5, rb.end as f64 - 0.5),
                            ],
                            color.filled(),
                        )
                    });
                chart.draw_series(cells).map_err(ChartError::backend)?;
            }
            CellDrawing::Bitmap => {
                let bitmap = CellBitmap::paint(
                    (plot_w, plot_h),
                    (steps, units),
                    (&col_bins, &row_bins),
                    &colors,
                );
                chart
                    .plotting_area()
                    .strip_coord_spec()
                    .draw(&bitmap)
                    .map_err(ChartError::backend)?;
            }
        }
        report.grid = Some((col_bins.len(), row_bins.len()));
    }

    if let Some(step) = cursor_step.filter(|&s| s < steps) {
        let per_px = (x_range.end - x_range.start) / f64::from(plot_w.max(1));
        // The outline stays at least 4 px wide even when a step is narrower.
        let half = 0.5f64.max(2.0 * per_px);
        let x = step as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - half, y_range.start), (x + half, y_range.end)],
                ShapeStyle {
                    color: CURSOR_COLOR.to_rgba(),
                    filled: false,
                    stroke_width: 2,
                },
            )))
            .map_err(ChartError::backend)?;
        report.cursor_drawn = true;
    }

    // The colour bar lines up with the plotting area's top and bottom.
    let plot_px = chart.plotting_area().get_pixel_range();
    let bar_px = bar_area.get_pixel_range();
    let top = (plot_px.1.start - bar_px.1.start).max(0);
    let bottom = (bar_px.1.end - plot_px.1.end).max(0);
    draw_colorbar(&bar_area, limit, top, bottom, &opts.colorbar_label)?;
    Ok(report)
}

/// The heatmap's cells as one RGB image of the plotting area, drawn at its top-left
/// corner with a single `blit_bitmap`.
struct CellBitmap {
    /// Width and height in pixels.
    size: (u32, u32),
    /// Row-major RGB, three bytes a pixel.
    rgb: Vec<u8>,
    /// Where it goes (the plotting area's origin).
    origin: (i32, i32),
}

impl CellBitmap {
    /// Paints `colors` (column-major over `col_bins` × `row_bins`) onto a `width × height`
    /// image in which `steps` columns span the width and `units` rows the height, unit 0
    /// at the bottom: pixel `(x, y)` shows the cell holding step
    /// `⌊(x + ½)·steps / width⌋` and unit `⌊(height − y − ½)·units / height⌋`, as the
    /// rectangles of [`CellDrawing::Rectangles`] would cover it.
    fn paint(
        (width, height): (u32, u32),
        (steps, units): (usize, usize),
        (col_bins, row_bins): (&[Range<usize>], &[Range<usize>]),
        colors: &[RGBColor],
    ) -> Self {
        let (w, h) = (width as usize, height as usize);
        // Which drawn column / row each pixel column / row falls in.
        let cell_of = |pixel: usize, pixels: usize, items: usize, bins: &[Range<usize>]| {
            let item = ((2 * pixel + 1) * items / (2 * pixels)).min(items.saturating_sub(1));
            bins.partition_point(|b| b.end <= item)
                .min(bins.len().saturating_sub(1))
        };
        let col_of: Vec<usize> = (0..w).map(|x| cell_of(x, w, steps, col_bins)).collect();
        let rows = row_bins.len();
        let mut rgb = vec![0u8; w * h * 3];
        for (y, line) in rgb.chunks_exact_mut(w * 3).enumerate() {
            let row = cell_of(h - 1 - y, h, units, row_bins);
            for (pixel, &col) in line.chunks_exact_mut(3).zip(&col_of) {
                if let Some(color) = colors.get(col * rows + row) {
                    pixel.copy_from_slice(&[color.0, color.1, color.2]);
                }
            }
        }
        Self {
            size: (width, height),
            rgb,
            origin: (0, 0),
        }
    }
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a CellBitmap {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.origin)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for CellBitmap {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) if self.size.0 > 0 && self.size.1 > 0 => {
                backend.blit_bitmap(at, self.size, &self.rgb)
            }
            _ => Ok(()),
        }
    }
}

/// Draws the vertical colour bar from `-limit` (bottom) to `limit` (top) with its
/// value labels, `top`/`bottom` pixels in from the area's edges, and `label` under it.
fn draw_colorbar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    limit: f32,
    top: i32,
    bottom: i32,
    label: &str,
) -> Result<(), ChartError> {
    let limit = f64::from(limit);
    let mut bar = ChartBuilder::on(area)
        .margin_top(top)
        .margin_bottom(bottom)
        .margin_left(10)
        .margin_right(4)
        .right_y_label_area_size(40)
        .build_cartesian_2d(0.0..1.0, -limit..limit)
        .map_err(ChartError::backend)?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(5)
        .axis_style(BLACK)
        .label_style((FONT, LABEL_SIZE))
        .draw()
        .map_err(ChartError::backend)?;
    let step = 2.0 * limit / COLORBAR_STEPS as f64;
    bar.draw_series((0..COLORBAR_STEPS).map(|i| {
        let lo = -limit + step * i as f64;
        let mid = (lo + step * 0.5) / limit;
        Rectangle::new(
            [(0.0, lo), (1.0, lo + step)],
            diverging_rgb(mid as f32).filled(),
        )
    }))
    .map_err(ChartError::backend)?;
    bar.draw_series(std::iter::once(Rectangle::new(
        [(0.0, -limit), (1.0, limit)],
        BLACK.stroke_width(1),
    )))
    .map_err(ChartError::backend)?;
    if !label.is_empty() {
        let (x_px, y_px) = bar.plotting_area().get_pixel_range();
        let origin = area.get_pixel_range();
        let center = i32::midpoint(x_px.start, x_px.end) - origin.0.start;
        let below = y_px.end - origin.1.start + 6;
        area.draw(&Text::new(
            label.to_owned(),
            (center, below),
            TextStyle::from((FONT, DESC_SIZE).into_font())
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(ChartError::backend)?;
    }
    Ok(())
}
