#!/usr/bin/env bash
# One measured HTTP claim run against a production jar: start it on a fresh embedded database,
# warm up 3 x 10 s, each on a new envelope of 100,000 shares, send another, then measure claims on
# that one hot envelope (every request a new user) with wrk, 64 connections, for a time short
# enough (default 12 s) that the envelope never sells out: a sold-out envelope answers from
# memory, which is cheaper and would favour whichever jar ran faster. The shares left afterwards
# are printed and the run fails if none are.
# usage: docs/bench/claims-http.sh <redset.jar> <port> [wrk connections] [seconds]
# Uses $JAVA_HOME/bin/java when JAVA_HOME is set (Java 21 or newer); JAVA_OPTS are added (e.g. a
# JFR recording). Prints wrk's summary; the service key is sent as Authorization: Bearer (jars
# from before the claim API required a key ignore it).
set -euo pipefail
jar=$1; port=$2; conns=${3:-64}; seconds=${4:-12}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
export REDSET_API_KEY=bench-service-key-0123456789abcdefghijkl
export REDSET_ADMIN_PASSWORD=bench-admin-password
# shellcheck disable=SC2086
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" \
     --redset.embedded.data-dir="$data/db" \
     --redset.envelope.max-count=100000 --redset.envelope.max-total-fen=100000000 >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
auth=(-H "Authorization: Bearer $REDSET_API_KEY")
send() {
  curl -sf -X POST "localhost:$port/api/v1/envelopes" "${auth[@]}" -H 'Content-Type: application/json' \
       -d "{\"senderId\":\"boss-$1\",\"totalFen\":50000000,\"count\":100000,\"mode\":\"LUCKY\"}" \
    | sed -E 's/.*"envelopeId":"([0-9]+)".*/\1/'
}
for w in 1 2 3; do
  AUTH="Bearer $REDSET_API_KEY" ENVELOPE=$(send "warm-$w") \
    wrk -t2 -c"$conns" -d10s -s "$here/claim-hot.lua" "http://localhost:$port" >/dev/null
done
hot=$(send hot)
AUTH="Bearer $REDSET_API_KEY" ENVELOPE=$hot wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$here/claim-hot.lua" "http://localhost:$port"
left=$(curl -sf "localhost:$port/api/v1/envelopes/$hot" "${auth[@]}" | sed -E 's/.*"remainingCount":([0-9]+).*/\1/')
echo "shares left on the hot envelope: $left of 100000"
[ "$left" -gt 0 ] || { echo "the hot envelope sold out: run shorter" >&2; exit 1; }
