//! Criterion benchmark of one `SimpleRNN` forward pass (batch 1, tanh, with bias) at the sizes
//! `scripts/bench_numpy.py` times the seed chapter's numpy loop at.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test or benchmark stops at the first broken fixture or setup, and says which"
)]
#![allow(
    missing_docs,
    reason = "criterion_group! defines an undocumented entry function"
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ndarray::Array3;
use std::hint::black_box;
use std::time::Duration;
use unrolled::rnn::{init::Prng, Direction, InitScheme, SimpleRnn, SimpleRnnConfig};

/// `(timesteps, input_dim, hidden_units)`, the same list as `scripts/bench_numpy.py`.
const SIZES: [(usize, usize, usize); 4] = [
    (10, 4, 8),
    (100, 32, 64),
    (1000, 128, 256),
    (1000, 512, 512),
];

fn forward(c: &mut Criterion) {
    let mut group = c.benchmark_group("forward");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (t, d, h) in SIZES {
        let config = SimpleRnnConfig {
            units: h,
            return_sequences: true,
            ..SimpleRnnConfig::default()
        };
        let Ok(layer) = SimpleRnn::init(config, d, InitScheme::Uniform01, 7) else {
            continue;
        };
        let mut rng = Prng::new(11);
        let x = Array3::from_shape_simple_fn((1, t, d), || rng.uniform(0.0, 1.0));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("T{t}_D{d}_H{h}")),
            &x,
            |b, x| {
                b.iter(|| layer.hidden_states(black_box(x.view()), Direction::Forward));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, forward);
criterion_main!(benches);
