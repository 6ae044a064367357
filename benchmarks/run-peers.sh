#!/usr/bin/env bash
# Side-by-side OSU-style benchmarks: spmd4j (shared memory, TCP, ranks as threads) against Open MPI
# (C) and MPJ Express.
#
# In one run this script installs the peers when they are missing (as root, Debian packages),
# builds the peer programs into a temporary directory, starts what they need (an MPJ Express
# niodev daemon), runs every selected metric for every selected system, interleaved and repeated,
# and prints the median per size in one table per metric, followed by the ratios against the
# project's targets, and draws charts of the medians. A system that cannot be built or started, or
# a run that fails, is reported and the other systems go on. Raw outputs and CSV files go to the
# results directory. Every process and temporary file it starts is removed on exit, also on Ctrl-C.
#
# Run `benchmarks/run-peers.sh --help` for the options; see benchmarks/README.md for methodology.
set -euo pipefail
# Numbers are printed, parsed and sorted with '.' as the decimal point whatever the user's locale.
export LC_ALL=C

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
readonly PROGRAM="$(basename "$0")"

readonly ALL_SYSTEMS="spmd4j-shm,spmd4j-tcp,spmd4j-threads,ompi-shm,ompi-tcp,mpj-niodev,mpj-multicore"
# The MPJ Express side by side (--mpj-api): the peers/mpj sources, written against the mpiJava API,
# compiled unchanged against spmd4j's runtime (spmd4j-mpi-*) and against MPJ Express' mpj.jar.
readonly MPI_API_SYSTEMS="spmd4j-mpi-threads,spmd4j-mpi-shm,spmd4j-mpi-tcp"
readonly MPJ_API_SYSTEMS="${MPI_API_SYSTEMS},mpj-multicore,mpj-niodev"
readonly KNOWN_SYSTEMS="${ALL_SYSTEMS},${MPI_API_SYSTEMS}"
# spmd4j system : MPJ Express device it is compared with in the --mpj-api summary
readonly MPJ_API_PAIRS="spmd4j-mpi-threads:mpj-multicore spmd4j-mpi-shm:mpj-multicore spmd4j-mpi-tcp:mpj-niodev spmd4j-mpi-shm:mpj-niodev"
readonly MPJ_API_ALLREDUCE_MAX_SIZE_BYTES=1048576
readonly ALL_METRICS="latency,bandwidth,bibw,multi-latency,allreduce,barrier"
readonly APT_PACKAGES_OMPI="openmpi-bin libopenmpi-dev"
readonly APT_PACKAGES_MPJ="libmpj-java"
# shellcheck source=lib/mpj-express.sh
source "${SCRIPT_DIR}/lib/mpj-express.sh"
readonly BENCH_JAR="${SCRIPT_DIR}/target/spmd4j-benchmarks.jar"
readonly SPMDRUN="${REPO_ROOT}/bin/spmdrun"
readonly SPMD4J_PACKAGE="io.spmd4j.benchmarks.osu"
readonly CHARTS_MAIN="io.spmd4j.benchmarks.chart.Charts"
readonly C_PROGRAMS="osu_latency osu_bw osu_bibw osu_multi_lat osu_allreduce osu_barrier"

# Default sizes (bytes) and rank counts.
readonly DEFAULT_MIN_SIZE_BYTES=1
readonly DEFAULT_MAX_SIZE_BYTES=4194304
readonly ALLREDUCE_MIN_SIZE_BYTES=8
readonly DEFAULT_ALLREDUCE_MAX_SIZE_BYTES=8
readonly DEFAULT_MULTI_LATENCY_NP=2
readonly DEFAULT_COLLECTIVE_NP=4
readonly DEFAULT_TIMEOUT_S=600
readonly QUICK_TIMEOUT_S=180

# Sizes at which the summary compares systems.
readonly SMALL_SIZE_BYTES=1
readonly MEDIUM_SIZE_BYTES=1048576
readonly LARGE_SIZE_BYTES=4194304
readonly BANDWIDTH_TARGET_SIZES_BYTES="262144 524288 1048576 2097152 4194304"
# Targets of issue 3 (shared memory and oversubscription): 1-byte latency of spmd4j-shm at most
# 1 us, at most 4x Open MPI shared memory and at least 10x lower than MPJ Express multicore;
# bandwidth of spmd4j-shm from 256 KiB to 4 MiB at least 0.70x Open MPI shared memory and at least
# MPJ Express multicore's; allreduce 8 B and barrier at the collective np (4 ranks on 2 cores) no
# slower than Open MPI oversubscribed.
readonly TARGET_SHM_LAT_US=1.0
readonly TARGET_SHM_LAT_VS_OMPI_SHM=4.0
readonly TARGET_MPJ_MULTICORE_OVER_SHM_LAT=10.0
readonly TARGET_SHM_BW_VS_OMPI_SHM=0.70
readonly TARGET_SHM_BW_VS_MPJ_MULTICORE=1.0
readonly TARGET_COLLECTIVE_VS_OMPI=1.0
# Targets of issue 2 (TCP): small-message latency at most 1.5x Open MPI TCP, at least 2x better than
# MPJ Express niodev; 4 MiB bandwidth at least that of Open MPI TCP.
readonly TARGET_LAT_VS_OMPI_TCP=1.5
readonly TARGET_LAT_MPJ_OVER_SPMD4J=2.0
readonly TARGET_BW_VS_OMPI_TCP=1.0
# Targets of issue 5 (--mpj-api, same mpi-API source on both runtimes): 1-byte latency at least 5x
# lower than MPJ Express, allreduce at least 10x faster at every size, and no size of any metric
# at which spmd4j is slower.
readonly TARGET_MPJ_API_LATENCY=5.0
readonly TARGET_MPJ_API_ALLREDUCE=10.0
readonly TARGET_MPJ_API_NOT_SLOWER=1.0

# OSU defaults are built into the programs; --quick passes these instead (a CI smoke run).
readonly QUICK_LATENCY_ARGS="--iterations 1000 --warmup 100 --iterations-large 100 --warmup-large 10"
readonly QUICK_BANDWIDTH_ARGS="--iterations 10 --warmup 2 --iterations-large 5 --warmup-large 1"
readonly QUICK_ALLREDUCE_ARGS="--iterations 100 --warmup 20 --iterations-large 10 --warmup-large 2"
readonly QUICK_BARRIER_ARGS="--iterations 100 --warmup 20"
# Minimum warm-up time per size (--warmup-seconds of every program), the same for every system. The
# JVM systems' compiler threads share the 2 cores with two spinning ranks, so compilation and
# deoptimisation go on for seconds into a run; a warm-up counted in iterations is too short for them
# and too long for MPJ Express (~10 us per iteration). Latency-type metrics: 0.5 s per size, which
# warms every size after the first (spmd4j-shm 2-64 B: 0.4-0.7 us, against 0.4-1.0 without) for
# about 12 s more per latency run of 23 sizes; the first size of a JVM needs about 2 s on 2 cores
# (1 B: 3.7 us without, 2.5 with 0.5 s, 1.2 with 1 s, 0.41 with 2 s), so measurement runs whose 1 B
# row matters pass --warmup-seconds 2. Bandwidth-type metrics, whose iterations are windows of 64
# messages: 0.2 s per size.
readonly DEFAULT_LATENCY_WARMUP_SECONDS=0.5
readonly DEFAULT_BANDWIDTH_WARMUP_SECONDS=0.2

