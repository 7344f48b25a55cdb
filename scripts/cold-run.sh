#!/usr/bin/env bash
# `npm run check:cold`: `npm test` as a new machine runs it, timed. A fresh clone of the committed
# tree under an empty home: no cargo registry, nothing `cargo install`ed, no tools cache, no npm or
# pip cache. Only rustup's toolchains are shared (RUSTUP_HOME; a new machine downloads 1.95.0 in
# seconds) and the Debian packages, which this machine cannot forget (setup installs them beside
# the tools' build, so on a new machine they mostly hide behind it). Takes the length of a cold
# `npm test`; not part of it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUSTUP_BIN=$(command -v rustup || echo "$HOME/.cargo/bin/rustup")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/.cargo/bin"
# rustup's proxies, and nothing else of the old ~/.cargo/bin.
for proxy in cargo cargo-clippy cargo-fmt clippy-driver rustc rustdoc rustfmt rustup; do
  ln -s "$RUSTUP_BIN" "$work/home/.cargo/bin/$proxy"
done
git clone -q "$ROOT" "$work/clone"
start=$SECONDS
rc=0
(
  cd "$work/clone"
  env -u CARGO_HOME -u SEEKPASS_TOOLS_DIR HOME="$work/home" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
    PATH="$work/home/.cargo/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:$(dirname "$(command -v node)")" \
    npm test
) || rc=$?
echo "cold npm test: exit $rc in $((SECONDS - start)) s (goal: under 720 s)"
exit "$rc"
