//! The forward-pass benchmark of `benches/forward.rs`, compiled to wasm32 and timed in Node
//! (or a browser). It prints a table and asserts nothing about time; run it with
//! `scripts/bench-wasm.sh`. `scripts/test.sh` does not run it.
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
#![cfg(target_arch = "wasm32")]

#[path = "support/wasm_clock.rs"]
mod wasm_clock;

use ndarray::Array3;
use std::hint::black_box;
use unrolled::rnn::{init::Prng, Direction, InitScheme, SimpleRnn, SimpleRnnConfig};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};
use wasm_clock::now_ms;

/// `(timesteps, input_dim, hidden_units)`, the same list as benches/forward.rs.
const SIZES: [(usize, usize, usize); 4] = [
    (10, 4, 8),
    (100, 32, 64),
    (1000, 128, 256),
    (1000, 512, 512),
];

#[wasm_bindgen_test]
fn forward_pass_timings() {
    console_log!("| T, D, H | median | min | runs |");
    console_log!("|---|---|---|---|");
    for (t, d, h) in SIZES {
        let config = SimpleRnnConfig {
            units: h,
            return_sequences: true,
            ..SimpleRnnConfig::default()
        };
        let layer = SimpleRnn::init(config, d, InitScheme::Uniform01, 7).expect("layer");
        let mut rng = Prng::new(11);
        let x = Array3::from_shape_simple_fn((1, t, d), || rng.uniform(0.0, 1.0));
        // Enough runs for about a second per size, at least 5.
        let start = now_ms();
        black_box(
            layer
                .hidden_states(x.view(), Direction::Forward)
                .expect("states"),
        );
        let once = (now_ms() - start).max(1e-3);
        let runs = ((1000.0 / once) as usize).clamp(5, 2000);
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = now_ms();
                black_box(
                    layer
                        .hidden_states(black_box(x.view()), Direction::Forward)
                        .expect("states"),
                );
                now_ms() - start
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        console_log!(
            "| {t}, {d}, {h} | {:.3} ms | {:.3} ms | {runs} |",
            median,
            times[0]
        );
    }
}
