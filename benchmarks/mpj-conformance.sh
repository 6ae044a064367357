#!/usr/bin/env bash
# Runs the project's mpiJava 1.2 conformance programs (system-tests' MpiPointToPointProgram and
# MpiCollectiveProgram, one source each) under spmd4j and under MPJ Express 0.44 (Debian's
# libmpj-java), and prints where the two runtimes disagree, case by case.
#
# The same sources are compiled twice with javac: against spmd4j's runtime jar and against
# /usr/share/java/mpj.jar. Each program reports every case on its own line
# ("mpi-case PROGRAM CASE rank R ok|FAIL ..."). Pairs compared, at every np:
#   spmd4j --threads         against  MPJ Express -dev multicore (ranks as threads of one JVM)
#   spmd4j --transport tcp   against  MPJ Express -dev niodev    (a JVM per rank over TCP)
# A job that prints nothing for --idle-timeout seconds is stopped, its running case is recorded as
# HANG and the job is run again without it (likewise a case during which the job died: CRASH).
# The pseudo-case "(job-exit)" checks the end of each job: every rank done, the job must exit by
# itself within END_GRACE_S seconds, with a non-zero status exactly when a case failed.
#
# Without /usr/share/java/mpj.jar the script says so and exits 0 (nothing to compare).
# Exit status: 0 when every case passed under spmd4j (disagreements are reported, not failures),
# 1 when spmd4j failed a case, 2 on a bad command line.
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
# shellcheck source=lib/mpj-express.sh
source "${SCRIPT_DIR}/lib/mpj-express.sh"
readonly PROGRAM_PACKAGE="io.spmd4j.systemtest.programs"
readonly PROGRAM_DIR="${ROOT}/system-tests/src/test/java/io/spmd4j/systemtest/programs"
readonly PROGRAM_SOURCES="Check MpiCases MpiPointToPointProgram MpiCollectiveProgram"
readonly PROGRAMS="p2p:MpiPointToPointProgram collective:MpiCollectiveProgram"
# Application arguments: Init must return exactly these. ("-np" is left out: MPJ Express' starter
# takes it for its own option even after the class name and fails; see docs/mpj-express.md.)
readonly APP_ARGS="app-arg"
readonly MAX_RERUNS=12
readonly POLL_S=0.5
readonly POLLS_PER_S=2
readonly END_GRACE_S=5

np_list="2 3 4"
devices="multicore niodev"
idle_timeout_s=30
out_dir=""

usage() {
    cat <<EOF
usage: benchmarks/mpj-conformance.sh [--np "2 3 4"] [--devices "multicore niodev"]
                                     [--idle-timeout SECONDS] [--out DIR] [--help]
Runs the mpiJava conformance programs under spmd4j and MPJ Express 0.44 and prints, case by case,
where they disagree (test name, spmd4j result, MPJ Express result).
  --np LIST             world sizes to run (default "2 3 4")
  --devices LIST        MPJ Express devices: multicore (compared with spmd4j --threads) and/or
                        niodev (compared with spmd4j --transport tcp) (default both)
  --idle-timeout S      a job silent for S seconds is stopped and its case reported as HANG (default 30)
  --out DIR             keep results.tsv, report.txt and every job's output in DIR
                        (default: a temporary directory, removed at the end)
EOF
}

