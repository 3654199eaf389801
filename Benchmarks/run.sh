#!/usr/bin/env bash
# The performance benchmark of issue 11. Generates deterministic wire-style corpora under a scratch
# folder outside the repository, builds `stance` and `stance-bench` in release, runs on each corpus
#   wc -w (the floor), stance analyze on both cores, on one core (taskset -c 0), a no-change re-run,
#   the library stage by stage, and vaderSentiment over every sentence (where installed),
# then prints throughput, statements/s, peak memory, time per stage, the ratios and issue 11's targets.
#
# usage: Benchmarks/run.sh [options]
#   --big               also the 1 GB corpus (jsonl-1gb)
#   --only LIST         corpora to run, comma-separated (jsonl-10mb,txt-25k,txt-100k-small,jsonl-100mb,jsonl-1gb;
#                       jsonl-1mb is a quick smoke test run only when named here)
#   --runs LIST         runs to do, comma-separated (default wc,stance-2,stance-rerun,stance-1,library,vader)
#   --repeat N          repeat each run N times; the tables show medians (default 1)
#   --snapshot          build from a copy of the working tree under the scratch folder (stable binaries
#                       while others edit the sources); default: build this package in place
#   --scratch DIR       scratch folder (default $STANCE_BENCH_DIR or /tmp/stance-bench)
#   --no-vader          skip vaderSentiment (otherwise installed into a venv under the scratch folder)
#   --max-rss-mb N      stop a run whose resident memory exceeds N MB (default: half of the machine's memory)
#   --timeout-s N       stop a run that takes longer than N seconds (default 1800)
#   --no-build          reuse the binaries of the last build (with --snapshot: the last copy too)
#   --report FILE       only print the tables of an earlier results file (several: FILE1,FILE2)
#   --generate-only     only build and generate the corpora
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
SCRATCH=${STANCE_BENCH_DIR:-/tmp/stance-bench}
BIG=0
ONLY=""
RUNS="wc,stance-2,stance-rerun,stance-1,library,vader"
REPEAT=1
SNAPSHOT=0
VADER=1
TIMEOUT_S=1800
MAX_RSS_MB=$(awk '/MemTotal/ { printf "%d", $2 / 2000 }' /proc/meminfo 2>/dev/null || echo 8000)
REPORT_ONLY=""
GENERATE_ONLY=0
NO_BUILD=0

while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --only) ONLY="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --repeat) REPEAT="$2"; shift ;;
    --snapshot) SNAPSHOT=1 ;;
    --scratch) SCRATCH="$2"; shift ;;
    --no-vader) VADER=0 ;;
    --max-rss-mb) MAX_RSS_MB="$2"; shift ;;
    --timeout-s) TIMEOUT_S="$2"; shift ;;
    --report) REPORT_ONLY="$2"; shift ;;
    --generate-only) GENERATE_ONLY=1 ;;
    --no-build) NO_BUILD=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 64 ;;
  esac
  shift
done

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

mkdir -p "$SCRATCH"
SCRATCH=$(cd "$SCRATCH" && pwd -P)
case "$SCRATCH/" in
  "$(cd "$REPO" && pwd -P)/"*) echo "run.sh: the scratch folder must be outside the repository" >&2; exit 64 ;;
esac

# ---- build -----------------------------------------------------------------------------------
if [ -n "$REPORT_ONLY" ]; then NO_BUILD=1; fi
if [ "$SNAPSHOT" -eq 1 ]; then
  SRC="$SCRATCH/snapshot/$(basename "$REPO")"
fi
if [ "$SNAPSHOT" -eq 1 ] && [ "$NO_BUILD" -eq 0 ]; then
  log "copying the working tree to $SRC"
  mkdir -p "$SRC"
  rm -rf "$SRC/Sources" "$SRC/Lexicons" "$SRC/Tests" "$SRC/Benchmarks/Sources"
  # tar keeps modification times, so an unchanged file does not trigger a rebuild.
  (cd "$REPO" && tar --exclude=.build --exclude='.build-*' --exclude='.build_*' --exclude=.swiftpm \
      -cf - Package.swift $(ls Package.resolved 2>/dev/null) Sources Lexicons Tests Benchmarks) | tar -C "$SRC" -xf -
