#!/usr/bin/env bash
# The test command: installs what is missing, builds, then runs every layer.
# Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bash scripts/setup.sh --browser

# A clean run needs ~8 GB under target/; say so up front rather than fail mid-link.
# CI builds once, so incremental state (3 GB) would only cost disk.
df -h "$ROOT" | tail -1 | awk '{print "== disk: " $4 " free on " $6}'
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi

echo "== formatting"
cargo fmt --check

echo "== clippy: warnings are errors; no unwrap, expect or panic outside tests"
cargo clippy -q --workspace --all-targets --all-features -- -D warnings
cargo clippy -q -p worker-api -p app --target wasm32-unknown-unknown --all-features -- -D warnings

echo "== native unit tests (api, domain) and locale completeness"
cargo test -p api -p domain --all-features

echo "== production worker contains no development code"
cargo build -q -p worker-api --target wasm32-unknown-unknown
prod=target/wasm32-unknown-unknown/debug/worker_api.wasm
# /t/: path-prefixed tenants are a development feature (security review, low).
# Searched in the module's data (its literals): code and debug info may spell anything.
node scripts/wasm-data.mjs "$prod" > target/prod-data.bin
grep -qa -- "/api/v1/methods" target/prod-data.bin || { echo "no literals read from $prod" >&2; exit 1; }
for marker in /dev/outbox /dev/seed adele@contoso.com /t/; do
  if grep -qa -- "$marker" target/prod-data.bin; then echo "production build contains $marker" >&2; exit 1; fi
done
echo "ok: no outbox, dev routes, path-prefixed tenants or demo users in the production build"

bash scripts/build.sh dev

echo "== the production build bundles for deployment (wrangler deploy --dry-run)"
SKIP_SPA=1 bash scripts/deploy.sh --dry-run

rm -rf tests/artifacts
echo "== integration tests against wrangler dev, then end-to-end tests in Chromium"
node --test --test-concurrency=1 tests/integration/ tests/e2e/