bad_usage() {
    echo "mpj-conformance: $*" >&2
    usage >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --np) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] || bad_usage "--np needs world sizes like \"2 3 4\""
            np_list="$2"; shift 2 ;;
        --devices) [[ $# -ge 2 && "$2" =~ ^(multicore|niodev)( (multicore|niodev))*$ ]] \
                || bad_usage "--devices takes multicore and/or niodev, got '${2:-}'"
            devices="$2"; shift 2 ;;
        --idle-timeout) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || bad_usage "--idle-timeout needs a positive number of seconds"
            idle_timeout_s="$2"; shift 2 ;;
        --out) [[ $# -ge 2 ]] || bad_usage "--out needs a directory"
            out_dir="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) bad_usage "unknown option '$1'" ;;
    esac
done

log() { echo "== $*" >&2; }

if [[ ! -f "${MPJ_JAR}" ]]; then
    echo "mpj-conformance: skipped: MPJ Express is not installed (no ${MPJ_JAR}; apt-get install -y libmpj-java)"
    exit 0
fi

runtime_jar="$(ls "${ROOT}"/runtime/target/spmd4j-runtime-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e -tests | head -n 1 || true)"
if [[ -z "${runtime_jar}" || ! -f "${ROOT}/launcher/target/spmd4j-launcher.jar" ]]; then
    log "building spmd4j (runtime and launcher)"
    (cd "${ROOT}" && mvn -o -q -pl runtime,launcher -am package -DskipTests)
    runtime_jar="$(ls "${ROOT}"/runtime/target/spmd4j-runtime-*.jar | grep -v -e sources -e javadoc -e -tests | head -n 1)"
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/mpj-conformance.XXXXXX")"
keep_out=1
if [[ -z "${out_dir}" ]]; then
    out_dir="${work_dir}/out"
    keep_out=0
fi
mkdir -p "${out_dir}/jobs"
daemon_pid=""
job_pid=""

stop_group() {  # stop_group PID: TERM, then KILL, the process group led by PID
    local pid="$1"
    kill -TERM -- "-${pid}" 2>/dev/null || return 0
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 -- "-${pid}" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL -- "-${pid}" 2>/dev/null || true
}

cleanup() {
    [[ -n "${job_pid}" ]] && stop_group "${job_pid}"
    [[ -n "${daemon_pid}" ]] && stop_group "${daemon_pid}"
    rm -rf "${work_dir}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the programs, compiled unchanged against both runtimes
sources=()
for s in ${PROGRAM_SOURCES}; do
    sources+=("${PROGRAM_DIR}/${s}.java")
done
mkdir -p "${work_dir}/classes-spmd4j" "${work_dir}/classes-mpj"
log "compiling the conformance programs against spmd4j and against ${MPJ_JAR}"
javac -nowarn -cp "${runtime_jar}" -d "${work_dir}/classes-spmd4j" "${sources[@]}"
javac -nowarn -cp "${MPJ_JAR}" -d "${work_dir}/classes-mpj" "${sources[@]}"

# --- a private MPJ_HOME and, for niodev, a daemon of our own (lib/mpj-express.sh)
mpj_home="${work_dir}/mpj-home"
mpj_make_home "${mpj_home}"
echo "localhost" >"${work_dir}/machines"

start_mpj_daemon() {
    local rc=0
    mpj_start_daemon "${mpj_home}" "${work_dir}" "${out_dir}/mpj-daemon.log" || rc=$?
    daemon_pid="${mpj_daemon_pid}"
    case "${rc}" in
        0) return 0 ;;
        1) echo "mpj-conformance: port ${MPJ_DAEMON_PORT} is in use (another MPJ Express daemon?); stop it first" >&2 ;;
        *) echo "mpj-conformance: the MPJ Express daemon did not start; see ${out_dir}/mpj-daemon.log" >&2 ;;
    esac
    exit 1
}

stop_mpj_daemon() {
    [[ -n "${daemon_pid}" ]] && stop_group "${daemon_pid}"
    wait "${daemon_pid}" 2>/dev/null || true
    daemon_pid=""
    # the ports of the stopped daemon's ranks must be free before the next job
    for ((i = 0; i < 50; i++)); do
        port_open "${MPJ_DAEMON_PORT}" || return 0
        sleep 0.1
    done
}

# run_job OUTFILE NP COMMAND...: runs COMMAND in a process group of its own and sets job_end: "exit
# CODE" when it ended by itself, "idle" when it printed nothing for idle_timeout_s seconds, "stuck"
# when all NP ranks printed their end line but the job had not exited END_GRACE_S seconds later
# (both stopped).
run_job() {
    local out="$1" np="$2" last=-1 size idle=0 ended=0 rc=0
    shift 2
    setsid "$@" >"${out}" 2>&1 </dev/null &
    job_pid=$!
    job_end=""
    while kill -0 "${job_pid}" 2>/dev/null; do
        sleep "${POLL_S}"
        size="$(stat -c %s "${out}")"
        if [[ "${size}" == "${last}" ]]; then
            idle=$((idle + 1))
        else
            idle=0
            last="${size}"
        fi
        if ((ended == 0)) && [[ "$(grep -c '^mpi-case-end ' "${out}" || true)" -ge "${np}" ]]; then
            ended=1
        elif ((ended > 0)); then
            ended=$((ended + 1))
        fi
        if ((idle >= idle_timeout_s * POLLS_PER_S)) || ((ended > END_GRACE_S * POLLS_PER_S)); then
            stop_group "${job_pid}"
            wait "${job_pid}" 2>/dev/null || true
            job_pid=""
            if ((ended > 0)); then job_end="stuck"; else job_end="idle"; fi
            return 0
        fi
    done
    wait "${job_pid}" 2>/dev/null || rc=$?
    job_pid=""
    job_end="exit ${rc}"
}

