#!/usr/bin/env bash
# Writes SITE/sw.js (the service worker that keeps the release site usable offline) from
# offline/sw.js: the list of every file in SITE and a version taken from their contents,
# so a build that changes any file gets a new cache and the pages pick it up on the next
# load. Run by build-site.sh after the site is complete; the end-to-end tests run it on a
# changed copy of dist/ to check that a new build is picked up.
#   scripts/write-sw.sh dist
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="${1:?usage: write-sw.sh SITE_DIR}"
[ -f "$site/index.html" ] || { echo "error: $site/index.html not found" >&2; exit 1; }

cd "$site"
rm -f sw.js
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
if grep -q '["\\[:cntrl:]]' <<<"$files"; then
  echo "error: a file name in $site needs quoting in sw.js" >&2; exit 1
fi
# The hash of every file's hash and name: any changed byte gives a new version.
version=$(while IFS= read -r f; do sha256sum -- "$f"; done <<<"$files" | sha256sum | cut -c1-16)
list=$(while IFS= read -r f; do printf '  "%s",\n' "$f"; done <<<"$files")
awk -v version="$version" -v list="[
$list
]" '{ gsub(/__UNROLLED_VERSION__/, version); gsub(/__UNROLLED_FILES__/, list); print }' \
  "$ROOT/offline/sw.js" > sw.js
grep -q '__UNROLLED_' sw.js && { echo "error: sw.js still has a placeholder" >&2; exit 1; }
echo "sw.js: version $version, $(wc -l <<<"$files") files cached for offline use"
