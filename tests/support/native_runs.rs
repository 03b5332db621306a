//! Shared by `train_determinism.rs` (native) and `web_train.rs` (wasm in Chromium): trains
//! every built-in task as `tests/fixtures/train/native_runs.json` recorded it (written by
//! `make_native_runs.sh` beside it) and measures how far the run strays from the record.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    clippy::print_stdout,
    clippy::items_after_statements,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]

use serde_json::Value;
use unrolled::train::{TaskKind, Trainer, TrainerConfig};

const FIXTURE: &str = include_str!("../fixtures/train/native_runs.json");

/// The largest differences of one task's run from the record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deviation {
    /// Which task.
    pub task: TaskKind,
    /// Largest `|loss - recorded| / (1 + |recorded|)` over the epochs.
    pub loss: f64,
    /// Largest `|w - recorded|` over every trained weight.
    pub weight: f64,
}

fn flat(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| flat(i, out)),
        Value::Number(n) => out.push(n.as_f64().unwrap_or(f64::NAN)),
        _ => out.push(f64::NAN),
    }
}

/// Trains each task for the recorded number of epochs and compares.
pub fn deviations() -> Vec<Deviation> {
    let root: Value = serde_json::from_str(FIXTURE).expect("fixture is JSON");
    let epochs = root["epochs"].as_u64().expect("epochs") as usize;
    let runs = root["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), TaskKind::ALL.len(), "one recorded run per task");
    TaskKind::ALL
        .iter()
        .zip(runs)
        .map(|(&task, run)| {
            let recorded: TaskKind =
                serde_json::from_value(run["task"].clone()).expect("task name");
            assert_eq!(recorded, task, "runs are in TaskKind::ALL order");
            let mut trainer = Trainer::new(TrainerConfig::for_task(task)).expect("trainer");
            let mut loss = 0.0_f64;
            for record in run["epochs"]
                .as_array()
                .expect("epochs")
                .iter()
                .take(epochs)
            {
                let ours = trainer.train_epoch().expect("epoch trains");
                let theirs = record["loss"].as_f64().expect("loss");
                loss = loss.max((f64::from(ours.loss) - theirs).abs() / (1.0 + theirs.abs()));
            }
            let mut theirs = Vec::new();
            flat(&run["weights"], &mut theirs);
            let ours: Vec<f64> = trainer
                .network()
                .parameters()
                .iter()
                .flat_map(|w| w.iter().map(|&v| f64::from(v)).collect::<Vec<_>>())
                .collect();
            assert_eq!(ours.len(), theirs.len(), "{task:?}: weight count");
            let weight = ours
                .iter()
                .zip(&theirs)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            Deviation { task, loss, weight }
        })
        .collect()
}

/// How far a run may stray: natively it repeats the record to rounding (the record is
/// native; 1e-5 leaves room for a CPU that picks other SIMD kernels); wasm uses the portable kernels and the platform's `tanh`/`exp`, which differ
/// from native in the last bit, and training carries such differences along.
pub fn tolerance() -> f64 {
    if cfg!(target_arch = "wasm32") {
        1e-4
    } else {
        1e-5
    }
}