# Appends one line per case to results.tsv: program, case, system, np, result, detail.
results="${out_dir}/results.tsv"
: >"${results}"

# run_system PROGRAM-NAME CLASS SYSTEM NP: runs the program until every case has a result; a rerun
# runs the cases before the one that hung again (later cases may build on them), and the first
# result of each case counts.
run_system() {
    local name="$1" class="$2" system="$3" np="$4" skip="" attempt status out started
    local mine="${out_dir}/results-${name}-${system}-np${np}.tsv"
    : >"${mine}"
    run_attempts "$@"
    awk -F'\t' '!seen[$2]++' "${mine}" >>"${results}"
}

run_attempts() {
    local name="$1" class="$2" system="$3" np="$4" skip="" attempt status out started
    for ((attempt = 1; attempt <= MAX_RERUNS; attempt++)); do
        out="${out_dir}/jobs/${name}-${system}-np${np}-${attempt}.out"
        local args=("${PROGRAM_PACKAGE}.${class}" ${APP_ARGS})
        [[ -n "${skip}" ]] && args+=("--skip-cases=${skip}")
        case "${system}" in
            spmd4j-threads|spmd4j-tcp)
                local mode=(--threads)
                [[ "${system}" == spmd4j-tcp ]] && mode=(--transport tcp)
                run_job "${out}" "${np}" "${ROOT}/bin/spmdrun" -np "${np}" "${mode[@]}" \
                    -cp "${work_dir}/classes-spmd4j" "${args[@]}"
                ;;
            mpj-multicore)
                run_job "${out}" "${np}" env MPJ_HOME="${mpj_home}" java -jar "${mpj_home}/lib/starter.jar" \
                    -np "${np}" -dev multicore -cp "${work_dir}/classes-mpj" "${args[@]}"
                ;;
            mpj-niodev)
                [[ -n "${daemon_pid}" ]] || start_mpj_daemon
                run_job "${out}" "${np}" env MPJ_HOME="${mpj_home}" java -jar "${mpj_home}/lib/starter.jar" \
                    -np "${np}" -dev niodev -machinesfile "${work_dir}/machines" -cp "${work_dir}/classes-mpj" \
                    "${args[@]}"
                # niodev ranks are the daemon's children: a stopped job's ranks go with the daemon
                [[ "${job_end}" == exit* ]] || stop_mpj_daemon
                ;;
        esac
        # every case this run finished: ok when all np ranks said ok, else the first failure
        awk -v prog="${name}" -v sys="${system}" -v np="${np}" '
            $1 == "mpi-case" && $2 == prog {
                c = $3; n[c]++
                if ($6 != "ok" && !(c in fail)) {
                    d = $0; sub(/^mpi-case [^ ]+ [^ ]+ rank /, "", d); fail[c] = "rank " d
                }
                if (!(c in seen)) { seen[c] = 1; order[++k] = c }
            }
            END {
                for (i = 1; i <= k; i++) {
                    c = order[i]
                    if (c in fail) { sub(/ FAIL /, ": ", fail[c]); print prog "\t" c "\t" sys "\t" np "\tFAIL\t" fail[c] }
                    else if (n[c] >= np) print prog "\t" c "\t" sys "\t" np "\tok\t"
                }
            }' "${out}" >>"${mine}"
        # the case rank 0 started last: if not every rank finished it, the job hung or died in it
        started="$(awk -v prog="${name}" '$1 == "mpi-case-start" && $2 == prog { c = $3 } END { print c }' "${out}")"
        if [[ -n "${started}" ]] && [[ "$(grep -c "^mpi-case ${name} ${started} rank " "${out}" || true)" -lt "${np}" ]]; then
            local what="HANG" detail="no output for ${idle_timeout_s} s"
            if [[ "${job_end}" != idle ]]; then
                what="CRASH"
                detail="the job ended: $(grep -v '^mpi-case' "${out}" | grep -v '^\s*$' | tail -n 1 | cut -c1-200)"
            fi
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${name}" "${started}" "${system}" "${np}" "${what}" "${detail}" >>"${mine}"
            skip="${skip:+${skip},}${started}"
            continue
        fi
        if [[ -z "${started}" ]]; then
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${name}" "(start)" "${system}" "${np}" "CRASH" \
                "no case started: $(tail -n 1 "${out}" | cut -c1-200)" >>"${mine}"
            return 0
        fi
        # the end of the job: it exits by itself, non-zero exactly when a rank failed a case
        local failed_ranks exit_result="ok" exit_detail=""
        failed_ranks="$(grep -c "^mpi-case-end ${name} rank [0-9]* FAIL" "${out}" || true)"
        if [[ "${job_end}" == idle ]]; then
            exit_result="HANG"
            exit_detail="no output for ${idle_timeout_s} s after the last case"
        elif [[ "${job_end}" == stuck ]]; then
            exit_result="HANG"
            exit_detail="every rank finished (${failed_ranks} failed) but the job did not exit within ${END_GRACE_S} s"
        elif [[ "${job_end}" == "exit 0" && ${failed_ranks} -gt 0 ]]; then
            exit_result="FAIL"
            exit_detail="exit status 0 although ${failed_ranks} rank(s) failed"
        elif [[ "${job_end}" != "exit 0" && ${failed_ranks} -eq 0 ]]; then
            exit_result="FAIL"
            exit_detail="${job_end} although every case passed"
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${name}" "(job-exit)" "${system}" "${np}" "${exit_result}" \
            "${exit_detail}" >>"${mine}"
        return 0
    done
}

