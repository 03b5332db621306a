#!/usr/bin/env bash
# Times the engine's forward pass compiled to wasm32 (release) in Node, at the sizes of
# benches/forward.rs, and prints a table. Compare with `cargo bench --bench forward`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
ensure_wasm_toolchain
ensure_wasm_bindgen
ensure_node
# No run_in_browser in tests/bench_wasm.rs: wasm-bindgen-test-runner uses Node.
env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  "${WASM_CARGO[@]}" test --release --target wasm32-unknown-unknown --test bench_wasm -- --nocapture
