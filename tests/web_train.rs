//! Training in wasm (headless Chromium) reaches the same weights as natively: every
//! built-in task trained with its default seed against the native record
//! `tests/fixtures/train/native_runs.json`.
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

#[path = "support/native_runs.rs"]
mod native_runs;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_training_matches_the_native_record() {
    for d in native_runs::deviations() {
        console_log!(
            "{:?}: loss {:.2e}, weights {:.2e}",
            d.task,
            d.loss,
            d.weight
        );
        assert!(
            d.loss <= native_runs::tolerance() && d.weight <= native_runs::tolerance(),
            "{d:?}"
        );
    }
}
