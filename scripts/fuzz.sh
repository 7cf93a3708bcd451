#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer (clang, ASan + UBSan) for SECONDS each
# (default 60), starting from the checked-in seeds (fuzz/corpus/<name>/). New coverage goes to
# build-fuzz/corpus/<name>/; a crash stops that target, leaves its input in build-fuzz/crashes/
# and makes the script exit 1: fix it, then add the input to fuzz/corpus/<name>/ as a regression
# (ctest replays that folder in every build). Usage: scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.cpp; do n=$(basename "$f" .cpp); names+=("${n#fuzz_}"); done
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DDOCA_LAYER_FUZZ=ON -DDOCA_LAYER_SANITIZE=ON \
  -DDOCA_LAYER_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" > /dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${names[@]/#/fuzz_}"
mkdir -p build-fuzz/crashes
failed=0
printf '%-14s %10s %8s %8s %s\n' target runs cov corpus result
for n in "${names[@]}"; do
  mkdir -p "build-fuzz/corpus/$n"
  log="build-fuzz/$n.log"
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "build-fuzz/bin/fuzz_$n" -max_total_time="$secs" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$n-" \
      "build-fuzz/corpus/$n" "fuzz/corpus/$n" > "$log" 2>&1; then
    result=ok
  else
    result="CRASH (see $log, input in build-fuzz/crashes/)"
    failed=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  printf '%-14s %10s %8s %8s %s\n' "$n" "$runs" "$cov" "$(ls "build-fuzz/corpus/$n" | wc -l)" "$result"
done
exit $failed
