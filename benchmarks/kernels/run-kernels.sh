#!/usr/bin/env bash
# Kernel benchmarks of issue 7: single-rank MLUPS of the heat 2-D and 3-D kernels next to a C
# reference of the same stencil compiled with -O3 in the same run (on JDK 17 and, when found, JDK
# 25), strong and weak scaling of heat2d at 1, 2 and 4 ranks for a grid that fits in cache and one
# that does not, and the machine's memory-bandwidth ceiling from a STREAM-style triad on 1 and on
# all cores, measured in the same run.
#
# Every figure is the median of --reps runs, the systems interleaved run by run so that a noisy
# neighbour hits all of them alike. Java MLUPS is the kernels' own figure (grid points x timed steps
# / time inside those steps, maximum over ranks) after --warmup steps left out of the timing while
# the JIT compiles, as the C program leaves out one whole untimed round; both time about the same
# number of steps. Java runs with the Vector API module (the heat stencils' vector kernels, see
# kernels/README.md) and, on one rank, also without it (the scalar loops). The C programs are
# built into a temporary directory that is removed on exit. Needs a built checkout:
# mvn -q package -DskipTests.
#
# usage: benchmarks/kernels/run-kernels.sh [--reps R] [--quick] [--java25 JAVA_HOME]
set -euo pipefail
export LC_ALL=C

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"
readonly SPMDRUN="${REPO_ROOT}/bin/spmdrun"
readonly KERNELS_JAR="${REPO_ROOT}/kernels/target/spmd4j-kernels.jar"
readonly MAIN="io.spmd4j.kernels.KernelsMain"
readonly CC="${CC:-cc}"
readonly CFLAGS="-O3"
readonly RANKS="1 2 4"
readonly VECTOR_ARGS="--add-modules jdk.incubator.vector"
# Single-rank problems: heat2d 1024^2 (16 MiB of fields, beyond L2), heat3d 128^3 (33 MiB).
readonly N2D=1024
readonly N3D=128
# Scaling problems: heat2d 256^2 (1 MiB of fields: in cache) and 4096^2 (256 MiB: memory-bound).
readonly N_SMALL=256
readonly N_LARGE=4096

reps=3
quick=0
java25=""
for j in /usr/lib/jvm/temurin-25*; do
  [ -x "${j}/bin/java" ] && java25="${j}"
done

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --java25) java25="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-kernels.sh: unknown option $1 (--help lists the options)" >&2; exit 2 ;;
  esac
done
if ! [[ "${reps}" =~ ^[1-9][0-9]*$ ]]; then
  echo "run-kernels.sh: --reps ${reps}: give a positive whole number" >&2
  exit 2
fi
if [ ! -f "${KERNELS_JAR}" ]; then
  echo "run-kernels.sh: ${KERNELS_JAR} is missing; build first: mvn -q package -DskipTests" >&2
  exit 2
fi

# Step counts: timed steps of a run (Java runs warm-up steps on top, one fifth as many; C one
# untimed round of all of them); each timed part takes one to a few seconds.
if [ "${quick}" = 1 ]; then
  steps2d=100; steps3d=20; steps_small=500; steps_large=10
else
  steps2d=800; steps3d=120; steps_small=4000; steps_large=50
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/spmd4j-kernel-bench.XXXXXX")"
cleanup() { rm -rf "${work}"; }
trap cleanup EXIT INT TERM

"${CC}" ${CFLAGS} -o "${work}/heat_ref" "${SCRIPT_DIR}/heat_ref.c" -lm
"${CC}" ${CFLAGS} -o "${work}/stream_triad" "${SCRIPT_DIR}/stream_triad.c"
cores="$(nproc)"

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)]}'; }

# java_mlups JAVA_HOME vector|scalar NP KERNEL N STEPS: MLUPS of one kernel run of STEPS timed
# steps after STEPS / 5 warm-up steps.
java_mlups() {
  local jh="$1" kind="$2" np="$3" kernel="$4" n="$5" steps="$6"
  local warm=$((steps / 5 > 0 ? steps / 5 : 1))
  local jvm=()
  [ "${kind}" = vector ] && jvm=(--jvm-args "${VECTOR_ARGS}")
  JAVA_HOME="${jh}" "${SPMDRUN}" -np "${np}" "${jvm[@]}" -cp "${KERNELS_JAR}" "${MAIN}" "${kernel}" --n "${n}" \
    --steps $((steps + warm)) --warmup "${warm}" 2>/dev/null | sed -n 's/.*"mlups":\([0-9.]*\).*/\1/p'
}

java17="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jvms="${java17}"
[ -n "${java25}" ] && [ "${java25}" != "${java17}" ] && jvms="${jvms} ${java25}"

echo "# machine: ${cores} cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# C: ${CC} ${CFLAGS} ($("${CC}" --version | head -1)); median of ${reps} runs"

