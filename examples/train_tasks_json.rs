//! Prints, for every built-in task, what `scripts/bench_train_keras.py` needs to train the
//! same model on the same data with Keras (layer configs, initial weights in Keras
//! `get_weights()` order, inputs and targets in epoch 0's shuffled order, optimizer), and
//! how long one epoch takes here, as one JSON document on stdout.
//!
//! Run: `cargo run --profile bench --example train_tasks_json [repetitions]`.

use std::time::Instant;

use serde_json::{json, Value};
use unrolled::train::trainer::{epoch_order, learning_rate};
use unrolled::train::{TaskInputs, TaskKind, TrainError, Trainer, TrainerConfig};

fn tensor<'a>(shape: &[usize], values: impl Iterator<Item = &'a f32>) -> Value {
    json!({ "shape": shape, "data": values.copied().collect::<Vec<f32>>() })
}

fn task(kind: TaskKind, repetitions: usize) -> Result<Value, TrainError> {
    let config = TrainerConfig::for_task(kind);
    let trainer = Trainer::new(config.clone())?;
    let dataset = trainer.dataset();
    let order = epoch_order(config.seed, 0, dataset.examples());
    let (inputs, targets) = dataset.rows(&order);
    let inputs = match &inputs {
        TaskInputs::Features(x) => tensor(x.shape(), x.iter()),
        TaskInputs::Tokens(x) => {
            json!({ "shape": x.shape(), "tokens": x.iter().collect::<Vec<_>>() })
        }
    };
    let weights: Vec<Value> = trainer
        .network()
        .parameters()
        .iter()
        .map(|w| tensor(w.shape(), w.iter()))
        .collect();
    // Each repetition trains epoch 0 from the same start; the fastest is reported.
    let mut seconds = Vec::with_capacity(repetitions);
    let mut loss = f32::NAN;
    for _ in 0..repetitions.max(1) {
        let mut t = trainer.clone();
        let start = Instant::now();
        let record = t.train_epoch()?;
        seconds.push(start.elapsed().as_secs_f64());
        loss = record.loss;
    }
    seconds.sort_by(f64::total_cmp);
    Ok(json!({
        "task": kind,
        "layers": config.layer_configs(dataset),
        "weights": weights,
        "inputs": inputs,
        "targets": tensor(targets.shape(), targets.iter()),
        "loss": dataset.loss,
        "learning_rate": learning_rate(&config.optimizer),
        "batch_size": config.batch_size,
        "ours_epoch_seconds": seconds.first(),
        "ours_epoch_seconds_median": seconds.get(seconds.len() / 2),
        "ours_epoch_loss": loss,
    }))
}

fn main() -> std::process::ExitCode {
    let repetitions = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let tasks: Result<Vec<Value>, TrainError> = TaskKind::ALL
        .iter()
        .map(|&kind| task(kind, repetitions))
        .collect();
    match tasks {
        Ok(tasks) => {
            println!("{}", Value::Array(tasks));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
