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
# The SPA alone builds on a pinned nightly: std rebuilt with panics that abort at
# once and without panic locations (-24 KB brotli, see docs/architecture.md). Worker and native
# code stay on stable. The env rustflags replace .cargo/config.toml's, so they repeat
# erase_components.
spa_env=(RUSTUP_TOOLCHAIN="$SPA_TOOLCHAIN" CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none")
env "${spa_env[@]}" trunk build --release --skip-version-check
# The admin page's and the password reset's own bundles (the crate's other
# binaries; boot.js loads each for its page only), through the tools Trunk uses,
# with the same flags.
env "${spa_env[@]}" cargo build -q --release --target wasm32-unknown-unknown -p app --bin admin --bin reset
for bundle in admin reset; do
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name "$bundle" \
    "target/wasm32-unknown-unknown/release/$bundle.wasm"
  wasm-opt -Oz "dist/${bundle}_bg.wasm" -o "dist/${bundle}_bg.wasm"
done

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
