#!/usr/bin/env bash
# Release build of the wasm package into www/pkg (optimised with npm's wasm-opt).
set -euo pipefail
source "$(dirname "$0")/env.sh"
step "wasm-pack build --release --target web" \
  wasm-pack build --mode no-install --release --target web --out-dir www/pkg
