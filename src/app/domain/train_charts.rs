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
            Layer::SimpleRnn(_) => cells.push((number, None)),
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