usage() {
    cat <<EOF
Usage: ${PROGRAM} [options]
Runs OSU-style benchmarks for spmd4j and its peers side by side on one host and prints median
tables, ratios and PASS/MISS against the targets, and PNG charts of the medians.

Options:
  --systems LIST          comma-separated systems to run (default: ${ALL_SYSTEMS})
  --metrics LIST          comma-separated metrics to run (default: ${ALL_METRICS})
  --repeat N              runs per system and metric; the table shows the median (default 3)
  --quick                 fewer iterations, 1 repeat unless --repeat is given, ${QUICK_TIMEOUT_S} s timeout (smoke run)
  --min-size BYTES        smallest point-to-point message size, power of two (default 1)
  --max-size BYTES        largest point-to-point message size, power of two (default 4M)
  --latency-warmup N      latency and multi-latency warm-up iterations up to 8 KiB, for every
                          system (OSU: 100); Java ranks need about 10000 to be past JIT compilation
  --latency-iterations N  latency and multi-latency timed iterations up to 8 KiB, for every system
                          (OSU: 10000, which times only about 5 ms at 1 B: one time slice lost to
                          another thread moves the mean by 0.3-1 us; 200000 weighs one slice 20x less)
  --bandwidth-warmup N    bandwidth and bibw warm-up windows at every size, for every system (OSU: 10,
                          2 above 8 KiB); Java ranks measure warm with about 200
  --collective-warmup N   allreduce and barrier warm-up iterations, for every system (OSU: 200);
                          Java ranks oversubscribed on 2 cores need about 20000 to finish their JIT
                          compilation before the timed loop
  --warmup-seconds S      and at least S seconds of warm-up at every size of every metric, for every
                          system (the programs' --warmup-seconds: rank 0 decides when it is over).
                          Default ${DEFAULT_LATENCY_WARMUP_SECONDS} s for latency, multi-latency, allreduce and barrier, ${DEFAULT_BANDWIDTH_WARMUP_SECONDS} s for
                          bandwidth and bibw, 0 with --quick: the JIT compilers of the Java systems
                          need seconds of CPU on 2 busy cores, which a count of iterations (OSU) does
                          not give them, and time is fair to fast and slow systems alike; it adds
                          about 12 s per latency run of 23 sizes. The first size of a JVM needs
                          about 2 s on 2 cores: every program warms its first size for 3 S, and
                          --warmup-seconds 2 is for runs whose 1 B row matters.
                          0: the counts alone, as OSU
  --multi-latency-np N    ranks of the multi-latency test, even (default ${DEFAULT_MULTI_LATENCY_NP})
  --collective-np N       ranks of the allreduce and barrier tests (default ${DEFAULT_COLLECTIVE_NP}: the
                          oversubscription section, 4 ranks on a 2-core machine)
  --allreduce-max-size B  largest allreduce size, power of two from 8 (default 8: one double only;
                          e.g. 8M for a size sweep)
  --out DIR               results directory (default: bench-results/<timestamp> in the repository)
  --timeout SECONDS       wall-clock limit of one benchmark run (default ${DEFAULT_TIMEOUT_S})
  --jvm-args ARGS         JVM options for the spmd4j ranks, passed to bin/spmdrun --jvm-args
  --buffer KIND           spmd4j buffer kind: direct, heap or bytes (default direct)
  --no-charts             do not draw the PNG charts
  --no-install            never install missing packages; leave those systems out instead
  --mpj-api               MPJ Express side by side: run the mpi-API programs of peers/mpj on spmd4j
                          (spmd4j-mpi-threads, -shm, -tcp) and on MPJ Express (mpj-multicore,
                          mpj-niodev), allreduce up to 1 MiB unless --allreduce-max-size is given,
                          and print the ratios against issue 5's targets; with --systems, adds these
  --help                  print this help and exit

Systems:
  spmd4j-shm      bin/spmdrun --transport shm (shared memory between rank processes)
  spmd4j-tcp      bin/spmdrun --transport tcp (TCP loopback)
  spmd4j-threads  bin/spmdrun --threads (ranks as threads of one JVM)
  ompi-shm        Open MPI C, default transports (shared memory)
  ompi-tcp        Open MPI C, mpirun --mca btl tcp,self
  mpj-niodev      MPJ Express 0.44, niodev (TCP) with a private daemon
  mpj-multicore   MPJ Express 0.44, multicore (ranks as threads in one JVM)
  spmd4j-mpi-threads, spmd4j-mpi-shm, spmd4j-mpi-tcp
                  the MPJ Express peers' own sources (peers/mpj, mpiJava API) compiled against
                  spmd4j and run with bin/spmdrun --threads, --transport shm, --transport tcp
Metrics (CSV names): latency, bandwidth, bibw (2 ranks); multi-latency-npN; allreduce-npN and
barrier-npN at the collective np, Open MPI with mpirun --oversubscribe.
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

# Prints BYTES (digits with an optional K, M or G binary suffix) as a plain number, or fails.
bytes_of() {
    local text="$1" digits multiplier=1
    [[ "${text}" =~ ^([0-9]+)([KkMmGg]?)$ ]] || return 1
    digits="${BASH_REMATCH[1]}"
    case "${BASH_REMATCH[2]}" in
        K | k) multiplier=1024 ;;
        M | m) multiplier=1048576 ;;
        G | g) multiplier=1073741824 ;;
    esac
    echo $((10#${digits} * multiplier))
}

is_power_of_two() {
    [[ "$1" -gt 0 && $(($1 & ($1 - 1))) -eq 0 ]]
}

# A size in bytes as people write it: 256 KiB, 4 MiB, 8 B.
size_label() {
    if [[ $1 -ge 1048576 && $(($1 % 1048576)) -eq 0 ]]; then
        echo "$(($1 / 1048576)) MiB"
    elif [[ $1 -ge 1024 && $(($1 % 1024)) -eq 0 ]]; then
        echo "$(($1 / 1024)) KiB"
    else
        echo "$1 B"
    fi
}

# Number of power-of-two sizes from MIN to MAX, both included.
size_count() {
    local n=0 s="$1"
    while [[ ${s} -le $2 ]]; do
        n=$((n + 1))
        s=$((s * 2))
    done
    echo "${n}"
}

# ---------------------------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------------------------
original_args="$*"
systems="${ALL_SYSTEMS}"
metrics="${ALL_METRICS}"
repeat=""
quick=0
min_size=""
max_size=""
latency_warmup=""
latency_iterations=""
bandwidth_warmup=""
collective_warmup=""
warmup_seconds=""
multi_np="${DEFAULT_MULTI_LATENCY_NP}"
collective_np="${DEFAULT_COLLECTIVE_NP}"
allreduce_max_size=""
systems_given=0
mpj_api=0
out_dir=""
run_timeout_s=""
spmd4j_jvm_args=""
buffer_kind="direct"
charts=1
install=1

need_value() {
    [[ $# -ge 2 ]] || usage_error "option $1 needs a value"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --systems) need_value "$@"; systems="$2"; systems_given=1; shift 2 ;;
        --metrics) need_value "$@"; metrics="$2"; shift 2 ;;
        --repeat) need_value "$@"; repeat="$2"; shift 2 ;;
        --quick) quick=1; shift ;;
        --min-size) need_value "$@"; min_size="$2"; shift 2 ;;
        --max-size) need_value "$@"; max_size="$2"; shift 2 ;;
        --latency-warmup) need_value "$@"; latency_warmup="$2"; shift 2 ;;
        --latency-iterations) need_value "$@"; latency_iterations="$2"; shift 2 ;;
        --bandwidth-warmup) need_value "$@"; bandwidth_warmup="$2"; shift 2 ;;
        --collective-warmup) need_value "$@"; collective_warmup="$2"; shift 2 ;;
        --warmup-seconds) need_value "$@"; warmup_seconds="$2"; shift 2 ;;
        --multi-latency-np) need_value "$@"; multi_np="$2"; shift 2 ;;
        --collective-np) need_value "$@"; collective_np="$2"; shift 2 ;;
        --allreduce-max-size) need_value "$@"; allreduce_max_size="$2"; shift 2 ;;
        --out) need_value "$@"; out_dir="$2"; shift 2 ;;
        --timeout) need_value "$@"; run_timeout_s="$2"; shift 2 ;;
        --jvm-args) need_value "$@"; spmd4j_jvm_args="$2"; shift 2 ;;
        --buffer) need_value "$@"; buffer_kind="$2"; shift 2 ;;
        --no-charts) charts=0; shift ;;
        --no-install) install=0; shift ;;
        --mpj-api) mpj_api=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option: $1" ;;
    esac
