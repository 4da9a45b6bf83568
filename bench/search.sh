#!/usr/bin/env bash
# The agenda's searches when every search is different (issue 15, see bench/README.md « Search »).
# Starts the built jar on bench/data/pg (the national agenda of run.sh: 50,280 events, generated if
# needed), warms up, then runs wrk at 64 connections with the mix of distinct searches (search-mix.lua) on
# the API and on the HTML list, the repeated URLs of run.sh, and a single common word alone without the
# answer cache; stops the application by its PID and prints a summary.
# Usage: bench/search.sh [duration, default 20s]   (env JAR, APP_ARGS, TAG as run.sh; HEAP, default 1g; JAVA_OPTS,
# more options for the JVM)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
DURATION="${1:-20s}"
PORT=8089
DB_PORT=54329
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/search-$(date -u +%Y%m%dT%H%M%SZ)${TAG:+-$TAG}"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1)

start_app() {
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    "$JAVA_HOME/bin/java" -Xmx"${HEAP:-1g}" ${JAVA_OPTS:-} -Xlog:gc:file="$OUT/gc-%p.log" -jar "$JAR" \
        --essor.embedded-db.data-dir="$ROOT/bench/data/pg" --essor.embedded-db.port=$DB_PORT \
        --server.port=$PORT ${APP_ARGS:-} "$@" >>"$OUT/app.log" 2>&1 &
    APP_PID=$!
    echo "$APP_PID" >"$OUT/app.pid"
    for i in $(seq 1 300); do
        if curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
        kill -0 "$APP_PID" 2>/dev/null || { echo "app died, see $OUT/app.log"; exit 1; }
        sleep 1
    done
    echo "app not healthy after 300 s"; exit 1
}
stop_app() {
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    fi
}
trap stop_app EXIT

start_app
"${PSQL[@]}" -f bench/generate-events.sql >"$OUT/generate.log" 2>&1
if ! grep -q "nothing to generate" "$OUT/generate.log"; then
    stop_app
    start_app
fi
grep "search index built" "$OUT/app.log" | tail -1 | sed 's/.*: Agenda/Agenda/' | tee "$OUT/index.txt"

echo "warm-up: 45 s of the API mix, 30 s of the list mix (each listed event read, written and rendered once)"
PATH_UNDER_TEST=/api/v1/events wrk -t2 -c16 -d45s -s bench/search-mix.lua "$BASE" >"$OUT/warmup-api.txt"
PATH_UNDER_TEST=/agenda wrk -t2 -c16 -d30s -s bench/search-mix.lua "$BASE" >"$OUT/warmup-html.txt"

run() { # name, wrk arguments…
    local name=$1; shift
    echo "wrk $name"
    wrk -t2 -c64 -d"$DURATION" --latency "$@" >"$OUT/wrk-$name.txt"
}
PATH_UNDER_TEST=/api/v1/events run api-mix -s bench/search-mix.lua "$BASE"
PATH_UNDER_TEST=/agenda run html-mix -s bench/search-mix.lua "$BASE"
# the widget partner sites frame: the same filters, its first 5 events (the page asked is not read)
PATH_UNDER_TEST=/agenda/widget run widget-mix -s bench/search-mix.lua "$BASE"
run api-repeated "$BASE/api/v1/events?q=economie%20solidaire&departement=34"
run html-repeated "$BASE/agenda?q=economie%20solidaire&departement=34"

# a single common word, alone, without the answer cache: the application's own time per request
stop_app
start_app --essor.agenda.search-cache-ttl=0s
total=$(curl -fsS "$BASE/api/v1/events?q=economie" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalItems"])')
for _ in $(seq 1 200); do curl -fsS -o /dev/null "$BASE/api/v1/events?q=economie&page=$((RANDOM % 3 + 1))"; done
for _ in $(seq 1 200); do
    curl -fsS -o /dev/null -w '%{time_starttransfer}\n' "$BASE/api/v1/events?q=economie&page=$((RANDOM % 3 + 1))"
done | sort -n | awk -v t="$total" '{a[NR]=$1*1000} END {printf "q=economie alone (%s matching events), time to first byte over loopback, 200 requests: p50 %.1f ms, p99 %.1f ms\n", t, a[int(NR*0.5)], a[int(NR*0.99)]}' | tee "$OUT/single-word.txt"
stop_app
trap - EXIT

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
{
    printf "%-14s %10s %9s %9s %8s\n" target req/s p50_ms p99_ms non2xx
    for name in api-mix html-mix widget-mix api-repeated html-repeated; do
        f="$OUT/wrk-$name.txt"
        rps=$(awk '/^Requests\/sec/ {print $2}' "$f")
        p50=$(awk '$1=="50%" {print $2}' "$f" | to_ms)
        p99=$(awk '$1=="99%" {print $2}' "$f" | to_ms)
        non2xx=$(awk '/Non-2xx/ {print $NF}' "$f"); non2xx=${non2xx:-0}
        printf "%-14s %10s %9s %9s %8s\n" "$name" "$rps" "$p50" "$p99" "$non2xx"
    done
} | tee "$OUT/summary.txt"
cut -d' ' -f1-3 /proc/loadavg | sed 's/^/load average (1, 5, 15 min) at the end: /'
echo "outputs in $OUT (wrk and the app share the same $(nproc) cores)"
