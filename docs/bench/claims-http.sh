#!/usr/bin/env bash
# One measured HTTP claim run against a production jar: start it on a fresh embedded database,
# send one envelope of 100,000 shares, warm up 30 s on it, send another, then measure 20 s of
# claims on that one hot envelope (every request a new user) with wrk, 64 connections.
# usage: docs/bench/claims-http.sh <redset.jar> <port> [wrk connections]
# Uses $JAVA_HOME/bin/java when JAVA_HOME is set (Java 21 or newer). Prints wrk's summary; the service key is sent as Authorization: Bearer (older jars ignore it).
set -euo pipefail
jar=$1; port=$2; conns=${3:-64}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
export REDSET_API_KEY=bench-service-key-0123456789abcdefghijkl
export REDSET_ADMIN_PASSWORD=bench-admin-password
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -jar "$jar" --server.port="$port" --redset.embedded.data-dir="$data/db" \
     --redset.envelope.max-count=100000 --redset.envelope.max-total-fen=100000000 >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
send() {
  curl -sf -X POST "localhost:$port/api/v1/envelopes" -H "Authorization: Bearer $REDSET_API_KEY" \
       -H 'Content-Type: application/json' \
       -d "{\"senderId\":\"boss-$1\",\"totalFen\":50000000,\"count\":100000,\"mode\":\"LUCKY\"}" \
    | sed -E 's/.*"envelopeId":"([0-9]+)".*/\1/'
}
AUTH="Bearer $REDSET_API_KEY" ENVELOPE=$(send warm) wrk -t2 -c"$conns" -d30s -s "$here/claim-hot.lua" "http://localhost:$port" >/dev/null
AUTH="Bearer $REDSET_API_KEY" ENVELOPE=$(send hot) wrk -t2 -c"$conns" -d20s --latency -s "$here/claim-hot.lua" "http://localhost:$port"
