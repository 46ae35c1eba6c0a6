#!/bin/bash
# The store's benchmark: ingest throughput against `vestnik analyze`, the size of a store of
# N articles, and the latency of `vestnik quotes --speaker` (library call and command).
#
#   bench/store/run.sh [BUILD] [N] [WORK]
#
# BUILD: a Release build folder (default build); N: articles in the large store (default
# 100000); WORK: scratch folder (default $BUILD/bench-store). Needs ../shared/data/slavicner/raw.
# Record the figures in docs/PERFORMANCE.md under "Store", with the machine and the date.
set -euo pipefail
BUILD=${1:-build}
N=${2:-100000}
WORK=${3:-$BUILD/bench-store}
RAW=${RAW:-../shared/data/slavicner/raw}
THROUGHPUT_N=${THROUGHPUT_N:-9094}   # two replays of the raw texts
VESTNIK=$BUILD/tools/vestnik/vestnik
BENCH=$BUILD/src/store/vestnik_store_bench

[ -d "$RAW" ] || { echo "skipped: $RAW is absent"; exit 0; }
cmake --build "$BUILD" --target vestnik vestnik_store_bench >/dev/null
mkdir -p "$WORK"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%d)"

"$BENCH" corpus "$RAW" "$THROUGHPUT_N" "$WORK/small.jsonl"
MB=$(stat -c %s "$WORK/small.jsonl" | awk '{printf "%.1f", $1 / 1e6}')
seconds() { local s=$(date +%s%N); "$@" >/dev/null; local e=$(date +%s%N); awk "BEGIN {printf \"%.2f\", ($e - $s) / 1e9}"; }
min() { awk "BEGIN {print ($1 < $2) ? $1 : $2}"; }
# Best of three for each, alternating, so that both see the same machine load.
best_a=999999; best_i=999999
for round in 1 2 3; do
  a=$(seconds "$VESTNIK" analyze --format jsonl "$WORK/small.jsonl")
  rm -f "$WORK/small.db" "$WORK/small.db-wal" "$WORK/small.db-shm"
  i=$(seconds "$VESTNIK" ingest --quiet --db "$WORK/small.db" "$WORK/small.jsonl")
  echo "round $round: analyze $a s, ingest $i s"
  best_a=$(min "$a" "$best_a")
  best_i=$(min "$i" "$best_i")
done
echo "== throughput on $THROUGHPUT_N articles ($MB MB of JSON Lines), best of 3"
awk "BEGIN {printf \"analyze: %s s, %.2f MB/s\\ningest:  %s s, %.2f MB/s (%.0f%% of analyze)\\n\", \
  $best_a, $MB / $best_a, $best_i, $MB / $best_i, 100 * $best_a / $best_i}"

echo "== a store of $N articles"
"$BENCH" corpus "$RAW" "$N" "$WORK/large.jsonl"
rm -f "$WORK/large.db" "$WORK/large.db-wal" "$WORK/large.db-shm"
t=$(seconds "$VESTNIK" ingest --db "$WORK/large.db" "$WORK/large.jsonl")
echo "ingest of $N articles: $t s"
"$BENCH" query "$WORK/large.db" 2000

echo "== vestnik quotes --speaker as a command (process start, resources, query, output)"
top=$("$BENCH" top-speaker "$WORK/large.db")
for i in $(seq 1 60); do
  s=$(date +%s%N); "$VESTNIK" quotes --db "$WORK/large.db" --speaker "$top" --format jsonl >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "speaker %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d runs\n", "'"$top"'", a[int(NR*0.5)+1]/1000, a[int(NR*0.99)+1 > NR ? NR : int(NR*0.99)+1]/1000, a[NR]/1000, NR}'
ls -la "$WORK"/large.db*
