#!/usr/bin/env bash
# Side-by-side OSU-style point-to-point benchmarks: spmd4j against Open MPI (C) and MPJ Express.
#
# In one run this script installs the peers when they are missing (as root, Debian packages),
# builds the peer programs into a temporary directory, starts what they need (an MPJ Express
# niodev daemon), runs latency and bandwidth for every selected system, interleaved and repeated,
# and prints the median per size in one table per metric, followed by the ratios against the
# project's targets. Raw outputs and CSV files go to the results directory. Every process and
# temporary file it starts is removed on exit, also on Ctrl-C.
#
# Run `benchmarks/run-peers.sh --help` for the options; see benchmarks/README.md for methodology.
set -euo pipefail
# Numbers are printed, parsed and sorted with '.' as the decimal point whatever the user's locale.
export LC_ALL=C

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
readonly PROGRAM="$(basename "$0")"

readonly ALL_SYSTEMS="spmd4j-tcp,ompi-tcp,ompi-shm,mpj-niodev,mpj-multicore"
readonly METRICS="latency bandwidth"
readonly APT_PACKAGES_OMPI="openmpi-bin libopenmpi-dev"
readonly APT_PACKAGES_MPJ="libmpj-java"
readonly MPJ_JAR="/usr/share/java/mpj.jar"
readonly MPJ_LIB_DIR="/usr/share/mpj/lib"
readonly MPJ_CONF_DIR="/etc/mpj"
readonly MPJ_EXTRA_JARS="log4j-1.2 commons-cli commons-codec commons-io"
readonly MPJ_DAEMON_PORT=40055
readonly MPJ_DAEMON_START_TIMEOUT_S=20
readonly BENCH_JAR="${SCRIPT_DIR}/target/spmd4j-benchmarks.jar"
readonly SPMDRUN="${REPO_ROOT}/bin/spmdrun"
readonly SPMD4J_MAIN_LATENCY="io.spmd4j.benchmarks.osu.Latency"
readonly SPMD4J_MAIN_BANDWIDTH="io.spmd4j.benchmarks.osu.Bandwidth"

# Sizes at which the summary compares systems.
readonly SMALL_SIZE_BYTES=1
readonly MEDIUM_SIZE_BYTES=1048576
readonly LARGE_SIZE_BYTES=4194304
# Targets of the issue: small-message latency at most 1.5x Open MPI TCP, at least 2x better than
# MPJ Express niodev; 4 MiB bandwidth at least that of Open MPI TCP.
readonly TARGET_LAT_VS_OMPI_TCP=1.5
readonly TARGET_LAT_MPJ_OVER_SPMD4J=2.0
readonly TARGET_BW_VS_OMPI_TCP=1.0

# OSU defaults are built into the programs; --quick passes these instead (a CI smoke run).
readonly QUICK_LATENCY_ARGS="--iterations 1000 --warmup 100 --iterations-large 100 --warmup-large 10"
readonly QUICK_BANDWIDTH_ARGS="--iterations 10 --warmup 2 --iterations-large 5 --warmup-large 1"

usage() {
    cat <<EOF
Usage: ${PROGRAM} [options]
Runs OSU-style latency and bandwidth for spmd4j and its peers side by side (2 ranks, one host)
and prints median tables, ratios and PASS/MISS against the targets.

Options:
  --systems LIST         comma-separated systems to run (default: ${ALL_SYSTEMS})
  --repeat N             runs per system and metric; the table shows the median (default 3)
  --quick                fewer iterations and 1 repeat unless --repeat is given (CI smoke run)
  --min-size BYTES       smallest message size, power of two (default 1)
  --max-size BYTES       largest message size, power of two (default 4M)
  --latency-warmup N     latency warm-up iterations up to 8 KiB, for every system (OSU: 100);
                         Java ranks need about 10000 to be past JIT compilation at the first size
  --out DIR              results directory (default: bench-results/<timestamp> in the repository)
  --timeout SECONDS      wall-clock limit of one benchmark run (default 600)
  --jvm-args ARGS        JVM options for the spmd4j ranks, passed to bin/spmdrun --jvm-args
  --buffer KIND          spmd4j buffer kind: direct, heap or bytes (default direct)
  --no-install           never install missing packages; fail instead
  --help                 print this help and exit

Systems:
  spmd4j-tcp     bin/spmdrun -np 2 over TCP loopback
  ompi-tcp       Open MPI C, mpirun --mca btl tcp,self
  ompi-shm       Open MPI C, default transports (shared memory)
  mpj-niodev     MPJ Express 0.44, niodev (TCP) with a private daemon
  mpj-multicore  MPJ Express 0.44, multicore (ranks as threads in one JVM)
EOF
}

