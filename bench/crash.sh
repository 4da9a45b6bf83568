#!/usr/bin/env bash
# Fault test (see docs/registrations.md): kill -9 of the application during a burst of registrations.
# Instance A holds the embedded PostgreSQL (fresh, demo data) and stays up, as a database server would;
# instance B serves the burst on the same database and is killed with SIGKILL after 3 seconds, then
# started again. Every registration that B acknowledged (202, recorded by the client as it arrived)
# must be in the database, and each date's seat counter must equal the seats its registrations hold.
# Usage: bench/crash.sh [attempts, default 3000]     env JAR (default target/essor.jar)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
ATTEMPTS="${1:-3000}"
DB_PORT=54331
A_PORT=8090
B_PORT=8091
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-crash"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -A -t -v ON_ERROR_STOP=1)

wait_up() {
    for _ in $(seq 1 180); do
        curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"' && return 0
        sleep 1
    done
    echo "instance on port $1 did not start"; return 1
}
start_b() {
    "$JAVA_HOME/bin/java" -Xmx512m -jar "$JAR" --essor.limits.enabled=false --essor.registration.unconfirmed-share=1 --server.port=$B_PORT \
        --spring.datasource.url="jdbc:postgresql://localhost:$DB_PORT/postgres" \
        --spring.datasource.username=postgres --spring.datasource.password=postgres >>"$OUT/b.log" 2>&1 &
    B_PID=$!
}

"$JAVA_HOME/bin/java" -Xmx512m -jar "$JAR" --essor.limits.enabled=false --essor.registration.unconfirmed-share=1 --essor.embedded-db.data-dir="$ROOT/bench/data/pg-crash" \
    --essor.embedded-db.fresh=true --essor.embedded-db.port=$DB_PORT --server.port=$A_PORT >"$OUT/a.log" 2>&1 &
A_PID=$!
B_PID=""
cleanup() {
    for pid in $B_PID $A_PID; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid"; for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        fi
    done
}
trap cleanup EXIT
wait_up $A_PORT
sleep 3
read -r EVENT DATE < <("${PSQL[@]}" -F ' ' -c "select event_id, occurrence_id from registration.slot order by starts_at desc limit 1")
"${PSQL[@]}" -c "delete from registration.registration where occurrence_id = $DATE" >/dev/null
"${PSQL[@]}" -c "update registration.slot set capacity = 200, taken = 0 where occurrence_id = $DATE" >/dev/null
"${PSQL[@]}" -c "update registration.offer set waitlist = true where event_id = $EVENT" >/dev/null

start_b
wait_up $B_PORT
echo "event $EVENT, date $DATE (200 seats, waitlist); $ATTEMPTS registrations sent to instance B (PID $B_PID)" | tee "$OUT/summary.txt"
"$JAVA_HOME/bin/java" "$ROOT/bench/RegistrationRush.java" "http://127.0.0.1:$B_PORT" "$EVENT" "$DATE" "$ATTEMPTS" 32 \
    "$OUT/acknowledged.txt" >"$OUT/client.txt" 2>&1 &
CLIENT_PID=$!
sleep 3
kill -9 "$B_PID"
echo "instance B killed with SIGKILL after 3 s" | tee -a "$OUT/summary.txt"
wait "$CLIENT_PID" || true
cat "$OUT/client.txt" | tee -a "$OUT/summary.txt"

start_b
wait_up $B_PORT
echo "instance B started again (PID $B_PID)" | tee -a "$OUT/summary.txt"

ACKED=$(wc -l <"$OUT/acknowledged.txt")
sed "s/.*/'&'/" "$OUT/acknowledged.txt" | paste -sd, - >"$OUT/addresses.txt"
FOUND=$( [ "$ACKED" -gt 0 ] && "${PSQL[@]}" -c "select count(*) from registration.registration where occurrence_id = $DATE and email in ($(cat "$OUT/addresses.txt"))" || echo 0)
TAKEN=$("${PSQL[@]}" -c "select taken from registration.slot where occurrence_id = $DATE")
HELD=$("${PSQL[@]}" -c "select coalesce(sum(seats), 0) from registration.registration where occurrence_id = $DATE and status in ('PENDING_CONFIRMATION', 'CONFIRMED')")
WAIT=$("${PSQL[@]}" -c "select count(*) from registration.registration where occurrence_id = $DATE and status = 'WAITLISTED'")
{
    echo "acknowledged by B before it died: $ACKED; found after restart: $FOUND"
    echo "seat counter: $TAKEN; seats held by registrations: $HELD (capacity 200); waitlisted: $WAIT"
} | tee -a "$OUT/summary.txt"
if [ "$FOUND" -eq "$ACKED" ] && [ "$TAKEN" -eq "$HELD" ] && [ "$HELD" -le 200 ]; then
    echo "OK: nothing acknowledged was lost, the counts agree" | tee -a "$OUT/summary.txt"
else
    echo "FAILED" | tee -a "$OUT/summary.txt"; exit 1
fi
