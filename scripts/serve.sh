#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080 with rebuild on change (Trunk), installing what is
# missing first. Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

ensure_wasm_toolchain
ensure_wasm_bindgen
ensure_wasm_opt
ensure_trunk

say "trunk serve on http://127.0.0.1:8080 ($UNROLLED_WASM_TOOLCHAIN toolchain)"
# shellcheck disable=SC2046
exec env $(wasm_env) trunk serve "$@"