die() {
    echo "${PROGRAM}: $*" >&2
    exit 1
}

usage_error() {
    echo "${PROGRAM}: $*" >&2
    usage >&2
    exit 2
}

log() {
    echo "[$(date +%H:%M:%S)] $*" >&2
}

# ---------------------------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------------------------
original_args="$*"
systems="${ALL_SYSTEMS}"
repeat=""
quick=0
min_size=""
max_size=""
latency_warmup=""
out_dir=""
run_timeout_s=600
spmd4j_jvm_args=""
buffer_kind="direct"
install=1

need_value() {
    [[ $# -ge 2 ]] || usage_error "option $1 needs a value"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --systems) need_value "$@"; systems="$2"; shift 2 ;;
        --repeat) need_value "$@"; repeat="$2"; shift 2 ;;
        --quick) quick=1; shift ;;
        --min-size) need_value "$@"; min_size="$2"; shift 2 ;;
        --max-size) need_value "$@"; max_size="$2"; shift 2 ;;
        --latency-warmup) need_value "$@"; latency_warmup="$2"; shift 2 ;;
        --out) need_value "$@"; out_dir="$2"; shift 2 ;;
        --timeout) need_value "$@"; run_timeout_s="$2"; shift 2 ;;
        --jvm-args) need_value "$@"; spmd4j_jvm_args="$2"; shift 2 ;;
        --buffer) need_value "$@"; buffer_kind="$2"; shift 2 ;;
        --no-install) install=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option: $1" ;;
    esac
done

if [[ -z "${repeat}" ]]; then
    if [[ ${quick} -eq 1 ]]; then repeat=1; else repeat=3; fi
fi
[[ "${repeat}" =~ ^[1-9][0-9]*$ ]] || usage_error "invalid value for --repeat: ${repeat}"
[[ -z "${latency_warmup}" || "${latency_warmup}" =~ ^[0-9]+$ ]] || usage_error "invalid value for --latency-warmup: ${latency_warmup}"
[[ "${run_timeout_s}" =~ ^[1-9][0-9]*$ ]] || usage_error "invalid value for --timeout: ${run_timeout_s}"
case "${buffer_kind}" in
    direct | heap | bytes) ;;
    *) usage_error "invalid value for --buffer: ${buffer_kind} (direct, heap or bytes)" ;;
esac

