#!/usr/bin/env bash
# `npm start`: set up, build the release package, serve www/ on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs
