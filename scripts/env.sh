# Sourced by the other scripts: tool paths, shared helpers. npm's wasm-opt (binaryen 132) must
# come before any Debian wasm-opt, which miscompiles wasm-bindgen output (toolchain.md pitfall 6).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Tools built from locks committed here, once per lock, in a cache every clone on this machine
# shares (setup.sh builds them): wasm-bindgen and wasm-pack from tools/Cargo.lock, geckodriver from
# its own published lock. First on PATH, so the ones whose output ships are always the locked builds.
SEEKPASS_TOOLS="${SEEKPASS_TOOLS_DIR:-$HOME/.cache/seekpass-tools}"
TOOLS_BIN="$SEEKPASS_TOOLS/tools-$(cat "$ROOT/tools/Cargo.toml" "$ROOT/tools/Cargo.lock" | sha256sum | cut -c1-16)"
GECKODRIVER_VERSION=0.37.1
GECKODRIVER_ROOT="$SEEKPASS_TOOLS/geckodriver-$GECKODRIVER_VERSION"
export PATH="$TOOLS_BIN:$GECKODRIVER_ROOT/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cd "$ROOT"

# Runs a command, printing its name and time; keeps the exit status.
step() {
  local name=$1 start=$SECONDS rc=0
  shift
  echo "==> $name" >&2
  "$@" || rc=$?
  echo "<== $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED (exit $rc)") in $((SECONDS - start))s" >&2
  return $rc
}

# Runs a command in the background as `name`, its output held in a file (so lanes running side by
# side do not interleave); `unheld name` waits for it, prints that output to stderr and returns its
# exit status. HELD_PID[name] is its process id while it runs.
declare -A HELD_PID=() HELD_LOG=()
held() {
  local name=$1
  shift
  HELD_LOG[$name]=$(mktemp)
  "$@" > "${HELD_LOG[$name]}" 2>&1 &
  HELD_PID[$name]=$!
}
unheld() {
  local name=$1 rc=0
  wait "${HELD_PID[$name]}" || rc=$?
  cat "${HELD_LOG[$name]}" >&2
  rm -f "${HELD_LOG[$name]}"
  unset "HELD_PID[$name]" "HELD_LOG[$name]"
  return $rc
}

# The shipped wasm's compiler flags (scripts/build.sh, and scripts/build-test-panic.sh, which must
# build exactly like it): std recompiled for `panic = immediate-abort` (no panic messages or file
# paths), Debug formatting and caller locations compiled out (-428 B brotli; nothing shipped
# prints `{:?}`), and a 128 KiB stack instead of 1 MiB (the widget does not recurse).
RELEASE_WASM_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Clink-arg=-zstack-size=131072"

# The environment of those builds, one function for both scripts so they cannot drift apart: the
# flags above are unstable on the stable toolchain, hence RUSTC_BOOTSTRAP, and the artifacts go to
# a target directory of their own. proc-macro2, anyhow and thiserror rerun their build scripts
# when RUSTC_BOOTSTRAP changes, so sharing target/ with the ordinary builds recompiled the release
# server's dependencies after every `scripts/build.sh` (about a minute on each `npm start` and
# `npm run bench`), and the wasm's after every server build.
release_wasm_env() {
  export RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/bootstrap"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RELEASE_WASM_RUSTFLAGS"
}
