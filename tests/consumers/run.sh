#!/usr/bin/env bash
# The npm package in consumers' hands: `npm pack` the built package, then for each app under
# tests/consumers/ (its own pinned package.json and lock) install from a clean node_modules,
# install the tarball, and run its check. Work happens in target/consumers/, not the source tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/consumers
rm -rf "$out"
mkdir -p "$out"
tarball=$(cd dist/npm && npm pack --silent --pack-destination "../../$out")
for app in tests/consumers/*/; do
  name=$(basename "$app")
  cp -r "$app" "$out/$name"
  (
    cd "$out/$name"
    npm ci --no-audit --no-fund --loglevel=error
    npm install --no-save --no-audit --no-fund --loglevel=error "../$tarball"
    npm run --silent check
  )
  echo "consumer $name: ok"
done
