# MPJ Express 0.44 (Debian's libmpj-java) for the scripts that run it beside spmd4j: where it is, a
# private MPJ_HOME, and a niodev daemon of one's own. Sourced by run-peers.sh and
# mpj-conformance.sh; defines constants and functions only.
#
# Debian's mpjrun does not start as shipped: the jars' manifests look for log4j and commons-cli next
# to themselves. A private MPJ_HOME holds copies (not links) of the jars, also under their names
# without -0.44, plus those libraries, and the configuration of /etc/mpj.

readonly MPJ_JAR="/usr/share/java/mpj.jar"
readonly MPJ_LIB_DIR="/usr/share/mpj/lib"
readonly MPJ_CONF_DIR="/etc/mpj"
readonly MPJ_EXTRA_JARS="log4j-1.2 commons-cli commons-codec commons-io"
readonly MPJ_DAEMON_PORT=40055
readonly MPJ_DAEMON_START_TIMEOUT_S=20

# mpj_make_home DIR: fills DIR with lib/ and conf/ of a working MPJ_HOME; fails when a copy fails.
mpj_make_home() {
    local home="$1" jar name
    mkdir -p "${home}/lib" "${home}/conf" || return 1
    for jar in "${MPJ_LIB_DIR}"/*-0.44.jar; do
        name="$(basename "${jar}")"
        cp "${jar}" "${home}/lib/${name}" || return 1
        cp "${jar}" "${home}/lib/${name%-0.44.jar}.jar" || return 1
    done
    for name in ${MPJ_EXTRA_JARS}; do
        cp -L "/usr/share/java/${name}.jar" "${home}/lib/${name}.jar" || return 1
    done
    cp -L "${MPJ_CONF_DIR}"/* "${home}/conf/"
}

# port_open PORT: whether something listens on a local TCP port. ss looks without connecting (a
# probe connection leaves MPJ Express' daemon with a broken job request); /dev/tcp where ss is absent.
port_open() {
    if command -v ss >/dev/null; then
        ss -Hltn "sport = :$1" | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

# mpj_start_daemon HOME DIR LOG: starts the niodev daemon on MPJ_DAEMON_PORT in DIR, in a process
# group of its own (its ranks are its children, so stopping the group stops them too), appending
# its output to LOG; sets mpj_daemon_pid. Returns 0 once it listens, 1 when the port was already
# taken (nothing started), 2 when the daemon exited, 3 when it did not listen in time.
mpj_start_daemon() {
    local home="$1" dir="$2" log="$3" i
    mpj_daemon_pid=""
    port_open "${MPJ_DAEMON_PORT}" && return 1
    (cd "${dir}" && MPJ_HOME="${home}" exec setsid java -cp "${home}/lib/daemon.jar" \
        runtime.daemon.MPJDaemon "${MPJ_DAEMON_PORT}" >>"${log}" 2>&1) &
    mpj_daemon_pid=$!
    for ((i = 0; i < MPJ_DAEMON_START_TIMEOUT_S * 10; i++)); do
        port_open "${MPJ_DAEMON_PORT}" && return 0
        kill -0 "${mpj_daemon_pid}" 2>/dev/null || return 2
        sleep 0.1
    done
    return 3
}
