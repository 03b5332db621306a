//! The forward-pass benchmark of `benches/forward.rs`, compiled to wasm32 and timed in Node
//! (or a browser). It prints a table and asserts nothing about time; run it with
//! `scripts/bench-wasm.sh`. `scripts/test.sh` does not run it.
#![cfg(target_arch = "wasm32")]

use ndarray::Array3;
use std::hint::black_box;
use unrolled::rnn::{init::Prng, Direction, InitScheme, SimpleRnn, SimpleRnnConfig};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

/// `(timesteps, input_dim, hidden_units)`, the same list as benches/forward.rs.
const SIZES: [(usize, usize, usize); 4] = [
    (10, 4, 8),
    (100, 32, 64),
    (1000, 128, 256),
    (1000, 512, 512),
];

/// `performance.now()` of the global object (Node and browsers both have it).
fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            let now: js_sys::Function = now.dyn_into().ok()?;
            now.call0(&perf).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

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
