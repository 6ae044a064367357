#!/usr/bin/env bash
# Integration checks across hosts, run by .ci/run as root after the build: three network-namespace
# hosts with their own sshd (hosts.sh) and a real Slurm over them (slurm.sh).
#   ssh:   a 6-rank hostfile job (output and exit code); a failing rank's exit code; SIGKILL of a remote
#          rank (137, nothing left anywhere); SIGKILL of the launcher (nothing left); a host that is down
#          (a clear error in bounded time)
#   Slurm: every job script in jobscripts/ through sbatch, output checked; a failing rank fails the job
#          with its exit code, in the srun and in the spmdrun variant
# Idempotent and self-cleaning: it removes what an interrupted earlier run left, and all it made on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

if [ "$(id -u)" != 0 ]; then
  echo "multihost checks need root (network namespaces, sshd, Slurm); skipped" >&2
  exit 0
fi
. .ci/integration/hosts.sh
. .ci/integration/slurm.sh

for f in launcher/target/spmd4j-launcher.jar launcher/target/test-classes/io/spmd4j/launcher/programs/HostCheck.class \
         examples/target/classes benchmarks/target/spmd4j-benchmarks.jar kernels/target/spmd4j-kernels.jar; do
  [ -e "$f" ] || { echo "missing $f: build first (mvn verify)" >&2; exit 1; }
done

