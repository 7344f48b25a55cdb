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
# The apps side by side (npm ci is mostly waiting on the registry and the disk), each one's output
# held in its own log and printed in order once all have ended.
pids=()
for app in tests/consumers/*/; do
  name=$(basename "$app")
  cp -r "$app" "$out/$name"
  (
    cd "$out/$name"
    npm ci --no-audit --no-fund --loglevel=error
    npm install --no-save --no-audit --no-fund --loglevel=error "../$tarball"
    npm run --silent check
  ) > "$out/$name.log" 2>&1 &
  pids+=("$!:$name")
done
failed=0
for entry in "${pids[@]}"; do
  name=${entry#*:}
  if wait "${entry%%:*}"; then
    cat "$out/$name.log"
    echo "consumer $name: ok"
  else
    cat "$out/$name.log"
    echo "consumer $name: FAILED" >&2
    failed=1
  fi
done
exit "$failed"
