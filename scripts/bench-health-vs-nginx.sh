#!/usr/bin/env bash
# /api/v1/health of the release build against nginx serving a static file of the same size,
# on loopback, side by side: wrk runs alternate between the two (nginx, pairwise, nginx, ...),
# so that the machine's other load falls on both alike. Prints each run, the medians and the
# ratios against the goal (issue 17: >= 0.8x nginx's requests/s, p99 within 1.5x nginx's), with
# the machine's load average before each run and at the end (other load skews both alike, but a
# figure taken at load 15 on 2 cores says less than one taken on an idle machine).
# Each run also prints the server's CPU time per request (utime+stime of pairwise's process, of
# nginx's master and workers, from /proc, around the run): unlike requests/s it hardly depends on
# what else the machine runs, and the ratio of the two predicts the requests/s ratio of a quiet
# machine (wrk shares the cores with the server). At the end pairwise is stopped and its access
# log lines are counted against the requests it answered (every request is logged).
# Usage: scripts/bench-health-vs-nginx.sh [PAIRWISE_BINARY]
# Environment: BENCH_RUNS (3), BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# BENCH_PAIRWISE_PORT and BENCH_NGINX_PORT (random ones from 20000-39999 when unset).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/src/cli/pairwise}
runs=${BENCH_RUNS:-3}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "health vs nginx: nginx is not installed (scripts/install-deps.sh installs nginx-light)"; exit 1; }
command -v wrk >/dev/null || { echo "health vs nginx: wrk is not installed"; exit 1; }

workdir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
free_port() { echo $((20000 + RANDOM % 20000)); }

# Pairwise: the release build on an empty SQLite database, its access log on (to a file).
pw_port=${BENCH_PAIRWISE_PORT:-$(free_port)}
"$binary" --database "sqlite:$workdir/bench.db" serve --listen "127.0.0.1:$pw_port" \
  2>"$workdir/pairwise.log" &
pw_pid=$!
pids+=($pw_pid)
pw_url="http://127.0.0.1:$pw_port/api/v1/health"
for _ in $(seq 1 100); do curl -sf "$pw_url" >/dev/null && break; sleep 0.1; done
curl -sf "$pw_url" >/dev/null || { echo "health vs nginx: pairwise did not start"; cat "$workdir/pairwise.log"; exit 1; }

# nginx: one worker per core (as pairwise has one I/O thread per core), its access log on (to a
# file), serving a file with the health check's body.
mkdir -p "$workdir/www"
curl -sf "$pw_url" >"$workdir/www/health.json"
ng_port=${BENCH_NGINX_PORT:-$(free_port)}
while [ "$ng_port" = "$pw_port" ]; do ng_port=$(free_port); done
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$workdir/nginx.conf" <<CONF
$user_line
worker_processes auto;
daemon off;
pid $workdir/nginx.pid;
error_log $workdir/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log $workdir/nginx-access.log;
  client_body_temp_path $workdir/tmp-body;
  proxy_temp_path $workdir/tmp-proxy;
  fastcgi_temp_path $workdir/tmp-fastcgi;
  uwsgi_temp_path $workdir/tmp-uwsgi;
  scgi_temp_path $workdir/tmp-scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$ng_port;
    root $workdir/www;
    default_type application/json;
  }
}
CONF
"$nginx_bin" -c "$workdir/nginx.conf" -p "$workdir" 2>>"$workdir/nginx-error.log" &
ng_pid=$!
pids+=($ng_pid)
ng_url="http://127.0.0.1:$ng_port/health.json"
for _ in $(seq 1 100); do curl -sf "$ng_url" >/dev/null && break; sleep 0.1; done
curl -sf "$ng_url" >/dev/null || { echo "health vs nginx: nginx did not start"; cat "$workdir/nginx-error.log"; exit 1; }

