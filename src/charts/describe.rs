//! What each chart shows, as numbers for its text alternative: the page turns these facts
//! into a sentence in the reader's language and offers the data as a table, so a screen
//! reader (or a student at the back of the room) gets what the picture gives.
//!
//! Every function takes the same plain data its chart draws and ignores non-finite
//! values, counting them instead.

use std::ops::Range;

use ndarray::ArrayView2;

use super::saturated_share;

/// A value and where it is: a unit (hidden-state charts) or an x position (training).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extreme<At> {
    /// Where the value is.
    pub at: At,
    /// The value.
    pub value: f32,
}

/// The hidden states of one layer (`[timesteps, units]`), at the selected step.
#[derive(Debug, Clone, PartialEq)]
pub struct StatesFacts {
    /// Number of timesteps.
    pub timesteps: usize,
    /// Number of units.
    pub units: usize,
    /// The selected step (0-based; clamped to the data).
    pub step: usize,
    /// The lowest finite value at the step, and its unit.
    pub lowest: Option<Extreme<usize>>,
    /// The highest finite value at the step, and its unit.
    pub highest: Option<Extreme<usize>>,
    /// Smallest and largest finite value over every step.
    pub range: Option<(f32, f32)>,
    /// NaN or infinite values over every step.
    pub non_finite: usize,
}

/// Facts of the line chart and the heatmap of `states` (`[timesteps, units]`) at `step`.
#[must_use]
pub fn describe_states(states: ArrayView2<'_, f32>, step: usize) -> StatesFacts {
    let (timesteps, units) = states.dim();
    let step = step.min(timesteps.saturating_sub(1));
    let mut lowest: Option<Extreme<usize>> = None;
    let mut highest: Option<Extreme<usize>> = None;
    if timesteps > 0 {
        for (unit, &value) in states.row(step).iter().enumerate() {
            if !value.is_finite() {
                continue;
            }
            if lowest.is_none_or(|e| value < e.value) {
                lowest = Some(Extreme { at: unit, value });
            }
            if highest.is_none_or(|e| value > e.value) {
                highest = Some(Extreme { at: unit, value });
            }
        }
    }
    StatesFacts {
        timesteps,
        units,
        step,
        lowest,
        highest,
        range: finite_range(states.iter().copied()),
        non_finite: states.iter().filter(|v| !v.is_finite()).count(),
    }
}

/// The saturation chart: how many units sit in tanh's flat ends.
#[derive(Debug, Clone, PartialEq)]
pub struct SaturationFacts {
    /// `|h| > threshold` counts as saturated.
    pub threshold: f32,
    /// Share (0..1) of saturated units at the selected step.
    pub at_step: Option<f32>,
    /// Mean share over the steps that have finite values.
    pub mean: Option<f32>,
    /// The step with the largest share (0-based) and that share.
    pub most: Option<Extreme<usize>>,
}

/// Facts of the saturation chart of `states` (`[timesteps, units]`) at `step`.
#[must_use]
pub fn describe_saturation(
    states: ArrayView2<'_, f32>,
    step: usize,
    threshold: f32,
) -> SaturationFacts {
    let shares = saturated_share(states, threshold);
    let known: Vec<(usize, f32)> = shares
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    let mean =
        (!known.is_empty()).then(|| known.iter().map(|(_, s)| s).sum::<f32>() / known.len() as f32);
    let most = known
        .iter()
        .fold(None::<Extreme<usize>>, |best, &(at, value)| match best {
            Some(b) if b.value >= value => Some(b),
            _ => Some(Extreme { at, value }),
        });
    SaturationFacts {
        threshold,
        at_step: shares.get(step).copied().flatten(),
        mean,
        most,
    }
}

/// A line of a training chart (loss per epoch, `‖∂L/∂h_t‖` per step, a spectral radius).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesFacts {
    /// The first finite point.
    pub first: Option<Extreme<f64>>,
    /// The last finite point.
    pub last: Option<Extreme<f64>>,
    /// The lowest finite point (the first of equals).
    pub lowest: Option<Extreme<f64>>,
    /// The highest finite point (the first of equals).
    pub highest: Option<Extreme<f64>>,
    /// Points whose value is NaN or infinite.
    pub non_finite: usize,
}

/// Facts of one series of `(x, y)` points.
#[must_use]
pub fn describe_series(points: &[(f64, f32)]) -> SeriesFacts {
    let finite = || {
        points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(at, value)| Extreme { at, value })
    };
    SeriesFacts {
        first: finite().next(),
        last: finite().next_back(),
        lowest: finite().fold(None, |m: Option<Extreme<f64>>, e| match m {
            Some(m) if m.value <= e.value => Some(m),
            _ => Some(e),
        }),
        highest: finite().fold(None, |m: Option<Extreme<f64>>, e| match m {
            Some(m) if m.value >= e.value => Some(m),
            _ => Some(e),
        }),
        non_finite: points
            .iter()
            .filter(|(x, y)| !x.is_finite() || !y.is_finite())
            .count(),
    }
}

