#!/usr/bin/env bash
# Job start-up time, spmd4j's spmdrun side by side with Open MPI's mpirun, in one run:
#   - launch to barrier: from starting the launcher until every rank has passed its first barrier
#     (the latest rank's wall clock right after MPI_Barrier / Comm.barrier, minus the start)
#   - total: wall time of the whole trivial job (init, one barrier, finalize, launcher exit)
# for 4, 16 and 32 ranks on this host and 6 ranks across the 3 namespace hosts of hosts.sh (ssh).
# Medians of REPS runs (default 3). Needs root (for the hosts) and Open MPI (mpicc, mpirun);
# installs openmpi-bin and libopenmpi-dev with apt-get when missing. Build first (mvn package).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${REPS:-3}
COUNTS=${COUNTS:-4 16 32}
. .ci/integration/hosts.sh

if ! command -v mpicc >/dev/null 2>&1 || ! command -v mpirun >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openmpi-bin libopenmpi-dev >/dev/null
fi
hosts_install
trap hosts_down EXIT
hosts_up
work="$SPMD_IT_DIR/bench"
mkdir -p "$work"
cat > "$work/probe.c" <<'C'
#include <mpi.h>
#include <stdio.h>
#include <time.h>
int main(int argc, char **argv) {
    int rank;
    struct timespec t;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Barrier(MPI_COMM_WORLD);
    clock_gettime(CLOCK_REALTIME, &t);
    printf("barrier %d %lld\n", rank, (long long) t.tv_sec * 1000000000LL + t.tv_nsec);
    MPI_Finalize();
    return 0;
}
C
mpicc -O2 -o "$work/probe" "$work/probe.c"
cat > "$work/hostfile" <<HF
spmd-h1 slots=2
spmd-h2 slots=2
spmd-h3 slots=2
HF
ssh_cmd="ssh -F $SPMD_IT_DIR/ssh_config"
java_probe=(-cp launcher/target/test-classes io.spmd4j.launcher.programs.StartupProbe)

# Runs one job ($@) REPS times; prints "median-barrier-ms median-total-ms".
measure() {
  local r start end last barrier=() total=()
  for r in $(seq 1 "$REPS"); do
    start=$(date +%s%N)
    "$@" > "$work/out" 2> "$work/err" || { echo "failed: $*" >&2; cat "$work/err" >&2; return 1; }
    end=$(date +%s%N)
    last=$(awk '/^barrier /{ if ($3 > m) m = $3 } END { print m }' "$work/out")
    barrier+=($(( (last - start) / 1000000 )))
    total+=($(( (end - start) / 1000000 )))
  done
  printf '%s %s\n' "$(printf '%s\n' "${barrier[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")" \
    "$(printf '%s\n' "${total[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")"
}

printf '%-22s %12s %12s %12s %12s\n' "job" "spmd4j bar" "mpirun bar" "spmd4j tot" "mpirun tot"
for n in $COUNTS; do
  read -r sb st <<< "$(measure bin/spmdrun -np "$n" "${java_probe[@]}")"
  read -r mb mt <<< "$(measure mpirun --allow-run-as-root --oversubscribe -np "$n" "$work/probe")"
  printf '%-22s %10s ms %9s ms %9s ms %9s ms\n' "$n ranks, 1 host" "$sb" "$mb" "$st" "$mt"
done
read -r sb st <<< "$(measure bin/spmdrun --hostfile "$work/hostfile" --ssh "$ssh_cmd" "${java_probe[@]}")"
read -r mb mt <<< "$(measure mpirun --allow-run-as-root --hostfile "$work/hostfile" --mca plm_rsh_agent "$ssh_cmd" \
  --mca oob_tcp_if_include "$SPMD_IT_NET.0/24" --mca btl_tcp_if_include "$SPMD_IT_NET.0/24" "$work/probe")"
printf '%-22s %10s ms %9s ms %9s ms %9s ms\n' "6 ranks, 3 hosts (ssh)" "$sb" "$mb" "$st" "$mt"
