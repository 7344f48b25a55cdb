#!/usr/bin/env bash
# Installs what is missing and nothing else; a second run takes seconds.
# Needs only Rust (rustup), Node/npm and apt; every download comes from a package registry.
set -euo pipefail
source "$(dirname "$0")/env.sh"

WASM_PACK_VERSION=0.15.1
# geckodriver drives Debian's Firefox ESR for `wasm-pack test --firefox` and tests/firefox/.
GECKODRIVER_VERSION=0.37.1

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32" rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy rust-src; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component $component" rustup component add "$component"
  fi
done

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null \
  || ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null \
  || ! [ -x /usr/sbin/nginx ] || ! [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
  || ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  step "apt-get update" $SUDO apt-get update -qq
  # webkit2gtk-driver: WebKitWebDriver and MiniBrowser (Safari's engine); MiniBrowser has no
  # headless mode, so it runs under xvfb-run. nginx and its brotli_static module: the README's
  # nginx advice is tested against them (tests/nginx/). zbar-tools (zbarimg) and librsvg2-bin
  # (rsvg-convert): the entry links' QR codes are decoded by a decoder nobody here wrote.
  step "apt-get install chromium firefox-esr webkit2gtk-driver xvfb nginx zbar-tools librsvg2-bin" $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends chromium chromium-driver brotli firefox-esr webkit2gtk-driver xvfb \
    nginx libnginx-mod-http-brotli-static zbar-tools librsvg2-bin
fi

# wasm-bindgen-cli, whose output is bundled into the shipped script, built from the lock committed
# in tools/wasm-bindgen-cli with --locked and no unlocked fallback (threats.md item 83), once per
# lock into the shared tools cache (env.sh puts it first on PATH). Its version must match the
# wasm-bindgen crate in Cargo.lock exactly (toolchain.md pitfall 14).
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
WB_TOOL=$(awk '/^name = "wasm-bindgen-cli"$/{getline; gsub(/"/,"",$3); print $3}' tools/wasm-bindgen-cli/Cargo.lock)
if [ "$WB" != "$WB_TOOL" ]; then
  echo "setup: Cargo.lock has wasm-bindgen $WB but tools/wasm-bindgen-cli locks the CLI at $WB_TOOL: pin =$WB in tools/wasm-bindgen-cli/Cargo.toml and run cargo update there" >&2
  exit 1
fi
if [ "$("$WASM_BINDGEN_DIR/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$WB" ]; then
  step "wasm-bindgen-cli $WB (tools/wasm-bindgen-cli/Cargo.lock, --locked)" env CARGO_TARGET_DIR="$SEEKPASS_TOOLS/target" \
    cargo build -q --release --locked --manifest-path tools/wasm-bindgen-cli/Cargo.toml -p wasm-bindgen-cli \
    --bin wasm-bindgen --bin wasm-bindgen-test-runner
  mkdir -p "$WASM_BINDGEN_DIR"
  cp "$SEEKPASS_TOOLS/target/release/wasm-bindgen" "$SEEKPASS_TOOLS/target/release/wasm-bindgen-test-runner" "$WASM_BINDGEN_DIR/"
fi
# npm's wasm-pack downloads from GitHub, which is unreachable; build it from crates.io.
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  step "cargo install wasm-pack $WASM_PACK_VERSION" cargo install -q wasm-pack --version "=$WASM_PACK_VERSION" --locked
fi

if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  step "cargo install geckodriver $GECKODRIVER_VERSION" cargo install -q geckodriver --version "=$GECKODRIVER_VERSION" --locked
fi

STAMP=node_modules/.setup-lock-hash
LOCK_HASH=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$LOCK_HASH" ]; then
  step "npm ci" npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_HASH" > "$STAMP"
fi
# The Python example backend (examples/backend-python) in its own venv, from its pinned
# requirements; Debian's python3 needs python3-venv for one.
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  step "apt-get install python3 python3-venv" $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends python3 python3-venv
fi
PY_STAMP=target/python-venv/.requirements-hash
PY_HASH=$(sha256sum examples/backend-python/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$PY_STAMP" 2>/dev/null)" != "$PY_HASH" ]; then
  rm -rf target/python-venv
  step "python venv (examples/backend-python)" python3 -m venv target/python-venv
  step "pip install -r examples/backend-python/requirements.txt" target/python-venv/bin/pip install -q \
    --disable-pip-version-check -r examples/backend-python/requirements.txt
  echo "$PY_HASH" > "$PY_STAMP"
fi
# Schemathesis, which npm test runs with docs/openapi.yaml against every backend, in its own venv.
ST_STAMP=target/schemathesis-venv/.requirements-hash
ST_HASH=$(sha256sum tests/conformance/requirements-schemathesis.txt | cut -d' ' -f1)
if [ "$(cat "$ST_STAMP" 2>/dev/null)" != "$ST_HASH" ]; then
  rm -rf target/schemathesis-venv
  step "python venv (schemathesis)" python3 -m venv target/schemathesis-venv
  step "pip install -r tests/conformance/requirements-schemathesis.txt" target/schemathesis-venv/bin/pip install -q \
    --disable-pip-version-check -r tests/conformance/requirements-schemathesis.txt
  echo "$ST_HASH" > "$ST_STAMP"
fi
echo "[setup] ready: $(wasm-bindgen --version), $(wasm-pack --version 2>/dev/null), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null | head -1), $(geckodriver --version 2>/dev/null | head -1)" >&2
