#!/usr/bin/env bash
# Builds the SPA (Trunk, release) into dist/ and the worker into worker/build-dev
# (`dev`: outbox and demo seed) or worker/build (`prod`).
# Usage: scripts/build.sh dev|prod
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mode=${1:-dev}

echo "== building the SPA"
cargo fetch -q
trunk build --release --skip-version-check

echo "== building the worker ($mode)"
cd worker
if [ "$mode" = prod ]; then
  out=build
  worker-build --release --out-dir build
else
  out=build-dev
  worker-build --release --out-dir build-dev --features dev
fi
# worker-build keeps the name section (485 KB); a size pass drops it and shrinks code.
wasm-opt -Oz "$out/index_bg.wasm" -o "$out/index_bg.wasm"
