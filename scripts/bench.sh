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
if [ -x build/release/bench/demo/demo_bench ]; then
  echo "==> demo organization load (target: 100,000 people in < 60 s on SQLite)"
  build/release/bench/demo/demo_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
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
  build/release/bench/matching_run/matching_run_bench || true
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

echo "==> cluster soak: two servers on one PostgreSQL behind haproxy, wrk for 60 s, then kill -9 of one"
/usr/bin/python3 bench/cluster/soak.py build/release/src/cli/pairwise || true

echo "==> HTTP: wrk on /api/v1/health (target: >= 30,000 requests/s, p99 < 5 ms on 2 cores)"
workdir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
build/release/src/cli/pairwise --database "sqlite:$workdir/bench.db" serve \
  --listen "127.0.0.1:$port" 2>"$workdir/access.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$workdir"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
wrk -t1 -c16 -d3s "http://127.0.0.1:$port/api/v1/health" >/dev/null  # warm-up
rates=(); p99s=()
for run in 1 2 3; do
  result=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port/api/v1/health")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  p99=$(awk '$1=="99%" {print $2}' <<<"$result")
  echo "run $run: $rate requests/s, p99 $p99"
  rates+=("$rate"); p99s+=("$p99")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$1"; }
p99_ms=()
for p in "${p99s[@]}"; do p99_ms+=("$(to_ms "$p")"); done
rate=$(median "${rates[@]}"); p99=$(median "${p99_ms[@]}")
awk -v r="$rate" -v p="$p99" 'BEGIN {
  printf "health: median %.0f requests/s (%.2fx the 30,000 target), median p99 %.2f ms (target < 5 ms)\n", r, r/30000, p }'
echo "access log lines written: $(wc -l <"$workdir/access.log")"
