//! Seeded training is deterministic: two runs in one process give identical weights, and a
//! fresh native run repeats `tests/fixtures/train/native_runs.json` (the same record the
//! wasm build is checked against in `web_train.rs`). After an intended change to training,
//! regenerate the record with `bash tests/fixtures/train/make_native_runs.sh`.
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

#[path = "support/native_runs.rs"]
mod native_runs;

use unrolled::train::{TaskKind, Trainer, TrainerConfig};

#[test]
fn the_same_seed_trains_to_identical_weights() {
    for task in TaskKind::ALL {
        let run = || {
            let mut trainer = Trainer::new(TrainerConfig::for_task(task)).unwrap();
            trainer.train_epoch().unwrap();
            trainer.network().parameters()
        };
        assert_eq!(run(), run(), "{task:?}");
    }
}

#[test]
fn a_fresh_native_run_repeats_the_record() {
    for d in native_runs::deviations() {
        println!(
            "{:?}: loss {:.2e}, weights {:.2e}",
            d.task, d.loss, d.weight
        );
        assert!(
            d.loss <= native_runs::tolerance() && d.weight <= native_runs::tolerance(),
            "{d:?}: the native run no longer matches the record; if training changed on \
             purpose, run `bash tests/fixtures/train/make_native_runs.sh`"
        );
    }
}
