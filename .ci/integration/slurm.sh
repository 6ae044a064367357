#!/usr/bin/env bash
# A real Slurm (Debian's slurm-wlm and munge) over the three namespace hosts of hosts.sh: slurmctld in
# the root namespace, one slurmd per host, entered into the host's network and UTS namespaces (not
# its mount namespace, which would break slurmd's cgroup check). No accounting, no cgroups.
#
# Source hosts.sh first, then this; slurm_install; hosts_up; slurm_up; ... slurm_down; hosts_down.
# The configuration lives under $SPMD_IT_DIR/slurm and is used through SLURM_CONF, so a Slurm the
# machine may already have is not touched; munged is started only when none runs, and then stopped.
set -euo pipefail

SPMD_IT_SLURM="$SPMD_IT_DIR/slurm"
SPMD_IT_MUNGE_PID=/run/munge/spmd4j-it-munged.pid

slurm_install() {
  if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    it_log "installing slurm-wlm and munge"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
  fi
}

slurm_up() {
  it_log "starting Slurm (slurmctld + one slurmd per host)"
  mkdir -p "$SPMD_IT_SLURM/state" "$SPMD_IT_SLURM/jobs"
  # job ids start at 1 again with a fresh state: remove shared-memory directories that steps of an
  # earlier, killed run may have left under the same ids
  rm -rf /dev/shm/spmd4j-"$(id -un)"-slurm-*
  local ctl_host
  ctl_host=$(hostname -s)
  local cpus=4
  cat > "$SPMD_IT_SLURM/slurm.conf" <<CONF
ClusterName=spmd4jit
SlurmctldHost=$ctl_host($SPMD_IT_NET.254)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
StateSaveLocation=$SPMD_IT_SLURM/state
SlurmdSpoolDir=$SPMD_IT_SLURM/spool-%n
SlurmctldPidFile=$SPMD_IT_SLURM/slurmctld.pid
SlurmdPidFile=$SPMD_IT_SLURM/slurmd-%n.pid
SlurmctldLogFile=$SPMD_IT_SLURM/slurmctld.log
SlurmdLogFile=$SPMD_IT_SLURM/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
KillWait=2
InactiveLimit=0
CONF
  local i=0 h
  for h in "${SPMD_IT_HOSTS[@]}"; do
    i=$((i + 1))
    echo "NodeName=$h NodeAddr=$SPMD_IT_NET.$i CPUs=$cpus State=UNKNOWN" >> "$SPMD_IT_SLURM/slurm.conf"
  done
  echo "PartitionName=it Nodes=$(IFS=,; echo "${SPMD_IT_HOSTS[*]}") Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES" \
    >> "$SPMD_IT_SLURM/slurm.conf"
  export SLURM_CONF="$SPMD_IT_SLURM/slurm.conf"

  if [ ! -S /run/munge/munge.socket.2 ] || ! munge -n >/dev/null 2>&1; then
    mkdir -p /run/munge
    chown munge:munge /run/munge
    [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null;
      chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
    runuser -u munge -- /usr/sbin/munged --pid-file="$SPMD_IT_MUNGE_PID"
    touch "$SPMD_IT_SLURM/started-munged"
  fi
  slurmctld -f "$SLURM_CONF" </dev/null >/dev/null 2>&1
  for h in "${SPMD_IT_HOSTS[@]}"; do
    on_host "$h" slurmd -f "$SLURM_CONF" -N "$h" </dev/null >/dev/null 2>&1
  done
  local tries=0
  until [ "$(sinfo -h -o '%T' -p it 2>/dev/null | sort -u)" = "idle" ]; do
    tries=$((tries + 1))
    if [ $tries -gt 150 ]; then
      echo "Slurm nodes did not become idle:" >&2
      sinfo -N -l >&2 || true
      tail -n 20 "$SPMD_IT_SLURM"/*.log >&2 || true
      return 1
    fi
    sleep 0.2
  done
  it_log "Slurm up: $(sinfo -h -N -o '%N:%T' | tr '\n' ' ')"
}

# Submits a batch job and waits for its end; prints "JOBID STATE EXITCODE". Extra arguments go to sbatch.
slurm_run() {
  local id state code tries=0
  id=$(sbatch --parsable "$@")
  while :; do
    state=$(scontrol show job "$id" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    case "$state" in
      COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE) break ;;
    esac
    tries=$((tries + 1))
    if [ $tries -gt 1800 ]; then
      scancel "$id" || true
      echo "$id TIMEOUT_WAITING -"
      return 0
    fi
    sleep 0.1
  done
  code=$(scontrol show job "$id" | sed -n 's/.* ExitCode=\([0-9]*:[0-9]*\).*/\1/p')
  echo "$id $state $code"
}

slurm_down() {
  local f p sid
  if [ -s "$SPMD_IT_SLURM/slurmctld.pid" ] && [ -e "$SPMD_IT_SLURM/slurm.conf" ]; then
    # An interrupted run may leave jobs running: cancel them while the daemons can still end their steps.
    SLURM_CONF="$SPMD_IT_SLURM/slurm.conf" timeout 10 scancel --full --user="$(id -un)" 2>/dev/null || true
  fi
  for f in "$SPMD_IT_SLURM"/slurmd-*.pid "$SPMD_IT_SLURM/slurmctld.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  if [ -e "$SPMD_IT_SLURM/started-munged" ] && [ -s "$SPMD_IT_MUNGE_PID" ]; then
    kill "$(cat "$SPMD_IT_MUNGE_PID")" 2>/dev/null || true
  fi
  local tries=0
  while [ $tries -lt 50 ] && slurm_alive; do
    sleep 0.1
    tries=$((tries + 1))
  done
  # Step daemons of this cluster that outlived slurmd (their cwd is the cluster's directory), with the
  # tasks of their session.
  for p in $(pgrep -f '^slurmstepd:' || true); do
    case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in
      "$SPMD_IT_SLURM"*)
        sid=$(ps -o sid= -p "$p" | tr -d ' ')
        [ -n "$sid" ] && pkill -9 -s "$sid" 2>/dev/null || true
        kill -9 "$p" 2>/dev/null || true ;;
    esac
  done
  unset SLURM_CONF
}

# True while any of our Slurm daemons runs.
slurm_alive() {
  local f
  for f in "$SPMD_IT_SLURM"/slurmd-*.pid "$SPMD_IT_SLURM/slurmctld.pid"; do
    [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && return 0
  done
  return 1
}