done

if [[ ${mpj_api} -eq 1 ]]; then
    if [[ ${systems_given} -eq 0 ]]; then
        systems="${MPJ_API_SYSTEMS}"
    else
        for s in ${MPJ_API_SYSTEMS//,/ }; do
            [[ ",${systems}," == *",${s},"* ]] || systems="${systems},${s}"
        done
    fi
    [[ -n "${allreduce_max_size}" ]] || allreduce_max_size="${MPJ_API_ALLREDUCE_MAX_SIZE_BYTES}"
fi
[[ -n "${allreduce_max_size}" ]] || allreduce_max_size="${DEFAULT_ALLREDUCE_MAX_SIZE_BYTES}"
if [[ -z "${repeat}" ]]; then
    if [[ ${quick} -eq 1 ]]; then repeat=1; else repeat=3; fi
fi
if [[ -z "${run_timeout_s}" ]]; then
    if [[ ${quick} -eq 1 ]]; then run_timeout_s="${QUICK_TIMEOUT_S}"; else run_timeout_s="${DEFAULT_TIMEOUT_S}"; fi
fi
[[ "${repeat}" =~ ^[1-9][0-9]*$ ]] || usage_error "invalid value for --repeat: ${repeat}"
[[ -z "${latency_warmup}" || "${latency_warmup}" =~ ^[0-9]+$ ]] || usage_error "invalid value for --latency-warmup: ${latency_warmup}"
[[ -z "${latency_iterations}" || "${latency_iterations}" =~ ^[1-9][0-9]*$ ]] || usage_error "invalid value for --latency-iterations: ${latency_iterations}"
[[ -z "${bandwidth_warmup}" || "${bandwidth_warmup}" =~ ^[0-9]+$ ]] || usage_error "invalid value for --bandwidth-warmup: ${bandwidth_warmup}"
[[ -z "${collective_warmup}" || "${collective_warmup}" =~ ^[0-9]+$ ]] || usage_error "invalid value for --collective-warmup: ${collective_warmup}"
[[ -z "${warmup_seconds}" || "${warmup_seconds}" =~ ^([0-9]{1,4}(\.[0-9]{0,9})?|\.[0-9]{1,9})$ ]] \
    && awk -v s="${warmup_seconds:-0}" 'BEGIN { exit !(s <= 3600) }' \
    || usage_error "invalid value for --warmup-seconds: ${warmup_seconds} (seconds, a decimal number such as 0.5, from 0 to 3600)"
[[ "${run_timeout_s}" =~ ^[1-9][0-9]*$ ]] || usage_error "invalid value for --timeout: ${run_timeout_s}"
[[ "${multi_np}" =~ ^[1-9][0-9]*$ && $((multi_np % 2)) -eq 0 ]] \
    || usage_error "invalid value for --multi-latency-np: ${multi_np} (an even number, at least 2)"
[[ "${collective_np}" =~ ^[1-9][0-9]*$ && ${collective_np} -ge 2 ]] \
    || usage_error "invalid value for --collective-np: ${collective_np} (at least 2)"
case "${buffer_kind}" in
    direct | heap | bytes) ;;
    *) usage_error "invalid value for --buffer: ${buffer_kind} (direct, heap or bytes)" ;;
esac

p2p_min_bytes="${DEFAULT_MIN_SIZE_BYTES}"
p2p_max_bytes="${DEFAULT_MAX_SIZE_BYTES}"
if [[ -n "${min_size}" ]]; then
    p2p_min_bytes="$(bytes_of "${min_size}")" || usage_error "invalid value for --min-size: ${min_size}"
fi
if [[ -n "${max_size}" ]]; then
    p2p_max_bytes="$(bytes_of "${max_size}")" || usage_error "invalid value for --max-size: ${max_size}"
fi
is_power_of_two "${p2p_min_bytes}" || usage_error "--min-size must be a power of two: ${min_size}"
is_power_of_two "${p2p_max_bytes}" || usage_error "--max-size must be a power of two: ${max_size}"
[[ ${p2p_min_bytes} -le ${p2p_max_bytes} ]] || usage_error "--min-size exceeds --max-size: ${min_size} > ${max_size}"
allreduce_max_bytes="$(bytes_of "${allreduce_max_size}")" \
    || usage_error "invalid value for --allreduce-max-size: ${allreduce_max_size}"
is_power_of_two "${allreduce_max_bytes}" && [[ ${allreduce_max_bytes} -ge ${ALLREDUCE_MIN_SIZE_BYTES} ]] \
    || usage_error "--allreduce-max-size must be a power of two, at least ${ALLREDUCE_MIN_SIZE_BYTES}: ${allreduce_max_size}"

