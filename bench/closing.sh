#!/usr/bin/env bash
# The last minute before a call closes (issue 13), over HTTP: APPLICANTS project leaders, each with a draft
# on a call that closes CLOSE_IN seconds after they are ready, sign in, open their draft, and submit it at
# an instant drawn between 50 s before the closing instant and 10 s after it (bench/ClosingRush.java). The
# database then says which dossiers were submitted and when. Expected: every submission the server handled
# before the instant accepted, none after; the summary counts them, and the requests that left before the
# instant but reached the server after it. Starts the built jar on a fresh embedded database (rate limits
# off), stops it by its PID.
# Usage: bench/closing.sh [applicants, default 500]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
APPLICANTS="${1:-500}"
PORT=8093
DB_PORT=54333
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-closing"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -A -t -q -v ON_ERROR_STOP=1)
PASSWORD="une phrase de banc d'essai assez longue"

"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$JAR" --essor.limits.enabled=false \
    --essor.embedded-db.data-dir="$ROOT/bench/data/pg-closing" --essor.embedded-db.fresh=true \
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

# the demonstration's calls are written just after the server answers: wait for them, or this script's call
# would be the first and the demonstration would not load
for _ in $(seq 1 60); do
    [ -n "$("${PSQL[@]}" -c "select id from calls.programme where slug = 'pass-occitanie'" 2>/dev/null || true)" ] && break
    sleep 1
done

# accounts with a cheap hash (the sign-in's cost is not what is measured), a call for project leaders, drafts
unzip -o -q -j "$JAR" 'BOOT-INF/lib/spring-security-crypto-*.jar' 'BOOT-INF/lib/commons-logging-*.jar' -d "$OUT/lib"
HASH=$("$JAVA_HOME/bin/java" -cp "$OUT/lib/*" "$ROOT/bench/BenchPassword.java" "$PASSWORD" 4)
"${PSQL[@]}" -c "
insert into identity.account (email, password_hash, display_name, email_verified_at, created_at)
select 'rush' || i || '@example.org', '$HASH', 'Porteur ' || i, now(), now() from generate_series(1, $APPLICANTS) i;
insert into calls.programme (slug, name, kind, owner, summary, description, who_can_apply, opens_at, closes_at,
                             documents, retention_months, four_eyes, demo)
values ('derniere-minute', 'Dernière minute', 'INCUBATOR', 'Banc d''essai', 'Un appel qui ferme.', '', '',
        now() - interval '1 day', now() + interval '1 day', '{}', 12, false, false);
insert into calls.form_version (programme_id, version, definition)
select id, 1, '{\"sections\": [{\"title\": \"Projet\", \"fields\": [{\"key\": \"titre\", \"label\": \"Titre\", \"type\": \"text\", \"required\": true}]}]}'::jsonb
from calls.programme where slug = 'derniere-minute';
insert into calls.dossier (programme_id, form_version, applicant_id, state, answers)
select p.id, 1, a.id, 'DRAFT', jsonb_build_object('titre', 'Projet ' || a.id)
from identity.account a, calls.programme p where a.email like 'rush%@example.org' and p.slug = 'derniere-minute';"
"${PSQL[@]}" -F ' ' -c "select a.email, d.id from calls.dossier d join identity.account a on a.id = d.applicant_id
    where a.email like 'rush%@example.org'" > "$OUT/accounts.txt"

# the closing instant: 90 s from now, to the minute's second, written where the server reads it
CLOSES_MS=$(( ( $(date +%s) + 90 ) * 1000 ))
"${PSQL[@]}" -c "update calls.programme set closes_at = to_timestamp($CLOSES_MS / 1000.0) where slug = 'derniere-minute'"
echo "closing at $(date -u -d @$((CLOSES_MS / 1000)) +%H:%M:%S) UTC; $APPLICANTS applicants" | tee "$OUT/summary.txt"
"$JAVA_HOME/bin/java" "$ROOT/bench/ClosingRush.java" "$BASE" "$CLOSES_MS" "$OUT/accounts.txt" "$PASSWORD" 50000 10000 \
    > "$OUT/client.csv" 2> "$OUT/client.err" || true
"${PSQL[@]}" -F ',' -c "select d.id, d.state, coalesce((extract(epoch from d.submitted_at) * 1000)::bigint, 0)
    from calls.dossier d join calls.programme p on p.id = d.programme_id where p.slug = 'derniere-minute' order by d.id" > "$OUT/server.csv"

# join on the dossier: what the client sent when, what the server recorded
awk -F, -v closes="$CLOSES_MS" '
    NR == FNR { state[$1] = $2; at[$1] = $3; next }
    FNR == 1 { next }
    {
        d = $1; sent = $2; lat = $4; total++
        if (sent < closes) { before++ } else { after++ }
        if (state[d] == "SUBMITTED") {
            if (at[d] < closes) { accepted_before++ } else { accepted_after++ }
            if (sent >= closes) { late_accepted++ }
        } else {
            if (sent < closes) { sent_before_refused++ } else { refused_after++ }
        }
        if (lat > max) { max = lat }
    }
    END {
        printf "answered requests: %d (sent before the instant: %d, after: %d)\n", total, before, after
        printf "accepted, recorded before the instant: %d; recorded at or after it: %d\n", accepted_before, accepted_after
        printf "sent after the instant and accepted: %d\n", late_accepted
        printf "refused, sent after the instant: %d; sent before it but handled after it: %d\n", refused_after, sent_before_refused
        printf "slowest submission: %d ms\n", max
    }' "$OUT/server.csv" "$OUT/client.csv" | tee -a "$OUT/summary.txt"
wc -l < "$OUT/client.err" | sed 's/^/applicants who failed before submitting: /' | tee -a "$OUT/summary.txt"
echo "results in $OUT"
