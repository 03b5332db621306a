#!/usr/bin/env bash
# Shared by serve.sh, test.sh and build-site.sh: finds or installs the tools Unrolled needs.
#
# Every ensure_* function is idempotent: it checks first and installs only what is missing.
# If a piece cannot be had, it stops with a message naming the piece and why (no silent
# fallback to something that only half works).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$TOOLS/node_modules/.bin:$PATH"

# Pinned tool versions. wasm-bindgen-cli is read from Cargo.lock instead.
BINARYEN_VERSION="132.0.0"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "cannot install $* (no apt-get on this machine): install it by hand"
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq || die "apt-get update failed, so $* cannot be installed"
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# Decides how wasm32 is built and sets WASM_CARGO (an array: the cargo command to use for
# --target wasm32-unknown-unknown). Two paths:
#  - rustup: the wasm32-unknown-unknown standard library is installed (or `rustup target add`
#    can fetch it): plain cargo.
#  - debian: rustup cannot fetch it; Debian's rustc-web toolchain builds the standard library
#    from source (RUSTC_BOOTSTRAP + build-std), in its own target folder.
# UNROLLED_WASM_TOOLCHAIN=rustup|debian forces one of them.
ensure_wasm_toolchain() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
  local mode="${UNROLLED_WASM_TOOLCHAIN:-}"
  if [ -z "$mode" ]; then
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
      mode=rustup
    elif command -v rustup >/dev/null && timeout 180 rustup target add wasm32-unknown-unknown >&2; then
      mode=rustup
    else
      say "rustup cannot provide wasm32-unknown-unknown here; using Debian's rustc-web toolchain"
      mode=debian
    fi
  fi
  case "$mode" in
    rustup)
      WASM_CARGO=(cargo)
      WASM_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
      ;;
    debian)
      if ! [ -x /usr/bin/cargo ] || ! [ -d /usr/lib/rustlib/src/rust/library ] || ! [ -x /usr/bin/rust-lld ]; then
        apt_install rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy lld-22
      fi
      [ -d /usr/lib/rustlib/src/rust/library ] || die "rust-web-src did not install the standard library source"
      WASM_TARGET_DIR="$ROOT/target/debian-wasm"
      WASM_CARGO=(env PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
        CARGO_TARGET_DIR="$WASM_TARGET_DIR" /usr/bin/cargo)
      ;;
    *) die "UNROLLED_WASM_TOOLCHAIN must be rustup or debian, not '$mode'" ;;
  esac
  export UNROLLED_WASM_TOOLCHAIN="$mode"
}

# The Trunk / cargo environment for the chosen wasm path, as `env` arguments.
wasm_env() {
  if [ "$UNROLLED_WASM_TOOLCHAIN" = debian ]; then
    echo "PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_DIR=$WASM_TARGET_DIR"
  fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock; takes several minutes once)"
    cargo install wasm-bindgen-cli --version "=$want" >&2 || die "could not install wasm-bindgen-cli $want"
  fi
}

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  local major; major="$(node -e 'console.log(process.versions.node.split(".")[0])')"
  [ "$major" -ge 18 ] || die "Node.js 18 or newer is needed (found $(node --version))"
}

ensure_wasm_opt() {
  if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    ensure_node
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    mkdir -p "$TOOLS"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" >&2 \
      || die "could not install binaryen@$BINARYEN_VERSION from npm (wasm-opt)"
  fi
}

ensure_trunk() {
  if trunk --version >/dev/null 2>&1; then return; fi
  say "installing Trunk (takes about 12 minutes once)"
  # Trunk 0.22 needs a newer rustc than some stable toolchains; use nightly when stable fails.
  cargo install trunk >&2 && return
  if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    cargo +nightly install trunk >&2 && return
  fi
  die "could not install Trunk (cargo install trunk failed)"
}

# Sets CHROMIUM and CHROMEDRIVER.
ensure_chromium() {
  CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
  CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
  if [ -z "$CHROMIUM" ] || [ -z "$CHROMEDRIVER" ]; then
    apt_install chromium chromium-driver
    CHROMIUM=/usr/bin/chromium
    CHROMEDRIVER=/usr/bin/chromedriver
  fi
  # Screenshots of the Korean interface need a Korean font.
  if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=ko 2>/dev/null)" ] && command -v apt-get >/dev/null; then
    apt_install fonts-noto-cjk
  fi
  [ -x "$CHROMIUM" ] || die "no Chromium found (set CHROMIUM=/path/to/chromium)"
  [ -x "$CHROMEDRIVER" ] || die "no ChromeDriver found (set CHROMEDRIVER=/path/to/chromedriver)"
  export CHROMIUM CHROMEDRIVER
}

ensure_e2e_deps() {
  ensure_node
  # Installed again whenever package-lock.json changed since the last install.
  local e2e="$ROOT/tests/e2e"
  if ! [ -d "$e2e/node_modules/playwright-core" ] || ! cmp -s "$e2e/package-lock.json" "$e2e/node_modules/.installed-lock.json"; then
    say "installing end-to-end test packages (npm ci in tests/e2e)"
    (cd "$e2e" && npm ci --silent --no-audit --no-fund >&2 && cp package-lock.json node_modules/.installed-lock.json) \
      || die "npm ci in tests/e2e failed"
  fi
}
