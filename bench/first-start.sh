#!/usr/bin/env bash
# From `./mvnw spring-boot:run` to the first page served (see bench/README.md, « First start »).
# Runs the README's command RUNS times (default 3) on one data directory (the first run creates it unless it
# exists), each time timing until GET / answers 200 with its content (the 503 « Essor démarre » page does
# not count), then stops what it started by its PID. The application's port is 8080, as in the README.
# Usage: bench/first-start.sh [runs]   (env DATA_DIR, default bench/data/first-start)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${1:-3}"
DATA_DIR="${DATA_DIR:-$ROOT/bench/data/first-start}"
mkdir -p "$ROOT/bench/out"
LOG="$ROOT/bench/out/first-start-$(date -u +%Y%m%dT%H%M%SZ).log"

for run in $(seq 1 "$RUNS"); do
    existing=$([ -d "$DATA_DIR/postgres" ] && echo "existing" || echo "new")
    start=$(date +%s.%N)
    ./mvnw -o -q spring-boot:run \
        -Dspring-boot.run.arguments="--essor.embedded-db.data-dir=$DATA_DIR/postgres" >>"$LOG" 2>&1 &
    pid=$!
    served=""
    for _ in $(seq 1 1200); do
        code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/ || true)
        if [ "$code" = "200" ]; then served=$(date +%s.%N); break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -n "$served" ]; then
        printf 'run %d (%s data directory): first page after %.1f s\n' "$run" "$existing" "$(echo "$served - $start" | bc)"
    else
        echo "run $run: no page served (see $LOG)"
    fi
    # stop Maven and the application it forked, by their ids
    app=$(pgrep -P "$pid" -f EssorApplication || true)
    for p in $app $pid; do kill "$p" 2>/dev/null || true; done
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    sleep 1
done
