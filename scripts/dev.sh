#!/usr/bin/env bash
# The serve command: installs what is missing, builds the SPA and the worker (dev
# build), starts `wrangler dev` on real workerd with KV/Durable Objects persisted
# under .state/dev, seeds the demo tenant and prints the URL and demo accounts.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
PORT=${PORT:-8787}

bash scripts/setup.sh
bash scripts/build.sh dev

start_wrangler "$PORT" .state/dev
trap 'kill $WRANGLER_PID 2>/dev/null || true' EXIT INT TERM
seed=$(curl -sf -X POST "http://127.0.0.1:$PORT/dev/seed")

cat <<TXT

  Security Info is running: http://localhost:$PORT/
  Dev outbox (mail the app sent): http://localhost:$PORT/dev/outbox
  Demo app signing in through Contoso (OpenID Connect): http://localhost:$PORT/dev/rp

$(echo "$seed" | "$NODE22" -e '
const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const t of s.tenants) {
  console.log(`  Demo tenant "${t.name}" at http://localhost:'"$PORT"'${t.path}, accounts:`);
  for (const u of t.users) console.log(`    ${u.username.padEnd(22)} ${u.password.padEnd(18)} ${u.name}${u.admin ? " (tenant admin)" : ""}`);
  console.log("");
}')

  State is kept in .state/dev (delete it to start over). Ctrl-C stops.
TXT
tail -f .state/dev/wrangler.log &
wait "$WRANGLER_PID"
