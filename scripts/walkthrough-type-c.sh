#!/usr/bin/env bash
# The README's Type C walk-through against a running devstack (./devstack.sh):
# the merchant asks for a verification, the simulated phone rings and answers, the customer types
# the code shown on the merchant's screen, and the merchant sees "approved".
# Needs curl, openssl and jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PV_SECRET:-}" ] && [ -f "$here/../.devstack/merchant.env" ]; then
  # shellcheck source=/dev/null
  source "$here/../.devstack/merchant.env"
fi
phones=${PV_PHONES_URL:-http://localhost:8070}
phone=${1:-010-1234-5678}

echo "1. POST /v1/ars-verifications (type C, $phone)"
created=$("$here/pv-curl" POST /v1/ars-verifications "{\"type\":\"C\",\"phone\":\"$phone\"}")
echo "   $created"
id=$(jq -r .id <<<"$created")
code=$(jq -r .code <<<"$created")
[ "$id" != null ] || { echo "not created" >&2; exit 1; }
echo "   the merchant's page shows the code $code"

echo "2. waiting for the phone to ring and answer..."
e164="+82$(tr -d ' -' <<<"$phone" | sed 's/^0//')"
call=""
for _ in $(seq 1 100); do
  call=$(curl -sfG "$phones/calls" --data-urlencode "number=$e164" \
    | jq -r '[.[] | select(.state == "ANSWERED")] | sort_by(.startedAt) | last | .id // empty')
  [ -n "$call" ] && break
  sleep 0.2
done
[ -n "$call" ] || { echo "no answered call" >&2; exit 1; }
echo "   call $call answered; the greeting plays"

sleep 2
echo "3. the customer types $code on the keypad (RFC 4733 events)"
curl -sf -X POST "$phones/calls/$call/keys" -H 'Content-Type: application/json' -d "{\"keys\":\"$code\"}" >/dev/null

echo "4. GET /v1/ars-verifications/$id until it is final"
for _ in $(seq 1 60); do
  view=$("$here/pv-curl" GET "/v1/ars-verifications/$id")
  status=$(jq -r .status <<<"$view")
  [ "$status" != pending ] && break
  sleep 0.5
done
echo "   $view"
echo "   recording of what the phone heard: $phones/calls/$call/recording.wav"
[ "$status" = approved ]