declare -A runs
for r in $(seq "${reps}"); do
  runs[triad1]+="$("${work}/stream_triad" 1 | awk '{print $(NF-1)}') "
  runs[triadall]+="$("${work}/stream_triad" "${cores}" | awk '{print $(NF-1)}') "
  if [ "${cores}" -gt 2 ]; then
    runs[triad2]+="$("${work}/stream_triad" 2 | awk '{print $(NF-1)}') "
  else
    runs[triad2]="${runs[triadall]}"
  fi
  runs[c2]+="$("${work}/heat_ref" 2 "${N2D}" "${steps2d}" 1 | awk '{print $8}') "
  runs[c3]+="$("${work}/heat_ref" 3 "${N3D}" "${steps3d}" 1 | awk '{print $8}') "
  for jh in ${jvms}; do
    for kind in vector scalar; do
      runs["j2 ${kind} ${jh}"]+="$(java_mlups "${jh}" "${kind}" 1 heat2d "${N2D}" "${steps2d}") "
      runs["j3 ${kind} ${jh}"]+="$(java_mlups "${jh}" "${kind}" 1 heat3d "${N3D}" "${steps3d}") "
    done
  done
  for np in ${RANKS}; do
    weak_small=$(awk -v n="${N_SMALL}" -v p="${np}" 'BEGIN {printf "%d", n * sqrt(p) + 0.5}')
    weak_large=$(awk -v n="${N_LARGE}" -v p="${np}" 'BEGIN {printf "%d", n * sqrt(p) + 0.5}')
    runs["strong small ${np}"]+="$(java_mlups "${java17}" vector "${np}" heat2d "${N_SMALL}" "${steps_small}") "
    runs["strong large ${np}"]+="$(java_mlups "${java17}" vector "${np}" heat2d "${N_LARGE}" "${steps_large}") "
    runs["weak small ${np}"]+="$(java_mlups "${java17}" vector "${np}" heat2d "${weak_small}" "${steps_small}") "
    runs["weak large ${np}"]+="$(java_mlups "${java17}" vector "${np}" heat2d "${weak_large}" "${steps_large}") "
  done
done

med() { tr ' ' '\n' <<<"${runs[$1]}" | grep -v '^$' | median; }

triad1="$(med triad1)"
triadall="$(med triadall)"
ceiling="$(awk -v a="${triadall}" -v b="${triad1}" 'BEGIN {printf "%.2f", a / b}')"
echo
echo "## Memory bandwidth (STREAM-style triad, 24 B per element)"
printf '%-22s %12s\n' "processes" "MB/s"
printf '%-22s %12.0f\n' "1" "${triad1}" "${cores} (all cores)" "${triadall}"
echo "bandwidth ceiling on speedup, ${cores} cores over 1: ${ceiling}"

echo
echo "## Single rank: Java kernel against the C reference (MLUPS)"
printf '%-10s %-10s %10s %10s %8s  %-8s %s\n' "kernel" "grid" "C -O3" "Java" "Java/C" "Java" "JVM"
for jh in ${jvms}; do
  ver="$("${jh}/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  for kind in vector scalar; do
    for d in 2 3; do
      c="$(med "c${d}")"; j="$(med "j${d} ${kind} ${jh}")"
      grid=$([ "${d}" = 2 ] && echo "${N2D}^2" || echo "${N3D}^3")
      printf '%-10s %-10s %10.1f %10.1f %7.0f%%  %-8s %s\n' "heat${d}d" "${grid}" "${c}" "${j}" \
        "$(awk -v j="${j}" -v c="${c}" 'BEGIN {print 100 * j / c}')" "${kind}" "${ver}"
    done
  done
done

for kind in strong weak; do
  echo
  echo "## ${kind^} scaling of heat2d (JVM $(basename "${java17}"), vector kernels; ranks on ${cores} cores)"
  printf '%-8s %6s %10s %10s %10s %12s\n' "grid" "ranks" "points" "MLUPS" "speedup" "bw ceiling"
  for size in small large; do
    base="$(med "${kind} ${size} 1")"
    for np in ${RANKS}; do
      n0=$([ "${size}" = small ] && echo "${N_SMALL}" || echo "${N_LARGE}")
      n=$([ "${kind}" = strong ] && echo "${n0}" || awk -v n="${n0}" -v p="${np}" 'BEGIN {printf "%d", n * sqrt(p) + 0.5}')
      m="$(med "${kind} ${size} ${np}")"
      printf '%-8s %6d %10s %10.1f %10.2f %12s\n' "${size}" "${np}" "${n}^2" "${m}" \
        "$(awk -v m="${m}" -v b="${base}" 'BEGIN {print m / b}')" "$([ "${np}" = 2 ] && echo "${ceiling}" || echo "")"
    done
  done
done
echo
for size in small large; do
  s2="$(awk -v m="$(med "strong ${size} 2")" -v b="$(med "strong ${size} 1")" 'BEGIN {print m / b}')"
  c2="$(awk -v a="$(med triad2)" -v b="${triad1}" 'BEGIN {printf "%.2f", a / b}')"
  printf 'heat2d %s grid, 1 -> 2 ranks: speedup %.2f = %.0f%% of the bandwidth ceiling %s (triad 2 cores / 1 core)\n' \
    "${size}" "${s2}" "$(awk -v s="${s2}" -v c="${c2}" 'BEGIN {print 100 * s / c}')" "${c2}"
done
echo
echo "speedup = MLUPS(np) / MLUPS(1) (for weak scaling the grid grows with np, so ideal is np); a"
echo "memory-bound stencil cannot pass the bandwidth ceiling beyond the cores it has."
