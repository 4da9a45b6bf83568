#!/usr/bin/env bash
# Observatory benchmark: generates SIRENE-format stock files at the given shares of the national scale
# (1.0 ≈ 30 million units, 44 million establishments), imports each with the application jar (time and
# peak memory of the importing process), and runs a plain DuckDB SQL doing the same join and aggregation
# on the same files for comparison. Files are written under BENCH_DIR (default target/observatory-bench,
# about 14 GB at scale 1) and deleted after each scale unless KEEP=1.
#
#   ./mvnw -q package -DskipTests && bench/observatory.sh 0.01 0.1 1
#   ZIP=1 bench/observatory.sh 1     # the files zipped, as INSEE publishes them (no plain DuckDB run then)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BENCH_DIR=${BENCH_DIR:-target/observatory-bench}
JAR=target/essor.jar
mkdir -p "$BENCH_DIR"
DB="--essor.embedded-db.data-dir=$BENCH_DIR/pg --essor.observatory.work-dir=$BENCH_DIR/work --essor.observatory.demo.enabled=false"
unzip -p "$JAR" 'BOOT-INF/lib/duckdb_jdbc-*.jar' > "$BENCH_DIR/duckdb_jdbc.jar"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $("$JAVA" -version 2>&1 | head -1)"
for scale in "${@:-0.01}"; do
  files="$BENCH_DIR/files-$scale"
  rm -rf "$files"
  start=$(date +%s.%N)
  "$JAVA" -jar "$JAR" observatory generate --scale "$scale" --seed 42 --out "$files" ${ZIP:+--zip} $DB | tail -3
  echo "scale $scale: generated in $(echo "$(date +%s.%N) - $start" | bc) s, $(du -sh "$files" | cut -f1)"
  ext=csv; [ -n "${ZIP:-}" ] && ext=zip
  units="$files/StockUniteLegale_utf8.$ext"
  establishments="$files/StockEtablissement_utf8.$ext"
  /usr/bin/time -f "import: %e s elapsed, peak RSS of the importing process %M KB" \
    "$JAVA" -Xmx1g -jar "$JAR" observatory import --vintage 2026-11 --demo --units "$units" --establishments "$establishments" $DB \
    2>&1 | grep -v '^ *[0-9]* %' | tail -25
  [ -n "${ZIP:-}" ] || /usr/bin/time -f "plain DuckDB: %e s elapsed, peak RSS %M KB" \
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_DIR/duckdb_jdbc.jar" bench/PlainDuckDb.java "$units" "$establishments" 2GB 2>&1
  [ "${KEEP:-0}" = 1 ] || rm -rf "$files"
done
