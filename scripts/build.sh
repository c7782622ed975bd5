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
  worker-build --release --out-dir build
else
  worker-build --release --out-dir build-dev --features dev
fi
