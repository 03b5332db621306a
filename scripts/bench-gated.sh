#!/usr/bin/env bash
# The LSTM and GRU forward-pass table (batch 1, f32, at (100, 32, 64) and (1000, 128, 256)):
# criterion natively, the same pass compiled to wasm32 (release, simd128) in Node, and numpy
# loops of the same equations, one after the other in one run; prints numpy / Rust and
# wasm / Rust (medians; `--fastest` reports each column's fastest run). Needs python3 with numpy.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
cargo bench --bench forward -- gated
wasm_log="$ROOT/target/bench-wasm-gated.log"
bash scripts/bench-wasm.sh 2>&1 | tee "$wasm_log"
python3 scripts/bench_numpy.py --gated --criterion "${CARGO_TARGET_DIR:-$ROOT/target}/criterion" --wasm "$wasm_log" "$@"
