//! A chart's data as a table, for its text alternative: the hidden states step by step,
//! the share of saturated units per step, or a training chart's points, thinned to a
//! readable size (first and last rows always kept).

use crate::charts::{saturated_share, TableWindow};

use super::chart_data::Chart;

/// Most rows and value columns a chart's table prints.
pub const MAX_ROWS: usize = 60;
/// Most value columns (units, series) a chart's table prints.
pub const MAX_COLUMNS: usize = 16;

/// What a table column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// The step, 1-based (`t`).
    Step,
    /// Hidden unit `i` (0-based, as the legend's `h[i]`).
    Unit(usize),
    /// Share of saturated units, in percent.
    SaturatedShare,
    /// The x of a training chart (epoch or step).
    X,
    /// A named training series.
    Series(String),
}

/// A chart's data as rows of printed cells.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartTable {
    /// Column headers.
    pub columns: Vec<Column>,
    /// Rows of printed cells, one per column.
    pub rows: Vec<Vec<String>>,
    /// Rows and columns of the data not printed.
    pub left_out: (usize, usize),
}

fn number(v: f32) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        "NaN".to_owned()
    }
}

/// The table of `chart`; `None` for a heatmap without data.
#[must_use]
pub fn chart_table(chart: &Chart) -> Option<ChartTable> {
    match chart {
        Chart::Lines { states, .. }
        | Chart::Heatmap {
            states: Some(states),
            ..
        } => {
            let (steps, units) = states.dim();
            let window = TableWindow::new((steps, units), (MAX_ROWS, MAX_COLUMNS));
            let mut columns = vec![Column::Step];
            columns.extend(window.columns.iter().map(|&u| Column::Unit(u)));
            let rows = window
                .rows
                .iter()
                .map(|&t| {
                    let mut row = vec![(t + 1).to_string()];
                    row.extend(window.columns.iter().map(|&u| number(states[[t, u]])));
                    row
                })
                .collect();
            Some(ChartTable {
                columns,
                rows,
                left_out: (window.rows_left_out(steps), window.columns_left_out(units)),
            })
        }
        Chart::Heatmap { states: None, .. } => None,
        Chart::Saturation {
            states, options, ..
        } => {
            let shares = saturated_share(states.view(), options.threshold);
            let window = TableWindow::new((shares.len(), 1), (MAX_ROWS, 1));
            let rows = window
                .rows
                .iter()
                .map(|&t| {
                    let share =
                        shares[t].map_or_else(|| "NaN".to_owned(), |s| format!("{:.0}", s * 100.0));
                    vec![(t + 1).to_string(), share]
                })
                .collect();
            Some(ChartTable {
                columns: vec![Column::Step, Column::SaturatedShare],
                rows,
                left_out: (window.rows_left_out(shares.len()), 0),
            })
        }
        Chart::Loss { series, .. } => Some(series_table(
            series
                .iter()
                .map(|s| (s.name.as_str(), s.epoch_loss.as_slice())),
        )),
        Chart::Flow { series, .. } | Chart::Radius { series, .. } => Some(series_table(
            series
                .iter()
                .map(|s| (s.name.as_str(), s.points.as_slice())),
        )),
        Chart::GateHeatmaps { gates, .. } | Chart::GateSaturation { gates, .. } => {
            let saturation = matches!(chart, Chart::GateSaturation { .. });
            let per_step = gate_rows(gates, saturation);
            Some(series_table(
                per_step
                    .iter()
                    .map(|(name, points)| (name.as_str(), points.as_slice())),
            ))
        }
        Chart::CellLines { cell, .. } => chart_table(&Chart::Lines {
            states: cell.clone(),
            cursor: None,
            options: crate::charts::HiddenLinesOptions::default(),
        }),
    }
}

/// Per gate and step (1-based): the mean value, or the saturated share (0–1).
fn gate_rows(
    gates: &[(String, ndarray::Array2<f32>)],
    saturation: bool,
) -> Vec<(String, Vec<(f64, f32)>)> {
    gates
        .iter()
        .map(|(name, values)| {
            let points = if saturation {
                crate::charts::gate_saturation(values.view())
                    .into_iter()
                    .enumerate()
                    .map(|(t, s)| ((t + 1) as f64, s.unwrap_or(f32::NAN)))
                    .collect()
            } else {
                values
                    .outer_iter()
                    .enumerate()
                    .map(|(t, row)| ((t + 1) as f64, row.mean().unwrap_or(f32::NAN)))
                    .collect()
            };
            (name.clone(), points)
        })
        .collect()
}

/// Series side by side, one row per x of the longest series.
fn series_table<'a>(series: impl Iterator<Item = (&'a str, &'a [(f64, f32)])>) -> ChartTable {
    let series: Vec<(&str, &[(f64, f32)])> = series.collect();
    let longest = series.iter().map(|s| s.1.len()).max().unwrap_or(0);
    let window = TableWindow::new((longest, series.len()), (MAX_ROWS, MAX_COLUMNS));
    let mut columns = vec![Column::X];
    columns.extend(
        window
            .columns
            .iter()
            .map(|&c| Column::Series(series[c].0.to_owned())),
    );
    let rows = window
        .rows
        .iter()
        .map(|&i| {
            let x = series
                .iter()
                .find_map(|s| s.1.get(i))
                .map_or_else(String::new, |p| format!("{}", p.0));
            let mut row = vec![x];
            row.extend(
                window
                    .columns
                    .iter()
                    .map(|&c| series[c].1.get(i).map_or_else(String::new, |p| number(p.1))),
            );
            row
        })
        .collect();
    ChartTable {
        columns,
        rows,
        left_out: (
            window.rows_left_out(longest),
            window.columns_left_out(series.len()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::domain::chart_data::Same;
    use crate::charts::{GradientFlowOptions, HiddenLinesOptions, TrainingSeries};
    use ndarray::Array2;

    #[test]
    fn hidden_states_are_thinned_to_a_readable_table() {
        let states = Array2::from_shape_fn((1000, 40), |(t, u)| (t * 100 + u) as f32 / 1e5);
        let chart = Chart::Lines {
            states: Same::new(states),
            cursor: Some(0),
            options: HiddenLinesOptions::default(),
        };
        let table = chart_table(&chart).unwrap();
        assert_eq!(table.rows.len(), MAX_ROWS);
        assert_eq!(table.columns.len(), 1 + MAX_COLUMNS);
        assert_eq!(table.rows[0][0], "1");
        assert_eq!(table.rows[MAX_ROWS - 1][0], "1000");
        assert_eq!(table.rows[MAX_ROWS - 1][1], "0.999");
        assert_eq!(table.left_out, (1000 - MAX_ROWS, 40 - MAX_COLUMNS));
    }

    #[test]
    fn training_series_side_by_side() {
        let chart = Chart::Flow {
            series: Same::new(vec![
                TrainingSeries::indexed("a", &[1.0, 0.5, f32::NAN]),
                TrainingSeries::indexed("b", &[2.0]),
            ]),
            options: GradientFlowOptions::default(),
        };
        let table = chart_table(&chart).unwrap();
        assert_eq!(
            table.columns,
            vec![
                Column::X,
                Column::Series("a".into()),
                Column::Series("b".into())
            ]
        );
        assert_eq!(table.rows[0], vec!["0", "1.000", "2.000"]);
        assert_eq!(table.rows[2], vec!["2", "NaN", ""]);
    }
}
