#!/usr/bin/env bash
# `npm start`: set up what is missing, build the release bundle and server, then serve the demo
# (partner proxy + SEEK Pass mock) on 127.0.0.1 (PORT, default 8080).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
bash scripts/build.sh
step "cargo build --release -p seekpass-server" cargo build --release --locked -p seekpass-server
SEEKPASS_ENV="${SEEKPASS_ENV:-mock}" exec target/release/seekpass-server
