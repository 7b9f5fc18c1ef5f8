#!/usr/bin/env bash
# The libFuzzer targets (fuzz/): builds the `fuzz` preset (clang 14 with libFuzzer, ASan and
# UBSan) and runs each target over its committed seed corpus for SECONDS (default 20; `make
# fuzz` runs 300). New inputs go to a scratch folder, never into the committed corpus. A crash,
# a sanitizer report, a timeout or, for the HTTP targets, an answer >= 500 fails: the input is
# kept under build/fuzz/artifacts/<target>/ and this script exits non-zero. To reproduce:
#   build/fuzz/fuzz/<target>_fuzz build/fuzz/artifacts/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
targets=(csv scim_filter routes json_bodies match_instance)
if [ -n "${2:-}" ]; then targets=("$2"); fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target "${targets[@]/%/_fuzz}" >/dev/null

failed=()
for target in "${targets[@]}"; do
  artifacts=build/fuzz/artifacts/$target
  scratch=$(mktemp -d)
  mkdir -p "$artifacts"
  echo "fuzz: $target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build/fuzz/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$scratch" "fuzz/$target/corpus" >"$artifacts/last-run.log" 2>&1; then
    failed+=("$target")
    tail -n 40 "$artifacts/last-run.log"
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$artifacts/last-run.log" |
      tr '\n' ' '
    echo
  fi
  rm -rf "$scratch"
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in build/fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: no crash, sanitizer report or 5xx"
