#!/usr/bin/env bash
# Instructors' list (issue 13): one call with 10,000 submitted dossiers in every state; an instructor
# signed in; wrk asks the list with distinct filters, orders and pages (bench/instruction.lua), then one
# URL repeated. Starts the built jar on a fresh embedded database (demo data, rate limits off), stops it
# by its PID. Target: p99 <= 100 ms at 16 connections.
# Usage: bench/instruction.sh [connections, default 16] [seconds, default 20] [dossiers, default 10000]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
CONNECTIONS="${1:-16}"
SECONDS_EACH="${2:-20}"
DOSSIERS="${3:-10000}"
PORT=8091
DB_PORT=54331
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-instruction"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -A -t -q -v ON_ERROR_STOP=1)
EMAIL=bench.instruction@example.org
PASSWORD="une phrase de banc d'essai assez longue"

"$JAVA_HOME/bin/java" -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" --essor.limits.enabled=false \
    --essor.embedded-db.data-dir="$ROOT/bench/data/pg-instruction" --essor.embedded-db.fresh=true \
    --essor.embedded-db.port=$DB_PORT --server.port=$PORT >"$OUT/app.log" 2>&1 &
APP_PID=$!
stop_app() {
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    fi
}
trap stop_app EXIT
for _ in $(seq 1 180); do
    if curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died, see $OUT/app.log"; exit 1; }
    sleep 1
done

# the instructor, and the call's dossiers: every submitted state, submissions over six weeks
unzip -o -q -j "$JAR" 'BOOT-INF/lib/spring-security-crypto-*.jar' 'BOOT-INF/lib/commons-logging-*.jar' -d "$OUT/lib"
HASH=$("$JAVA_HOME/bin/java" -cp "$OUT/lib/*" "$ROOT/bench/BenchPassword.java" "$PASSWORD")
# the demonstration calls are written just after the server answers
for _ in $(seq 1 60); do
    PROGRAMME=$("${PSQL[@]}" -c "select id from calls.programme where slug = 'pass-occitanie'" 2>/dev/null || true)
    [ -n "$PROGRAMME" ] && break
    sleep 1
done
ACCOUNT=$("${PSQL[@]}" -c "insert into identity.account (email, password_hash, display_name, email_verified_at, created_at)
    values ('$EMAIL', '$HASH', 'Banc d''essai', now(), now()) returning id")
"${PSQL[@]}" -c "insert into calls.staff (programme_id, account_id, role, granted_by) values ($PROGRAMME, $ACCOUNT, 'INSTRUCTOR', $ACCOUNT)" >/dev/null
"${PSQL[@]}" -c "
insert into calls.dossier (programme_id, form_version, applicant_id, state, answers, reference, proposal, proposed_by,
                           submitted_at, updated_at, decided_at, revision)
select $PROGRAMME, 1, 1000000 + i, s.state, '{\"titre\": \"Projet $DOSSIERS\"}'::jsonb,
       'PASS-OCCITANIE-BANC-' || lpad(i::text, 6, '0'),
       case when s.state = 'PROPOSED' then 'PROPOSE_ACCEPTANCE' end, case when s.state = 'PROPOSED' then $ACCOUNT end,
       now() - (i * interval '6 minutes'), now() - (i * interval '3 minutes'),
       case when s.state in ('ACCEPTED', 'REFUSED', 'CLOSED') then now() end, 1
from generate_series(1, $DOSSIERS) i
cross join lateral (select (array['SUBMITTED', 'UNDER_INSTRUCTION', 'CORRECTIONS_REQUESTED', 'PROPOSED', 'ACCEPTED',
                                  'REFUSED', 'CLOSED'])[1 + (i * 7919) % 7] as state) s;
analyze calls.dossier;" >/dev/null
echo "call $PROGRAMME: $("${PSQL[@]}" -c "select count(*) from calls.dossier where programme_id = $PROGRAMME and state <> 'DRAFT'") submitted dossiers" | tee "$OUT/summary.txt"

# sign in as the instructor: the sign-in form's token, then the session's cookie
JAR_COOKIES="$OUT/cookies.txt"
CSRF=$(curl -fsS -c "$JAR_COOKIES" "$BASE/connexion" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fsS -b "$JAR_COOKIES" -c "$JAR_COOKIES" -o /dev/null --data-urlencode "email=$EMAIL" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$CSRF" "$BASE/connexion"
SESSION=$(awk '$6 == "ESSOR_SESSION" {print $7}' "$JAR_COOKIES")
[ -n "$SESSION" ] || { echo "sign-in failed"; exit 1; }
COOKIE="ESSOR_SESSION=$SESSION"
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/instruction/appels/$PROGRAMME")" = 200

run() {
    echo "== $*, $CONNECTIONS connections, ${SECONDS_EACH} s" | tee -a "$OUT/summary.txt"
    env COOKIE="$COOKIE" PROGRAMME="$PROGRAMME" "$@" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency \
        -s "$ROOT/bench/instruction.lua" "$BASE" | grep -E "Requests/sec|  50%|  90%|  99%|Non-2xx|Socket errors" \
        | tee -a "$OUT/summary.txt"
}
# warm up: the templates' expressions are compiled by their first renderings, and the JIT compiles the
# request path; on two cores that takes about half a minute of load (10 s at 4 connections measured a
# server still compiling: p99 40 % higher)
COOKIE="$COOKIE" PROGRAMME="$PROGRAMME" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-30}s" -s "$ROOT/bench/instruction.lua" "$BASE" >/dev/null
run KIND=list
run REPEAT=1
# for comparison, the lightest signed-in page (the calls the person works on): the cost of a signed-in
# request itself (session read from the database, security, layout)
echo "== /instruction (signed-in page of one link), $CONNECTIONS connections, ${SECONDS_EACH} s" | tee -a "$OUT/summary.txt"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "Cookie: $COOKIE" "$BASE/instruction" \
    | grep -E "Requests/sec|  50%|  90%|  99%|Non-2xx" | tee -a "$OUT/summary.txt"
echo "results in $OUT"
