#!/usr/bin/env bash
# Times one training epoch of each built-in task: natively (release CLI) beside Keras 3 on
# the same data and initial weights (scripts/bench_train_keras.py), then compiled to wasm32
# (release) in headless Chromium (tests/bench_train_wasm.rs). Prints two tables.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
ensure_wasm_toolchain
ensure_wasm_bindgen
ensure_chromium
cargo build --release --locked --bin unrolled-cli
python3 scripts/bench_train_keras.py --cli "${CARGO_TARGET_DIR:-target}/release/unrolled-cli" "$@"
echo
echo "wasm32 in headless Chromium:"
env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT=600 \
  "${WASM_CARGO[@]}" test --release --target wasm32-unknown-unknown --test bench_train_wasm -- --nocapture
