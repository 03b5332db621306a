//! Fonts, sizes and small drawing helpers shared by the charts.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;

/// Font family of all chart text; the browser and SVG viewers pick their sans-serif
/// (which covers Hangul on every common system).
pub(crate) const FONT: &str = "sans-serif";
/// Caption size in pixels.
pub(crate) const TITLE_SIZE: f64 = 17.0;
/// Axis description size in pixels.
pub(crate) const DESC_SIZE: f64 = 15.0;
/// Tick label and legend size in pixels.
pub(crate) const LABEL_SIZE: f64 = 13.0;
/// Grid line colour.
pub(crate) const GRID_COLOR: RGBColor = RGBColor(0xe0, 0xe0, 0xe0);

/// Fails with [`ChartError::AreaTooSmall`] unless the area is at least `min` pixels.
pub(crate) fn check_area<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (min_width, min_height): (u32, u32),
) -> Result<(u32, u32), ChartError> {
    let (width, height) = area.dim_in_pixel();
    if width < min_width || height < min_height {
        return Err(ChartError::AreaTooSmall {
            width,
            height,
            min_width,
            min_height,
        });
    }
    Ok((width, height))
}

/// Left-aligned, vertically centred label text.
pub(crate) fn left_text(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center))
}

/// Formats a tick on a step or unit axis: integers only, other ticks stay blank.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "plotters' label formatters take `&f64`"
)]
pub(crate) fn integer_tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 && v.round() >= 0.0 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

/// Axis range of `n` equally spaced items centred on `0, 1, …, n-1` (at least one slot).
pub(crate) fn slot_range(n: usize) -> std::ops::Range<f64> {
    -0.5..(n.max(1) as f64 - 0.5)
}

/// Formats a tick on a time axis drawn at 0-based step positions as the 1-based step the
/// page shows (`t = 1` is the first step): integers only, other ticks stay blank.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "plotters' label formatters take `&f64`"
)]
pub(crate) fn step_tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 && v.round() >= 0.0 {
        format!("{}", v.round() as i64 + 1)
    } else {
        String::new()
    }
}
