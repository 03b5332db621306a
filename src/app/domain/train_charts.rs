//! What the training view's charts draw, taken from the runs at one moment: the loss (and
//! accuracy), the spectral radius of each recurrent kernel per epoch, the gradient flow
//! through time of one example, and that example's hidden states.

use ndarray::Array2;

use crate::charts::{LossSeries, TrainingSeries};
use crate::rnn::{Direction, InitScheme, Layer, Stack};

use super::chart_data::Same;
use super::train_runs::{Run, Runs};
use super::trained_model::{is_recurrent, recurrent_number};

/// What a chart series is called: which cell (none for the loss) of which model (none
/// when only one is trained).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeriesName {
    /// The recurrent layer (0-based among the recurrent layers) and, for bidirectional
    /// layers, the direction.
    pub cell: Option<(usize, Option<Direction>)>,
    /// The model's initializer, when two models are compared.
    pub run: Option<InitScheme>,
}

/// The history charts' data: loss and spectral radius.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryCharts {
    /// One series per model.
    pub loss: Same<Vec<LossSeries>>,
    /// One line per cell and model.
    pub radius: Same<Vec<TrainingSeries>>,
}

/// The example charts' data: gradient flow and hidden states.
#[derive(Clone, Debug, PartialEq)]
pub struct ExampleCharts {
    /// One line per cell and model.
    pub flow: Same<Vec<TrainingSeries>>,
    /// `[timesteps, units]` states of the first recurrent layer for the example.
    pub states: Option<Same<Array2<f32>>>,
}

#[allow(clippy::cast_precision_loss, reason = "epoch numbers far below 2^52")]
fn epoch_x(epoch: usize) -> f64 {
    (epoch + 1) as f64
}

/// The runs' compared models are named by their initializer.
fn run_name(runs: &Runs, run: &Run) -> Option<InitScheme> {
    runs.compared.is_some().then(|| run.trainer.config().init)
}

/// Names of the recurrent cells in the trainer's order (layer, then direction).
fn cells(stack: &Stack) -> Vec<(usize, Option<Direction>)> {
    let mut cells = Vec::new();
    for (index, layer) in stack.layers().iter().enumerate() {
        let number = recurrent_number(stack, index);
        match layer {
            Layer::SimpleRnn(_) | Layer::Lstm(_) | Layer::Gru(_) => cells.push((number, None)),
            Layer::Bidirectional(_) => {
                cells.push((number, Some(Direction::Forward)));
                cells.push((number, Some(Direction::Backward)));
            }
            Layer::Embedding(_) | Layer::Dense(_) => {}
        }
    }
    cells
}

impl HistoryCharts {
    /// The loss and spectral radius of every run, series named by `name`.
    #[must_use]
    pub fn of(runs: &Runs, name: &dyn Fn(SeriesName) -> String) -> Self {
        let mut loss = Vec::new();
        let mut radius = Vec::new();
        for (i, (_, run)) in runs.each().enumerate() {
            let dashed = i > 0;
            let run_init = run_name(runs, run);
            let history = run.trainer.history();
            loss.push(LossSeries {
                name: if run_init.is_some() {
                    name(SeriesName {
                        cell: None,
                        run: run_init,
                    })
                } else {
                    String::new()
                },
                batch_loss: run.batch_loss.clone(),
                epoch_loss: history.iter().map(|r| (epoch_x(r.epoch), r.loss)).collect(),
                accuracy: history
                    .iter()
                    .filter_map(|r| r.accuracy.map(|a| (epoch_x(r.epoch), a)))
                    .collect(),
                dashed,
            });
            let cells = run.trainer.stack().map(|s| cells(&s)).unwrap_or_default();
            for (cell, &start) in run.initial_radii.iter().enumerate() {
                let cell_name = cells.get(cell).copied().unwrap_or((cell, None));
                let mut points = vec![(0.0, start)];
                points.extend(
                    history
                        .iter()
                        .filter_map(|r| r.spectral_radii.get(cell).map(|&v| (epoch_x(r.epoch), v))),
                );
                radius.push(TrainingSeries {
                    name: name(SeriesName {
                        cell: Some(cell_name),
                        run: run_init,
                    }),
                    points,
                    dashed,
                });
            }
        }
        Self {
            loss: Same::new(loss),
            radius: Same::new(radius),
        }
    }
}

