#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the storage contract tests.
#
#   scripts/pg-test.sh start   # (re)creates the cluster; the last stdout line is its URL
#   scripts/pg-test.sh stop    # stops it and removes its data directory
#
# Installs nothing: it needs the postgresql-15 package (scripts/install-deps.sh installs it).
# The server listens on 127.0.0.1 only (port 55432 unless PAIRWISE_PG_PORT says otherwise),
# keeps its unix socket inside its data directory, trusts loopback connections, and has
# durability switched off: it holds nothing worth keeping. Progress goes to stderr so that
# `URL=$(scripts/pg-test.sh start | tail -n 1)` works.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
port=${PAIRWISE_PG_PORT:-55432}
data=${PAIRWISE_PG_DATA:-/tmp/pairwise-test-pg}
database=pairwise_test
url="postgresql://postgres@127.0.0.1:${port}/${database}"

log() { echo "pg-test: $*" >&2; }

# The server refuses to run as root: run its tools as the postgres user then.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop() {
  if [ -f "$data/postmaster.pid" ]; then
    log "stopping the server in $data"
    as_postgres "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2 ||
      as_postgres "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >&2 || true
  fi
  rm -rf "$data"
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    log "$bin/initdb not found: install postgresql-15 (scripts/install-deps.sh)"
    exit 1
  fi
  stop
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
    log "another server already listens on 127.0.0.1:$port; stop it or set PAIRWISE_PG_PORT"
    exit 1
  fi
  mkdir -p "$data"
  chmod 700 "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data"; fi
  log "initdb in $data"
  as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$data.initdb.log" 2>&1 || {
    cat "$data.initdb.log" >&2
    exit 1
  }
  rm -f "$data.initdb.log"
  as_postgres tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# Throwaway test cluster: trust, loopback only.
local all all                trust
host  all all 127.0.0.1/32   trust
EOF
  as_postgres tee -a "$data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
  log "starting on 127.0.0.1:$port"
  as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >&2 || {
    cat "$data/server.log" >&2
    exit 1
  }
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  echo "$url"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
