#!/usr/bin/env bash
# Fuzzing (issue 12): builds the libFuzzer targets of the separate package Fuzz/ and runs each one for a
# fixed number of inputs, starting from its seed corpus (Fuzz/Seeds/NAME), then prints one line per
# target: inputs run, inputs/s, corpus size, crashes. Not part of `swift test`; CI runs a short smoke
# run (`scripts/fuzz.sh 2000`).
#
# usage: scripts/fuzz.sh [RUNS] [options]       RUNS: inputs per target (default 100000)
#   --only LIST        targets, comma-separated (default: fuzz-pipeline,fuzz-lexicon,fuzz-csv,fuzz-jsonl)
#   --max-time S       also stop each target after S seconds (libFuzzer -max_total_time)
#   --debug            build without optimisation: a quicker build, about ten times fewer inputs/s
#   --asan             also AddressSanitizer (-sanitize=fuzzer,address)
#   --scratch DIR      where the grown corpora, crash inputs and logs go (default /tmp/stance-fuzz)
#   --jobs N           run N targets at a time (default 1)
# A crash (or a broken property: the targets abort on one) leaves its input in SCRATCH/artifacts/NAME/;
# re-run it with `Fuzz/.build/<config>/NAME FILE`. Exit 1 when any target crashed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
RUNS=100000
ONLY="fuzz-pipeline,fuzz-lexicon,fuzz-csv,fuzz-jsonl"
MAX_TIME=0
CONFIG=release
ASAN=0
SCRATCH=${STANCE_FUZZ_DIR:-/tmp/stance-fuzz}
JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=$2; shift 2 ;;
    --max-time) MAX_TIME=$2; shift 2 ;;
    --debug) CONFIG=debug; shift ;;
    --asan) ASAN=1; shift ;;
    --scratch) SCRATCH=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    [0-9]*) RUNS=$1; shift ;;
    *) echo "fuzz.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
IFS=, read -r -a TARGETS <<< "$ONLY"

build=(swift build --package-path "$REPO/Fuzz" -c "$CONFIG" --sanitize=fuzzer)
[ "$ASAN" = 1 ] && build+=(-Xswiftc -sanitize=fuzzer,address)
echo "== build ($CONFIG$([ "$ASAN" = 1 ] && echo ', address sanitizer'))"
started=$(date +%s)
for target in "${TARGETS[@]}"; do
  "${build[@]}" --product "$target" 2>&1 | grep -E 'error:|warning: unre|Compiling|Build complete' | grep -v '^\[' | tail -3 || true
  test -x "$REPO/Fuzz/.build/$CONFIG/$target" || { echo "fuzz.sh: $target did not build" >&2; exit 2; }
done
echo "built in $(( $(date +%s) - started )) s"

mkdir -p "$SCRATCH"
export SWIFT_BACKTRACE=enable=no            # Swift's crash handler confuses the sanitizers
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export STANCE_FUZZ_LEXICONS="$REPO/Lexicons"

run_target() {
  local target=$1
  local corpus="$SCRATCH/corpus/$target" artifacts="$SCRATCH/artifacts/$target/" log="$SCRATCH/$target.log"
  rm -rf "$artifacts"   # crash inputs of an earlier run: keep them elsewhere if needed
  mkdir -p "$corpus" "$artifacts"
  local options=(-runs="$RUNS" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$artifacts")
  [ "$MAX_TIME" != 0 ] && options+=(-max_total_time="$MAX_TIME")
  set +e
  local began=$(date +%s.%N)
  ( cd "$REPO" && "$REPO/Fuzz/.build/$CONFIG/$target" "${options[@]}" "$corpus" "$REPO/Fuzz/Seeds/$target" ) > "$log" 2>&1
  echo $? > "$SCRATCH/$target.status"
  echo "$began $(date +%s.%N)" > "$SCRATCH/$target.time"
  set -e
}

echo "== run: $RUNS inputs per target$([ "$MAX_TIME" != 0 ] && echo ", at most $MAX_TIME s each")"
pids=()
for target in "${TARGETS[@]}"; do
  run_target "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

failed=0
printf '%-14s %10s %8s %8s %7s %s\n' target inputs "inputs/s" seconds corpus crashes
for target in "${TARGETS[@]}"; do
  log="$SCRATCH/$target.log"
  status=$(cat "$SCRATCH/$target.status")
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # Wall time of the whole run (libFuzzer's own rate rounds runs under a second to 0/s).
  seconds=$(awk '{ printf "%.1f", $2 - $1 }' "$SCRATCH/$target.time")
  per_second=$(awk -v n="${executed:-0}" -v s="$seconds" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')
  corpus=$(find "$SCRATCH/corpus/$target" -type f | wc -l)
  crashes=$(find "$SCRATCH/artifacts/$target" -type f | wc -l)
  printf '%-14s %10s %8s %8s %7s %s\n' "$target" "${executed:-?}" "${per_second:-?}" "${seconds:-?}" "$corpus" "$crashes"
  if [ "$status" != 0 ] || [ "$crashes" != 0 ]; then
    failed=1
    echo "  $target exited $status; log: $log; inputs: $SCRATCH/artifacts/$target/"
    grep -E 'property failed|Fatal error|ERROR: |SUMMARY' "$log" | head -5 | sed 's/^/  /'
  fi
done
exit $failed
