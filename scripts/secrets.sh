#!/usr/bin/env bash
# Makes the keys Security Info needs and prints the commands that store them as
# the worker's secrets (docs/operations.md). Nothing is stored by this script.
#   scripts/secrets.sh           new SEALING_KEYS and OIDC_SIGNING_KEYS
#   scripts/secrets.sh --rotate  the same with a new key in front of the current
#                                ones, read from the environment (SEALING_KEYS,
#                                OIDC_SIGNING_KEYS): the new key seals and signs,
#                                the old ones still open and verify
set -euo pipefail
rotate=0
[ "${1:-}" = --rotate ] && rotate=1

hex32() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }
# A P-256 private key: 32 random bytes below the group order n (almost always the
# first draw), not zero.
p256_scalar() {
  local n=ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551 k
  while :; do
    k=$(hex32)
    if [[ "$k" < "$n" && "$k" != "0000000000000000000000000000000000000000000000000000000000000000" ]]; then
      echo "$k"
      return
    fi
  done
}
id=$(date -u +%Y%m%d)-$(od -An -tx1 -N2 /dev/urandom | tr -d ' \n')
sealing="k$id:$(hex32)"
signing="s$id:$(p256_scalar)"
if [ "$rotate" = 1 ]; then
  : "${SEALING_KEYS:?set SEALING_KEYS to the current value to rotate}"
  : "${OIDC_SIGNING_KEYS:?set OIDC_SIGNING_KEYS to the current value to rotate}"
  sealing="$sealing,$SEALING_KEYS"
  signing="$signing,$OIDC_SIGNING_KEYS"
fi

cat <<OUT
# Store these as the worker's secrets (each command reads the value from stdin).
# Keep a copy in your password manager: without SEALING_KEYS, registered
# authenticator apps can no longer be opened.
printf '%s' '$sealing' | npx wrangler secret put SEALING_KEYS --env=""
printf '%s' '$signing' | npx wrangler secret put OIDC_SIGNING_KEYS --env=""
# Your providers' credentials (not made here):
#   npx wrangler secret put MAIL_API_KEY --env=""         # SendGrid API key (mail.send)
#   npx wrangler secret put TWILIO_ACCOUNT_SID --env=""   # Twilio account SID
#   npx wrangler secret put TWILIO_AUTH_TOKEN --env=""    # Twilio auth token (also checks call callbacks)
OUT
