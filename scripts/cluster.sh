#!/usr/bin/env bash
# `make cluster`: Pairwise as several servers on one PostgreSQL, on loopback.
#
#   PostgreSQL 15      127.0.0.1:$CLUSTER_PG_PORT (55450), a throwaway cluster (scripts/pg-test.sh)
#   an SMTP sink       127.0.0.1:$CLUSTER_SMTP_PORT (18025), mail kept in $CLUSTER_DIR/mail
#   pairwise serve #1  127.0.0.1:$((CLUSTER_PORT + 1))
#   pairwise serve #2  127.0.0.1:$((CLUSTER_PORT + 2))
#   haproxy            127.0.0.1:$CLUSTER_PORT (18080): round robin over both, health-checked
#
# Both servers share the database (sessions, jobs and mail live there) and one notes key. The
# database gets the demo organization ($DEMO_PEOPLE people, default 2000) on first start; the
# demo logins are printed. Ctrl-C (or SIGTERM) stops everything and removes the temporary
# folder. When ready, $CLUSTER_DIR/cluster.env holds the ports, process ids and URLs (the soak
# in bench/cluster reads it). PAIRWISE_BINARY picks the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${PAIRWISE_BINARY:-./build/release/src/cli/pairwise}
port=${CLUSTER_PORT:-18080}
pg_port=${CLUSTER_PG_PORT:-55450}
smtp_port=${CLUSTER_SMTP_PORT:-18025}
people=${DEMO_PEOPLE:-2000}
dir=${CLUSTER_DIR:-$(mktemp -d /tmp/pairwise-cluster.XXXXXX)}
mkdir -p "$dir/mail"
chmod 755 "$dir"  # PostgreSQL runs as its own user and keeps its data below
binary=$(realpath "$binary")
[ -x "$binary" ] || { echo "cluster: $binary not built (make build-release)" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "cluster: haproxy missing (make deps)" >&2; exit 1; }

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "cluster: stopping" >&2
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  PAIRWISE_PG_PORT=$pg_port PAIRWISE_PG_DATA="$dir/pg" scripts/pg-test.sh stop >/dev/null 2>&1 || true
  [ -n "${CLUSTER_KEEP_DIR:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url=$(PAIRWISE_PG_PORT=$pg_port PAIRWISE_PG_DATA="$dir/pg" scripts/pg-test.sh start | tail -n 1)
export PAIRWISE_NOTES_KEY
PAIRWISE_NOTES_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export PAIRWISE_BASE_URL="http://127.0.0.1:$port"

/usr/bin/python3 tests/mail/smtp_sink.py --port "$smtp_port" --dir "$dir/mail" &
pids+=($!)

"$binary" --log-level warn --database "$url" migrate >/dev/null

# The first server loads the demo organization with its program (`serve --demo-if-empty`), the
# second starts once it answers.
for n in 1 2; do
  demo=()
  [ "$n" = 1 ] && demo=(--demo-if-empty --demo-people "$people")
  "$binary" --log-level warn --database "$url" serve --listen "127.0.0.1:$((port + n))" \
    --max-idle-per-address 100000 --smtp "smtp://127.0.0.1:$smtp_port" "${demo[@]}" \
    2>"$dir/server$n.log" &
  pids+=($!)
  eval "server${n}_pid=$!"
  for _ in $(seq 1 6000); do
    curl -sf "http://127.0.0.1:$((port + n))/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
done
"$binary" --log-level warn --database "$url" account demo-logins >"$dir/demo-logins.txt"

# haproxy: round robin without stickiness (any server answers any session), health checks every
# half second, and a request whose server refused the connection is sent to the other one.
cat >"$dir/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 60s
  option redispatch
  retries 3
frontend pairwise
  bind 127.0.0.1:$port
  default_backend servers
backend servers
  balance roundrobin
  option httpchk GET /api/v1/health
  retry-on conn-failure empty-response
  server s1 127.0.0.1:$((port + 1)) check inter 500 fall 2 rise 2
  server s2 127.0.0.1:$((port + 2)) check inter 500 fall 2 rise 2
CFG
haproxy -W -db -f "$dir/haproxy.cfg" 2>"$dir/haproxy.log" &
pids+=($!)
haproxy_pid=$!

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done

cat >"$dir/cluster.env.tmp" <<ENV
CLUSTER_URL=http://127.0.0.1:$port
SERVER1_URL=http://127.0.0.1:$((port + 1))
SERVER2_URL=http://127.0.0.1:$((port + 2))
SERVER1_PID=$server1_pid
SERVER2_PID=$server2_pid
HAPROXY_PID=$haproxy_pid
DATABASE_URL=$url
MAIL_DIR=$dir/mail
DEMO_LOGINS=$dir/demo-logins.txt
ENV
mv "$dir/cluster.env.tmp" "$dir/cluster.env"

echo
echo "Pairwise cluster: http://127.0.0.1:$port (haproxy) -> servers on ports $((port + 1)) and $((port + 2))"
echo "PostgreSQL: $url   mail: $dir/mail"
cat "$dir/demo-logins.txt"
echo "Ctrl-C stops everything."
# Wait for Ctrl-C; a server that dies is left dead (the other one keeps serving), as in production.
while true; do sleep 1; done
