# Sourced by the other scripts: tool paths, shared helpers. npm's wasm-opt (binaryen 132) must
# come before any Debian wasm-opt, which miscompiles wasm-bindgen output (toolchain.md pitfall 6).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
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