IFS=',' read -r -a selected <<<"${systems}"
[[ ${#selected[@]} -gt 0 ]] || usage_error "--systems is empty"
for s in "${selected[@]}"; do
    [[ ",${ALL_SYSTEMS}," == *",${s},"* ]] || usage_error "unknown system: ${s} (known: ${ALL_SYSTEMS})"
done

has_system() {
    [[ ",${systems}," == *",$1,"* ]]
}

has_prefix() {
    [[ ",${systems}" == *",$1-"* ]]
}

common_args=()
[[ -n "${min_size}" ]] && common_args+=(--min-size "${min_size}")
[[ -n "${max_size}" ]] && common_args+=(--max-size "${max_size}")

if [[ -z "${out_dir}" ]]; then
    out_dir="${REPO_ROOT}/bench-results/$(date +%Y%m%d-%H%M%S)"
fi

# ---------------------------------------------------------------------------------------------
# Cleanup: every process group and temporary directory this script creates is recorded here.
# ---------------------------------------------------------------------------------------------
work_dir=""
current_pgid=""
daemon_pgid=""

stop_group() {
    local pgid="$1"
    [[ -n "${pgid}" ]] || return 0
    # The leader may not have made its group yet: signal it by PID too.
    kill -TERM "${pgid}" 2>/dev/null || true
    if kill -0 -- "-${pgid}" 2>/dev/null; then
        kill -TERM -- "-${pgid}" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 -- "-${pgid}" 2>/dev/null || return 0
            sleep 0.2
        done
        kill -KILL -- "-${pgid}" 2>/dev/null || true
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_group "${current_pgid}"
    stop_group "${daemon_pgid}"
    if [[ -n "${work_dir}" && -d "${work_dir}" ]]; then
        rm -rf -- "${work_dir}"
    fi
    exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# (a) Install what is missing
# ---------------------------------------------------------------------------------------------
missing_packages=""
if has_prefix ompi && ! { command -v mpicc && command -v mpirun; } >/dev/null 2>&1; then
    missing_packages+=" ${APT_PACKAGES_OMPI}"
fi
if has_prefix mpj && [[ ! -f "${MPJ_JAR}" ]]; then
    missing_packages+=" ${APT_PACKAGES_MPJ}"
fi
if [[ -n "${missing_packages}" ]]; then
    if [[ ${install} -eq 0 || ${EUID} -ne 0 ]] || ! command -v apt-get >/dev/null; then
        die "missing packages:${missing_packages}; install them (apt-get install -y${missing_packages}) or leave those systems out with --systems"
    fi
    log "installing${missing_packages}"
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing_packages} >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing_packages} >/dev/null
    fi
fi

# ---------------------------------------------------------------------------------------------
# (b) Build what is needed
# ---------------------------------------------------------------------------------------------
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/spmd4j-peers.XXXXXX")"
mkdir -p "${out_dir}/raw"
out_dir="$(cd "${out_dir}" && pwd)"
log "results in ${out_dir}"

if has_prefix ompi; then
    mkdir -p "${work_dir}/c"
    for p in osu_latency osu_bw; do
        mpicc -O2 -o "${work_dir}/c/${p}" "${SCRIPT_DIR}/peers/c/${p}.c"
    done
fi

if has_prefix mpj; then
    mkdir -p "${work_dir}/mpj/classes"
    javac -nowarn -cp "${MPJ_JAR}" -d "${work_dir}/mpj/classes" "${SCRIPT_DIR}"/peers/mpj/*.java
fi

# spmd4j is ready when the benchmarks jar exists and the launcher answers --help.
spmd4j_ready() {
    [[ -f "${BENCH_JAR}" ]] && "${SPMDRUN}" --help >/dev/null 2>&1
}

if has_prefix spmd4j; then
    [[ -x "${SPMDRUN}" ]] || die "${SPMDRUN} not found; leave spmd4j out with --systems"
    if ! spmd4j_ready; then
        log "building spmd4j (mvn -q -o package -DskipTests)"
        (cd "${REPO_ROOT}" && mvn -q -o package -DskipTests)
        spmd4j_ready || die "after the build, ${BENCH_JAR} is missing or ${SPMDRUN} --help fails"
    fi
fi

# ---------------------------------------------------------------------------------------------
# (c) MPJ Express: private MPJ_HOME (copies, not links: the jars' manifests look for their
# dependencies next to themselves) and, for niodev, a daemon of our own.
# ---------------------------------------------------------------------------------------------
mpj_home="${work_dir}/mpj/home"
if has_prefix mpj; then
    mkdir -p "${mpj_home}/lib" "${mpj_home}/conf"
    for jar in "${MPJ_LIB_DIR}"/*-0.44.jar; do
        name="$(basename "${jar}")"
        cp "${jar}" "${mpj_home}/lib/${name}"
        cp "${jar}" "${mpj_home}/lib/${name%-0.44.jar}.jar"
    done
    for name in ${MPJ_EXTRA_JARS}; do
        cp -L "/usr/share/java/${name}.jar" "${mpj_home}/lib/${name}.jar"
    done
    cp -L "${MPJ_CONF_DIR}"/* "${mpj_home}/conf/"
    echo "localhost" >"${work_dir}/mpj/machines"
fi

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if has_system mpj-niodev; then
    port_open "${MPJ_DAEMON_PORT}" && die "port ${MPJ_DAEMON_PORT} is in use (another MPJ Express daemon?); stop it or leave mpj-niodev out"
    log "starting the MPJ Express daemon on port ${MPJ_DAEMON_PORT}"
    (cd "${work_dir}/mpj" && MPJ_HOME="${mpj_home}" exec setsid java -cp "${mpj_home}/lib/daemon.jar" \
        runtime.daemon.MPJDaemon "${MPJ_DAEMON_PORT}" >"${out_dir}/raw/mpj-daemon.log" 2>&1) &
    daemon_pgid=$!
    for ((i = 0; i < MPJ_DAEMON_START_TIMEOUT_S * 10; i++)); do
        port_open "${MPJ_DAEMON_PORT}" && break
        kill -0 "${daemon_pgid}" 2>/dev/null || die "the MPJ Express daemon exited; see ${out_dir}/raw/mpj-daemon.log"
        sleep 0.1
    done
    port_open "${MPJ_DAEMON_PORT}" || die "the MPJ Express daemon did not listen within ${MPJ_DAEMON_START_TIMEOUT_S} s"
fi

# ---------------------------------------------------------------------------------------------
# (d) Run
# ---------------------------------------------------------------------------------------------
mpirun_cmd=(mpirun -np 2)
[[ ${EUID} -eq 0 ]] && mpirun_cmd+=(--allow-run-as-root)

# Prints the command line (one word per line) that runs METRIC on SYSTEM.
command_for() {
    local system="$1" metric="$2"
    local c_prog mpj_main spmd4j_main
    local -a bench_args=("${common_args[@]}")
    if [[ "${metric}" == latency ]]; then
        c_prog=osu_latency mpj_main=MpjOsuLatency spmd4j_main="${SPMD4J_MAIN_LATENCY}"
        # shellcheck disable=SC2206
        [[ ${quick} -eq 1 ]] && bench_args+=(${QUICK_LATENCY_ARGS})
        [[ -n "${latency_warmup}" ]] && bench_args+=(--warmup "${latency_warmup}")
    else
        c_prog=osu_bw mpj_main=MpjOsuBandwidth spmd4j_main="${SPMD4J_MAIN_BANDWIDTH}"
        # shellcheck disable=SC2206
        [[ ${quick} -eq 1 ]] && bench_args+=(${QUICK_BANDWIDTH_ARGS})
    fi
    local -a cmd
    case "${system}" in
        spmd4j-tcp)
            cmd=("${SPMDRUN}" -np 2)
            [[ -n "${spmd4j_jvm_args}" ]] && cmd+=(--jvm-args "${spmd4j_jvm_args}")
            cmd+=(-cp "${BENCH_JAR}" "${spmd4j_main}" --buffer "${buffer_kind}") ;;
        ompi-tcp)
            cmd=("${mpirun_cmd[@]}" --mca btl tcp,self "${work_dir}/c/${c_prog}") ;;
        ompi-shm)
            cmd=("${mpirun_cmd[@]}" "${work_dir}/c/${c_prog}") ;;
        mpj-niodev)
            cmd=(java -jar "${mpj_home}/lib/starter.jar" -np 2 -dev niodev
                -machinesfile "${work_dir}/mpj/machines" -cp "${work_dir}/mpj/classes" "${mpj_main}") ;;
        mpj-multicore)
            cmd=(java -jar "${mpj_home}/lib/starter.jar" -np 2 -dev multicore
                -cp "${work_dir}/mpj/classes" "${mpj_main}") ;;
    esac
    printf '%s\n' "${cmd[@]}" "${bench_args[@]}"
}

# What the numbers depend on, for whoever reads the results later.
env_file="${out_dir}/environment.txt"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command: ${PROGRAM} ${original_args}"
    echo "systems: ${systems}; repeat: ${repeat}; quick: ${quick}; buffer: ${buffer_kind}; latency warm-up: ${latency_warmup:-OSU default}"
    echo "commit: $(git -C "${REPO_ROOT}" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "kernel: $(uname -sr); cpus: $(nproc)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -n 1)"
    if has_prefix ompi; then echo "mpirun: $(mpirun --version 2>/dev/null | head -n 1)"; fi
} >"${env_file}"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (run on a quiet machine; see benchmarks/README.md)"

raw_csv="${out_dir}/raw.csv"
echo "metric,system,repeat,size_bytes,value" >"${raw_csv}"
failures=0

# Runs one benchmark in its own process group (so that it can be stopped whole) and appends its
# rows to raw.csv. A run that fails or prints no rows is reported and counted, not fatal: MPJ
# Express' starter exits 0 whatever its ranks did, so the rows are the real evidence.
run_one() {
    local system="$1" metric="$2" rep="$3"
    local base="${out_dir}/raw/${metric}-${system}-r${rep}"
    local -a cmd
    mapfile -t cmd < <(command_for "${system}" "${metric}")
    printf '%q ' "${cmd[@]}" >"${base}.cmd"
    echo >>"${base}.cmd"
    log "${metric} ${system} run ${rep}/${repeat}"
    local rc=0
    # timeout(1) puts itself and its child in a new process group (unless --foreground), which
    # stop_group relies on; the subshell execs it, so that $! is the PID that leads the group.
    (cd "${work_dir}" && MPJ_HOME="${mpj_home}" exec timeout -k 10 "${run_timeout_s}" "${cmd[@]}") \
        >"${base}.out" 2>"${base}.err" </dev/null &
    current_pgid=$!
    wait "${current_pgid}" || rc=$?
    current_pgid=""
    local rows
    rows="$(awk -v m="${metric}" -v s="${system}" -v r="${rep}" \
        '$1 ~ /^[0-9]+$/ && NF == 2 && $2 ~ /^[0-9.]+$/ { print m "," s "," r "," $1 "," $2 }' "${base}.out")"
    if [[ ${rc} -ne 0 || -z "${rows}" ]]; then
        log "FAILED: ${metric} ${system} run ${rep} (exit ${rc}); see ${base}.err"
        failures=$((failures + 1))
    fi
    [[ -n "${rows}" ]] && echo "${rows}" >>"${raw_csv}"
    return 0
}

for ((rep = 1; rep <= repeat; rep++)); do
    for metric in ${METRICS}; do
        for system in "${selected[@]}"; do
            run_one "${system}" "${metric}" "${rep}"
        done
    done
done

stop_group "${daemon_pgid}"
daemon_pgid=""
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"${env_file}"

# ---------------------------------------------------------------------------------------------
# (e) Report: medians per size and system, tables, ratios against the targets
# ---------------------------------------------------------------------------------------------
medians_csv="${out_dir}/medians.csv"
echo "metric,system,size_bytes,median,runs" >"${medians_csv}"
tail -n +2 "${raw_csv}" | sort -t, -k1,1 -k2,2 -k4,4n -k5,5g | awk -F, '
    function flush() {
        if (n > 0) {
            med = (n % 2 == 1) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            printf "%s,%s,%s,%.2f,%d\n", pm, ps, pz, med, n
        }
        n = 0
    }
    { key = $1 "," $2 "," $4
      if (key != prev) { flush(); prev = key; pm = $1; ps = $2; pz = $4 }
      v[++n] = $5 }
    END { flush() }' >>"${medians_csv}"

# Prints the median of METRIC for SYSTEM at SIZE, or nothing.
median_of() {
    awk -F, -v m="$1" -v s="$2" -v z="$3" '$1 == m && $2 == s && $3 == z { print $4 }' "${medians_csv}"
}

print_table() {
    local metric="$1" title="$2"
    echo
    echo "# ${title}, median of ${repeat} run(s) per size"
    {
        printf '%-10s' "# Size"
        for s in "${selected[@]}"; do printf '%16s' "${s}"; done
        printf '\n'
        local sizes
        sizes="$(awk -F, -v m="${metric}" '$1 == m { print $3 }' "${medians_csv}" | sort -n -u)"
        for z in ${sizes}; do
            printf '%-10s' "${z}"
            for s in "${selected[@]}"; do
                local v
                v="$(median_of "${metric}" "${s}" "${z}")"
                printf '%16s' "${v:--}"
            done
            printf '\n'
        done
    } | tee "${out_dir}/${metric}-table.txt"
}

# ratio LABEL NUMERATOR DENOMINATOR OPERATOR TARGET: prints the ratio and, with a target, PASS/MISS.
summary_file="${out_dir}/summary.txt"
ratio_line() {
    local label="$1" num="$2" den="$3" op="$4" target="$5"
    if [[ -z "${num}" || -z "${den}" ]]; then
        printf '%-58s %8s\n' "${label}" "n/a"
        return
    fi
    awk -v l="${label}" -v a="${num}" -v b="${den}" -v op="${op}" -v t="${target}" 'BEGIN {
        if (b + 0 == 0) { printf "%-58s %8s\n", l, "n/a"; exit }
        r = a / b
        verdict = ""
        if (op == "<=") verdict = (r <= t + 0) ? "PASS" : "MISS"
        if (op == ">=") verdict = (r >= t + 0) ? "PASS" : "MISS"
        if (verdict == "") printf "%-58s %8.2f\n", l, r
        else printf "%-58s %8.2f  %s (target %s %s)\n", l, r, verdict, op, t
    }'
}

print_table latency "Latency (us)"
print_table bandwidth "Bandwidth (MB/s)"

{
    echo
    echo "# Ratios (medians from this run only)"
    lat_s_small="$(median_of latency spmd4j-tcp "${SMALL_SIZE_BYTES}")"
    lat_s_medium="$(median_of latency spmd4j-tcp "${MEDIUM_SIZE_BYTES}")"
    bw_s_large="$(median_of bandwidth spmd4j-tcp "${LARGE_SIZE_BYTES}")"
    ratio_line "latency 1 B: spmd4j-tcp / ompi-tcp" "${lat_s_small}" \
        "$(median_of latency ompi-tcp "${SMALL_SIZE_BYTES}")" "<=" "${TARGET_LAT_VS_OMPI_TCP}"
    ratio_line "latency 1 B: mpj-niodev / spmd4j-tcp" \
        "$(median_of latency mpj-niodev "${SMALL_SIZE_BYTES}")" "${lat_s_small}" ">=" "${TARGET_LAT_MPJ_OVER_SPMD4J}"
    ratio_line "latency 1 MiB: spmd4j-tcp / ompi-tcp" "${lat_s_medium}" \
        "$(median_of latency ompi-tcp "${MEDIUM_SIZE_BYTES}")" "" ""
    ratio_line "latency 1 MiB: mpj-niodev / spmd4j-tcp" \
        "$(median_of latency mpj-niodev "${MEDIUM_SIZE_BYTES}")" "${lat_s_medium}" "" ""
    ratio_line "bandwidth 4 MiB: spmd4j-tcp / ompi-tcp" "${bw_s_large}" \
        "$(median_of bandwidth ompi-tcp "${LARGE_SIZE_BYTES}")" ">=" "${TARGET_BW_VS_OMPI_TCP}"
    if [[ -z "${latency_warmup}" ]]; then
        echo "note: with OSU's 100 warm-up iterations the first latency rows of Java systems include"
        echo "      JIT compilation; --latency-warmup 10000 measures them warm (see benchmarks/README.md)"
    fi
} | tee "${summary_file}"

echo
if [[ ${failures} -gt 0 ]]; then
    log "${failures} run(s) failed; their raw output is in ${out_dir}/raw"
    exit 1
fi
log "done; raw outputs, raw.csv and medians.csv in ${out_dir}"