elif [ "$SNAPSHOT" -eq 0 ]; then
  SRC="$REPO"
fi
PKG="$SRC/Benchmarks"
LEXICONS="$SRC/Lexicons"

build() {
  local attempt
  for attempt in 1 2 3 4 5; do
    if swift build -c release --package-path "$PKG" --product "$1" >"$SCRATCH/build-$1.log" 2>&1; then return 0; fi
    log "building $1 failed (attempt $attempt; others may be editing the sources): $(grep -m1 'error' "$SCRATCH/build-$1.log" || tail -1 "$SCRATCH/build-$1.log")"
    if [ "$attempt" -lt 5 ]; then sleep 60; fi
  done
  echo "run.sh: cannot build $1; see $SCRATCH/build-$1.log" >&2
  exit 2
}
BIN=$(swift build -c release --package-path "$PKG" --show-bin-path)
if [ "$NO_BUILD" -eq 0 ]; then
  log "building stance-bench and stance (release) in $PKG"
  build stance-bench
  build stance
  # What the binaries were built from (a later --no-build run reports this, not the tree of its day).
  built=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$REPO" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || built="$built + uncommitted changes"
  if [ "$SNAPSHOT" -eq 1 ]; then built="$built (snapshot copy)"; fi
  echo "$built, built $(date '+%Y-%m-%d %H:%M')" >"$BIN/stance-bench.build-info"
fi
BENCH="$BIN/stance-bench"
STANCE="$BIN/stance"

if [ -n "$REPORT_ONLY" ]; then
  IFS=, read -ra files <<<"$REPORT_ONLY"
  merged=$(mktemp)
  cat "${files[@]}" >"$merged"
  "$BENCH" report "$merged"
  rm -f "$merged"
  exit 0
fi

# ---- corpora ---------------------------------------------------------------------------------
# name|generator arguments. Seeds are fixed: the same corpus every time, on every machine.
CORPORA=(
  "jsonl-1mb|--form jsonl --size-mb 1 --shard-mb 4 --seed 100"
  "jsonl-10mb|--form jsonl --size-mb 10 --shard-mb 4 --seed 101"
  "txt-25k|--form txt --docs 25000 --length short --seed 102"
  "txt-100k-small|--form txt --docs 100000 --length small --seed 104"
  "jsonl-100mb|--form jsonl --size-mb 100 --shard-mb 16 --seed 103"
  "jsonl-1gb|--form jsonl --size-mb 1000 --shard-mb 32 --seed 105"
)
GENERATOR_HASH=$(cat "$PKG"/Sources/stance-bench/{Random,Vocabulary,Articles,Generate}.swift | sha256sum | cut -c1-16)

selected() {
  local name=$1
  if [ -n "$ONLY" ]; then [[ ",$ONLY," == *",$name,"* ]]; return; fi
  case "$name" in
    jsonl-1mb) return 1 ;;                 # a smoke test: only with --only jsonl-1mb
    jsonl-1gb) [ "$BIG" -eq 1 ] ;;
    *) return 0 ;;
  esac
}
wants() { [[ ",$RUNS," == *",$1,"* ]]; }

mkdir -p "$SCRATCH/corpora"
ensure_corpus() {  # name args -> sets CORPUS_DIR, CORPUS_META
  local name=$1 args=$2
  CORPUS_DIR="$SCRATCH/corpora/$name"
  local manifest="$SCRATCH/corpora/$name.manifest"
  local want="generator=$GENERATOR_HASH	args=$args"
  if [ ! -f "$manifest" ] || [ "$(head -1 "$manifest")" != "$want" ] || [ ! -d "$CORPUS_DIR" ]; then
    log "generating $name ($args)"
    # shellcheck disable=SC2086
    local line
    line=$("$BENCH" generate $args --out "$CORPUS_DIR")
    printf '%s\n%s\n' "$want" "$line" >"$manifest"
    find "$CORPUS_DIR" -type f \( -name '*.txt' -o -name '*.jsonl' \) -print0 | sort -z >"$SCRATCH/corpora/$name.files0"
  fi
  CORPUS_META=$(sed -n 2p "$manifest" | tr '\t' '\n' | grep -E '^(form|bytes|docs|files)=' | paste -sd '\t')
}

