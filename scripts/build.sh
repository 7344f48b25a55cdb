#!/usr/bin/env bash
# `npm run build`: optimised wasm (npm's wasm-opt), then the script-tag bundle and npm package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
step "wasm-pack build --release --target web" \
  wasm-pack build --mode no-install --release --target web --out-dir www/pkg
step "bundle" node scripts/bundle.mjs
