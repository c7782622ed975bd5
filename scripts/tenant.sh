#!/usr/bin/env bash
# Sets up a tenant and provisions its users from a JSON file (see
# domain/src/tenant_file.rs and docs/tenant.example.json). Safe to run again:
# existing users keep their id, password, methods and role; the tenant's settings,
# once created, belong to its admin page; new users get a one-time access pass.
#   scripts/tenant.sh FILE [--dry-run]                       production KV (wrangler deploy's namespace)
#   scripts/tenant.sh FILE --local [--persist-to DIR] [--dry-run]   the local dev state (.state/dev)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$NODE22" scripts/tenant.mjs "$@"
