#!/usr/bin/env bash
# `npm run fuzz`: time-boxed libFuzzer runs of the gate, the classifier and the Retry-After parser.
# FUZZ_SECONDS per target (default 120). Not part of `npm test`. Crashes land in
# fuzz/artifacts/<target>/ and make this script fail; turn each into a regression test.
set -euo pipefail
source "$(dirname "$0")/env.sh"
SECONDS_PER_TARGET=${FUZZ_SECONDS:-120}
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  step "cargo install cargo-fuzz $CARGO_FUZZ_VERSION" cargo install -q cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi
cd fuzz
# Stable toolchain: no sanitizer, and RUSTC_BOOTSTRAP for the -Z flags cargo-fuzz passes.
export RUSTC_BOOTSTRAP=1
step "build fuzz targets" cargo fuzz build -s none -O
status=0
for target in accept_redirect classify_response retry_after; do
  mkdir -p "corpus/$target" "artifacts/$target"
  step "fuzz $target for ${SECONDS_PER_TARGET}s" cargo fuzz run -s none -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|==|SUMMARY|Done)" || true
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "CRASH: $target — see fuzz/artifacts/$target/"
    status=1
  fi
done
[ $status -eq 0 ] && echo "fuzz: no crashes in $((SECONDS_PER_TARGET * 3))s of fuzzing"
exit $status
