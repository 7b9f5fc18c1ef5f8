#!/usr/bin/env bash
# Installs what Pairwise needs to build, run and test, and nothing that is already there.
# Debian packages through apt-get; npm packages with `npm ci` from the committed lockfiles.
# Idempotent and quiet when everything is present. Must run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain (mold links the debug, sanitizer and fuzz builds: see CMakeLists.txt)
  g++ cmake make pkg-config clang-format clang-tidy ccache mold
  # libraries
  libboost1.81-dev libboost-url1.81-dev libsoci-dev libpq-dev liblemon-dev nlohmann-json3-dev
  libssl-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libsqlite3-dev
  # the instance file of `pairwise match` (simdjson On-Demand)
  libsimdjson-dev
  # iCalendar for meeting invites and calendar feeds
  libical-dev
  # spreadsheets: XLSX exports (reports), and the independent reader their tests check them with
  libxlsxwriter-dev python3-openpyxl
  # single sign-on: ID token verification (JWT over OpenSSL)
  libjwt-dev
  # time zone offsets (matching: working hours in common)
  tzdata
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 chromium wrk python3 python3-aiosmtpd
  python3-icalendar openssl ca-certificates
  # the OpenID Connect provider the single sign-on tests run on loopback
  python3-authlib
  # the anchor of the health benchmark (its own instance on loopback: scripts/bench-health-vs-nginx.sh)
  nginx-light
  # fuzzing (clang's libFuzzer with ASan/UBSan), the kill -9 tests, `make cluster` and its soak
  clang-14 libclang-rt-14-dev libfuzzer-15-dev python3-psycopg2 haproxy
  # the UI build
  nodejs curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v npm >/dev/null; then
  # Debian splits npm from nodejs; NodeSource's nodejs ships it.
  apt-get install -y -qq npm >/dev/null
fi

# npm ci only when the lockfile changed since the last install.
for dir in web web/lint tests/browser; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.pairwise-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "install-deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
done
