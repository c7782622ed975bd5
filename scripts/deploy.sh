#!/usr/bin/env bash
# Puts Security Info on Cloudflare (docs/operations.md): builds the production
# worker and SPA, checks wrangler.toml and the worker's secrets, then deploys.
#   scripts/deploy.sh            check, then `wrangler deploy`
#   scripts/deploy.sh --dry-run  build and bundle without uploading (`make test`
#                                runs it); configuration problems are only listed
# SKIP_SPA=1 reuses dist/ as built (the test command builds it just before).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
dry_run=0
[ "${1:-}" = --dry-run ] && dry_run=1

bash scripts/setup.sh
if [ "${SKIP_SPA:-}" = 1 ] && [ -f dist/index.html ]; then
  bash scripts/build.sh prod --worker-only
else
  bash scripts/build.sh prod
fi

wrangler() { "$NODE22" node_modules/.bin/wrangler "$@"; }

# The production configuration: wrangler.toml's top level (before [env.dev]).
top=$(awk '/^\[env\./ { exit } { print }' wrangler.toml)
value() { # value KEY: the first `KEY = "…"` of the top level
  printf '%s\n' "$top" | sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\([^\"]*\)\".*/\1/p" | head -n1
}
problems=()
kv=$(value id)
if [ -z "$kv" ] || [ -z "${kv//0/}" ]; then
  problems+=("KV namespace id is a placeholder: run \`npx wrangler kv namespace create KV\` and put its id in wrangler.toml's [[kv_namespaces]]")
fi
mail_from=$(value MAIL_FROM)
case "$mail_from" in
  "" | *.example | *@example.* | *.invalid)
    problems+=("MAIL_FROM ($mail_from) is not a sender you verified with your mail provider: set it in wrangler.toml's [vars]") ;;
esac
sms_from=$(value SMS_FROM)
case "$sms_from" in
  "" | +15005550006)
    problems+=("SMS_FROM ($sms_from) is Twilio's test-only number: set your Twilio number or Messaging Service in wrangler.toml's [vars]") ;;
esac
if printf '%s\n' "$top" | grep -Eq '^[[:space:]]*workers_dev[[:space:]]*=[[:space:]]*true'; then
  echo "note: workers_dev = true also serves the worker on its *.workers.dev address"
fi

# Secrets the worker needs; `wrangler secret list` says which are set.
required=(SEALING_KEYS OIDC_SIGNING_KEYS MAIL_API_KEY TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN)
if [ "$dry_run" = 0 ]; then
  if listed=$(wrangler secret list --env="" --format json 2>/dev/null); then
    for name in "${required[@]}"; do
      if [ "$name" = SEALING_KEYS ] && grep -q '"TOTP_KEYS"' <<<"$listed"; then continue; fi
      if ! grep -q "\"$name\"" <<<"$listed"; then
        problems+=("secret $name is not set: \`npx wrangler secret put $name\` (scripts/secrets.sh makes the keys)")
      fi
    done
  else
    problems+=("could not list the worker's secrets: sign in with \`npx wrangler login\` (or set CLOUDFLARE_API_TOKEN)")
  fi
  # The delivery queue and its dead-letter queue must exist before a deploy binds them.
  for queue in $(printf '%s\n' "$top" | sed -n 's/^[[:space:]]*\(dead_letter_\)\{0,1\}queue[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\2/p' | sort -u); do
    if ! wrangler queues info "$queue" >/dev/null 2>&1; then
      problems+=("queue $queue does not exist: \`npx wrangler queues create $queue\`")
    fi
  done
fi

if [ "${#problems[@]}" -gt 0 ]; then
  echo "== the production configuration is not ready:"
  printf '  - %s\n' "${problems[@]}"
  if [ "$dry_run" = 0 ]; then exit 1; fi
fi

if [ "$dry_run" = 1 ]; then
  out=target/deploy
  rm -rf "$out"
  wrangler deploy --env="" --dry-run --outdir "$out"
  ls "$out"/*.wasm >/dev/null
  echo "ok: the production build bundles for deployment ($out)"
else
  wrangler deploy --env=""
fi
