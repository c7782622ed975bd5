#!/usr/bin/env bash
# Installs what is missing, then runs every test layer; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser

echo "== native unit tests (api, domain)"
cargo test -p api -p domain --all-features
