#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer, AddressSanitizer) for a stated
# time each and prints, per target, its run time, executions and crashes. Crash inputs are
# copied into fuzz/regressions/<target>/, which tests/fuzz_regressions.rs replays in the
# ordinary tests (scripts/test.sh). Not part of CI: run it by hand.
#
#   scripts/fuzz.sh                 # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh link npz
#
# Needs a nightly toolchain (scripts/serve.sh installs one for Trunk); without one it
# tries stable with RUSTC_BOOTSTRAP=1 (which allows the -Z flags cargo-fuzz passes).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(link sessions npz import document typed quiz)
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  CARGO=(cargo +nightly)
else
  echo "fuzz: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  CARGO=(cargo)
fi

summary=()
total_crashes=0
for target in "${TARGETS[@]}"; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts" "fuzz/regressions/$target"
  # Seed the corpus with the kept inputs.
  cp -n "fuzz/regressions/$target/"* "$corpus/" 2>/dev/null || true
  log="fuzz/artifacts/$target.log"
  echo "fuzz: $target for ${SECONDS_EACH} s"
  set +e
  nice -n 5 "${CARGO[@]}" fuzz run --fuzz-dir fuzz "$target" "$corpus" -- \
    -max_total_time="$SECONDS_EACH" -print_final_stats=1 -rss_limit_mb=2048 \
    -timeout=10 -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=0
  for crash in "$artifacts"/crash-* "$artifacts"/oom-* "$artifacts"/timeout-*; do
    [ -e "$crash" ] || continue
    crashes=$((crashes + 1))
    cp "$crash" "fuzz/regressions/$target/"
  done
  total_crashes=$((total_crashes + crashes))
  summary+=("$target: ${SECONDS_EACH} s, ${execs:-?} executions, $crashes crashes (exit $status)")
done

echo
for line in "${summary[@]}"; do echo "fuzz: $line"; done
echo "fuzz: $total_crashes crashes in all"
[ "$total_crashes" -eq 0 ]
