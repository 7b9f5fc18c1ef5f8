#!/usr/bin/env bash
# Every test Pairwise has: formatting, unit tests, the storage contract suite on SQLite and on a
# real PostgreSQL 15 (started here on loopback and stopped afterwards, pass or fail), HTTP tests,
# unit tests again under AddressSanitizer + UBSan, and browser tests against a served build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

# A compiler cache, when the machine has one, makes a second run (or a second clone) build only
# what changed; paths are taken relative to the checkout so clones in other folders share it.
if command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi

step "clang-format check"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

step "web: ESLint and Vitest unit tests"
(cd web && npm run lint --silent && npm test --silent)

step "build (debug)"
cmake --preset debug >/dev/null
cmake --build --preset debug -j"$jobs"

step "start PostgreSQL 15 on loopback"
server_pid=""
sink_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null || true
  scripts/pg-test.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
PAIRWISE_TEST_POSTGRES_URL=$(scripts/pg-test.sh start | tail -n 1)
export PAIRWISE_TEST_POSTGRES_URL PAIRWISE_REQUIRE_POSTGRES=1
echo "PostgreSQL at $PAIRWISE_TEST_POSTGRES_URL"

step "unit, storage contract (SQLite + PostgreSQL), HTTP and kill -9 tests"
ctest --preset debug -j"$jobs" --timeout 300

step "fuzz targets, 20 s each (clang, libFuzzer + ASan + UBSan)"
scripts/fuzz.sh 20

step "build and unit tests under ASan + UBSan"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan-ubsan -j"$jobs" --timeout 600

step "browser tests"
(cd web && npm run build --silent)
workdir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
# The server's mail goes to a real SMTP server on loopback (aiosmtpd), whose folder the
# relationship walk reads the meeting invites from (PAIRWISE_SMTP_SINK_DIR).
smtp_port=$((port + 1))
mkdir -p "$workdir/sink"
tests/mail/smtp_sink.py --port "$smtp_port" --dir "$workdir/sink" &
sink_pid=$!
for _ in $(seq 1 100); do [ -e "$workdir/sink/ready" ] && break; sleep 0.1; done
# The single sign-on test (tests/browser/sso.test.mjs) runs its own OpenID Connect provider with
# this certificate; the server trusts it and is told its own address (the redirect URI).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$workdir/oidc.key" \
  -out "$workdir/oidc.pem" >/dev/null 2>&1
PAIRWISE_SSO_CA_FILE="$workdir/oidc.pem" PAIRWISE_BASE_URL="http://127.0.0.1:$port" \
./build/debug/src/cli/pairwise --log-level warn --database "sqlite:$workdir/browser.db" \
  serve --listen "127.0.0.1:$port" --web-root web/dist --demo-if-empty --demo-people 2000 \
  --smtp "smtp://127.0.0.1:$smtp_port" &
server_pid=$!
# The first start writes the 2,000-person demo: on a busy 2-core machine that takes longer than
# the server's usual second, so wait up to two minutes and stop with a clear message after.
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 ||
  { echo "the browser tests' server did not answer within two minutes" >&2; exit 1; }
# The demo accounts (created with the demo organization) the browser tests sign in with.
./build/debug/src/cli/pairwise --log-level warn --database "sqlite:$workdir/browser.db" \
  account demo-logins >"$workdir/demo-logins.txt"
(cd tests/browser && PAIRWISE_BASE_URL="http://127.0.0.1:$port" \
  PAIRWISE_DEMO_LOGINS="$workdir/demo-logins.txt" PAIRWISE_SMTP_SINK_DIR="$workdir/sink" \
  PAIRWISE_SSO_PROVIDER_CERT="$workdir/oidc" \
  PAIRWISE_BINARY="$(cd ../.. && pwd)/build/debug/src/cli/pairwise" PAIRWISE_DATABASE="sqlite:$workdir/browser.db" \
  npm test --silent)
kill "$server_pid"; wait "$server_pid" || true; server_pid=""
kill "$sink_pid"; wait "$sink_pid" || true; sink_pid=""
rm -rf "$workdir"

step "all tests passed"
