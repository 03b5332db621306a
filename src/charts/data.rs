//! Data helpers shared by the charts: finite ranges, value axes and pixel-bounded binning.

use std::ops::Range;

use super::{ChartError, YRange};

/// Smallest and largest finite value, or `None` when there is none.
pub(crate) fn finite_min_max<'a>(values: impl IntoIterator<Item = &'a f32>) -> Option<(f32, f32)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, &v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// Resolves the value axis: a checked fixed range, or the finite data range with a 5%
/// margin (±0.5 around constant data, -1..1 when nothing is finite).
pub(crate) fn resolve_range<'a>(
    mode: YRange,
    values: impl IntoIterator<Item = &'a f32>,
) -> Result<(f64, f64), ChartError> {
    match mode {
        YRange::Fixed { min, max } => {
            if min.is_finite() && max.is_finite() && min < max {
                Ok((f64::from(min), f64::from(max)))
            } else {
                Err(ChartError::InvalidRange { min, max })
            }
        }
        YRange::FitData => Ok(match finite_min_max(values) {
            None => (-1.0, 1.0),
            Some((lo, hi)) => {
                // In f64 so that the margin cannot overflow near f32::MAX.
                let (lo, hi) = (f64::from(lo), f64::from(hi));
                let span = hi - lo;
                // Below this the axis labels would all print the same number.
                if span > 1e-6 * lo.abs().max(hi.abs()).max(1.0) {
                    (lo - span * 0.05, hi + span * 0.05)
                } else {
                    let pad = (lo.abs() * 0.1).max(0.5);
                    (lo - pad, hi + pad)
                }
            }
        }),
    }
}

/// Splits `0..n` into `groups` contiguous, nearly equal, non-empty ranges
/// (`groups` is clamped to `1..=n`; `n == 0` gives no ranges).
pub(crate) fn bins(n: usize, groups: usize) -> Vec<Range<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let groups = groups.clamp(1, n);
    (0..groups)
        .map(|g| (g * n / groups)..((g + 1) * n / groups))
        .collect()
}

/// How many columns and rows to draw for a `steps × units` grid on a plot of
/// `width × height` pixels: at most one cell per `min_cell_px` pixels in each direction,
/// and at most `max_cells` cells in all (both directions shrunk by the same factor).
pub(crate) fn grid_size(
    (steps, units): (usize, usize),
    (width, height): (u32, u32),
    min_cell_px: u32,
    max_cells: usize,
) -> (usize, usize) {
    let px = min_cell_px.max(1);
    let mut cols = steps.min((width / px).max(1) as usize);
    let mut rows = units.min((height / px).max(1) as usize);
    let max_cells = max_cells.max(1);
    if cols * rows > max_cells {
        let shrink = (max_cells as f64 / (cols * rows) as f64).sqrt();
        cols = ((cols as f64 * shrink).floor() as usize).max(1);
        rows = ((rows as f64 * shrink).floor() as usize).max(1);
        // Floor on both sides can still leave a little slack; never exceed the budget.
        while cols * rows > max_cells {
            if cols >= rows {
                cols -= 1;
            } else {
                rows -= 1;
            }
        }
    }
    (cols, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_everything_once() {
        let b = bins(10, 3);
        assert_eq!(b, vec![0..3, 3..6, 6..10]);
        assert_eq!(bins(2, 5), vec![0..1, 1..2]);
        assert!(bins(0, 4).is_empty());
    }

    #[test]
    fn grid_respects_pixels_and_budget() {
        assert_eq!(grid_size((5, 3), (500, 300), 3, 10_000), (5, 3));
        let (c, r) = grid_size((1000, 512), (600, 400), 3, 5_000);
        assert!(c <= 200 && r <= 133 && c * r <= 5_000, "{c}x{r}");
    }

    #[test]
    fn fit_data_handles_constant_and_empty() {
        let (lo, hi) = resolve_range(YRange::FitData, &[0.3, 0.3]).unwrap();
        assert!(lo < 0.3 && hi > 0.3);
        assert_eq!(
            resolve_range(YRange::FitData, &[f32::NAN]).unwrap(),
            (-1.0, 1.0)
        );
        assert!(resolve_range(YRange::Fixed { min: 1.0, max: 1.0 }, &[]).is_err());
    }
}
