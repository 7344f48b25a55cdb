#!/usr/bin/env bash
# The npm package in consumers' hands: `npm pack` the built package, then for each app under
# tests/consumers/ (its own pinned package.json and lock) install from a clean node_modules,
# install the tarball, and run its check. Work happens in target/consumers/, not the source tree.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
out=target/consumers
rm -rf "$out"
mkdir -p "$out"
tarball=$(cd dist/npm && npm pack --silent --pack-destination "../../$out")
# One app, copied to `out`: a clean install, the tarball, its check.
consumer() {
  cp -r "tests/consumers/$1" "$out/$1"
  cd "$out/$1"
  npm ci --no-audit --no-fund --loglevel=error
  npm install --no-save --no-audit --no-fund --loglevel=error "../$tarball"
  npm run --silent check
}
# The apps side by side (npm ci is mostly waiting on the registry and the disk), each one's output
# held and printed in order once all have ended.
names=()
for app in tests/consumers/*/; do
  names+=("$(basename "$app")")
  held "${names[-1]}" consumer "${names[-1]}"
done
failed=0
for name in "${names[@]}"; do
  if unheld "$name"; then
    echo "consumer $name: ok"
  else
    echo "consumer $name: FAILED" >&2
    failed=1
  fi
done
exit "$failed"