log "results in ${out_dir}"
for entry in ${PROGRAMS}; do
    name="${entry%%:*}"
    class="${entry#*:}"
    for np in ${np_list}; do
        for dev in ${devices}; do
            if [[ "${dev}" == multicore ]]; then pair="spmd4j-threads mpj-multicore"; else pair="spmd4j-tcp mpj-niodev"; fi
            for system in ${pair}; do
                log "${name} np=${np} ${system}"
                run_system "${name}" "${class}" "${system}" "${np}"
            done
        done
    done
done
stop_mpj_daemon

# --- the report: every case where spmd4j and MPJ Express (paired device) differ
report="${out_dir}/report.txt"
awk -F'\t' '
    function pair(s) { return s == "spmd4j-threads" ? "mpj-multicore" : s == "spmd4j-tcp" ? "mpj-niodev" : "" }
    { key = $1 "\t" $2 "\t" $4; res[key, $3] = $5 ($6 == "" ? "" : " (" $6 ")"); stat[key, $3] = $5
      if (!(key in seen)) { seen[key] = 1; keys[++k] = key } }
    END {
        printf "%-10s %-42s %-3s %-24s %s\n", "program", "case", "np", "spmd4j", "MPJ Express"
        for (i = 1; i <= k; i++) {
            split(keys[i], f, "\t")
            for (j = 1; j <= 2; j++) {
                s = j == 1 ? "spmd4j-threads" : "spmd4j-tcp"
                m = pair(s)
                if (m == "" || !((keys[i], m) in stat)) continue
                a = (keys[i], s) in stat ? stat[keys[i], s] : "not run"
                b = stat[keys[i], m]
                if (a != b) {
                    printf "%-10s %-42s %-3s %-24s %s\n", f[1], f[2], f[3], s ": " a, m ": " b
                    printf "    MPJ Express: %s\n", res[keys[i], m]
                    if (a != "ok") printf "    spmd4j: %s\n", res[keys[i], s]
                    differ++
                }
            }
        }
        printf "\n%d disagreements\n", differ
    }' "${results}" | tee "${report}"

spmd4j_failures="$(awk -F'\t' '$3 ~ /^spmd4j/ && $5 != "ok"' "${results}")"
if [[ -n "${spmd4j_failures}" ]]; then
    echo
    echo "spmd4j failed cases (a bug of spmd4j or of the program):"
    echo "${spmd4j_failures}"
fi
if [[ ${keep_out} -eq 1 ]]; then
    echo "results: ${results}, report: ${report}, job output: ${out_dir}/jobs"
fi
[[ -z "${spmd4j_failures}" ]]
