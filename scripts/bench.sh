#!/usr/bin/env bash
# The benchmark command (not part of the tests): sizes, API load, micro-benchmarks.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh dev
bash scripts/build.sh prod --worker-only
echo
node tests/bench/sizes.mjs
echo
node tests/bench/storage.mjs
echo
node tests/bench/load.mjs
echo
cargo run -q --release -p domain --example bench
