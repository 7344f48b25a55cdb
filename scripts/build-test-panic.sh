#!/usr/bin/env bash
# A debug build with the `test-panic` feature, bundled into target/dist-panic, for the threat
# matrix's panic scenario (threats.md item 46). Never shipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
wasm-pack build --mode no-install --dev --target web --out-dir target/panic-pkg -- --features test-panic
BUNDLE_PKG=target/panic-pkg BUNDLE_OUT=target/dist-panic node scripts/bundle.mjs
