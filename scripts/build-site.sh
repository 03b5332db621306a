#!/usr/bin/env bash
# Release build of the static site into dist/: the wasm app bound by wasm-bindgen and shrunk
# by wasm-opt, index.html, static/ and the service worker that keeps it working offline
# (sw.js, versioned by the files' contents). Works from any static file server.
# Does what `trunk build --release` does, without needing Trunk.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

ensure_wasm_toolchain
ensure_wasm_bindgen
ensure_wasm_opt

say "cargo build --release --target wasm32-unknown-unknown ($UNROLLED_WASM_TOOLCHAIN toolchain)"
# Size over speed for the browser; native release builds keep opt-level 3.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z "${WASM_CARGO[@]}" build --release --target wasm32-unknown-unknown --bin unrolled

out="$ROOT/dist"
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp" --out-name unrolled \
  "$WASM_TARGET_DIR/wasm32-unknown-unknown/release/unrolled.wasm"

say "wasm-opt -Oz"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals --enable-simd \
  "$out.tmp/unrolled_bg.wasm" -o "$out.tmp/unrolled_bg.wasm"

cp -r static "$out.tmp/static"
# Offline use, in the release site only (scripts/serve.sh never registers a service worker).
cp offline/register.js "$out.tmp/sw-register.js"
# index.html is Trunk's entry; turn its data-trunk links into plain tags.
sed -e 's|<link data-trunk rel="css" href="\([^"]*\)"[^>]*>|<link rel="stylesheet" href="\1">|' \
    -e '/<link data-trunk rel="copy-dir"/d' \
    -e 's|<link data-trunk rel="rust"[^>]*>|<script type="module">import init from "./unrolled.js"; init();</script>\n    <script type="module" src="./sw-register.js"></script>|' \
    index.html > "$out.tmp/index.html"
grep -q 'data-trunk' "$out.tmp/index.html" && die "index.html has a data-trunk link build-site.sh does not know"
bash scripts/write-sw.sh "$out.tmp"
rm -rf "$out" && mv "$out.tmp" "$out"

raw=$(stat -c %s "$out/unrolled_bg.wasm")
gz=$(gzip -9 -c "$out/unrolled_bg.wasm" | wc -c)
awk -v r="$raw" -v g="$gz" 'BEGIN { printf "dist/unrolled_bg.wasm: %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB)\n", r, r / 1024, g, g / 1024 }'
