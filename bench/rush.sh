#!/usr/bin/env bash
# Registration rush (see bench/README.md): 10,000 attempts on one date of 100 seats, as fast as the
# load client sends them on loopback. Starts the built jar on a fresh embedded database (demo data),
# gives one demo date 100 seats and no waitlist, runs bench/RegistrationRush.java, then checks in the
# database that exactly 100 seats are taken. Stops the app by its PID.
# Usage: bench/rush.sh [attempts, default 10000] [concurrency, default 64]
#   env JAR (default target/essor.jar, built by ./mvnw package)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
ATTEMPTS="${1:-10000}"
CONCURRENCY="${2:-64}"
PORT=8089
DB_PORT=54330
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-rush"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -A -t -v ON_ERROR_STOP=1)

"$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" --essor.limits.enabled=false --essor.registration.unconfirmed-share=1 \
    --essor.embedded-db.data-dir="$ROOT/bench/data/pg-rush" --essor.embedded-db.fresh=true \
    --essor.embedded-db.port=$DB_PORT --server.port=$PORT >"$OUT/app.log" 2>&1 &
APP_PID=$!
stop_app() {
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    fi
}
trap stop_app EXIT

for i in $(seq 1 180); do
    if curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died, see $OUT/app.log"; exit 1; }
    sleep 1
done
sleep 3   # the demo registrations are written just after start

# one date of a demo event that registers on Essor: 100 seats, no waitlist, nobody registered yet
read -r EVENT DATE < <("${PSQL[@]}" -F ' ' -c "select event_id, occurrence_id from registration.slot order by starts_at desc limit 1")
"${PSQL[@]}" -c "delete from registration.registration where occurrence_id = $DATE" >/dev/null
"${PSQL[@]}" -c "update registration.slot set capacity = 100, taken = 0 where occurrence_id = $DATE" >/dev/null
"${PSQL[@]}" -c "update registration.offer set waitlist = false where event_id = $EVENT" >/dev/null
echo "event $EVENT, date $DATE: 100 seats; $ATTEMPTS attempts, $CONCURRENCY in flight" | tee "$OUT/summary.txt"

"$JAVA_HOME/bin/java" "$ROOT/bench/RegistrationRush.java" "$BASE" "$EVENT" "$DATE" "$ATTEMPTS" "$CONCURRENCY" | tee -a "$OUT/summary.txt"

# the same rush with wrk (a lighter client), for 10 s, on the now full date: every answer is a 409
if command -v wrk >/dev/null; then
    echo "wrk, 2 threads, $CONCURRENCY connections, 10 s, the date being full:" | tee -a "$OUT/summary.txt"
    EVENT=$EVENT DATE=$DATE wrk -t2 -c"$CONCURRENCY" -d10s --latency -s "$ROOT/bench/rush.lua" "$BASE" \
        | grep -E "Requests/sec|Non-2xx|  50%|  90%|  99%|requests in" | tee -a "$OUT/summary.txt"
fi

{
    echo -n "seats taken (counter): "; "${PSQL[@]}" -c "select taken from registration.slot where occurrence_id = $DATE"
    echo -n "seats held by registrations: "; "${PSQL[@]}" -c "select coalesce(sum(seats), 0) from registration.registration where occurrence_id = $DATE and status in ('PENDING_CONFIRMATION', 'CONFIRMED')"
} | tee -a "$OUT/summary.txt"
echo "results in $OUT"
