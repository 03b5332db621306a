//! Which timesteps get a column when the sequence is longer than the viewport holds.

use std::collections::BTreeSet;
use std::ops::Range;

/// What a diagram column shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnContent {
    /// The cells of one timestep.
    Step(usize),
    /// An ellipsis standing for these hidden timesteps.
    Hidden(Range<usize>),
}

/// A column of the diagram and its horizontal centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Horizontal centre.
    pub x: f32,
    /// Step or ellipsis.
    pub content: ColumnContent,
}

/// Chooses the columns for `timesteps` steps when at most `max_columns` fit.
///
/// The rule: if every step fits, every step gets a column. Otherwise keep the first `k`
/// steps, the last `k` steps and the `active` step with its neighbours `active ± 1`;
/// every run of hidden steps becomes one ellipsis column, except that a single hidden
/// step is shown instead (it costs the same column). `k` is the largest value, but at
/// least one, for which the columns, ellipses included, fit in `max_columns`. With
/// `k = 1` the result can still need up to 7 columns (5 steps and 2 ellipses) when
/// fewer fit, because the first and last step and the active neighbourhood stay.
pub fn visible_steps(
    timesteps: usize,
    active: Option<usize>,
    max_columns: usize,
) -> Vec<ColumnContent> {
    if timesteps <= max_columns {
        return (0..timesteps).map(ColumnContent::Step).collect();
    }
    let active = active.filter(|&a| a < timesteps);
    let mut k = (max_columns / 2).max(1);
    loop {
        let columns = condensed(timesteps, active, k);
        if columns.len() <= max_columns || k == 1 {
            return columns;
        }
        k -= 1;
    }
}

/// The columns keeping the first and last `k` steps and the active neighbourhood.
fn condensed(timesteps: usize, active: Option<usize>, k: usize) -> Vec<ColumnContent> {
    let mut keep: BTreeSet<usize> = (0..k.min(timesteps)).collect();
    keep.extend(timesteps.saturating_sub(k)..timesteps);
    if let Some(a) = active {
        keep.extend(a.saturating_sub(1)..=(a + 1).min(timesteps - 1));
    }
    let mut columns = Vec::with_capacity(keep.len() + 2);
    let mut previous: Option<usize> = None;
    for step in keep {
        let gap_start = previous.map_or(0, |p| p + 1);
        match step - gap_start {
            0 => {}
            1 => columns.push(ColumnContent::Step(gap_start)),
            _ => columns.push(ColumnContent::Hidden(gap_start..step)),
        }
        columns.push(ColumnContent::Step(step));
        previous = Some(step);
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnContent::{Hidden, Step};

    #[test]
    fn short_sequences_show_every_step() {
        assert_eq!(
            visible_steps(3, Some(1), 10),
            vec![Step(0), Step(1), Step(2)]
        );
        assert!(visible_steps(0, None, 10).is_empty());
    }

    #[test]
    fn long_sequence_keeps_ends_and_active_neighbourhood() {
        let cols = visible_steps(100, Some(50), 11);
        assert_eq!(
            cols,
            vec![
                Step(0),
                Step(1),
                Step(2),
                Hidden(3..49),
                Step(49),
                Step(50),
                Step(51),
                Hidden(52..97),
                Step(97),
                Step(98),
                Step(99),
            ]
        );
    }

    #[test]
    fn single_hidden_step_is_shown_instead_of_an_ellipsis() {
        let cols = visible_steps(9, Some(5), 8);
        assert!(cols.len() <= 8, "{cols:?}");
        assert!(cols.iter().all(|c| match c {
            Hidden(r) => r.len() > 1,
            Step(_) => true,
        }));
    }
}
