#!/usr/bin/env bash
# The collectives of the runtime against Open MPI C, side by side in one run: allreduce of 8 B,
# 128 KiB and 8 MiB, bcast of 1 MiB and barrier, at np 2 and 4 (oversubscribed where ranks outnumber
# cores, Open MPI in its default mode), each printed with the ratio spmd4j / Open MPI and whether it
# meets the target (<= 2x, <= 1.25x for 8 MiB).
#
# Usage: benchmarks/collectives-vs-ompi.sh [--np "2 4"] [--transport shm|tcp|threads] [--warmup N]
#                                          [--warmup-large N] [--warmup-seconds S] [--iterations N]
#                                          [--repeat R] [--jvm-args ARGS]
#   --warmup N        warm-up iterations of the small sizes for both (default 200000: the JIT of 4 JVMs
#                     on 2 cores needs that many before the timed loop measures compiled code)
#   --warmup-large N  warm-up of the large sizes for both, in milliseconds of spmd4j's work (default
#                     1000): each case gets N ms / its expected latency iterations, at least OSU's 10,
#                     so the JVMs have compiled their code before the timed loop instead of compiling
#                     during it (less than a second of warm-up measures the compiler, not the copies)
#   --warmup-seconds S  and at least S seconds of warm-up in every case, for both (default 1; the
#                     programs' --warmup-seconds, rank 0 decides): a count of iterations gives the
#                     JIT compilers of the JVMs on 2 busy cores too little time where an operation is
#                     fast (128 KiB: ~0.2 s, with stalls of milliseconds from deoptimisation in the
#                     timed loop) and costs a slow system more; time is the same for both. 0: counts alone
#   --iterations N    timed iterations of the small cases (allreduce 8 B, barrier) for both (default
#                     200000): a window of a few milliseconds (OSU's count) is moved by a single lost
#                     time slice on a shared machine, so the mean would measure luck, not the barrier
#   --repeat R        runs each case R times on each side, alternating, and reports the medians (default 1)
#   --jvm-args ARGS   JVM arguments for spmd4j's ranks, e.g. "-Dspmd4j.coll.node.chunk=0"
#                     (large allreduce and bcast by messages, as before the bulk region)
# Needs a built checkout (mvn -q package -DskipTests) and mpicc/mpirun on the PATH.
set -euo pipefail
home="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/benchmarks/target/spmd4j-benchmarks.jar"
nps="2 4"
transport=shm
warmup=200000
warmup_ms=1000
warmup_seconds=1
iterations=200000
repeat=1
jvm_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --np) nps="$2"; shift 2 ;;
    --transport) transport="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --warmup-large) warmup_ms="$2"; shift 2 ;;
    --warmup-seconds) warmup_seconds="$2"; shift 2 ;;
    --iterations) iterations="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --jvm-args) jvm_args="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "collectives-vs-ompi: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
[[ "$warmup" =~ ^[0-9]+$ ]] || { echo "collectives-vs-ompi: --warmup $warmup is not a count" >&2; exit 2; }
[[ "$warmup_ms" =~ ^[0-9]+$ ]] || { echo "collectives-vs-ompi: --warmup-large $warmup_ms is not milliseconds" >&2; exit 2; }
[[ "$warmup_seconds" =~ ^([0-9]{1,4}(\.[0-9]{0,9})?|\.[0-9]{1,9})$ ]] \
  && awk -v s="$warmup_seconds" 'BEGIN { exit !(s <= 3600) }' \
  || { echo "collectives-vs-ompi: --warmup-seconds $warmup_seconds is not seconds from 0 to 3600 (e.g. 0.5)" >&2; exit 2; }
[[ "$iterations" =~ ^[1-9][0-9]*$ ]] || { echo "collectives-vs-ompi: --iterations $iterations is not a count >= 1" >&2; exit 2; }
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "collectives-vs-ompi: --repeat $repeat is not a count >= 1" >&2; exit 2; }
# warm-up iterations of a large case whose operation takes about $1 us: --warmup-large ms of it, at least 10
wl() { local n=$((warmup_ms * 1000 / $1)); echo $((n < 10 ? 10 : n)); }
case "$transport" in shm|tcp) spmd_mode=(--transport "$transport") ;; threads) spmd_mode=(--threads) ;;
  *) echo "collectives-vs-ompi: --transport $transport: use shm, tcp or threads" >&2; exit 2 ;; esac
[ -f "$jar" ] || { echo "collectives-vs-ompi: $jar is missing; run mvn -q package -DskipTests in $home" >&2; exit 2; }
command -v mpicc >/dev/null && command -v mpirun >/dev/null \
  || { echo "collectives-vs-ompi: needs Open MPI's mpicc and mpirun on the PATH" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for p in osu_allreduce osu_bcast osu_barrier; do
  mpicc -O2 -o "$work/$p" "$home/benchmarks/peers/c/$p.c"
done
mpirun_=(mpirun --oversubscribe)
[ "$(id -u)" = 0 ] && mpirun_+=(--allow-run-as-root)

# value at SIZE in the table a run printed (last column of the row that starts with SIZE)
row() { awk -v s="$1" '$1 == s { v = $NF } END { if (v == "") exit 1; print v }'; }

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# case: name, spmd4j class, C program, size in bytes (0 for barrier), then options for both
run_case() {
  local name=$1 cls=$2 prog=$3 size=$4; shift 4
  local sizes=()
  [ "$size" != 0 ] && sizes=(--min-size "$size" --max-size "$size")
  sizes+=(--warmup-seconds "$warmup_seconds")
  local cs=() js=() c j k
  for ((k = 0; k < repeat; k++)); do
    cs+=("$("${mpirun_[@]}" -np "$np" "$work/$prog" "${sizes[@]}" "$@" | row "$size")")
    js+=("$("$home/bin/spmdrun" -np "$np" "${spmd_mode[@]}" ${jvm_args:+--jvm-args "$jvm_args"} -cp "$jar" \
      "io.spmd4j.benchmarks.osu.$cls" "${sizes[@]}" "$@" | row "$size")")
  done
  c=$(median "${cs[@]}")
  j=$(median "${js[@]}")
  awk -v n="$name" -v np="$np" -v c="$c" -v j="$j" -v big="$((size >= 8388608))" 'BEGIN {
    r = j / c; lim = big ? 1.25 : 2.0
    printf "%-22s np%-3d %12.2f %12.2f %8.2f  %s (<= %.2fx)\n", n, np, j, c, r, r <= lim ? "PASS" : "MISS", lim }'
}

printf "# collectives, spmd4j (%s) against Open MPI C (default mode), %s cores, average latency (us)%s\n" \
  "$transport" "$(nproc)" "$([ "$repeat" -gt 1 ] && echo ", median of $repeat runs each")"
printf "%-22s %-5s %12s %12s %8s\n" case np spmd4j "Open MPI" ratio
for np in $nps; do
  run_case "allreduce 8 B" Allreduce osu_allreduce 8 --iterations "$iterations" --warmup "$warmup"
  run_case "allreduce 128 KiB" Allreduce osu_allreduce 131072 --iterations-large 400 --warmup-large "$(wl 250)"
  run_case "allreduce 8 MiB" Allreduce osu_allreduce 8388608 --iterations-large 100 --warmup-large "$(wl 15000)"
  run_case "bcast 1 MiB" Bcast osu_bcast 1048576 --iterations-large 200 --warmup-large "$(wl 300)"
  run_case "barrier" Barrier osu_barrier 0 --iterations "$iterations" --warmup "$warmup"
done
