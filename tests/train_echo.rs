//! What the chapter's successors claim, measured: on the echo task (output the input bit
//! from `d` steps ago) with the same budget for every cell — 16 units, `T = d + 5`, 256
//! sequences, 150 epochs of Adam(0.01), batch 16, seed 0 — `SimpleRNN`, LSTM and GRU all
//! learn a delay of 5 (and 10), but at a delay of 20 only the gated cells do; and the
//! gradient of the last step's output, `‖∂h_{T-1}/∂h_t‖`, falls by decades through a
//! `SimpleRNN` while it stays up through LSTM and GRU.
//!
//! Measured (accuracy on the steps `t ≥ d`, training set; flow = norm at `T-1-d` over
//! norm at `T-1`):
//!
//! | delay | `SimpleRNN`        | LSTM              | GRU               |
//! |-------|--------------------|-------------------|-------------------|
//! | 5     | 1.000, flow 0.27   | 1.000, 0.14       | 1.000, 0.83       |
//! | 10    | 1.000, 1.7         | 0.834, 1.2        | 0.949, 0.52       |
//! | 20    | 0.496, 3.0e-3      | 0.877, 0.17       | 0.702, 0.30       |
//!
//! Seeds 1–3 give the same picture at delay 20 (`SimpleRNN` 0.49–0.52 with flow 1e-7 to
//! 1e-10, LSTM 0.68–0.82, GRU 0.71–0.86). Nine trainings take about 5 s in a release build
//! and minutes in a debug build, so the test runs in release only:
//! `cargo test --release --test train_echo` (scripts/test.sh runs it);
//! `UNROLLED_ECHO_SEEDS=0,1,2,3` repeats it for more seeds.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_precision_loss,
    clippy::print_stdout,
    reason = "the test prints its table of accuracies and flows"
)]

use ndarray::Array2;
use unrolled::rnn::{CellKind, Direction, InputBatch};
use unrolled::train::{
    recurrent_backward, DirectionStates, OutputGrad, TaskKind, Trainer, TrainerConfig,
};

/// Accuracy on the echoed steps `t ≥ delay` and the gradient flow ratio of one trained
/// model.
struct Outcome {
    accuracy: f64,
    flow: f64,
}

fn train(cell: CellKind, delay: usize, seed: u64) -> Outcome {
    let mut config = TrainerConfig::for_task(TaskKind::Echo);
    config.task.delay = delay;
    config.task.timesteps = delay + 5;
    config.task.examples = 256;
    config.task.seed = seed;
    config.seed = seed;
    config.hidden_units = 16;
    config.cell = cell;
    let mut trainer = Trainer::new(config).expect("trainer");
    for _ in 0..150 {
        trainer.train_epoch().expect("epoch");
    }
    let data = trainer.dataset();
    let stack = trainer.stack().expect("stack");
    let out = stack.forward(data.inputs.view()).expect("forward");
    let prediction = out.last().expect("prediction").view().to_owned();
    let (mut correct, mut total) = (0usize, 0usize);
    for b in 0..prediction.shape()[0] {
        for t in delay..prediction.shape()[1] {
            total += 1;
            correct +=
                usize::from((prediction[[b, t, 0]] >= 0.5) == (data.targets[[b, t, 0]] >= 0.5));
        }
    }
    // ‖∂h_{T-1}/∂h_t‖ of example 0: a unit gradient on the last state only, back through
    // the trained recurrent layer.
    let (x, _) = data.rows(&[0]);
    let InputBatch::Features(features) = &x else {
        panic!("echo takes features")
    };
    let one = stack.forward(x.view()).expect("forward");
    let layer = stack.layers()[0]
        .recurrent(Direction::Forward)
        .expect("recurrent");
    let states = DirectionStates {
        hidden: one.layers[0].states(Direction::Forward).expect("states"),
        cells: one.layers[0].cells(Direction::Forward),
    };
    let unit = Array2::<f32>::ones((1, layer.units()));
    let back = recurrent_backward(
        layer,
        features.view(),
        states,
        OutputGrad::Last(unit.view()),
        None,
    )
    .expect("backward");
    let norms = &back.state_grad_norms;
    let last = norms.len() - 1;
    Outcome {
        accuracy: correct as f64 / total as f64,
        flow: f64::from(norms[last - delay]) / f64::from(norms[last]),
    }
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "trains nine models, minutes in a debug build: run with --release (scripts/test.sh does)"
)]
fn gated_cells_learn_delays_a_simple_rnn_does_not_and_keep_the_gradient() {
    let seeds: Vec<u64> = std::env::var("UNROLLED_ECHO_SEEDS").map_or_else(
        |_| vec![0],
        |s| {
            s.split(',')
                .map(|v| v.trim().parse().expect("seed"))
                .collect()
        },
    );
    println!("| seed | delay | SimpleRNN | LSTM | GRU |");
    println!("|---|---|---|---|---|");
    for seed in seeds {
        for delay in [5, 10, 20] {
            let [simple, lstm, gru] =
                [CellKind::SimpleRnn, CellKind::Lstm, CellKind::Gru].map(|c| train(c, delay, seed));
            println!(
                "| {seed} | {delay} | {:.3}, flow {:.1e} | {:.3}, flow {:.1e} | {:.3}, flow {:.1e} |",
                simple.accuracy, simple.flow, lstm.accuracy, lstm.flow, gru.accuracy, gru.flow
            );
            match delay {
                5 => {
                    for (name, o) in [("SimpleRNN", &simple), ("LSTM", &lstm), ("GRU", &gru)] {
                        assert!(
                            o.accuracy > 0.99,
                            "seed {seed}: {name} learns delay 5: {}",
                            o.accuracy
                        );
                    }
                }
                20 => {
                    assert!(
                        simple.accuracy < 0.6,
                        "seed {seed}: SimpleRNN stays near chance at delay 20: {}",
                        simple.accuracy
                    );
                    for (name, o) in [("LSTM", &lstm), ("GRU", &gru)] {
                        assert!(
                            o.accuracy > 0.65,
                            "seed {seed}: {name} learns delay 20: {}",
                            o.accuracy
                        );
                        assert!(
                            o.flow > 10.0 * simple.flow,
                            "seed {seed}: {name}'s gradient flow {} stays above SimpleRNN's {}",
                            o.flow,
                            simple.flow
                        );
                    }
                    assert!(
                        simple.flow < 1e-2,
                        "seed {seed}: SimpleRNN's gradient falls by decades: {}",
                        simple.flow
                    );
                }
                _ => {
                    for (name, o) in [("SimpleRNN", &simple), ("LSTM", &lstm), ("GRU", &gru)] {
                        assert!(
                            o.accuracy > 0.8,
                            "seed {seed}: {name} learns delay 10: {}",
                            o.accuracy
                        );
                    }
                }
            }
        }
    }
}
