#!/usr/bin/env bash
# Latency of the observatory's territory pages and API (regions, départements, communes, France, an
# EPCI in turn), on the database left by bench/observatory.sh (its last imported scale), with wrk.
#   bench/observatory-pages.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BENCH_DIR=${BENCH_DIR:-target/observatory-bench}
CONNECTIONS=${1:-8}
SECONDS_EACH=${2:-20}
PORT=${PORT:-18080}
"$JAVA" -jar target/essor.jar --server.port="$PORT" --essor.embedded-db.data-dir="$BENCH_DIR/pg" \
  --essor.observatory.demo.enabled=false --essor.demo.enabled=false ${SERVER_ARGS:-} > "$BENCH_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
# warm up: every path once
KIND=page wrk -t1 -c1 -d5s -s bench/observatory.lua "http://127.0.0.1:$PORT" >/dev/null
KIND=api wrk -t1 -c1 -d5s -s bench/observatory.lua "http://127.0.0.1:$PORT" >/dev/null
for kind in page api; do
  echo "== $kind, $CONNECTIONS connections, ${SECONDS_EACH} s"
  KIND=$kind wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/observatory.lua "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
done
