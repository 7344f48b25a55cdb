#!/usr/bin/env bash
# `npm test`: set up what is missing, then run every check in order; stops at the first failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
START=$SECONDS
PASSED=()
run() {
  local name=$1
  shift
  if ! step "$name" "$@"; then
    echo "FAIL: $name failed after ${#PASSED[@]} passing steps ($((SECONDS - START))s)"
    exit 1
  fi
  PASSED+=("$name")
}

# A step run beside the ones after it, in its own process group, its output held until joined:
# the conformance runs wait on sockets and timeouts far more than they compute (~65 s of CPU in
# ~150 s), so they overlap the package checks and the browser suites instead of following them.
BESIDE=""
trap '[ -n "$BESIDE" ] && kill -- "-${HELD_PID[$BESIDE]}" 2>/dev/null; [ -n "$BESIDE" ] && rm -f "${HELD_LOG[$BESIDE]}"' EXIT
beside() {
  BESIDE=$1
  echo "==> $1 (beside the steps that follow; its output when it ends)" >&2
  held "$1" setsid bash -c 'source scripts/env.sh; step "$@"' beside "$@"
}
# Waits for the step run beside, prints its output and counts it like any other.
joined() {
  local name=$BESIDE rc=0
  unheld "$name" || rc=$?
  BESIDE=""
  if [ $rc -ne 0 ]; then
    echo "FAIL: $name failed after ${#PASSED[@]} passing steps ($((SECONDS - START))s)"
    exit 1
  fi
  PASSED+=("$name")
}

run setup bash scripts/setup.sh
run "cargo fmt --check" cargo fmt --all --check
run "clippy (host)" cargo clippy --locked --workspace --all-targets -- -D warnings
run "clippy (wasm32)" cargo clippy --locked -p seekpass-button --all-targets --target wasm32-unknown-unknown -- -D warnings
run "cargo test (native, workspace)" cargo test --locked --workspace
run "wasm-pack test --headless --chrome" wasm-pack test --mode no-install --headless --chrome
run "wasm-pack test --headless --firefox" wasm-pack test --mode no-install --headless --firefox
# wasm-pack knows only safaridriver; the test runner drives WebKitGTK's WebKitWebDriver the same way.
run "wasm-bindgen tests in WebKit (MiniBrowser, xvfb)" env SAFARIDRIVER=/usr/bin/WebKitWebDriver xvfb-run -a cargo test --locked --target wasm32-unknown-unknown
run "release build" bash scripts/build.sh
run "server binary" cargo build --locked -p seekpass-server
# The conformance runs need the server binary and the examples, nothing the steps below build.
beside "conformance (reference proxy, Node example, defective backends)" node --test --test-concurrency=1 tests/conformance/
run "static checks" node tests/static/checks.mjs
run "size budget" node tests/static/size.mjs
run "npm package (publint, attw, files)" bash tests/static/package.sh
run "consumers (packed tarball, strict TypeScript)" bash tests/consumers/run.sh
run "test-panic build" bash scripts/build-test-panic.sh
run "playwright e2e (release build)" node --test --test-concurrency=1 tests/e2e/
run "firefox ESR e2e (selenium-webdriver, geckodriver)" node --test --test-concurrency=1 tests/firefox/
run "WebKit e2e (MiniBrowser, WebKitWebDriver, xvfb)" xvfb-run -a node --test --test-concurrency=1 tests/webkit/
run "nginx advice (Debian nginx, brotli_static)" node --test tests/nginx/
joined

echo "PASS: all ${#PASSED[@]} steps passed in $((SECONDS - START))s"
