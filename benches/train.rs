//! Criterion benchmark of one training epoch of every built-in task with
//! `TrainerConfig::for_task` (the models and data `scripts/bench_train_keras.py` times
//! Keras on).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test or benchmark stops at the first broken fixture or setup, and says which"
)]
#![allow(
    missing_docs,
    reason = "criterion_group! defines an undocumented entry function"
)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::time::Duration;
use unrolled::train::{TaskKind, Trainer, TrainerConfig};

fn one_epoch(c: &mut Criterion) {
    let mut group = c.benchmark_group("train_epoch");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for kind in TaskKind::ALL {
        let Ok(trainer) = Trainer::new(TrainerConfig::for_task(kind)) else {
            continue;
        };
        let name = serde_json::to_string(&kind).unwrap_or_default();
        group.bench_function(name.trim_matches('"'), |b| {
            b.iter_batched(
                || trainer.clone(),
                |mut t| black_box(t.train_epoch()),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, one_epoch);
criterion_main!(benches);