IFS=',' read -r -a selected <<<"${systems}"
[[ ${#selected[@]} -gt 0 ]] || usage_error "--systems is empty"
for s in "${selected[@]}"; do
    [[ ",${KNOWN_SYSTEMS}," == *",${s},"* ]] || usage_error "unknown system: ${s} (known: ${KNOWN_SYSTEMS})"
done
IFS=',' read -r -a selected_metrics <<<"${metrics}"
[[ ${#selected_metrics[@]} -gt 0 ]] || usage_error "--metrics is empty"
for m in "${selected_metrics[@]}"; do
    [[ ",${ALL_METRICS}," == *",${m},"* ]] || usage_error "unknown metric: ${m} (known: ${ALL_METRICS})"
done

has_system() {
    [[ ",${systems}," == *",$1,"* ]]
}

has_prefix() {
    [[ ",${systems}" == *",$1-"* ]]
}

has_metric() {
    [[ ",${metrics}," == *",$1,"* ]]
}

# The name of a metric in the CSV files and tables: the rank count is part of it where it varies.
metric_id() {
    case "$1" in
        multi-latency) echo "multi-latency-np${multi_np}" ;;
        allreduce | barrier) echo "$1-np${collective_np}" ;;
        *) echo "$1" ;;
    esac
}

# Minimum warm-up seconds per size of METRIC: --warmup-seconds, else the metric's default.
warmup_seconds_of() {
    if [[ -n "${warmup_seconds}" ]]; then
        echo "${warmup_seconds}"
    elif [[ ${quick} -eq 1 ]]; then
        echo 0
    else
        case "$1" in
            bandwidth | bibw) echo "${DEFAULT_BANDWIDTH_WARMUP_SECONDS}" ;;
            *) echo "${DEFAULT_LATENCY_WARMUP_SECONDS}" ;;
        esac
    fi
}

# Ranks a metric runs on.
np_of() {
    case "$1" in
        multi-latency) echo "${multi_np}" ;;
        allreduce | barrier) echo "${collective_np}" ;;
        *) echo 2 ;;
    esac
}

# Rows a complete run of METRIC prints.
expected_rows() {
    case "$1" in
        barrier) echo 1 ;;
        allreduce) size_count "${ALLREDUCE_MIN_SIZE_BYTES}" "${allreduce_max_bytes}" ;;
        *) size_count "${p2p_min_bytes}" "${p2p_max_bytes}" ;;
    esac
}

if [[ -z "${out_dir}" ]]; then
    out_dir="${REPO_ROOT}/bench-results/$(date +%Y%m%d-%H%M%S)"
fi

# Systems that cannot run in this session, with the reason; reported at the end, not fatal.
declare -A unavailable=()
mark_unavailable() {
    local prefix_or_system="$1" reason="$2"
    for s in "${selected[@]}"; do
        if [[ "${s}" == "${prefix_or_system}" || "${s}" == "${prefix_or_system}"-* ]] && [[ -z "${unavailable[${s}]:-}" ]]; then
            unavailable["${s}"]="${reason}"
            log "ERROR: ${s} cannot run: ${reason}"
        fi
    done
}
is_available() {
    [[ -z "${unavailable[$1]:-}" ]]
}

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
# (a) Install what is missing; a peer that cannot be installed is left out.
# ---------------------------------------------------------------------------------------------
ompi_missing=0
mpj_missing=0
if has_prefix ompi && ! { command -v mpicc && command -v mpirun; } >/dev/null 2>&1; then
    ompi_missing=1
fi
if has_prefix mpj && [[ ! -f "${MPJ_JAR}" ]]; then
    mpj_missing=1
fi
install_packages() {
    local name="$1" packages="$2"
    if [[ ${install} -eq 0 || ${EUID} -ne 0 ]] || ! command -v apt-get >/dev/null; then
        return 1
    fi
    log "installing ${packages}"
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages} >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null || true
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages} >/dev/null || return 1
    fi
    log "${name} installed"
}
if [[ ${ompi_missing} -eq 1 ]] && ! install_packages "Open MPI" "${APT_PACKAGES_OMPI}"; then
    mark_unavailable ompi "Open MPI is not installed (apt-get install -y ${APT_PACKAGES_OMPI})"
fi
if [[ ${mpj_missing} -eq 1 ]] && ! install_packages "MPJ Express" "${APT_PACKAGES_MPJ}"; then
    mark_unavailable mpj "MPJ Express is not installed (apt-get install -y ${APT_PACKAGES_MPJ})"
fi

# ---------------------------------------------------------------------------------------------
# (b) Build what is needed
# ---------------------------------------------------------------------------------------------
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/spmd4j-peers.XXXXXX")"
mkdir -p "${out_dir}/raw"
out_dir="$(cd "${out_dir}" && pwd)"
log "results in ${out_dir}"

if has_prefix ompi && is_available ompi-shm; then
    mkdir -p "${work_dir}/c"
    for p in ${C_PROGRAMS}; do
        if ! mpicc -O2 -o "${work_dir}/c/${p}" "${SCRIPT_DIR}/peers/c/${p}.c" >>"${out_dir}/raw/build-c.log" 2>&1; then
            mark_unavailable ompi "mpicc failed on peers/c/${p}.c; see ${out_dir}/raw/build-c.log"
            break
        fi
    done
fi

