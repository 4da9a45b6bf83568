#!/usr/bin/env bash
# Benchmark of the public agenda at national scale (see bench/README.md).
# Starts the built jar on bench/data/pg, generates 50,000 events if needed, warms up, runs wrk on
# 127.0.0.1 at 16 and 64 connections, stops the app by its PID and prints a summary.
# Usage: bench/run.sh [duration, default 20s]
#   env JAR (default target/essor.jar, built by ./mvnw package), APP_ARGS (extra application arguments,
#   e.g. --essor.agenda.search-cache-ttl=0s to measure without the search cache), TAG (names the output)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
DURATION="${1:-20s}"
PORT=8089
DB_PORT=54329
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)${TAG:+-$TAG}"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1)

"$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" \
    --essor.embedded-db.data-dir="$ROOT/bench/data/pg" --essor.embedded-db.port=$DB_PORT \
    --server.port=$PORT ${APP_ARGS:-} >"$OUT/app.log" 2>&1 &
APP_PID=$!
echo "$APP_PID" >"$OUT/app.pid"
stop_app() {
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"                      # SIGTERM: Spring stops the embedded PostgreSQL too
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    fi
}
trap stop_app EXIT

echo "app PID $APP_PID, waiting for $BASE/actuator/health"
for i in $(seq 1 180); do
    if curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died, see $OUT/app.log"; exit 1; }
    sleep 1
    [ "$i" = 180 ] && { echo "app not healthy after 180 s"; exit 1; }
done

"${PSQL[@]}" -f bench/generate-events.sql >"$OUT/generate.log" 2>&1
tail -n 12 "$OUT/generate.log"
if ! grep -q "nothing to generate" "$OUT/generate.log"; then
    # the application renders the generated descriptions to HTML at start-up: restart it once
    stop_app
    "$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" \
        --essor.embedded-db.data-dir="$ROOT/bench/data/pg" --essor.embedded-db.port=$DB_PORT \
        --server.port=$PORT ${APP_ARGS:-} >>"$OUT/app.log" 2>&1 &
    APP_PID=$!
    echo "$APP_PID" >"$OUT/app.pid"
    for _ in $(seq 1 300); do
        curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
        sleep 1
    done
fi

Q='q=economie%20solidaire&departement=34'
declare -a NAMES=(api-q-dep html-q-dep api-all)
declare -A URLS=(
    [api-q-dep]="$BASE/api/v1/events?$Q"
    [html-q-dep]="$BASE/agenda?$Q"
    [api-all]="$BASE/api/v1/events"
)

curl -fsS "${URLS[api-q-dep]}" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("API q+departement=34: totalItems", d["totalItems"], "items on page", len(d["items"]))' | tee "$OUT/results-count.txt"
curl -fsS "${URLS[api-all]}" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("API unfiltered: totalItems", d["totalItems"])' | tee -a "$OUT/results-count.txt"

# Warm-up (JIT, connection pool, PostgreSQL cache), bounded in time: 10 s of wrk per URL, which is
# well over 2,000 requests for the filtered URLs (a sequential curl loop is too slow on 2 shared cores).
echo "warm-up: wrk -c16 -d10s per URL"
for name in "${NAMES[@]}"; do
    wrk -t2 -c16 -d10s "${URLS[$name]}" >"$OUT/warmup-$name.txt"
    awk -v n="$name" '/requests in/ {print "  warm-up", n, $1, "requests"}' "$OUT/warmup-$name.txt"
done

for name in "${NAMES[@]}"; do
    for c in 16 64; do
        echo "wrk $name c=$c"
        echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/load-$name-c$c.txt"
        wrk -t2 -c"$c" -d"$DURATION" --latency "${URLS[$name]}" >"$OUT/wrk-$name-c$c.txt"
        echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load-$name-c$c.txt"
    done
done

# Where the time goes in the database (after the load, on a warm cache)
"${PSQL[@]}" -f bench/explain.sql >"$OUT/explain.txt" 2>&1 || true

stop_app
trap - EXIT

# summary: req/s, p50, p99 (ms), non-2xx/3xx responses, socket errors
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
{
    printf "%-12s %4s %10s %9s %9s %8s %s\n" target conns req/s p50_ms p99_ms non2xx errors
    for name in "${NAMES[@]}"; do
        for c in 16 64; do
            f="$OUT/wrk-$name-c$c.txt"
            rps=$(awk '/^Requests\/sec/ {print $2}' "$f")
            p50=$(awk '$1=="50%" {print $2}' "$f" | to_ms)
            p99=$(awk '$1=="99%" {print $2}' "$f" | to_ms)
            non2xx=$(awk '/Non-2xx/ {print $NF}' "$f"); non2xx=${non2xx:-0}
            errs=$(awk '/Socket errors/ {print $3,$4,$5,$6,$7,$8,$9,$10}' "$f"); errs=${errs:--}
            # wrk counts a response slower than its 2 s timeout as an error, outside the percentiles
            timeouts=$(awk '/Socket errors/ {print $NF}' "$f"); timeouts=${timeouts:-0}
            [ "$timeouts" -gt 0 ] && p99=">2000"
            printf "%-12s %4s %10s %9s %9s %8s %s\n" "$name" "$c" "$rps" "$p50" "$p99" "$non2xx" "$errs"
        done
    done
} | tee "$OUT/summary.txt"
cut -d' ' -f1-3 /proc/loadavg | sed 's/^/load average (1, 5, 15 min) at the end: /'
echo "outputs in $OUT (wrk and the app share the same $(nproc) cores)"