/// Which rows and columns of a large table to print: every one up to the limits, else
/// evenly spaced ones that always include the first and the last, so a table of 1,000
/// steps stays readable and the page stays fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableWindow {
    /// Indices of the rows shown, ascending.
    pub rows: Vec<usize>,
    /// Indices of the columns shown, ascending.
    pub columns: Vec<usize>,
}

impl TableWindow {
    /// Up to `max_rows` of `rows` and `max_columns` of `columns`.
    #[must_use]
    pub fn new((rows, columns): (usize, usize), (max_rows, max_columns): (usize, usize)) -> Self {
        Self {
            rows: spread(0..rows, max_rows),
            columns: spread(0..columns, max_columns),
        }
    }

    /// Rows not shown.
    #[must_use]
    pub fn rows_left_out(&self, rows: usize) -> usize {
        rows - self.rows.len()
    }

    /// Columns not shown.
    #[must_use]
    pub fn columns_left_out(&self, columns: usize) -> usize {
        columns - self.columns.len()
    }
}

/// At most `max` indices of `range`, evenly spaced, first and last included.
fn spread(range: Range<usize>, max: usize) -> Vec<usize> {
    let n = range.len();
    if n <= max {
        return range.collect();
    }
    match max {
        0 => Vec::new(),
        1 => vec![range.start],
        _ => (0..max)
            .map(|i| range.start + i * (n - 1) / (max - 1))
            .collect(),
    }
}

fn finite_range(values: impl Iterator<Item = f32>) -> Option<(f32, f32)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn states_at_a_step() {
        let states = array![[0.1_f32, -0.5, 0.9], [0.2, f32::NAN, -0.7]];
        let facts = describe_states(states.view(), 1);
        assert_eq!(facts.step, 1);
        assert_eq!(facts.lowest, Some(Extreme { at: 2, value: -0.7 }));
        assert_eq!(facts.highest, Some(Extreme { at: 0, value: 0.2 }));
        assert_eq!(facts.range, Some((-0.7, 0.9)));
        assert_eq!(facts.non_finite, 1);
        // A step past the end is the last one; empty data has no extremes.
        assert_eq!(describe_states(states.view(), 9).step, 1);
        let empty = ndarray::Array2::<f32>::zeros((0, 3));
        let facts = describe_states(empty.view(), 0);
        assert_eq!((facts.lowest, facts.range), (None, None));
    }

    #[test]
    fn saturation_shares() {
        let states = array![[0.995_f32, 0.1], [0.999, -0.999], [f32::NAN, f32::NAN]];
        let facts = describe_saturation(states.view(), 0, 0.99);
        assert_eq!(facts.at_step, Some(0.5));
        assert_eq!(facts.mean, Some(0.75));
        assert_eq!(facts.most, Some(Extreme { at: 1, value: 1.0 }));
        assert_eq!(describe_saturation(states.view(), 2, 0.99).at_step, None);
    }

    #[test]
    fn series_ends_and_extremes() {
        let facts = describe_series(&[(0.0, f32::NAN), (1.0, 0.8), (2.0, 0.3), (3.0, 0.5)]);
        assert_eq!(
            facts.first,
            Some(Extreme {
                at: 1.0,
                value: 0.8
            })
        );
        assert_eq!(
            facts.last,
            Some(Extreme {
                at: 3.0,
                value: 0.5
            })
        );
        assert_eq!(
            facts.lowest,
            Some(Extreme {
                at: 2.0,
                value: 0.3
            })
        );
        assert_eq!(
            facts.highest,
            Some(Extreme {
                at: 1.0,
                value: 0.8
            })
        );
        assert_eq!(facts.non_finite, 1);
        assert_eq!(describe_series(&[]).first, None);
    }

    #[test]
    fn table_window_keeps_first_and_last() {
        let w = TableWindow::new((1000, 5), (11, 8));
        assert_eq!(w.rows.len(), 11);
        assert_eq!((w.rows[0], w.rows[10]), (0, 999));
        assert!(w.rows.windows(2).all(|p| p[0] < p[1]));
        assert_eq!(w.columns, vec![0, 1, 2, 3, 4]);
        assert_eq!((w.rows_left_out(1000), w.columns_left_out(5)), (989, 0));
        assert_eq!(TableWindow::new((3, 3), (1, 0)).rows, vec![0]);
        assert!(TableWindow::new((3, 3), (1, 0)).columns.is_empty());
    }
}
