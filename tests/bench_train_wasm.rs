//! One training epoch of each built-in task, compiled to wasm32 (release) and timed in
//! headless Chromium; the native and Keras side of the same table is
//! `scripts/bench_train_keras.py`. Prints a table and asserts nothing about time; run it with
//! `scripts/bench-train.sh`. `scripts/test.sh` does not run it.
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

use unrolled::train::{TaskKind, Trainer, TrainerConfig};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use wasm_clock::now_ms;

wasm_bindgen_test_configure!(run_in_browser);

/// Epochs timed per task (after one untimed warm-up epoch).
const EPOCHS: usize = 6;

#[wasm_bindgen_test]
fn training_epoch_timings() {
    console_log!(
        "| task | examples x batches | wasm ms/epoch (median) | min | loss after {} |",
        EPOCHS + 1
    );
    console_log!("|---|---|---|---|---|");
    for task in TaskKind::ALL {
        let mut trainer = Trainer::new(TrainerConfig::for_task(task)).expect("trainer");
        trainer.train_epoch().expect("warm-up epoch");
        let mut times = Vec::with_capacity(EPOCHS);
        let mut loss = f32::NAN;
        for _ in 0..EPOCHS {
            let start = now_ms();
            loss = trainer.train_epoch().expect("epoch").loss;
            times.push(now_ms() - start);
        }
        times.sort_by(f64::total_cmp);
        console_log!(
            "| {task:?} | {} x {} | {:.2} | {:.2} | {loss:.4} |",
            trainer.dataset().examples(),
            trainer.batches_per_epoch(),
            times[times.len() / 2],
            times[0]
        );
    }
}
