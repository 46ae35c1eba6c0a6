#!/bin/bash
# The speed benchmark (`make bench`): `vestnik analyze` end to end over a sample of the news
# corpora, its scaling with threads, peak memory and start-up time, each pipeline stage on one
# core, and reference points on the same bytes (gzip -6, ICU sentence splitting alone, CLD2
# alone). Prints one table; record it in docs/PERFORMANCE.md with the machine and the date.
#
#   bench/run.sh [BUILD]
#
# BUILD: a Release build with -DVESTNIK_BUILD_BENCH=ON (default build). Environment:
#   VESTNIK_BENCH_MB        MB of raw text per language in the sample (default 1; 0: all of it)
#   VESTNIK_BENCH_ROUNDS    rounds of the end-to-end runs; the best is kept (default 2)
#   VESTNIK_BENCH_STAGE_KB  KiB per language for the stage benchmarks (default 0: the whole
#                           sample, so that ICU and CLD2 read the same bytes as gzip)
#   VESTNIK_BENCH_STORE=1   also run bench/store/run.sh (long: it builds a store of 100,000 articles)
#   VESTNIK_DATA            the corpora (default ../shared/data): slavicner/raw/*/<lang>/*.txt
#                           (bg cs pl ru sl uk) and polnear/{train,dev}/text/*.txt (en)
# Scratch files (the sample, the stage benchmark's store) go to BUILD/bench-run.
#
# Rates are per core: bytes (articles) over the CPU time of the process, which a shared machine
# inflates less than wall time; wall times are shown too. vestnik and gzip alternate, round
# after round, so that both see the same load.
set -euo pipefail
BUILD=${1:-build}
DATA=${VESTNIK_DATA:-../shared/data}
MB=${VESTNIK_BENCH_MB:-1}
ROUNDS=${VESTNIK_BENCH_ROUNDS:-2}
STAGE_KB=${VESTNIK_BENCH_STAGE_KB:-0}
WORK=$BUILD/bench-run
VESTNIK=$BUILD/tools/vestnik/vestnik
MEASURE=$BUILD/bench/vestnik_measure
STAGES=$BUILD/bench/vestnik_stages_bench
LANGS=(bg cs pl ru sl uk en)
THREADS_MAX=$(nproc)
HERE=$(dirname "$0")

for bin in "$VESTNIK" "$MEASURE" "$STAGES"; do
  [ -x "$bin" ] || { echo "bench: $bin is missing: build with -DVESTNIK_BUILD_BENCH=ON" >&2; exit 1; }
done
mkdir -p "$WORK"
ROWS=$WORK/rows.txt
: > "$ROWS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
note() { echo "bench: $*" >&2; }
# row SECTION WHAT BYTES ARTICLES WALL CPU NOTE: one line of the final table ('|'-separated).
row() { local IFS='|'; echo "$*" >> "$ROWS"; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }  # calc FORMAT EXPRESSION
min() { awk -v a="$1" -v b="$2" 'BEGIN {print (a < b) ? a : b}'; }

# Runs a command under vestnik_measure; prints "wall_seconds rss_kib cpu_seconds".
measure() {
  local out
  out=$("$MEASURE" "$@")
  set -- $out
  [ "$3" = 0 ] || { note "a command failed (exit $3)"; exit 1; }
  echo "$1 $2 $4"
}

# --- The sample (bench/sample.py), rebuilt when MB or DATA change ---
build_sample() {
  local stamp
  stamp="mb=$MB data=$(cd "$DATA" && pwd)"
  if [ -f "$WORK/sample/.stamp" ] && [ "$(cat "$WORK/sample/.stamp")" = "$stamp" ]; then return; fi
  note "sampling $MB MB per language from $DATA"
  rm -rf "$WORK/sample"
  python3 "$HERE/sample.py" "$DATA" "$WORK/sample" "$MB"
  echo "$stamp" > "$WORK/sample/.stamp"
}

