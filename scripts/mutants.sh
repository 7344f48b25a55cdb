#!/usr/bin/env bash
# `npm run mutants`: mutation testing (cargo-mutants) of the redirect gate, the response
# classifier and the Retry-After parser. Fails if a mutant survives. Not part of `npm test`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
CARGO_MUTANTS_VERSION=27.1.0
if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$CARGO_MUTANTS_VERSION" ]; then
  step "cargo install cargo-mutants $CARGO_MUTANTS_VERSION" cargo install -q cargo-mutants --version "=$CARGO_MUTANTS_VERSION" --locked
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
