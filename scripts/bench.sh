#!/usr/bin/env bash
# `npm run bench`: set up, build the release bundle and server, then print the comparison table.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
bash scripts/build.sh
step "cargo build --release -p seekpass-server" cargo build --release --locked -p seekpass-server
node scripts/bench/run.mjs