for entry in "${CORPORA[@]}"; do
  name=${entry%%|*}
  selected "$name" || continue
  ensure_corpus "$name" "${entry#*|}"
done
if [ "$GENERATE_ONLY" -eq 1 ]; then log "corpora are in $SCRATCH/corpora"; exit 0; fi

# ---- peers -----------------------------------------------------------------------------------
VENV="$SCRATCH/venv"
if [ "$VADER" -eq 1 ] && wants vader; then
  if ! "$VENV/bin/python" -c 'import vaderSentiment' 2>/dev/null; then
    log "installing vaderSentiment into $VENV"
    { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q vaderSentiment==3.3.2; } >"$SCRATCH/vader-install.log" 2>&1 \
      || log "vaderSentiment is not available (see $SCRATCH/vader-install.log); skipping it"
  fi
  "$VENV/bin/python" -c 'import vaderSentiment' 2>/dev/null || VADER=0
fi

# ---- runs ------------------------------------------------------------------------------------
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$SCRATCH/results-$STAMP.tsv"
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
commit=$(cat "$BIN/stance-bench.build-info" 2>/dev/null || echo "unknown (built outside run.sh)")
floor=$("$BENCH" exec -- true | tr '\t' '\n' | grep '^maxrss_kb=' | cut -d= -f2)
printf 'meta=1\tmachine=%s cores, %s, %s\tcommit=%s\trepeat=%s\trss_floor_kb=%s\n' "$(nproc)" "$cpu" "$mem" "$commit" "$REPEAT" "$floor" >"$RESULTS"
ln -sf "$RESULTS" "$SCRATCH/results-latest.tsv"

loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo -; }

# record NAME RUN FIELDS...: one line of the results file.
record() {
  local name=$1 run=$2; shift 2
  printf 'corpus=%s\trun=%s\t%s\t%s\n' "$name" "$run" "$CORPUS_META" "$(printf '%s\t' "$@" | sed 's/\t$//')" >>"$RESULTS"
}

measure() {  # OUTFILE ERRFILE CMD... -> prints exec's fields
  local out=$1 err=$2; shift 2
  "$BENCH" exec --max-rss-mb "$MAX_RSS_MB" --timeout-s "$TIMEOUT_S" --stdout "$out" --stderr "$err" -- "$@"
}

