#!/usr/bin/env bash
# `npm run check:reproducible`: builds the committed tree twice, from two fresh clones at two
# different paths with their own target directories, and compares every file of dist/cdn byte for
# byte. Not in `npm test` (two cold release builds take minutes); run it before a release.
set -euo pipefail
source "$(dirname "$0")/env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in a b; do
  git clone -q "$ROOT" "$work/$side-clone"
  # No shared cache: each side compiles everything, std included.
  step "build $side" env CARGO_TARGET_DIR="$work/$side-clone/target" bash -c \
    "cd '$work/$side-clone' && npm ci --no-audit --no-fund --loglevel=error >/dev/null && bash scripts/build.sh >/dev/null"
  (cd "$work/$side-clone/dist/cdn" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/$side.sums"
done
if diff -u "$work/a.sums" "$work/b.sums"; then
  echo "reproducible: $(wc -l < "$work/a.sums") files of dist/cdn identical in two clean builds"
else
  echo "NOT reproducible: the files above differ between two clean builds" >&2
  exit 1
fi
