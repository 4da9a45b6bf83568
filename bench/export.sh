#!/usr/bin/env bash
# Exports of a call's dossiers (issue 13): one call with 10,000 submitted dossiers whose answers fill the
# Pass Occitanie form (texts, amounts, a budget of 2 to 6 lines, two joined documents); the server runs
# with a heap of 512 MB; an instructor downloads the XLSX, the CSV and the documents' ZIP one after the
# other. Starts the built jar on a fresh embedded database (demo data, rate limits off), stops it by its
# PID. Target: the XLSX in <= 30 s within 512 MB of heap. The GC log is kept beside the results.
# Usage: bench/export.sh [dossiers, default 10000]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${JAR:-$ROOT/target/essor.jar}"
DOSSIERS="${1:-10000}"
PORT=8092
DB_PORT=54332
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-export"
mkdir -p "$OUT" "$ROOT/bench/data"
export PGPASSWORD=postgres
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -d postgres -X -A -t -q -v ON_ERROR_STOP=1)
EMAIL=bench.export@example.org
PASSWORD="une phrase de banc d'essai assez longue"

"$JAVA_HOME/bin/java" -Xmx512m -Xlog:gc:file="$OUT/gc.log" ${JAVA_OPTS:-} -jar "$JAR" --essor.limits.enabled=false \
    --essor.embedded-db.data-dir="$ROOT/bench/data/pg-export" --essor.embedded-db.fresh=true \
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

unzip -o -q -j "$JAR" 'BOOT-INF/lib/spring-security-crypto-*.jar' 'BOOT-INF/lib/commons-logging-*.jar' -d "$OUT/lib"
HASH=$("$JAVA_HOME/bin/java" -cp "$OUT/lib/*" "$ROOT/bench/BenchPassword.java" "$PASSWORD")
for _ in $(seq 1 60); do
    PROGRAMME=$("${PSQL[@]}" -c "select id from calls.programme where slug = 'pass-occitanie'" 2>/dev/null || true)
    [ -n "$PROGRAMME" ] && break
    sleep 1
done
ACCOUNT=$("${PSQL[@]}" -c "insert into identity.account (email, password_hash, display_name, email_verified_at, created_at)
    values ('$EMAIL', '$HASH', 'Banc d''essai', now(), now()) returning id")
"${PSQL[@]}" -c "insert into calls.staff (programme_id, account_id, role, granted_by) values ($PROGRAMME, $ACCOUNT, 'INSTRUCTOR', $ACCOUNT)" >/dev/null
# two documents of 40 kB each, joined to every dossier (the ZIP reads them from the database each time)
DOCS=$("${PSQL[@]}" -c "
insert into calls.document (owner_id, label, filename, media_type, size_bytes, sha256, content)
select $ACCOUNT, l, l || '.pdf', 'application/pdf', 40000, md5(l), convert_to(repeat('%PDF-1.7 banc ', 2858), 'UTF8')
from unnest(array['statuts', 'comptes']) l returning id" | paste -sd' ')
set -- $DOCS
"${PSQL[@]}" -c "
insert into calls.dossier (programme_id, form_version, applicant_id, state, answers, reference,
                           submitted_at, updated_at, revision)
select $PROGRAMME, 1, 1000000 + i, 'SUBMITTED',
       jsonb_build_object(
           'siret', lpad((i * 7919)::text, 14, '3'), 'commune', '34172', 'statut', 'Coopérative',
           'salaries', (i % 40)::text, 'titre', 'Projet n° ' || i || ' : une ressourcerie de quartier',
           'resume', repeat('Réemploi, réparation et ateliers ouverts aux habitants du quartier. ', 6 + i % 10),
           'debut', '2027-0' || (1 + i % 9) || '-01', 'montant', ((i % 50) * 1000 + 500)::text || '.00',
           'budget', (select jsonb_agg(jsonb_build_object('poste', 'Poste ' || l || ' du projet ' || i,
                                                          'cout', (l * 1250 + i % 100)::text || '.50'))
                      from generate_series(1, 2 + i % 5) l),
           'autresFinancements', 'false', 'courriel', 'contact' || i || '@example.org',
           'iban', 'FR7630006000011234567890189', 'statuts', '$1', 'comptes', '$2'),
       'PASS-OCCITANIE-BANC-' || lpad(i::text, 6, '0'),
       now() - (i * interval '6 minutes'), now() - (i * interval '3 minutes'), 1
from generate_series(1, $DOSSIERS) i;
analyze calls.dossier;" >/dev/null
echo "call $PROGRAMME: $("${PSQL[@]}" -c "select count(*) from calls.dossier where programme_id = $PROGRAMME and state <> 'DRAFT'") submitted dossiers, answers $("${PSQL[@]}" -c "select pg_size_pretty(sum(pg_column_size(answers))) from calls.dossier where programme_id = $PROGRAMME")" | tee "$OUT/summary.txt"

JAR_COOKIES="$OUT/cookies.txt"
CSRF=$(curl -fsS -c "$JAR_COOKIES" "$BASE/connexion" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fsS -b "$JAR_COOKIES" -c "$JAR_COOKIES" -o /dev/null --data-urlencode "email=$EMAIL" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$CSRF" "$BASE/connexion"
SESSION=$(awk '$6 == "ESSOR_SESSION" {print $7}' "$JAR_COOKIES")
[ -n "$SESSION" ] || { echo "sign-in failed"; exit 1; }

for file in dossiers.xlsx dossiers.csv pieces.zip dossiers.xlsx; do
    curl -fsS -H "Cookie: ESSOR_SESSION=$SESSION" -o "$OUT/$file" \
        -w "$file: HTTP %{http_code}, %{size_download} bytes, first byte after %{time_starttransfer} s, whole in %{time_total} s\n" \
        "$BASE/instruction/appels/$PROGRAMME/$file" | tee -a "$OUT/summary.txt"
done
unzip -l "$OUT/pieces.zip" | tail -1 | sed 's/^/pieces.zip: /' | tee -a "$OUT/summary.txt"
# the heap after each collection while exporting: the largest says what the exports kept alive
grep -o 'Pause[^)]*)[^-]*-> *[0-9]*M([0-9]*M)' "$OUT/gc.log" | sed 's/.*-> *//' | sort -n | tail -1 \
    | sed 's/^/largest heap after a collection (of a 512 MB maximum): /' | tee -a "$OUT/summary.txt"
grep -c 'OutOfMemoryError' "$OUT/app.log" | sed 's/^/OutOfMemoryError in the log: /' | tee -a "$OUT/summary.txt"
echo "results in $OUT"
