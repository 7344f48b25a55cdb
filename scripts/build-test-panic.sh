#!/usr/bin/env bash
# The release build plus the `test-panic` feature, bundled into target/dist-panic, for the threat
# matrix's panic scenario (threats.md item 46). Built exactly like the shipped wasm (see build.sh)
# so the test exercises the real abort path. Never shipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
release_wasm_env
wasm-pack build . --mode no-install --release --target web --out-dir target/panic-pkg -- --locked -Zbuild-std=std,panic_abort --no-default-features --features test-panic
BUNDLE_PKG=target/panic-pkg BUNDLE_OUT=target/dist-panic node scripts/bundle.mjs