# --- Start-up: the whole command on an empty input (resources, models, CLD2, ICU) ---
STARTUP_CPU=0
startup() {
  local i out walls=() cpus=() rss=0 wall cpu
  : > "$WORK/empty.jsonl"
  for i in 1 2 3 4 5; do
    out=($(measure -- "$VESTNIK" analyze --format jsonl "$WORK/empty.jsonl"))
    walls+=("${out[0]}")
    cpus+=("${out[2]}")
    rss=${out[1]}
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 3p)
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 3p)
  STARTUP_CPU=$cpu
  row "start-up (target < 1 s)" "vestnik analyze, empty input" "" "" "$wall" "$cpu" \
    "median of 5; RSS $(calc %.0f "$rss / 1024") MB once loaded"
}

# --- End to end per language (one thread, against gzip -6), scaling, memory ---
end_to_end() {
  local sample=$WORK/sample
  local -A wall_v cpu_v cpu_g
  local l r out bytes files
  for l in "${LANGS[@]}"; do wall_v[$l]=1e9; cpu_v[$l]=1e9; cpu_g[$l]=1e9; done
  for r in $(seq 1 "$ROUNDS"); do
    note "round $r/$ROUNDS: vestnik analyze --threads 1 and gzip -6, language by language"
    for l in "${LANGS[@]}"; do
      out=($(measure -- "$VESTNIK" analyze --threads 1 --format jsonl "$sample/$l"))
      wall_v[$l]=$(min "${out[0]}" "${wall_v[$l]}")
      cpu_v[$l]=$(min "${out[2]}" "${cpu_v[$l]}")
      out=($(measure --stdin "$sample/$l.cat" -- gzip -6 -c))
      cpu_g[$l]=$(min "${out[2]}" "${cpu_g[$l]}")
    done
  done
  local total_bytes=0 total_files=0 sum_w=0 sum_v=0 sum_g=0 starts net what
  for l in "${LANGS[@]}" all; do
    if [ "$l" = all ]; then
      bytes=$total_bytes files=$total_files starts=${#LANGS[@]} what="all (sum of the above)"
      wall_v[all]=$sum_w cpu_v[all]=$sum_v cpu_g[all]=$sum_g
    else
      bytes=$(stat -c %s "$sample/$l.cat") files=$(ls "$sample/$l" | wc -l) starts=1 what=$l
      total_bytes=$((total_bytes + bytes)) total_files=$((total_files + files))
      sum_w=$(calc %.4f "$sum_w + ${wall_v[$l]}")
      sum_v=$(calc %.4f "$sum_v + ${cpu_v[$l]}")
      sum_g=$(calc %.4f "$sum_g + ${cpu_g[$l]}")
    fi
    net=$(calc %.4f "${cpu_v[$l]} - $STARTUP_CPU * $starts")
    row "end to end, --threads 1 (target >= 5 MB/s, <= 3x gzip -6)" "$what" "$bytes" "$files" \
      "${wall_v[$l]}" "${cpu_v[$l]}" \
      "net of start-up $(calc %.2f "$bytes / 1e6 / $net") MB/s; gzip -6 $(calc %.1f "$bytes / 1e6 / ${cpu_g[$l]}") MB/s; vestnik/gzip $(calc %.1f "${cpu_v[$l]} / ${cpu_g[$l]}")x"
  done

  # Scaling: the whole sample in one run, 1 .. all threads (best of ROUNDS each).
  local n base="" wall cpu peak=0
  for n in $(seq 1 "$THREADS_MAX"); do
    wall=1e9 cpu=1e9
    for r in $(seq 1 "$ROUNDS"); do
      note "scaling: --threads $n, round $r/$ROUNDS"
      out=($(measure -- "$VESTNIK" analyze --threads "$n" --format jsonl "${LANGS[@]/#/$sample/}"))
      wall=$(min "${out[0]}" "$wall")
      cpu=$(min "${out[2]}" "$cpu")
      [ "${out[1]}" -gt "$peak" ] && peak=${out[1]}
    done
    [ -n "$base" ] || base=$wall
    row "scaling, every language in one run" "--threads $n" "$total_bytes" "$total_files" "$wall" "$cpu" \
      "wall $(calc %.2f "$total_bytes / 1e6 / $wall") MB/s, speed-up $(calc %.2f "$base / $wall") over 1 thread, $(calc %.2f "$cpu / $wall") cores busy on average"
  done
  row "memory (target < 500 MB)" "peak RSS, every language" "" "" "" "" \
    "$(calc %.0f "$peak / 1024") MB (largest of the scaling runs)"
}

# --- Stages on one core (Google Benchmark; its rates are from CPU time too) ---
stages() {
  local inputs="" csv=$WORK/stages.csv
  [ -d "$WORK/sample" ] && inputs=$(printf "$WORK/sample/%s:" "${LANGS[@]}")
  note "stages: vestnik_stages_bench (${STAGE_KB} KiB per language; 0: all the sample)"
  # Without a sample (no corpora), the benchmark reads examples/.
  VESTNIK_BENCH_INPUT=$inputs VESTNIK_BENCH_MAX_BYTES=$((STAGE_KB * 1024)) \
    VESTNIK_BENCH_SCRATCH=$WORK "$STAGES" --benchmark_format=csv > "$csv" 2> "$WORK/stages.log" ||
    { cat "$WORK/stages.log" >&2; exit 1; }
  if ! grep -q '^"' "$csv"; then
    row "stages, one core" "$(grep '^skipped' "$csv" || echo "no figures: see $WORK/stages.log")" \
      "" "" "" "" ""
    return
  fi
  local sample_line name iters real cpu unit bps ips rest
  sample_line=$(grep '^sample:' "$WORK/stages.log" || true)
  # name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,...
  grep '^"' "$csv" | tr -d '"' | while IFS=, read -r name iters real cpu unit bps ips rest; do
    row "stages, one core (Google Benchmark; ${sample_line#sample: })" "${name%%/min_time*}" \
      "rate" "$ips" "" "" "$bps"
  done
}

print_table() {
  echo
  echo "vestnik benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg); sample: $MB MB per language (0: all), best of $ROUNDS rounds"
  echo "MB/s and articles/s are per core: bytes (articles) over the process's CPU time"
  echo
  local fmt='  %-30s %7s %8s %7s %7s %7s %10s  %s\n'
  printf "$fmt" "" "MB" "articles" "wall s" "CPU s" "MB/s" "articles/s" ""
  local last="" section what bytes articles wall cpu notes
  while IFS='|' read -r section what bytes articles wall cpu notes; do
    [ "$section" = "$last" ] || { echo "── $section"; last=$section; }
    if [ "$bytes" = rate ]; then  # a Google Benchmark row: notes holds bytes/s, articles items/s
      printf "$fmt" "$what" "" "" "" "" "$(calc %.2f "$notes / 1e6")" "$(calc %.0f "$articles")" ""
    elif [ -n "$bytes" ]; then
      printf "$fmt" "$what" "$(calc %.2f "$bytes / 1e6")" "$articles" "$(calc %.2f "$wall")" \
        "$(calc %.2f "$cpu")" "$(calc %.2f "$bytes / 1e6 / $cpu")" "$(calc %.0f "$articles / $cpu")" "$notes"
    elif [ -n "$wall" ]; then
      printf "$fmt" "$what" "" "" "$(calc %.3f "$wall")" "$(calc %.3f "$cpu")" "" "" "$notes"
    else
      printf "$fmt" "$what" "" "" "" "" "" "" "$notes"
    fi
  done < "$ROWS"
}

startup
if [ -d "$DATA/slavicner/raw" ] && [ -d "$DATA/polnear" ]; then
  build_sample
  end_to_end
else
  rm -rf "$WORK/sample"
  row "end to end" "skipped: $DATA/slavicner/raw or $DATA/polnear is absent" "" "" "" "" ""
fi
stages
print_table
if [ "${VESTNIK_BENCH_STORE:-0}" = 1 ]; then
  echo
  "$HERE/store/run.sh" "$BUILD"
fi