if has_prefix mpj && is_available mpj-multicore; then
    mkdir -p "${work_dir}/mpj/classes"
    if ! javac -nowarn -cp "${MPJ_JAR}" -d "${work_dir}/mpj/classes" "${SCRIPT_DIR}"/peers/mpj/*.java \
        >"${out_dir}/raw/build-mpj.log" 2>&1; then
        mark_unavailable mpj "javac failed on peers/mpj; see ${out_dir}/raw/build-mpj.log"
    fi
fi

# spmd4j is ready when the benchmarks jar exists and the launcher answers --help.
spmd4j_ready() {
    [[ -f "${BENCH_JAR}" ]] && "${SPMDRUN}" --help >/dev/null 2>&1
}

# How spmd4j-tcp is started: "transport" (spmdrun --transport tcp) or "legacy" (a launcher from
# before issue 3, which has no --transport option and always uses TCP).
spmd4j_tcp_mode="transport"
if has_prefix spmd4j; then
    if [[ ! -x "${SPMDRUN}" ]]; then
        mark_unavailable spmd4j "${SPMDRUN} not found"
    elif ! spmd4j_ready; then
        log "building spmd4j (mvn -q -o package -DskipTests)"
        if ! (cd "${REPO_ROOT}" && mvn -q -o package -DskipTests) >"${out_dir}/raw/build-spmd4j.log" 2>&1 \
            || ! spmd4j_ready; then
            mark_unavailable spmd4j "the build failed or ${SPMDRUN} --help fails; see ${out_dir}/raw/build-spmd4j.log"
        fi
    fi
    if is_available spmd4j-tcp || is_available spmd4j-shm || is_available spmd4j-threads; then
        spmdrun_help="$("${SPMDRUN}" --help 2>&1 || true)"
        if ! grep -q -- '--transport' <<<"${spmdrun_help}"; then
            mark_unavailable spmd4j-shm "bin/spmdrun has no --transport option yet (the launcher of issue 3 is not merged)"
            spmd4j_tcp_mode="legacy"
            has_system spmd4j-tcp && log "note: bin/spmdrun has no --transport option; spmd4j-tcp runs on its only transport, TCP (-Dspmd4j.transport=tcp)"
        fi
        if ! grep -q -- '--threads' <<<"${spmdrun_help}"; then
            mark_unavailable spmd4j-threads "bin/spmdrun has no --threads option yet (the launcher of issue 3 is not merged)"
        fi
        if ! grep -q -- '--transport' <<<"${spmdrun_help}" || ! grep -q -- '--threads' <<<"${spmdrun_help}"; then
            mark_unavailable spmd4j-mpi "bin/spmdrun has no --transport or --threads option yet"
        fi
    fi
fi

# The MPJ Express peers' sources compiled unchanged against spmd4j's mpi package.
if has_prefix spmd4j-mpi && is_available spmd4j-mpi-tcp; then
    runtime_jar="$(ls "${REPO_ROOT}"/runtime/target/spmd4j-runtime-*.jar 2>/dev/null \
        | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -n 1 || true)"
    mkdir -p "${work_dir}/mpi-spmd4j/classes"
    if [[ -z "${runtime_jar}" ]]; then
        mark_unavailable spmd4j-mpi "no runtime/target/spmd4j-runtime-*.jar; build it (mvn -q -o package -DskipTests)"
    elif ! javac -nowarn -cp "${runtime_jar}" -d "${work_dir}/mpi-spmd4j/classes" "${SCRIPT_DIR}"/peers/mpj/*.java \
        >"${out_dir}/raw/build-mpi-spmd4j.log" 2>&1; then
        mark_unavailable spmd4j-mpi "javac against ${runtime_jar} failed on peers/mpj; see ${out_dir}/raw/build-mpi-spmd4j.log"
    fi
fi

# ---------------------------------------------------------------------------------------------
# (c) MPJ Express: private MPJ_HOME (copies, not links: the jars' manifests look for their
# dependencies next to themselves) and, for niodev, a daemon of our own.
# ---------------------------------------------------------------------------------------------
mpj_home="${work_dir}/mpj/home"
if has_prefix mpj && is_available mpj-multicore; then
    if ! { mpj_make_home "${mpj_home}" && echo "localhost" >"${work_dir}/mpj/machines"; } \
        2>"${out_dir}/raw/mpj-home.log"; then
        mark_unavailable mpj "cannot prepare a private MPJ_HOME; see ${out_dir}/raw/mpj-home.log"
    fi
fi

start_mpj_daemon() {
    log "starting the MPJ Express daemon on port ${MPJ_DAEMON_PORT}"
    local rc=0
    mpj_start_daemon "${mpj_home}" "${work_dir}/mpj" "${out_dir}/raw/mpj-daemon.log" || rc=$?
    daemon_pgid="${mpj_daemon_pid}"
    case "${rc}" in
        1) mark_unavailable mpj-niodev "port ${MPJ_DAEMON_PORT} is in use (another MPJ Express daemon?); stop it" ;;
        2) mark_unavailable mpj-niodev "the MPJ Express daemon exited; see ${out_dir}/raw/mpj-daemon.log" ;;
        3) mark_unavailable mpj-niodev "the MPJ Express daemon did not listen within ${MPJ_DAEMON_START_TIMEOUT_S} s" ;;
    esac
}

if has_system mpj-niodev && is_available mpj-niodev; then
    start_mpj_daemon
fi

# ---------------------------------------------------------------------------------------------
# (d) Run
# ---------------------------------------------------------------------------------------------
mpirun_cmd=(mpirun)
[[ ${EUID} -eq 0 ]] && mpirun_cmd+=(--allow-run-as-root)
readonly CORES="$(nproc)"

# Prints the command line (one word per line) that runs METRIC on SYSTEM.
command_for() {
    local system="$1" metric="$2"
    local np c_prog mpj_main spmd4j_main
    np="$(np_of "${metric}")"
    local -a bench_args=() quick_args=()
    case "${metric}" in
        latency) c_prog=osu_latency mpj_main=MpjOsuLatency spmd4j_main=Latency ;;
        bandwidth) c_prog=osu_bw mpj_main=MpjOsuBandwidth spmd4j_main=Bandwidth ;;
        bibw) c_prog=osu_bibw mpj_main=MpjOsuBidirectionalBandwidth spmd4j_main=BidirectionalBandwidth ;;
        multi-latency) c_prog=osu_multi_lat mpj_main=MpjOsuMultiLatency spmd4j_main=MultiLatency ;;
        allreduce) c_prog=osu_allreduce mpj_main=MpjOsuAllreduce spmd4j_main=Allreduce ;;
        barrier) c_prog=osu_barrier mpj_main=MpjOsuBarrier spmd4j_main=Barrier ;;
    esac
    case "${metric}" in
        latency | multi-latency)
            # shellcheck disable=SC2206
            [[ ${quick} -eq 1 ]] && quick_args=(${QUICK_LATENCY_ARGS})
            bench_args=(--min-size "${p2p_min_bytes}" --max-size "${p2p_max_bytes}" "${quick_args[@]}")
            [[ -n "${latency_warmup}" ]] && bench_args+=(--warmup "${latency_warmup}")
            [[ -n "${latency_iterations}" ]] && bench_args+=(--iterations "${latency_iterations}") ;;
        bandwidth | bibw)
            # shellcheck disable=SC2206
            [[ ${quick} -eq 1 ]] && quick_args=(${QUICK_BANDWIDTH_ARGS})
            bench_args=(--min-size "${p2p_min_bytes}" --max-size "${p2p_max_bytes}" "${quick_args[@]}")
            [[ -n "${bandwidth_warmup}" ]] && bench_args+=(--warmup "${bandwidth_warmup}" --warmup-large "${bandwidth_warmup}") ;;
        allreduce)
            # shellcheck disable=SC2206
            [[ ${quick} -eq 1 ]] && quick_args=(${QUICK_ALLREDUCE_ARGS})
            bench_args=(--min-size "${ALLREDUCE_MIN_SIZE_BYTES}" --max-size "${allreduce_max_bytes}" "${quick_args[@]}")
            [[ -n "${collective_warmup}" ]] && bench_args+=(--warmup "${collective_warmup}" --warmup-large "${collective_warmup}") ;;
        barrier)
            # shellcheck disable=SC2206
            [[ ${quick} -eq 1 ]] && quick_args=(${QUICK_BARRIER_ARGS})
            bench_args=("${quick_args[@]}")
            [[ -n "${collective_warmup}" ]] && bench_args+=(--warmup "${collective_warmup}") ;;
    esac
    bench_args+=(--warmup-seconds "$(warmup_seconds_of "${metric}")")
    local -a cmd
    local jvm_args="${spmd4j_jvm_args}"
    case "${system}" in
        spmd4j-shm | spmd4j-tcp | spmd4j-threads)
            cmd=("${SPMDRUN}" -np "${np}")
            case "${system}" in
                spmd4j-shm) cmd+=(--transport shm) ;;
                spmd4j-threads) cmd+=(--threads) ;;
                spmd4j-tcp)
                    if [[ "${spmd4j_tcp_mode}" == transport ]]; then
                        cmd+=(--transport tcp)
                    else
                        jvm_args="-Dspmd4j.transport=tcp${jvm_args:+ ${jvm_args}}"
                    fi ;;
            esac
            [[ -n "${jvm_args}" ]] && cmd+=(--jvm-args "${jvm_args}")
            cmd+=(-cp "${BENCH_JAR}" "${SPMD4J_PACKAGE}.${spmd4j_main}")
            case "${metric}" in
                allreduce | barrier) ;;
                *) cmd+=(--buffer "${buffer_kind}") ;;
            esac ;;
        ompi-tcp | ompi-shm)
            cmd=("${mpirun_cmd[@]}" -np "${np}")
            # The oversubscription section runs Open MPI's default for more ranks than cores: it yields
            # when idle instead of busy-polling.
            if [[ "${metric}" == allreduce || "${metric}" == barrier || ${np} -gt ${CORES} ]]; then
                cmd+=(--oversubscribe)
            fi
            [[ "${system}" == ompi-tcp ]] && cmd+=(--mca btl tcp,self)
            cmd+=("${work_dir}/c/${c_prog}") ;;
        spmd4j-mpi-shm | spmd4j-mpi-tcp | spmd4j-mpi-threads)
            cmd=("${SPMDRUN}" -np "${np}")
            case "${system}" in
                spmd4j-mpi-shm) cmd+=(--transport shm) ;;
                spmd4j-mpi-tcp) cmd+=(--transport tcp) ;;
                spmd4j-mpi-threads) cmd+=(--threads) ;;
            esac
            [[ -n "${spmd4j_jvm_args}" ]] && cmd+=(--jvm-args "${spmd4j_jvm_args}")
            cmd+=(-cp "${work_dir}/mpi-spmd4j/classes" "${mpj_main}") ;;
        mpj-niodev)
            cmd=(java -jar "${mpj_home}/lib/starter.jar" -np "${np}" -dev niodev
                -machinesfile "${work_dir}/mpj/machines" -cp "${work_dir}/mpj/classes" "${mpj_main}") ;;
        mpj-multicore)
            cmd=(java -jar "${mpj_home}/lib/starter.jar" -np "${np}" -dev multicore
                -cp "${work_dir}/mpj/classes" "${mpj_main}") ;;
    esac
    printf '%s\n' "${cmd[@]}" "${bench_args[@]}"
}

# What the numbers depend on, for whoever reads the results later.
env_file="${out_dir}/environment.txt"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command: ${PROGRAM} ${original_args}"
    echo "systems: ${systems}; metrics: ${metrics}; repeat: ${repeat}; quick: ${quick}; buffer: ${buffer_kind}"
    echo "latency warm-up: ${latency_warmup:-OSU default}; latency iterations: ${latency_iterations:-OSU default}; bandwidth warm-up: ${bandwidth_warmup:-OSU default}; collective warm-up: ${collective_warmup:-OSU default}; warm-up seconds per size: ${warmup_seconds:-default (latency $(warmup_seconds_of latency), bandwidth $(warmup_seconds_of bandwidth))}; multi-latency np: ${multi_np}; collective np: ${collective_np};" \
        "allreduce sizes: ${ALLREDUCE_MIN_SIZE_BYTES}..${allreduce_max_bytes} B"
    echo "commit: $(git -C "${REPO_ROOT}" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "kernel: $(uname -sr); cpus: ${CORES}"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -n 1)"
    if has_prefix ompi && command -v mpirun >/dev/null; then echo "mpirun: $(mpirun --version 2>/dev/null | head -n 1)"; fi
    if has_system spmd4j-tcp; then echo "spmd4j-tcp started with: ${spmd4j_tcp_mode} (legacy = launcher without --transport, -Dspmd4j.transport=tcp)"; fi
    for s in "${selected[@]}"; do
        is_available "${s}" || echo "unavailable: ${s}: ${unavailable[${s}]}"
    done
} >"${env_file}"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (run on a quiet machine; see benchmarks/README.md)"

raw_csv="${out_dir}/raw.csv"
echo "metric,system,repeat,size_bytes,value" >"${raw_csv}"
failures=()

# Runs one benchmark in its own process group (so that it can be stopped whole) and appends its
# rows to raw.csv. A run that fails or prints fewer rows than its sizes is reported and counted,
# not fatal: MPJ Express' starter exits 0 whatever its ranks did, so the rows are the real evidence.
run_one() {
    local system="$1" metric="$2" rep="$3"
    local id base
    id="$(metric_id "${metric}")"
    base="${out_dir}/raw/${id}-${system}-r${rep}"
    local -a cmd
    mapfile -t cmd < <(command_for "${system}" "${metric}")
    printf '%q ' "${cmd[@]}" >"${base}.cmd"
    echo >>"${base}.cmd"
    log "${id} ${system} run ${rep}/${repeat}"
    local rc=0
    # timeout(1) puts itself and its child in a new process group (unless --foreground), which
    # stop_group relies on; the subshell execs it, so that $! is the PID that leads the group.
    (cd "${work_dir}" && MPJ_HOME="${mpj_home}" exec timeout -k 10 "${run_timeout_s}" "${cmd[@]}") \
        >"${base}.out" 2>"${base}.err" </dev/null &
    current_pgid=$!
    wait "${current_pgid}" || rc=$?
    current_pgid=""
    local rows count expected
    rows="$(awk -v m="${id}" -v s="${system}" -v r="${rep}" \
        '$1 ~ /^[0-9]+$/ && NF == 2 && $2 ~ /^[0-9.]+$/ { print m "," s "," r "," $1 "," $2 }' "${base}.out")"
    count=0
    [[ -n "${rows}" ]] && count="$(wc -l <<<"${rows}")"
    expected="$(expected_rows "${metric}")"
    if [[ ${rc} -ne 0 || ${count} -lt ${expected} ]]; then
        local why="exit ${rc}"
        [[ ${rc} -eq 124 || ${rc} -eq 137 ]] && why="timed out after ${run_timeout_s} s"
        local last
        last="$(grep -v '^[[:space:]]*$' "${base}.err" | tail -n 1 | cut -c1-160 || true)"
        failures+=("${id} ${system} run ${rep}: ${why}, ${count} of ${expected} rows; ${last:-no error output} (${base}.err)")
        log "FAILED: ${id} ${system} run ${rep} (${why}, ${count} of ${expected} rows); see ${base}.err"
        [[ -n "${last}" ]] && log "        ${last}"
    fi
    [[ -n "${rows}" ]] && echo "${rows}" >>"${raw_csv}"
    return 0
}

for ((rep = 1; rep <= repeat; rep++)); do
    for metric in "${selected_metrics[@]}"; do
        for system in "${selected[@]}"; do
            if is_available "${system}"; then
                run_one "${system}" "${metric}" "${rep}"
            fi
        done
    done
done

stop_group "${daemon_pgid}"
daemon_pgid=""
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"${env_file}"

# ---------------------------------------------------------------------------------------------
# (e) Report: medians per size and system, tables, ratios against the targets, charts
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

# Table columns are 16 characters wide, wider when a system's name needs it.
col_width=16
for s in "${selected[@]}"; do
    [[ $((${#s} + 2)) -le ${col_width} ]] || col_width=$((${#s} + 2))
done

print_table() {
    local id="$1" title="$2"
    echo
    echo "# ${title}, median of ${repeat} run(s) per size"
    {
        printf '%-10s' "# Size"
        for s in "${selected[@]}"; do printf '%*s' "${col_width}" "${s}"; done
        printf '\n'
        local sizes
        sizes="$(awk -F, -v m="${id}" '$1 == m { print $3 }' "${medians_csv}" | sort -n -u)"
        for z in ${sizes}; do
            printf '%-10s' "${z}"
            for s in "${selected[@]}"; do
                local v
                v="$(median_of "${id}" "${s}" "${z}")"
                printf '%*s' "${col_width}" "${v:--}"
            done
            printf '\n'
        done
    } | tee "${out_dir}/${id}-table.txt"
}

# ratio_line LABEL NUMERATOR DENOMINATOR OPERATOR TARGET: prints the ratio and, with a target, PASS/MISS;
# n/a when a value is missing (a system not selected, not available, or failed).
summary_file="${out_dir}/summary.txt"
readonly LABEL_WIDTH=62
ratio_line() {
    local label="$1" num="$2" den="$3" op="$4" target="$5"
    awk -v w="${LABEL_WIDTH}" -v l="${label}" -v a="${num}" -v b="${den}" -v op="${op}" -v t="${target}" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) {
            if (op == "") printf "%-*s %8s\n", w, l, "n/a"
            else printf "%-*s %8s  (target %s %s)\n", w, l, "n/a", op, t
            exit
        }
        r = a / b
        verdict = ""
        if (op == "<=") verdict = (r <= t + 0) ? "PASS" : "MISS"
        if (op == ">=") verdict = (r >= t + 0) ? "PASS" : "MISS"
        if (verdict == "") printf "%-*s %8.2f\n", w, l, r
        else printf "%-*s %8.2f  %s (target %s %s)\n", w, l, r, verdict, op, t
    }'
}

# value_line LABEL VALUE OPERATOR TARGET: an absolute value against a target (or none).
value_line() {
    ratio_line "$1" "$2" "${2:+1}" "$3" "$4"
}

# worst_line LABEL METRIC-ID SPMD4J-SYSTEM MPJ-SYSTEM DIRECTION TARGET: over every size both systems
# have, the smallest advantage of spmd4j (MPJ/spmd4j for times, DIRECTION "time"; spmd4j/MPJ for
# bandwidths, "rate"), the size where it is, and PASS/MISS against ">= TARGET"; n/a without data.
worst_line() {
    local label="$1" id="$2" mine="$3" theirs="$4" direction="$5" target="$6"
    awk -F, -v w="${LABEL_WIDTH}" -v l="${label}" -v m="${id}" -v a="${mine}" -v b="${theirs}" \
        -v d="${direction}" -v t="${target}" '
        $1 == m && $2 == a { mine[$3] = $4 }
        $1 == m && $2 == b { theirs[$3] = $4 }
        END {
            n = 0
            for (z in mine) {
                if (!(z in theirs) || mine[z] + 0 == 0 || theirs[z] + 0 == 0) continue
                r = d == "time" ? theirs[z] / mine[z] : mine[z] / theirs[z]
                if (n == 0 || r < worst) { worst = r; at = z }
                n++
            }
            if (n == 0) { printf "%-*s %8s  (target >= %s)\n", w, l, "n/a", t; exit }
            verdict = (worst >= t + 0) ? "PASS" : "MISS"
            printf "%-*s %8.2f  %s (target >= %s)  worst at %s B of %d sizes\n", w, l, worst, verdict, t, at, n
        }' "${medians_csv}"
}

# print_ratio_table METRIC-ID DIRECTION: per size, spmd4j's advantage over MPJ Express for every pair
# of MPJ_API_PAIRS (MPJ/spmd4j for times, spmd4j/MPJ for bandwidths); "-" where a value is missing.
print_ratio_table() {
    local id="$1" direction="$2"
    awk -F, -v m="${id}" -v d="${direction}" -v pairs="${MPJ_API_PAIRS}" '
        $1 == m { v[$2, $3] = $4; if (!($3 in seen)) { seen[$3] = 1; sizes[++k] = $3 } }
        END {
            np = split(pairs, p, " ")
            printf "%-10s", "# Size"
            for (i = 1; i <= np; i++) { split(p[i], q, ":"); printf "%34s", q[2] "/" q[1] }
            printf "\n"
            for (j = 1; j <= k; j++) for (i = j + 1; i <= k; i++) if (sizes[i] + 0 < sizes[j] + 0) { t = sizes[i]; sizes[i] = sizes[j]; sizes[j] = t }
            for (j = 1; j <= k; j++) {
                z = sizes[j]
                printf "%-10s", z
                for (i = 1; i <= np; i++) {
                    split(p[i], q, ":")
                    a = v[q[1], z]; b = v[q[2], z]
                    if (a == "" || b == "" || a + 0 == 0 || b + 0 == 0) { printf "%34s", "-"; continue }
                    printf "%33.2fx", d == "time" ? b / a : a / b
                }
                printf "\n"
            }
        }' "${medians_csv}"
}

# The issue 5 section: the same mpi-API sources on spmd4j and on MPJ Express.
print_mpj_api_summary() {
    local pair mine theirs metric id direction
    echo
    echo "# Issue 5 targets: MPJ Express side by side, the same mpi-API sources (peers/mpj) on both runtimes"
    for pair in ${MPJ_API_PAIRS}; do
        mine="${pair%%:*}"
        theirs="${pair#*:}"
        ratio_line "latency 1 B: ${theirs} / ${mine}" "$(median_of latency "${theirs}" "${SMALL_SIZE_BYTES}")" \
            "$(median_of latency "${mine}" "${SMALL_SIZE_BYTES}")" ">=" "${TARGET_MPJ_API_LATENCY}"
        worst_line "allreduce ${np_label}, every size: ${theirs} / ${mine}" "${allreduce_id}" "${mine}" "${theirs}" \
            time "${TARGET_MPJ_API_ALLREDUCE}"
        for metric in "${selected_metrics[@]}"; do
            id="$(metric_id "${metric}")"
            direction=time
            [[ "${metric}" == bandwidth || "${metric}" == bibw ]] && direction=rate
            worst_line "${id}, no size slower: ${mine} vs ${theirs}" "${id}" "${mine}" "${theirs}" "${direction}" \
                "${TARGET_MPJ_API_NOT_SLOWER}"
        done
    done
    for metric in "${selected_metrics[@]}"; do
        id="$(metric_id "${metric}")"
        direction=time
        [[ "${metric}" == bandwidth || "${metric}" == bibw ]] && direction=rate
        echo
        echo "# ${id}: how many times better spmd4j is than MPJ Express, per size (same source)"
        print_ratio_table "${id}" "${direction}"
    done
}

declare -A titles=(
    [latency]="Latency (us), 2 ranks"
    [bandwidth]="Bandwidth (MB/s), 2 ranks"
    [bibw]="Bidirectional bandwidth (MB/s), 2 ranks"
    [multi-latency]="Multi-pair latency (us), ${multi_np} ranks, average over ranks"
    [allreduce]="Allreduce latency (us), ${collective_np} ranks on ${CORES} cores, average over ranks"
    [barrier]="Barrier latency (us), ${collective_np} ranks on ${CORES} cores, average over ranks (size 0)"
)
for metric in "${selected_metrics[@]}"; do
    print_table "$(metric_id "${metric}")" "${titles[${metric}]}"
done

allreduce_id="$(metric_id allreduce)"
barrier_id="$(metric_id barrier)"
np_label="np${collective_np}"
{
  # --mpj-api alone runs none of the systems of the issue 2 and 3 targets
  if [[ ${mpj_api} -eq 0 || ${systems_given} -eq 1 ]]; then
    echo
    echo "# Issue 3 targets: shared memory and oversubscription (medians from this run only)"
    lat_shm="$(median_of latency spmd4j-shm "${SMALL_SIZE_BYTES}")"
    value_line "latency 1 B: spmd4j-shm (us)" "${lat_shm}" "<=" "${TARGET_SHM_LAT_US}"
    ratio_line "latency 1 B: spmd4j-shm / ompi-shm" "${lat_shm}" \
        "$(median_of latency ompi-shm "${SMALL_SIZE_BYTES}")" "<=" "${TARGET_SHM_LAT_VS_OMPI_SHM}"
    ratio_line "latency 1 B: mpj-multicore / spmd4j-shm" \
        "$(median_of latency mpj-multicore "${SMALL_SIZE_BYTES}")" "${lat_shm}" ">=" "${TARGET_MPJ_MULTICORE_OVER_SHM_LAT}"
    for z in ${BANDWIDTH_TARGET_SIZES_BYTES}; do
        ratio_line "bandwidth $(size_label "${z}"): spmd4j-shm / ompi-shm" "$(median_of bandwidth spmd4j-shm "${z}")" \
            "$(median_of bandwidth ompi-shm "${z}")" ">=" "${TARGET_SHM_BW_VS_OMPI_SHM}"
    done
    for z in ${BANDWIDTH_TARGET_SIZES_BYTES}; do
        ratio_line "bandwidth $(size_label "${z}"): spmd4j-shm / mpj-multicore" "$(median_of bandwidth spmd4j-shm "${z}")" \
            "$(median_of bandwidth mpj-multicore "${z}")" ">=" "${TARGET_SHM_BW_VS_MPJ_MULTICORE}"
    done
    ratio_line "allreduce 8 B ${np_label}: spmd4j-shm / ompi-shm oversubscribed" \
        "$(median_of "${allreduce_id}" spmd4j-shm "${ALLREDUCE_MIN_SIZE_BYTES}")" \
        "$(median_of "${allreduce_id}" ompi-shm "${ALLREDUCE_MIN_SIZE_BYTES}")" "<=" "${TARGET_COLLECTIVE_VS_OMPI}"
    ratio_line "barrier ${np_label}: spmd4j-shm / ompi-shm oversubscribed" \
        "$(median_of "${barrier_id}" spmd4j-shm 0)" "$(median_of "${barrier_id}" ompi-shm 0)" "<=" "${TARGET_COLLECTIVE_VS_OMPI}"

    echo
    echo "# Reported without a target"
    value_line "latency 1 B: spmd4j-threads (us)" "$(median_of latency spmd4j-threads "${SMALL_SIZE_BYTES}")" "" ""
    ratio_line "latency 1 MiB: spmd4j-shm / ompi-shm" "$(median_of latency spmd4j-shm "${MEDIUM_SIZE_BYTES}")" \
        "$(median_of latency ompi-shm "${MEDIUM_SIZE_BYTES}")" "" ""
    ratio_line "bibw 4 MiB: spmd4j-shm / ompi-shm" "$(median_of bibw spmd4j-shm "${LARGE_SIZE_BYTES}")" \
        "$(median_of bibw ompi-shm "${LARGE_SIZE_BYTES}")" "" ""
    for s in spmd4j-tcp spmd4j-threads mpj-multicore mpj-niodev; do
        ratio_line "allreduce 8 B ${np_label}: ${s} / ompi-shm oversubscribed" \
            "$(median_of "${allreduce_id}" "${s}" "${ALLREDUCE_MIN_SIZE_BYTES}")" \
            "$(median_of "${allreduce_id}" ompi-shm "${ALLREDUCE_MIN_SIZE_BYTES}")" "" ""
    done
    for s in spmd4j-tcp spmd4j-threads mpj-multicore mpj-niodev; do
        ratio_line "barrier ${np_label}: ${s} / ompi-shm oversubscribed" \
            "$(median_of "${barrier_id}" "${s}" 0)" "$(median_of "${barrier_id}" ompi-shm 0)" "" ""
    done

    echo
    echo "# Issue 2 targets: TCP"
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
  fi
    if [[ ${mpj_api} -eq 1 ]]; then
        print_mpj_api_summary
    fi
    if [[ -z "${latency_warmup}" && "$(warmup_seconds_of latency)" == 0 ]]; then
        echo "note: without --warmup-seconds the first latency rows of Java systems include JIT"
        echo "      compilation; --warmup-seconds 0.5 measures them warm (see benchmarks/README.md)"
    fi
    if [[ ${quick} -eq 1 ]]; then
        echo "note: --quick uses few iterations; its numbers are a smoke test, not a measurement"
    fi
} | tee "${summary_file}.tmp"
# The verdict counts, from the lines just printed.
{
    cat "${summary_file}.tmp"
    echo
    printf 'targets: %d PASS, %d MISS, %d n/a\n' \
        "$(grep -c '  PASS (target' "${summary_file}.tmp" || true)" \
        "$(grep -c '  MISS (target' "${summary_file}.tmp" || true)" \
        "$(grep -c ' n/a  (target' "${summary_file}.tmp" || true)"
} >"${summary_file}"
rm -f "${summary_file}.tmp"
tail -n 1 "${summary_file}"

if [[ ${charts} -eq 1 ]]; then
    echo
    echo "# Charts"
    if [[ ! -f "${BENCH_JAR}" ]]; then
        failures+=("charts: ${BENCH_JAR} is missing; build it (mvn -q -o -pl benchmarks -am package -DskipTests)")
        log "ERROR: charts skipped: ${BENCH_JAR} is missing"
    elif ! java -Djava.awt.headless=true -cp "${BENCH_JAR}" "${CHARTS_MAIN}" --out "${out_dir}/charts" \
        "${medians_csv}" 2>"${out_dir}/raw/charts.err" | tee "${out_dir}/charts.txt"; then
        failures+=("charts: ${CHARTS_MAIN} failed; see ${out_dir}/raw/charts.err (rebuild the benchmarks module if it predates the chart program)")
        log "ERROR: charts failed; see ${out_dir}/raw/charts.err"
    fi
fi

echo
if [[ ${#unavailable[@]} -gt 0 || ${#failures[@]} -gt 0 ]]; then
    {
        echo "# Failures"
        for s in "${selected[@]}"; do
            is_available "${s}" || echo "${s}: not run: ${unavailable[${s}]}"
        done
        for f in "${failures[@]}"; do echo "${f}"; done
    } | tee -a "${summary_file}" >&2
    log "$((${#unavailable[@]} + ${#failures[@]})) problem(s); raw output in ${out_dir}/raw"
    exit 1
fi
log "done; raw outputs, raw.csv, medians.csv and charts in ${out_dir}"
