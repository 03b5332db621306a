#!/usr/bin/env bash
# Runs every check, installing what is missing first: formatting, clippy on the host and on
# wasm32, native tests, wasm tests in headless Chromium, the release build of the site and
# the end-to-end browser tests. Ends with one line `test: N passed, N failed` and exits
# non-zero if anything failed.
#
# UNROLLED_SKIP=e2e,wasm,... skips layers by name (fmt, clippy, clippy-wasm, layers, native,
# wasm, site, cli, e2e) for quick local runs; CI skips nothing.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

passed=0
failed=0
failures=()
log_dir="$ROOT/target/test-logs"
mkdir -p "$log_dir"

skipped() { [[ ",${UNROLLED_SKIP:-}," == *",$1,"* ]]; }

# A check that is one pass or one failure (formatting, lints, builds).
check() {
  local name="$1"; shift
  if skipped "$name"; then say "skip $name"; return; fi
  say "$name"
  if "$@" 2>&1 | tee "$log_dir/$name.log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); failures+=("$name")
  fi
}

# A test runner: its own counts are added up from its output.
suite() {
  local name="$1" kind="$2"; shift 2
  if skipped "$name"; then say "skip $name"; return; fi
  say "$name"
  local status=0
  "$@" 2>&1 | tee "$log_dir/$name.log" || status=$?
  local p f
  case "$kind" in
    cargo)
      # "test result: ok. 12 passed; 0 failed; 0 ignored; ..."
      p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^passed/) s += $i } END { print s + 0 }' "$log_dir/$name.log")
      f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^failed/) s += $i } END { print s + 0 }' "$log_dir/$name.log")
      ;;
    node)
      p=$(grep -E '^# pass ' "$log_dir/$name.log" | awk '{ s += $3 } END { print s + 0 }')
      f=$(grep -E '^# fail ' "$log_dir/$name.log" | awk '{ s += $3 } END { print s + 0 }')
      ;;
  esac
  p=${p:-0}; f=${f:-0}
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" != 0 ] || [ "$p" = 0 ]; then
    # A crashed runner, or one that ran nothing, counts as a failure of its own.
    [ "$f" != 0 ] || failed=$((failed + 1))
    failures+=("$name")
  elif [ "$f" != 0 ]; then
    failures+=("$name")
  fi
}

ensure_wasm_toolchain
ensure_wasm_bindgen
ensure_wasm_opt
ensure_chromium
ensure_e2e_deps

check fmt cargo fmt --all -- --check
check clippy cargo clippy --all-targets --locked -- -D warnings
check clippy-wasm "${WASM_CARGO[@]}" clippy --target wasm32-unknown-unknown --lib --bins --tests --locked -- -D warnings
# The house rules over src/ (tests/app_layers.rs): no import cycles, src/app's layers,
# no framework in the pure modules, file and component sizes. Also part of `native`.
check layers cargo test --locked --test app_layers
suite native cargo cargo test --locked --no-fail-fast
# wasm-bindgen-test runs the browser tests through ChromeDriver; webdriver.json holds
# Chromium's headless flags.
suite wasm cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT=120 \
  "${WASM_CARGO[@]}" test --target wasm32-unknown-unknown --locked --test web --test web_viz --test web_train --test web_renders
rm -rf dist
check site bash scripts/build-site.sh
check cli cargo build --release --locked --bin unrolled-cli
if [ -f dist/index.html ] || skipped site; then
  suite e2e node env UNROLLED_DIST="$ROOT/dist" \
    UNROLLED_CLI="${CARGO_TARGET_DIR:-$ROOT/target}/release/unrolled-cli" node --test --test-concurrency=1 tests/e2e/
fi

echo
if [ "${#failures[@]}" != 0 ]; then echo "failed: ${failures[*]}"; fi
echo "test: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "${#failures[@]}" = 0 ]
