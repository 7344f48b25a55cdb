#!/usr/bin/env bash
# Installs what is missing and nothing else; a second run takes seconds.
# Needs only Rust (rustup), Node/npm and apt; every download comes from a package registry.
# On a new machine the time goes to compiling the tools (CPU) and to apt, npm and pip (network and
# disk), so those run side by side: the packages in the background, the tools in the foreground.
set -euo pipefail
source "$(dirname "$0")/env.sh"

# The toolchain rust-toolchain.toml pins, with its components and target (named here too, so an
# older rustup that does not install from the file still gets them).
CHANNEL=$(awk -F'"' '/^channel/{print $2}' rust-toolchain.toml)
if ! rustup run "$CHANNEL" rustc --version >/dev/null 2>&1; then
  step "rustup toolchain $CHANNEL" rustup toolchain install "$CHANNEL" --profile minimal \
    --component rustfmt,clippy,rust-src --target wasm32-unknown-unknown
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32" rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy rust-src; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component $component" rustup component add "$component"
  fi
done

# The packages: Debian's, then npm's and the two Python venvs (which need Debian's python3-venv).
packages() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null \
    || ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null \
    || ! [ -x /usr/sbin/nginx ] || ! [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    || ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    step "apt-get update" $sudo apt-get update -qq
    # webkit2gtk-driver: WebKitWebDriver and MiniBrowser (Safari's engine); MiniBrowser has no
    # headless mode, so it runs under xvfb-run. nginx and its brotli_static module: the README's
    # nginx advice is tested against them (tests/nginx/). zbar-tools (zbarimg) and librsvg2-bin
    # (rsvg-convert): the entry links' QR codes are decoded by a decoder nobody here wrote.
    # python3-venv: the Python example and Schemathesis each get a venv.
    step "apt-get install chromium firefox-esr webkit2gtk-driver xvfb nginx zbar-tools librsvg2-bin python3-venv" \
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver brotli firefox-esr webkit2gtk-driver xvfb nginx libnginx-mod-http-brotli-static \
      zbar-tools librsvg2-bin python3 python3-venv
  fi

  local stamp=node_modules/.setup-lock-hash lock_hash
  lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
    step "npm ci" npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_hash" > "$stamp"
  fi
  # The Python example backend (examples/backend-python), and Schemathesis, which npm test runs
  # with docs/openapi.yaml against every backend: each in its own venv from pinned requirements.
  venv target/python-venv examples/backend-python/requirements.txt
  venv target/schemathesis-venv tests/conformance/requirements-schemathesis.txt
}

# Builds the venv `dir` from `requirements` unless it was built from these very requirements.
venv() {
  local dir=$1 requirements=$2 hash
  hash=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ "$(cat "$dir/.requirements-hash" 2>/dev/null)" != "$hash" ]; then
    rm -rf "$dir"
    step "python venv $dir" python3 -m venv "$dir"
    step "pip install -r $requirements" "$dir/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    echo "$hash" > "$dir/.requirements-hash"
  fi
}

# The tools: wasm-bindgen-cli and wasm-pack from tools/Cargo.lock with --locked and no unlocked
# fallback (threats.md item 83), geckodriver (drives Debian's Firefox ESR for `wasm-pack test
# --firefox` and tests/firefox/) from its own published lock. wasm-bindgen-cli's version must
# match the wasm-bindgen crate in Cargo.lock exactly (toolchain.md pitfall 14). Built without
# optimisation: the dev profile's wasm-bindgen writes byte-identical output to a release build's
# (checked on the shipped wasm when this changed) in a fifth of the build time.
tools() {
  local wb wb_tool
  wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
  wb_tool=$(awk '/^name = "wasm-bindgen-cli"$/{getline; gsub(/"/,"",$3); print $3}' tools/Cargo.lock)
  if [ "$wb" != "$wb_tool" ]; then
    echo "setup: Cargo.lock has wasm-bindgen $wb but tools/Cargo.lock locks the CLI at $wb_tool: pin =$wb in tools/Cargo.toml and run cargo update there" >&2
    return 1
  fi
  # geckodriver compiles beside the other two: each cargo build leaves a core idle for long
  # stretches (build scripts, the last crates, linking).
  local gecko_rc=0 tools_rc=0
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    held geckodriver step "geckodriver $GECKODRIVER_VERSION (its lock, --locked)" env CARGO_PROFILE_DEV_DEBUG=false \
      cargo install -q --locked --debug geckodriver --version "=$GECKODRIVER_VERSION" \
      --root "$GECKODRIVER_ROOT" --target-dir "$SEEKPASS_TOOLS/target-geckodriver"
  fi
  if ! [ -x "$TOOLS_BIN/wasm-bindgen" ] || ! [ -x "$TOOLS_BIN/wasm-bindgen-test-runner" ] || ! [ -x "$TOOLS_BIN/wasm-pack" ]; then
    step "wasm-bindgen-cli $wb and wasm-pack (tools/Cargo.lock, --locked)" env CARGO_TARGET_DIR="$SEEKPASS_TOOLS/target" \
      cargo build -q --locked --manifest-path tools/Cargo.toml -p wasm-bindgen-cli -p wasm-pack \
      --bin wasm-bindgen --bin wasm-bindgen-test-runner --bin wasm-pack \
      && mkdir -p "$TOOLS_BIN" \
      && cp "$SEEKPASS_TOOLS"/target/debug/{wasm-bindgen,wasm-bindgen-test-runner,wasm-pack} "$TOOLS_BIN/" || tools_rc=1
  fi
  if [ -n "${HELD_PID[geckodriver]:-}" ]; then
    unheld geckodriver || gecko_rc=$?
  fi
  [ "$tools_rc" -eq 0 ] && [ "$gecko_rc" -eq 0 ]
}

held packages packages
TOOLS_RC=0
# (errexit is off inside a function called with ||: tools returns on each failure itself.)
tools || TOOLS_RC=$?
PACKAGES_RC=0
unheld packages || PACKAGES_RC=$?
if [ "$TOOLS_RC" -ne 0 ] || [ "$PACKAGES_RC" -ne 0 ]; then
  echo "setup: failed (tools exit $TOOLS_RC, packages exit $PACKAGES_RC)" >&2
  exit 1
fi
echo "[setup] ready: $(wasm-bindgen --version), $(wasm-pack --version 2>/dev/null), $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null | head -1), $(geckodriver --version 2>/dev/null | head -1)" >&2