impl ExampleCharts {
    /// The gradient flow of `example` for every run and the first run's hidden states of
    /// it, series named by `name`.
    #[must_use]
    pub fn of(runs: &Runs, example: usize, name: &dyn Fn(SeriesName) -> String) -> Self {
        let mut flow = Vec::new();
        let mut states = None;
        for (i, (_, run)) in runs.each().enumerate() {
            let dashed = i > 0;
            let run_init = run_name(runs, run);
            let stack = run.trainer.stack().ok();
            if let Ok(lines) = run.trainer.gradient_flow(example) {
                for line in lines {
                    let number = stack
                        .as_ref()
                        .map_or(line.layer, |s| recurrent_number(s, line.layer));
                    let bidirectional = stack
                        .as_ref()
                        .and_then(|s| s.layers().get(line.layer))
                        .is_some_and(|l| matches!(l, Layer::Bidirectional(_)));
                    #[allow(clippy::cast_precision_loss, reason = "timesteps below 2^52")]
                    let points = line
                        .norms
                        .iter()
                        .enumerate()
                        .map(|(t, &v)| (t as f64, v))
                        .collect();
                    flow.push(TrainingSeries {
                        name: name(SeriesName {
                            cell: Some((number, bidirectional.then_some(line.direction))),
                            run: run_init,
                        }),
                        points,
                        dashed,
                    });
                }
            }
            if i == 0 {
                states = stack
                    .as_ref()
                    .and_then(|stack| example_states(run, stack, example))
                    .map(Same::new);
            }
        }
        Self {
            flow: Same::new(flow),
            states,
        }
    }
}

/// The first recurrent layer's forward states of `example`, `[timesteps, units]`.
fn example_states(run: &Run, stack: &Stack, example: usize) -> Option<Array2<f32>> {
    let inputs = run.trainer.dataset().inputs.rows(&[example]);
    let output = stack.forward(inputs.view()).ok()?;
    let at = stack.layers().iter().position(is_recurrent)?;
    let states = output.layers.get(at)?.states(Direction::Forward)?;
    Some(states.index_axis(ndarray::Axis(0), 0).to_owned())
}

/// What the gradient flow says: how much of the loss gradient reaches the first step
/// compared with the last.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowVerdict {
    /// `‖∂L/∂h_1‖ / ‖∂L/∂h_T‖` of the first cell's line.
    pub ratio: f32,
    /// `T`, the last step (1-based).
    pub steps: usize,
    /// What the ratio means.
    pub kind: FlowKind,
}

/// Vanishing, exploding or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    /// The first step gets less than a hundredth of the last step's gradient.
    Vanishing,
    /// The first step gets more than a hundred times the last step's gradient.
    Exploding,
    /// Within a factor of a hundred either way.
    Steady,
}

/// The verdict on the first line of a gradient-flow chart (the first recurrent cell of
/// the main model); `None` before there are two finite, positive ends to compare.
#[must_use]
pub fn flow_verdict(series: &[TrainingSeries]) -> Option<FlowVerdict> {
    let points = &series.first()?.points;
    let (first, last) = (points.first()?.1, points.last()?.1);
    let usable = |v: f32| v.is_finite() && v > 0.0;
    if points.len() < 2 || !usable(first) || !usable(last) {
        return None;
    }
    let ratio = first / last;
    let kind = if ratio < 0.01 {
        FlowKind::Vanishing
    } else if ratio > 100.0 {
        FlowKind::Exploding
    } else {
        FlowKind::Steady
    };
    Some(FlowVerdict {
        ratio,
        steps: points.len(),
        kind,
    })
}

/// The main model's prediction for `example` beside its target, one line each over the
/// steps (`names`: prediction, target; the target dashed), for a task with one
/// real-valued target per step (the noisy sine); `None` for the other tasks and before
/// anything was trained.
#[must_use]
pub fn prediction_series(
    runs: &Runs,
    example: usize,
    [prediction, target]: [String; 2],
) -> Option<Vec<TrainingSeries>> {
    let run = runs.main.as_ref()?;
    let dataset = run.trainer.dataset();
    if dataset.accuracy.is_some() || dataset.targets.ndim() != 3 || dataset.output_units() != 1 {
        return None;
    }
    let stack = run.trainer.stack().ok()?;
    let inputs = dataset.inputs.rows(&[example]);
    let output = stack.forward(inputs.view()).ok()?;
    let predicted = output.last()?.as_sequence()?;
    let wanted = dataset.targets.index_axis(
        ndarray::Axis(0),
        example.min(dataset.examples().saturating_sub(1)),
    );
    #[allow(clippy::cast_precision_loss, reason = "timesteps below 2^52")]
    let line = |values: Vec<f32>| -> Vec<(f64, f32)> {
        values
            .into_iter()
            .enumerate()
            .map(|(t, v)| (t as f64, v))
            .collect()
    };
    Some(vec![
        TrainingSeries {
            name: prediction,
            points: line(predicted.iter().copied().collect()),
            dashed: false,
        },
        TrainingSeries {
            name: target,
            points: line(wanted.iter().copied().collect()),
            dashed: true,
        },
    ])
}
