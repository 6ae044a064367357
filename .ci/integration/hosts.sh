#!/usr/bin/env bash
# Three "hosts" on one machine for the integration checks: network namespaces spmd-h1..spmd-h3, each
# with its own hostname (a UTS namespace), address (10.231.7.1-3 on a private bridge with the root
# namespace at 10.231.7.254, no route anywhere else) and OpenSSH server. They share the filesystem,
# the users and the PID space, like cluster nodes with NFS homes.
#
# Source it, then: hosts_install; hosts_up; ... hosts_down. Needs root. Everything it makes lives
# under $SPMD_IT_DIR and in a marked block of /etc/hosts, and hosts_down removes all of it (also
# what an earlier, interrupted run left), so it is safe to run again.
set -euo pipefail

SPMD_IT_DIR=${SPMD_IT_DIR:-/tmp/spmd4j-it}
SPMD_IT_NET=10.231.7
SPMD_IT_BRIDGE=spmdbr0
SPMD_IT_HOSTS=(spmd-h1 spmd-h2 spmd-h3)
SPMD_IT_MARK="# spmd4j integration hosts"

it_log() { echo "== $*" >&2; }

# Installs what the hosts need on a bare Debian/Ubuntu machine.
hosts_install() {
  local need=()
  command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v nsenter >/dev/null 2>&1 || need+=(util-linux)
  command -v pgrep >/dev/null 2>&1 || need+=(procps)
  if [ ${#need[@]} -gt 0 ]; then
    it_log "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

# The pid of host $1's sshd, whose namespaces are the host's.
host_pid() { cat "$SPMD_IT_DIR/$1/sshd.pid"; }

# Runs a command "on" host $1 (its network and UTS namespaces), without ssh.
on_host() { local h=$1; shift; nsenter -t "$(host_pid "$h")" -n -u -- "$@"; }

hosts_up() {
  hosts_down
  it_log "starting hosts ${SPMD_IT_HOSTS[*]}"
  mkdir -p "$SPMD_IT_DIR" /run/sshd
  chmod 700 "$SPMD_IT_DIR"
  ssh-keygen -q -t ed25519 -N '' -f "$SPMD_IT_DIR/id_ed25519" <<< y >/dev/null
  ssh-keygen -q -t ed25519 -N '' -f "$SPMD_IT_DIR/host_key" <<< y >/dev/null
  cp "$SPMD_IT_DIR/id_ed25519.pub" "$SPMD_IT_DIR/authorized_keys"
  chmod 600 "$SPMD_IT_DIR/authorized_keys"
  cat > "$SPMD_IT_DIR/ssh_config" <<CONF
Host *
  IdentityFile $SPMD_IT_DIR/id_ed25519
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  BatchMode yes
  ConnectTimeout 5
  LogLevel ERROR
CONF
  ip link add "$SPMD_IT_BRIDGE" type bridge
  ip addr add "$SPMD_IT_NET.254/24" dev "$SPMD_IT_BRIDGE"
  ip link set "$SPMD_IT_BRIDGE" up
  { echo "$SPMD_IT_MARK begin"; } >> /etc/hosts
  local i=0 h
  for h in "${SPMD_IT_HOSTS[@]}"; do
    i=$((i + 1))
    mkdir -p "$SPMD_IT_DIR/$h"
    ip netns add "$h"
    ip link add "spmdv$i" type veth peer name "spmdp$i"
    ip link set "spmdv$i" master "$SPMD_IT_BRIDGE" up
    ip link set "spmdp$i" netns "$h"
    ip -n "$h" link set lo up
    ip -n "$h" link set "spmdp$i" name eth0
    ip -n "$h" addr add "$SPMD_IT_NET.$i/24" dev eth0
    ip -n "$h" link set eth0 up
    echo "$SPMD_IT_NET.$i $h" >> /etc/hosts
    cat > "$SPMD_IT_DIR/$h/sshd_config" <<CONF
ListenAddress $SPMD_IT_NET.$i
HostKey $SPMD_IT_DIR/host_key
PidFile $SPMD_IT_DIR/$h/sshd.pid
AuthorizedKeysFile $SPMD_IT_DIR/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
AcceptEnv LANG LC_*
CONF
    # a UTS namespace of its own gives the host its own name; -D keeps sshd in front, & lets it go
    nsenter --net="/var/run/netns/$h" -- unshare --uts -- sh -c \
      "hostname $h && exec /usr/sbin/sshd -D -f $SPMD_IT_DIR/$h/sshd_config -E $SPMD_IT_DIR/$h/sshd.log" </dev/null >/dev/null 2>&1 &
  done
  echo "$SPMD_IT_MARK end" >> /etc/hosts
  for h in "${SPMD_IT_HOSTS[@]}"; do
    local tries=0
    until [ -s "$SPMD_IT_DIR/$h/sshd.pid" ] && ssh -F "$SPMD_IT_DIR/ssh_config" "$h" true 2>/dev/null; do
      tries=$((tries + 1))
      if [ $tries -gt 100 ]; then
        echo "host $h: sshd did not come up; its log:" >&2
        cat "$SPMD_IT_DIR/$h/sshd.log" >&2 || true
        return 1
      fi
      sleep 0.1
    done
    [ "$(ssh -F "$SPMD_IT_DIR/ssh_config" "$h" hostname)" = "$h" ] || { echo "host $h has the wrong name" >&2; return 1; }
  done
  it_log "hosts up: $(for h in "${SPMD_IT_HOSTS[@]}"; do printf '%s ' "$h=$(getent hosts "$h" | cut -d' ' -f1)"; done)"
}

# Stops every sshd, removes namespaces, links, the /etc/hosts block and the state directory.
hosts_down() {
  local h i=0
  for h in "${SPMD_IT_HOSTS[@]}"; do
    i=$((i + 1))
    if [ -s "$SPMD_IT_DIR/$h/sshd.pid" ]; then
      kill "$(cat "$SPMD_IT_DIR/$h/sshd.pid")" 2>/dev/null || true
    fi
    ip netns del "$h" 2>/dev/null || true
    ip link del "spmdv$i" 2>/dev/null || true
  done
  ip link del "$SPMD_IT_BRIDGE" 2>/dev/null || true
  if grep -q "^$SPMD_IT_MARK begin" /etc/hosts 2>/dev/null; then
    # /etc/hosts may be a bind mount (containers): rewrite it in place rather than replace it
    local kept
    kept=$(sed "/^$SPMD_IT_MARK begin/,/^$SPMD_IT_MARK end/d" /etc/hosts)
    printf '%s\n' "$kept" > /etc/hosts
  fi
  rm -rf "$SPMD_IT_DIR"
}
