#!/usr/bin/env bash
# The benchmarks behind the figures the issues name. Release build; medians over repetitions.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
out=build/release/bench
mkdir -p "$out"

if [ -x build/release/bench/matching/matching_bench ]; then
  echo "==> matching engine"
  build/release/bench/matching/matching_bench --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true ${MATCHING_BENCH_FILTER:+--benchmark_filter=$MATCHING_BENCH_FILTER}
fi
if [ -x build/release/bench/match_cli/match_cli_bench ]; then
  echo "==> pairwise match: a 100,000 mentees x 30 candidates instance file, end to end, against LEMON's NetworkSimplex on the same pairs (goals: <= 1.2x LEMON's time, peak memory <= 2x the engine's own)"
  build/release/bench/match_cli/match_cli_bench --pairwise build/release/src/cli/pairwise --dir "$out" || true
fi
if [ -x build/release/bench/demo/demo_bench ]; then
  echo "==> demo organization load (target: 100,000 people in < 60 s on SQLite)"
  build/release/bench/demo/demo_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
  echo "==> the whole 100,000-person demo on SQLite and PostgreSQL in turn, 3 times each (goal: PostgreSQL within 2x SQLite)"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/demo/demo_bench --full-load 3 | tee "$out/demo_full_load.txt" || true
  echo "demo load ratio (load $(cut -d' ' -f1-3 /proc/loadavg)): $(grep '^demo load, 100,000 people, median' "$out/demo_full_load.txt" | sed 's/^demo load, 100,000 people, //')"
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi
if [ -x build/release/bench/import/import_bench ]; then
  echo "==> directory import (target: 100,000 CSV rows in < 30 s on SQLite)"
  build/release/bench/import/import_bench --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true | tee "$out/import_bench.txt"
  awk '$1 ~ /^BM_ImportCreateSqlite.*_median/ {
         for (i = 1; i <= NF; i++) if ($i ~ /^vs_30s_target=/) { split($i, v, "="); r = v[2] }
         for (i = 1; i <= NF; i++) if ($i ~ /^seconds=/) { split($i, s, "="); t = s[2] }
         printf "import: median %s s for 100,000 rows (%s of the 30 s target)\n", t, r }' \
    "$out/import_bench.txt"
fi

if [ -x build/release/bench/matching_run/matching_run_bench ]; then
  echo "==> matching a program: run to stored proposal, demo program (100,000 people) on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/matching_run/matching_run_bench --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true | tee "$out/matching_run_bench.txt" || true
  # Google Benchmark prints counters with SI suffixes (0.35 as "350m", 5200 as "5.2k").
  awk -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
       function num(v) {
         if (v ~ /k$/) return substr(v, 1, length(v) - 1) * 1000
         if (v ~ /m$/) return substr(v, 1, length(v) - 1) / 1000
         if (v ~ /u$/) return substr(v, 1, length(v) - 1) / 1000000
         return v + 0
       }
       $1 ~ /^BM_RunToStoredProposal_.*_median/ {
         db = $1; sub(/^BM_RunToStoredProposal_/, "", db); sub(/\/.*/, "", db)
         delete c
         for (i = 1; i <= NF; i++) if (split($i, v, "=") == 2) c[v[1]] = num(v[2])
         printf "matching run on %s: median of 3 %.2f s, the engine %.2f s: %.2fx the engine (goal <= 1.3x); storing the proposal %.3f s (goal <= 0.5 s, %d pairs); loading inputs %.2f s, building the instance %.2f s, explaining %.2f s; load %s\n", db, c["seconds"], c["engine_s"], c["overhead"], c["store_s"], c["pairs"], c["load_s"], c["build_s"], c["explain_s"], load }' \
    "$out/matching_run_bench.txt"
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi

if [ -x build/release/bench/meetings/meetings_bench ]; then
  echo "==> mutual free slots for two people over 4 weeks, 100,000-person demo (target: p95 <= 20 ms) on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/meetings/meetings_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi

if [ -x build/release/bench/reports/reports_bench ]; then
  echo "==> reports: a 100,000-row XLSX export (target <= 10 s) and the outcome analysis over 100,000 people (target <= 2 s)"
  build/release/bench/reports/reports_bench || true
fi

if [ -x build/release/bench/relationships/relationships_bench ]; then
  echo "==> relationships through the API, 100,000-person demo (targets: page and My mentoring p95 <= 50 ms, free slots p95 <= 20 ms) on SQLite and PostgreSQL; loading that demo on PostgreSQL within 2x the SQLite time"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/relationships/relationships_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi

if [ -x build/release/bench/health/health_bench ]; then
  echo "==> relationship health: one tick over 20,000 relationships with a year of meetings (target: <= 5 s) and the board's first page (p95 <= 100 ms), 100,000-person demo, on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/health/health_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi
if [ -x build/release/bench/surveys/surveys_bench ]; then
  echo "==> survey results of 20,000 answers filtered by department (target: p95 <= 200 ms) on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/surveys/surveys_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi

if [ -x build/release/bench/dashboard/dashboard_bench ]; then
  echo "==> reports on the 100,000-person demo with 20,000 relationships and a survey of 20,000 answers: the program dashboard (target: p95 <= 500 ms) and the outcomes with their reads (target: <= 2 s), on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/dashboard/dashboard_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi
if [ -x build/release/bench/reports/exports_bench ]; then
  echo "==> people export of the 100,000-person demo as XLSX through the API (target <= 10 s) on SQLite and PostgreSQL"
  export PAIRWISE_PG_PORT=${PAIRWISE_BENCH_PG_PORT:-55490} PAIRWISE_PG_DATA=/tmp/pairwise-bench-pg
  PAIRWISE_BENCH_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1) || PAIRWISE_BENCH_POSTGRES_URL=
  export PAIRWISE_BENCH_POSTGRES_URL
  build/release/bench/reports/exports_bench || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
  unset PAIRWISE_PG_PORT PAIRWISE_PG_DATA PAIRWISE_BENCH_POSTGRES_URL
fi

echo "==> cluster soak: two servers on one PostgreSQL behind haproxy, wrk for 60 s, then kill -9 of one"
/usr/bin/python3 bench/cluster/soak.py build/release/src/cli/pairwise || true

echo "==> HTTP: /api/v1/health against nginx serving a static file, side by side (goal: >= 0.8x nginx's requests/s, p99 within 1.5x nginx's)"
scripts/bench-health-vs-nginx.sh build/release/src/cli/pairwise || true

echo "==> UI: what each page loads first, gzip (goal: <= 300 kB for every page)"
(cd web && npm run build --silent >/dev/null && npm run bundle-size --silent) || true
