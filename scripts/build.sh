#!/usr/bin/env bash
# `npm run build`: optimised wasm (npm's wasm-opt), then the script-tag bundle and npm package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# The release wasm is built with std recompiled for `panic = immediate-abort`: no panic message
# formatting or file paths in the binary (about 7 KB of the 40 KB brotli budget; README "Size").
# These are unstable flags of the stable toolchain, hence RUSTC_BOOTSTRAP, scoped to this build
# and its own target directory; flags and environment are `release_wasm_env` in env.sh.
release_wasm_env
# The shipped wasm, without the gate playground's exports.
step "wasm-pack build --release --target web (shipped)" \
  wasm-pack build . --mode no-install --release --target web --out-dir target/pkg-cdn -- --locked -Zbuild-std=std,panic_abort --no-default-features
step "bundle" env BUNDLE_PKG=target/pkg-cdn node scripts/bundle.mjs
# The gate playground (www/gate.html) loads this one, with `checkRedirect` and `widgetVersion`.
step "wasm-pack build --release --target web (playground)" \
  wasm-pack build . --mode no-install --release --target web --out-dir www/pkg -- --locked -Zbuild-std=std,panic_abort
# The npm package as a tarball while it is not on the registry: `npm install <path>/dist/seekpass-button-<version>.tgz`.
step "npm pack (dist/seekpass-button-<version>.tgz)" bash -c 'cd dist/npm && npm pack --silent --pack-destination .. >/dev/null'
