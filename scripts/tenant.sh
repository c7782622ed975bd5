#!/usr/bin/env bash
# Sets up a tenant from a JSON file (see domain/src/tenant_file.rs and
# docs/tenant.example.json): validates it, hashes the passwords, and writes the KV
# records with wrangler. Later changes: the tenant's admin page.
#   scripts/tenant.sh FILE            production KV (wrangler deploy's namespace)
#   scripts/tenant.sh FILE --local    the local dev state in .state/dev
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
file=${1:?usage: scripts/tenant.sh FILE [--local]}
records=$(mktemp)
trap 'rm -f "$records"' EXIT
cargo run -q -p domain --bin tenant-records < "$file" > "$records"
if [ "${2:-}" = "--local" ]; then
  "$NODE22" node_modules/wrangler/bin/wrangler.js kv bulk put "$records" --binding KV --env dev --local --persist-to .state/dev
else
  "$NODE22" node_modules/wrangler/bin/wrangler.js kv bulk put "$records" --binding KV --remote
fi
echo "tenant written: $(grep -o '"key": "t/[a-z0-9-]*"' "$records" | head -1)"
