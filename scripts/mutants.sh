#!/usr/bin/env bash
# `npm run mutants`: mutation testing (cargo-mutants) of the redirect gate, the response
# classifier and the Retry-After parser. Fails if a mutant survives. Not part of `npm test`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if ! cargo mutants --version >/dev/null 2>&1; then
  step "cargo install cargo-mutants" cargo install -q cargo-mutants --locked
fi
step "cargo mutants (gate, classifier, Retry-After)" cargo mutants -p seekpass-button -j "${MUTANTS_JOBS:-2}" \
  -f src/core/redirect/gate.rs -f src/core/redirect/fragment.rs -f src/core/redirect/repair.rs \
  -f src/core/redirect/mod.rs -f src/core/classify.rs -f src/core/retry_after.rs \
  --output target/mutants -- --lib --test gate_vectors --test gate_props --test classify
