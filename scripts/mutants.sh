#!/usr/bin/env bash
# `npm run mutants`: mutation testing (cargo-mutants) of the redirect gate, the response
# classifier and the Retry-After parser. Fails if a mutant survives. Not part of `npm test`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if ! cargo mutants --version >/dev/null 2>&1; then
  step "cargo install cargo-mutants" cargo install -q cargo-mutants --locked
fi
# Exit 3 means the only survivors timed out: a mutant that makes the tests hang is detected.
rc=0
step "cargo mutants (gate, classifier, Retry-After)" cargo mutants -p seekpass-button -j "${MUTANTS_JOBS:-2}" \
  -f src/core/redirect/gate.rs -f src/core/redirect/fragment.rs -f src/core/redirect/repair.rs \
  -f src/core/redirect/mod.rs -f src/core/classify.rs -f src/core/retry_after.rs \
  --output target/mutants -- --lib --test gate_vectors --test gate_props --test classify || rc=$?
if [ "$rc" -eq 3 ]; then
  echo "mutants: every mutant caught or timed out (see target/mutants/mutants.out/timeout.txt)"
  rc=0
fi
exit "$rc"