to_ms() {
  awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)}
        else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$1"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() {  # PID... -> their utime+stime summed, in clock ticks (a process's counts all its threads)
  local total=0 pid fields
  for pid in "$@"; do
    # The fields after "PID (COMM) ": state is [0], utime (field 14) [11], stime (15) [12].
    read -r -a fields < <(sed 's/^.*) //' "/proc/$pid/stat")
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}
nginx_pids() { echo "$ng_pid" $(ps -o pid= --ppid "$ng_pid"); }
measure() {  # URL PID... -> "requests/s p99_ms errors requests cpu_us_per_request"
  local url=$1
  shift
  local result before after
  before=$(cpu_ticks "$@")
  result=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url")
  after=$(cpu_ticks "$@")
  local rate p99 errors requests
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$result")")
  errors=$(awk '/Non-2xx|Socket errors/ {n++} END {print n+0}' <<<"$result")
  requests=$(awk '/requests in/ {print $1}' <<<"$result")
  echo "$rate $p99 $errors $requests" \
    "$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" \
         'BEGIN {printf "%.2f", (n > 0) ? t / hz * 1e6 / n : 0}')"
}

wrk -t1 -c16 -d2s "$ng_url" >/dev/null  # warm-up
wrk -t1 -c16 -d2s "$pw_url" >/dev/null
echo "wrk -t$threads -c$connections -d${seconds}s, $runs interleaved runs each, on $(nproc) cores," \
  "load average $(loadavg)"
ng_rates=(); ng_p99s=(); ng_cpus=(); pw_rates=(); pw_p99s=(); pw_cpus=()
pw_requests=0
for run in $(seq 1 "$runs"); do
  load=$(loadavg)
  read -r rate p99 errors requests cpu < <(measure "$ng_url" $(nginx_pids))
  printf '  run %d nginx static file: %8.0f requests/s, p99 %7.2f ms, %6.2f us CPU/request  (load %s)%s\n' \
    "$run" "$rate" "$p99" "$cpu" "$load" "$([ "$errors" = 0 ] || echo ", ERRORS")"
  ng_rates+=("$rate"); ng_p99s+=("$p99"); ng_cpus+=("$cpu")
  load=$(loadavg)
  read -r rate p99 errors requests cpu < <(measure "$pw_url" "$pw_pid")
  printf '  run %d pairwise health:   %8.0f requests/s, p99 %7.2f ms, %6.2f us CPU/request  (load %s)%s\n' \
    "$run" "$rate" "$p99" "$cpu" "$load" "$([ "$errors" = 0 ] || echo ", ERRORS")"
  pw_rates+=("$rate"); pw_p99s+=("$p99"); pw_cpus+=("$cpu")
  pw_requests=$((pw_requests + requests))
done
ng_rate=$(median "${ng_rates[@]}"); ng_p99=$(median "${ng_p99s[@]}"); ng_cpu=$(median "${ng_cpus[@]}")
pw_rate=$(median "${pw_rates[@]}"); pw_p99=$(median "${pw_p99s[@]}"); pw_cpu=$(median "${pw_cpus[@]}")
awk -v nr="$ng_rate" -v np="$ng_p99" -v nc="$ng_cpu" -v pr="$pw_rate" -v pp="$pw_p99" -v pc="$pw_cpu" 'BEGIN {
  printf "nginx static file: median %.0f requests/s, p99 %.2f ms, %.2f us CPU/request\n", nr, np, nc
  printf "pairwise health:   median %.0f requests/s, p99 %.2f ms, %.2f us CPU/request\n", pr, pp, pc
  rr = pr / nr; pr99 = (np > 0) ? pp / np : 0
  printf "health vs nginx: %.2fx the requests/s (goal >= 0.80x: %s), p99 %.2fx (goal <= 1.50x: %s)\n",
    rr, (rr >= 0.8) ? "met" : "NOT met", pr99, (pr99 <= 1.5) ? "met" : "NOT met"
  if (pc > 0) printf "health vs nginx: %.2fx the requests per CPU second (nginx %.2f us / pairwise %.2f us per request)\n", nc / pc, nc, pc }'
echo "load average at the end: $(loadavg)"
# Stopped (SIGTERM: a graceful stop writes out what the access log holds) before its lines are
# counted: each request of the runs is one line (the warm-ups and start-up checks add theirs).
kill -TERM "$pw_pid" && wait "$pw_pid" || true
echo "access log lines: pairwise $(grep -c ' GET /api/v1/health ' "$workdir/pairwise.log" || true)" \
  "(requests answered in the runs: $pw_requests), nginx $(wc -l <"$workdir/nginx-access.log")"
