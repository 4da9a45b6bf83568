#!/usr/bin/env bash
# Two builds compared under the same load at the same moments (bench/README.md « Comparing two builds »).
# Starts build A on bench/data/pg (its embedded PostgreSQL, port 8089) and build B on the same database
# (port 8088), warms both with the mix, then runs ROUNDS rounds in which wrk loads both at once, 32
# connections each, for SECONDS: the machine's speed, which drifts by a factor of two within minutes here,
# is then the same for both. Prints per round the requests per second, the p99 and the application's CPU
# time per request (/proc), and the ratios B/A. The instance that embeds the database measured a few per cent
# slower in CPU per request than the other with the same jar: run A/B then B/A and take the geometric mean.
# Usage: bench/pair.sh JAR_A JAR_B [rounds, default 10] [seconds, default 8]   (env P: the path, default the
# API; JAVA_OPTS: options for both JVMs)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
A=$1
B=$2
ROUNDS=${3:-10}
SECONDS_EACH=${4:-8}
P=${P:-/api/v1/events}
OUT="$ROOT/bench/out/pair-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

wait_up() {
    for _ in $(seq 1 300); do
        if curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
        sleep 1
    done
    echo "no answer on $1"; exit 1
}
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
"$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} -jar "$A" --essor.embedded-db.data-dir="$ROOT/bench/data/pg" \
    --essor.embedded-db.port=54329 --server.port=8089 >"$OUT/a.log" 2>&1 &
PA=$!
trap 'kill $PA 2>/dev/null || true; wait $PA 2>/dev/null || true' EXIT
wait_up 8089
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} -jar "$B" --spring.datasource.url=jdbc:postgresql://localhost:54329/postgres \
    --spring.datasource.username=postgres --spring.datasource.password=postgres --server.port=8088 >"$OUT/b.log" 2>&1 &
PB=$!
trap 'kill $PB 2>/dev/null || true; wait $PB 2>/dev/null || true; kill $PA 2>/dev/null || true; wait $PA 2>/dev/null || true' EXIT
wait_up 8088
for port in 8089 8088; do
    PATH_UNDER_TEST=$P wrk -t2 -c16 -d40s -s bench/search-mix.lua "http://127.0.0.1:$port" >"$OUT/warm-$port.txt"
done

cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
for r in $(seq 1 "$ROUNDS"); do
    a0=$(cpu $PA)
    b0=$(cpu $PB)
    PATH_UNDER_TEST=$P wrk -t1 -c32 -d"${SECONDS_EACH}s" --latency -s bench/search-mix.lua http://127.0.0.1:8089 >"$OUT/A-$r.txt" &
    W1=$!
    PATH_UNDER_TEST=$P wrk -t1 -c32 -d"${SECONDS_EACH}s" --latency -s bench/search-mix.lua http://127.0.0.1:8088 >"$OUT/B-$r.txt" &
    W2=$!
    wait $W1 $W2
    a1=$(cpu $PA)
    b1=$(cpu $PB)
    for v in A B; do
        if [ $v = A ]; then ticks=$((a1 - a0)); else ticks=$((b1 - b0)); fi
        req=$(awk '/requests in/ {print $1}' "$OUT/$v-$r.txt")
        p99=$(awk '$1 == "99%" {print $2}' "$OUT/$v-$r.txt")
        rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$v-$r.txt")
        # clock ticks of 10 ms: µs per request
        echo "$r $v $rps $p99 $(awk -v t="$ticks" -v n="$req" 'BEGIN {printf "%.1f", t * 10000 / n}')"
    done
done | tee "$OUT/rounds.txt"

python3 - "$OUT/rounds.txt" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def ms(v):
    if v.endswith("us"): return float(v[:-2]) / 1000
    if v.endswith("ms"): return float(v[:-2])
    return float(v[:-1]) * 1000
a = [r for r in rows if r[1] == "A"]
b = [r for r in rows if r[1] == "B"]
for name, rs in (("A", a), ("B", b)):
    print("%s: %.0f req/s, p99 %.1f ms, %.0f µs of CPU per request (medians of the rounds)" % (
        name, statistics.median(float(r[2]) for r in rs), statistics.median(ms(r[3]) for r in rs),
        statistics.median(float(r[4]) for r in rs)))
print("B/A, CPU per request: median %.2f (%s)" % (
    statistics.median(float(y[4]) / float(x[4]) for x, y in zip(a, b)),
    " ".join("%.2f" % (float(y[4]) / float(x[4])) for x, y in zip(a, b))))
print("B/A, p99: median %.2f" % statistics.median(ms(y[3]) / ms(x[3]) for x, y in zip(a, b)))
EOF
echo "outputs in $OUT"