run_id="it$$"
marker="-Dspmd4j.it=$run_id"        # in every rank's command line, to find leftovers
failures=0
started=$(date +%s)
cleanup() {
  slurm_down || true
  hosts_down || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# Processes of this run still alive anywhere (all hosts share the PID space): ranks carry the marker,
# node agents the launcher's address on the hosts' bridge.
leftovers() { pgrep -f -- "$marker|$SPMD_IT_NET.254:" || true; }

await_clean() {  # $1: what; waits up to 10 s for every process of the run to be gone
  local i
  for i in $(seq 1 50); do
    [ -z "$(leftovers)" ] && { pass "$1: nothing left on any host"; return; }
    sleep 0.2
  done
  fail "$1: processes left: $(leftovers | tr '\n' ' ')"
  leftovers | xargs -r kill -9 2>/dev/null || true
}

hosts_install
slurm_install
hosts_up
work="$SPMD_IT_DIR/work"
mkdir -p "$work"
cat > "$work/hostfile" <<HF
# three hosts, two slots each, in the three formats
spmd-h1 slots=2
spmd-h2:2
spmd-h3
spmd-h3
HF
spmdrun=(bin/spmdrun --hostfile "$work/hostfile" --ssh "ssh -F $SPMD_IT_DIR/ssh_config" --jvm-args "$marker"
         -cp launcher/target/test-classes)
main=io.spmd4j.launcher.programs.HostCheck

# SPMD_IT_ONLY=ssh or SPMD_IT_ONLY=slurm runs one part of the checks only.
part() { [ -z "${SPMD_IT_ONLY:-}" ] || [ "$SPMD_IT_ONLY" = "$1" ]; }

if part ssh; then
echo "== ssh: 6 ranks over 3 hosts"
t0=$(date +%s%N)
set +e
timeout 120 "${spmdrun[@]}" "$main" > "$work/ok.out" 2> "$work/ok.err"
rc=$?
set -e
t1=$(date +%s%N)
expected=$(printf 'rank %d of 6 on %s sum 15\n' 0 spmd-h1 1 spmd-h1 2 spmd-h2 3 spmd-h2 4 spmd-h3 5 spmd-h3)
got=$(sed 's/ pid [0-9]*//' "$work/ok.out" | sort)
if [ $rc = 0 ] && [ "$got" = "$expected" ]; then
  pass "hostfile job: exit 0, every rank on its host, allreduce right ($(( (t1 - t0) / 1000000 )) ms)"
else
  fail "hostfile job: exit $rc, output:"; cat "$work/ok.out" "$work/ok.err"
fi
await_clean "after the hostfile job"

echo "== ssh: a failing rank"
set +e
timeout 120 "${spmdrun[@]}" "$main" fail 4 3 > "$work/fail.out" 2> "$work/fail.err"
rc=$?
set -e
if [ $rc = 3 ] && grep -q "rank 4 (pid [0-9]* on spmd-h3) exited with code 3" "$work/fail.err"; then
  pass "rank 4 exiting with 3 ends the job with 3: $(grep '^spmdrun:' "$work/fail.err" | tail -1)"
else
  fail "failing rank: exit $rc, stderr:"; cat "$work/fail.err"
fi
await_clean "after the failing rank"

# Starts the sleeping job in the background; waits until every rank has printed its line.
start_sleeping() {
  : > "$work/sleep.out"
  timeout 120 "${spmdrun[@]}" "$main" sleep > "$work/sleep.out" 2> "$work/sleep.err" &
  job=$!
  local i
  for i in $(seq 1 900); do
    [ "$(grep -c '^rank' "$work/sleep.out")" = 6 ] && return 0
    sleep 0.1
  done
  fail "the sleeping job did not start"; cat "$work/sleep.err"
  return 1
}

echo "== ssh: SIGKILL of a remote rank"
if start_sleeping; then
  victim=$(sed -n 's/^rank 5 of 6 on spmd-h3 pid \([0-9]*\).*/\1/p' "$work/sleep.out")
  kill -9 "$victim"
  set +e; wait "$job"; rc=$?; set -e
  if [ $rc = 137 ] && grep -q "rank 5 (pid $victim on spmd-h3) was killed by signal 9 (SIGKILL)" "$work/sleep.err"; then
    pass "SIGKILL of rank 5 on spmd-h3 ends the job with 137"
  else
    fail "SIGKILL of a rank: exit $rc, stderr:"; cat "$work/sleep.err"
  fi
  await_clean "after SIGKILL of a remote rank"
fi

echo "== ssh: SIGKILL of the launcher"
if start_sleeping; then
  launcher=$(pgrep -f -- "io.spmd4j.launcher.Main --hostfile $work/hostfile" | head -1)
  kill -9 "$launcher"
  set +e; wait "$job"; set -e
  await_clean "after SIGKILL of the launcher"
fi

echo "== ssh: a host that is down"
ip -n spmd-h3 link set eth0 down
t0=$(date +%s)
set +e
timeout 120 "${spmdrun[@]}" "$main" > "$work/down.out" 2> "$work/down.err"
rc=$?
set -e
t1=$(date +%s)
ip -n spmd-h3 link set eth0 up
if [ $rc = 1 ] && grep -q "^spmdrun: host spmd-h3: .*; ending the job" "$work/down.err" && [ $((t1 - t0)) -le 30 ]; then
  pass "host down: exit 1 after $((t1 - t0)) s: $(grep '^spmdrun: host' "$work/down.err")"
else
  fail "host down: exit $rc after $((t1 - t0)) s, stderr:"; cat "$work/down.err"
fi
await_clean "after the host that was down"
fi

if part slurm; then

echo "== Slurm: job scripts through sbatch"
slurm_up
export SLURM_CONF="$SPMD_IT_SLURM/slurm.conf"
export SPMD4J_HOME="$repo"
export JAVA_OPTS="$marker"
export OSU_P2P=Latency OSU_COLLECTIVES="Barrier Allreduce" OSU_ARGS="--iterations 20 --warmup 2"
sb=(--nodes=3 --ntasks-per-node=2 --chdir="$work")

check_job() {  # $1 script, $2 expected state, $3 expected exit code, then patterns the output must match
  local name=$1 want_state=$2 want_code=$3 out="$work/$1-$RANDOM.out" result id state code ok=1 p
  shift 3
  result=$(slurm_run "${sb[@]}" -o "$out" "$repo/jobscripts/$name.sbatch")
  read -r id state code <<< "$result"
  [ "$state" = "$want_state" ] && [ "$code" = "$want_code:0" ] || ok=0
  for p in "$@"; do
    grep -Eq -- "$p" "$out" || { ok=0; echo "no line matches /$p/"; }
  done
  if [ $ok = 1 ]; then
    pass "sbatch $name ${KERNEL_ARGS:-}: job $id $state, exit code $code"
  else
    fail "sbatch $name: job $id $state exit code $code (expected $want_state $want_code:0), output:"; cat "$out"
  fi
}
osu_rows=("OSU-style Latency Test" "OSU-style Barrier Latency Test" "OSU-style Allreduce Latency Test"
          "^4194304 +[0-9.]+$" "## Allreduce: 6 ranks")
export KERNEL_ARGS="heat2d --n 96 --steps 40"
heat_rows=('^\{"kernel":"heat2d","grid":\[96, 96\],"processGrid":\[3, 2\],"ranks":6,' \
           '^heat2d \[96, 96\] on 6 ranks: 40 steps .* max error [0-9.]+e-0[5-9] vs exact$')
check_job kernel-srun COMPLETED 0 "${heat_rows[@]}"
check_job kernel-spmdrun COMPLETED 0 "${heat_rows[@]}"
unset KERNEL_ARGS
check_job osu-srun COMPLETED 0 "${osu_rows[@]}"
check_job osu-spmdrun COMPLETED 0 "${osu_rows[@]}"
export KERNEL_CP="$repo/launcher/target/test-classes" KERNEL_MAIN=$main KERNEL_ARGS="fail 3 7"
check_job kernel-srun FAILED 7 "task 3: Exited with exit code 7"
check_job kernel-spmdrun FAILED 7 "rank 3 \(pid [0-9]* on spmd-h2\) exited with code 7"
unset KERNEL_CP KERNEL_MAIN KERNEL_ARGS
await_clean "after the Slurm jobs"
fi

echo "== multihost checks: $failures failed, $(( $(date +%s) - started )) s"
[ $failures = 0 ]