# Statements and database size of one `stance analyze` run in WORK (its cwd) with output OUT.
stance_fields() {
  local err=$1 work=$2
  local statements reused db_bytes
  statements=$(grep -oE '[0-9]+ statements' "$err" | tail -1 | cut -d' ' -f1 || true)
  reused=$(grep -oE 'reused [0-9]+' "$err" | tail -1 | cut -d' ' -f2 || true)
  db_bytes=$(find "$work" -type f \( -name '*.sqlite' -o -name '*.sqlite3' -o -name '*.db' \) -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
  printf 'statements=%s\treused=%s\tdb_bytes=%s' "${statements:-0}" "${reused:-0}" "$db_bytes"
  # What was written: the report's size and the row counts of the corpus-level tables.
  local out="$work/out" table rows
  printf '\tout_bytes=%s\treport_bytes=%s' "$(du -sb "$out" 2>/dev/null | cut -f1)" "$(stat -c %s "$out/report.md" 2>/dev/null || echo 0)"
  for table in speakers positions contrasts allies; do
    rows=0
    if [ -f "$out/$table.csv" ]; then rows=$(($(wc -l <"$out/$table.csv") - 1)); fi
    printf '\t%s_rows=%s' "$table" "$rows"
  done
}

run_stance() {  # name run work [taskset prefix...]
  local name=$1 run=$2 work=$3; shift 3
  local err="$SCRATCH/logs/$name.$run.stderr"
  local fields load
  load=$(loadavg)
  fields=$(cd "$work" && measure /dev/null "$err" "$@" "$STANCE" analyze "$CORPUS_DIR" --out "$work/out" --lexicons "$LEXICONS")
  record "$name" "$run" "$fields" "$(stance_fields "$err" "$work")" "load=$load"
  log "  $run: $(echo "$fields" | cut -f1,4,5) $(grep -oE '[0-9]+ statements' "$err" | tail -1 || true)"
  if grep -q 'killed=' <<<"$fields"; then log "  $run stopped ($(grep -o 'killed=[a-z]*' <<<"$fields")): --max-rss-mb $MAX_RSS_MB, --timeout-s $TIMEOUT_S"; fi
}

mkdir -p "$SCRATCH/logs" "$SCRATCH/work"
for entry in "${CORPORA[@]}"; do
  name=${entry%%|*}
  selected "$name" || continue
  ensure_corpus "$name" "${entry#*|}"
  list="$SCRATCH/corpora/$name.files0"
  log "$name: $(echo "$CORPUS_META" | tr '\t' ' ')"
  xargs -0 cat <"$list" >/dev/null  # warm the page cache: every tool reads from memory
  for ((i = 1; i <= REPEAT; i++)); do
    if wants wc; then
      load=$(loadavg)
      fields=$(measure "$SCRATCH/logs/$name.wc.stdout" /dev/null wc -w --files0-from="$list")
      words=$(tail -1 "$SCRATCH/logs/$name.wc.stdout" | awk '{ print $1 }')
      record "$name" wc "$fields" "words=$words" "load=$load"
      log "  wc: $(echo "$fields" | cut -f1) ($words words)"
    fi
    work="$SCRATCH/work/$name"
    if wants stance-2; then
      rm -rf "$work"; mkdir -p "$work"
      run_stance "$name" stance-2 "$work"
      # The same command again over unchanged input and output (issue 11: under 5% of the first run).
      if wants stance-rerun; then run_stance "$name" stance-rerun "$work"; fi
    fi
    if wants stance-1; then
      if command -v taskset >/dev/null; then
        rm -rf "$work"; mkdir -p "$work"
        run_stance "$name" stance-1 "$work" taskset -c 0
      else
        log "  taskset not installed: no one-core run"
      fi
    fi
    if wants library; then
      rm -rf "$work"; mkdir -p "$work"
      load=$(loadavg)
      fields=$(cd "$work" && measure "$SCRATCH/logs/$name.library.stdout" "$SCRATCH/logs/$name.library.stderr" \
                 "$BENCH" stages "$CORPUS_DIR" --out "$work/out" --lexicons "$LEXICONS")
      record "$name" library "$fields" "$(cat "$SCRATCH/logs/$name.library.stdout")" "load=$load"
      log "  library: $(echo "$fields" | cut -f1,4) $(tr '\t' ' ' <"$SCRATCH/logs/$name.library.stdout" | cut -d' ' -f2-8)"
    fi
    if wants vader && [ "$VADER" -eq 1 ]; then
      load=$(loadavg)
      fields=$(measure "$SCRATCH/logs/$name.vader.stdout" "$SCRATCH/logs/$name.vader.stderr" \
                 "$VENV/bin/python" "$HERE/vader_bench.py" "$list")
      record "$name" vader "$fields" "$(cat "$SCRATCH/logs/$name.vader.stdout")" "load=$load"
      log "  vader: $(echo "$fields" | cut -f1) $(cat "$SCRATCH/logs/$name.vader.stdout")"
    fi
  done
  rm -rf "$SCRATCH/work/$name"
done

"$BENCH" report "$RESULTS" | tee "$SCRATCH/report-$STAMP.txt"
log "results: $RESULTS; report: $SCRATCH/report-$STAMP.txt"
log "reproduce: Benchmarks/run.sh $( [ "$SNAPSHOT" -eq 1 ] && echo '--snapshot ')$( [ -n "$ONLY" ] && echo "--only $ONLY ")$( [ "$BIG" -eq 1 ] && echo '--big ')$( [ "$RUNS" != "wc,stance-2,stance-rerun,stance-1,library,vader" ] && echo "--runs $RUNS ")$( [ "$REPEAT" != 1 ] && echo "--repeat $REPEAT")"
