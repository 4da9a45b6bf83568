#!/usr/bin/env bash
# Directory search, page and map clusters on the national directory left by `bench/observatory.sh 1`
# (1.37 million ESS establishments), with wrk and bench/directory.lua: every request a different
# search or map area; then one URL repeated, for comparison.
#   bench/directory.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BENCH_DIR=${BENCH_DIR:-target/observatory-bench}
CONNECTIONS=${1:-16}
SECONDS_EACH=${2:-20}
PORT=${PORT:-18080}
"$JAVA" -Xmx2g -jar target/essor.jar --server.port="$PORT" --essor.embedded-db.data-dir="$BENCH_DIR/pg" \
  --essor.observatory.demo.enabled=false --essor.demo.enabled=false ${SERVER_ARGS:-} > "$BENCH_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
URL="http://127.0.0.1:$PORT"
start=$(date +%s.%N)
curl -fs "$URL/api/v1/structures?size=1" -o /dev/null
echo "first search (builds the index of the vintage): $(echo "$(date +%s.%N) - $start" | bc) s"
grep -h "Directory index" "$BENCH_DIR/server.log" | sed 's/.*DirectorySearch *: //'
run() {
  echo "== $*, $CONNECTIONS connections, ${SECONDS_EACH} s"
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/directory.lua "$URL" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
}
# warm up: each word is looked up once in PostgreSQL (about 1.5 s for a common word at national scale),
# then kept in memory; the first searches of a new word wait for it (reported apart in bench/README.md);
# the page's templates are compiled by their first renderings
KIND=api wrk -t2 -c8 -d40s -s bench/directory.lua "$URL" >/dev/null
KIND=page wrk -t2 -c8 -d20s -s bench/directory.lua "$URL" >/dev/null
KIND=clusters ZOOM=8 wrk -t2 -c4 -d10s -s bench/directory.lua "$URL" >/dev/null
run KIND=api
run KIND=page
# first pages only: every answer a 200 with its entries (above, pages beyond the last are 400 problems)
run KIND=api PAGES=1
run KIND=page PAGES=1
for zoom in ${ZOOMS:-3 5 7 9 11 13 15 17 19}; do
  run KIND=clusters ZOOM=$zoom
done
run KIND=api REPEAT=1
run KIND=page REPEAT=1
run KIND=clusters ZOOM=6 REPEAT=1
