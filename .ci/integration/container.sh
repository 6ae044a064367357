#!/usr/bin/env bash
# Builds the Apptainer image from Singularity.def and checks it, run by .ci/run as root after the
# build (it needs distribution/target/spmd4j-*.tar.gz: mvn -q package -DskipTests).
#
# With apptainer (or singularity) on the PATH: `apptainer build` (which runs %test), then the checks
# below through `apptainer test|run|exec|inspect`. Without it (Apptainer is not packaged for Debian
# 12), the build is carried out step by step as Apptainer's debootstrap build does it:
#   1. debootstrap --variant=minbase (Apptainer's flags) of the recipe's OSVersion, from the mirror
#      apt's sources name for that suite (else the recipe's MirrorURL), in a private mount namespace;
#   2. Apptainer's base environment (/.singularity.d with actions/ and env/, empty /etc/hosts and
#      /etc/resolv.conf), then %files copied from the checkout;
#   3. %post with `/bin/sh -e -x` in `unshare -p -f --mount-proc=ROOT/proc chroot ROOT` with /dev and
#      /sys bound, the host's hosts/resolv.conf bound, APPTAINER_ENVIRONMENT and APPTAINER_LABELS set;
#   4. %environment, %runscript, %test, %help, the def file and labels.json (%labels plus what %post
#      appended) written where Apptainer puts them; %test run in the build root;
#   5. mksquashfs; a SIF made with siftool (the def file, labels.json and the squashfs as the primary
#      system partition, Apptainer's object group 1);
# then, from the squashfs partition of the SIF loop-mounted read-only (as apptainer runs an image),
# with a host-like environment whose JAVA_HOME and SPMD4J_JAVA point at a host JDK the image lacks:
#   - %test again (a verified 2-rank allreduce and a heat2d run checked against its exact solution);
#   - the runscript: a 2-rank job (Pi, an allreduce), output checked;
#   - spmd4j-kernels run alone (a world of one rank) and its JSON summary checked;
#   - the labels: version and source revision equal the archive's BUILD-INFO;
#   - nothing left: no process (each run is a PID namespace), no mount, no loop device, no /dev/shm
#     directory of a job.
# Installs what it needs with apt-get (debootstrap, squashfs-tools, siftool). Idempotent: everything
# lives under $SPMD_CT_DIR (default /var/tmp/spmd4j-container), which it clears first (also after an
# interrupted run) and removes on exit, mounts and loop devices included.
#
# usage: .ci/integration/container.sh [--keep FILE.sif] [--emulate]
#   --keep FILE   keep the image as FILE (default: removed with everything else)
#   --emulate     emulate the build even where apptainer is installed
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
def="$repo/Singularity.def"

keep=""
emulate=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) [ $# -ge 2 ] || { echo "container.sh: --keep needs a file name" >&2; exit 2; }
            keep=$(realpath -m "$2"); shift 2 ;;
    --emulate) emulate=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "container.sh: unknown argument '$1' (--help lists the options)" >&2; exit 2 ;;
  esac
done

ct_dir=${SPMD_CT_DIR:-/var/tmp/spmd4j-container}
root="$ct_dir/rootfs"        # the build root (a sandbox, in Apptainer's words)
image="$ct_dir/image"        # where the SIF's partition is mounted read-only
sif="$ct_dir/spmd4j.sif"
started=$(date +%s)
failures=0
step_t=$started

log() { echo "== $*"; }
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
step_done() { local now; now=$(date +%s); echo "   ($1: $((now - step_t)) s)"; step_t=$now; }
have() { command -v "$1" > /dev/null 2>&1; }

if [ "$(id -u)" != 0 ]; then
  echo "container check needs root (debootstrap, chroot, loop mounts); skipped" >&2
  exit 0
fi

archives=("$repo"/distribution/target/spmd4j-*.tar.gz)
if [ ${#archives[@]} -ne 1 ] || [ ! -f "${archives[0]}" ]; then
  echo "container.sh: expected one distribution/target/spmd4j-*.tar.gz, found: ${archives[*]};" \
       "build it first (mvn -q clean package -DskipTests)" >&2
  exit 1
fi
archive=${archives[0]}
build_info=$(tar xzf "$archive" --wildcards -O '*/BUILD-INFO')
want_version=$(sed -n 's/^version=//p' <<< "$build_info")
want_revision=$(sed -n 's/^revision=//p' <<< "$build_info")

# Everything under $ct_dir: mounts (deepest first), loop devices of its files, then the files. Refuses
# to delete while anything is still mounted there, so that a bound /dev can never be deleted through.
clear_ct_dir() {
  local m dev
  [ -e "$ct_dir" ] || return 0
  for m in $(awk -v d="$ct_dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount -R -l "$m" 2>/dev/null || true
  done
  for dev in $(losetup -n -O NAME -j "$sif" 2>/dev/null); do
    losetup -d "$dev" 2>/dev/null || true
  done
  if awk -v d="$ct_dir" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    echo "container.sh: $ct_dir still has mounts; not deleting it" >&2
    return 1
  fi
  rm -rf --one-file-system "$ct_dir"
}
shm_before=""
cleanup() {
  local rc=$?
  clear_ct_dir || rc=1
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
clear_ct_dir
mkdir -p "$ct_dir"
shm_before=$(ls /dev/shm 2>/dev/null | grep '^spmd4j-' | sort || true)

# --- the recipe -------------------------------------------------------------------------------
# A header keyword's value (case-insensitive, as Apptainer reads it).
def_header() {
  awk -v key="$1" '/^%/ { exit } /^[ \t]*#/ { next }
    { k = $0; sub(/:.*/, "", k); gsub(/[ \t]/, "", k)
      if (tolower(k) == tolower(key)) { v = $0; sub(/^[^:]*:[ \t]*/, "", v); sub(/[ \t]+$/, "", v); print v; exit } }' "$def"
}
# A section's body (all its occurrences, in order).
def_section() {
  awk -v want="$1" '/^%[A-Za-z]+/ { cur = tolower(substr($1, 2)); next } cur == want' "$def"
}
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g')"; }

# --- checks on a built image, the same for apptainer and the emulation ---------------------------
# image_do MODE ARGS...: MODE is test, run or exec, as `apptainer MODE IMAGE ARGS...`.
check_image() {
  local out rc labels
  log "checks from the read-only image"
  step_t=$(date +%s)
  out=$(image_do test 2>&1) && rc=0 || rc=$?
  if [ $rc = 0 ] && grep -q "solution validates" <<< "$out" && grep -q "^8 " <<< "$out"; then
    pass "%test from the image: $(grep 'solution validates' <<< "$out")"
  else
    fail "%test from the image: exit $rc, output:"; echo "$out"
  fi
  step_done "%test"

  out=$(image_do run -np 2 --tag-output -cp '/opt/spmd4j/lib/*' io.spmd4j.examples.Pi 2>&1) && rc=0 || rc=$?
  if [ $rc = 0 ] && grep -Eq '^\[0\] pi = 3\.14159265358.* on 2 ranks' <<< "$out"; then
    pass "runscript, 2 ranks: $(grep 'pi = ' <<< "$out")"
  else
    fail "runscript, 2 ranks: exit $rc, output:"; echo "$out"
  fi
  out=$(image_do run -np 2 --timeout 60 -cp '/opt/spmd4j/lib/*' io.spmd4j.examples.NoSuchClass 2>&1) && rc=0 || rc=$?
  if [ $rc = 2 ] && grep -q "NoSuchClass" <<< "$out"; then
    pass "runscript, bad main class: exit 2: $(head -1 <<< "$out")"
  else
    fail "runscript, bad main class: exit $rc (expected 2), output:"; echo "$out"
  fi
  step_done "runscript"

  out=$(image_do exec spmd4j-kernels heat2d --n 32 --steps 20 2>&1) && rc=0 || rc=$?
  if [ $rc = 0 ] && grep -q '^{"kernel":"heat2d","grid":\[32, 32\],"processGrid":\[1, 1\],"ranks":1,' <<< "$out"; then
    pass "exec spmd4j-kernels, one rank: $(tail -1 <<< "$out")"
  else
    fail "exec spmd4j-kernels, one rank: exit $rc, output:"; echo "$out"
  fi
  out=$(image_do exec sh -c 'echo "JAVA_HOME=$JAVA_HOME SPMD4J_JAVA=$SPMD4J_JAVA"; java -version 2>&1 | head -1; \
        touch /opt/spmd4j/probe 2>/dev/null && echo writable || echo read-only' 2>&1) && rc=0 || rc=$?
  if [ $rc = 0 ] && grep -q '^JAVA_HOME=/usr/lib/jvm/java-17-openjdk-[a-z0-9]* SPMD4J_JAVA=/usr/lib/jvm/' <<< "$out" \
     && grep -q '^read-only$' <<< "$out"; then
    pass "environment: the image's JRE, whatever the host set; image read-only: $(tr '\n' ' ' <<< "$out")"
  else
    fail "environment: exit $rc, output:"; echo "$out"
  fi

  labels=$(image_labels)
  if grep -q "\"org.opencontainers.image.revision\": *\"$want_revision\"" <<< "$labels" \
     && grep -q "\"org.opencontainers.image.version\": *\"$want_version\"" <<< "$labels"; then
    pass "labels: version $want_version, revision $want_revision"
  else
    fail "labels: expected version $want_version and revision $want_revision, got:"; echo "$labels"
  fi
  step_done "exec and labels"
}

# apt_install PACKAGE...: installs what is missing on a bare Debian/Ubuntu machine.
apt_install() {
  [ $# -gt 0 ] || return 0
  have apt-get || { echo "container.sh: needs $* and has no apt-get to install them" >&2; exit 1; }
  log "installing $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

# --- with Apptainer ---------------------------------------------------------------------------
apptainer_cmd=""
for c in apptainer singularity; do
  if have "$c" && "$c" --version 2>/dev/null | grep -qiE 'apptainer|singularity'; then apptainer_cmd=$c; break; fi
done

if [ -n "$apptainer_cmd" ] && [ $emulate = 0 ]; then
  have debootstrap || apt_install debootstrap      # Apptainer's debootstrap bootstrap runs it
  log "building with $($apptainer_cmd --version)"
  "$apptainer_cmd" build --force "$sif" "$def"
  step_done "apptainer build (with %test)"
  image_do() { local mode=$1; shift; JAVA_HOME=/opt/host-jdk SPMD4J_JAVA=/opt/host-jdk/bin/java "$apptainer_cmd" "$mode" "$sif" "$@"; }
  image_labels() { "$apptainer_cmd" inspect --labels --json "$sif"; }
  check_image
else
  # --- the emulated build ---------------------------------------------------------------------
  [ -n "$apptainer_cmd" ] || log "no apptainer on this machine: emulating its build of $(basename "$def")"
  need=()
  have debootstrap || need+=(debootstrap)
  have mksquashfs || need+=(squashfs-tools)
  have siftool || need+=(siftool)
  have unshare && have losetup || need+=(util-linux mount)
  apt_install ${need[@]+"${need[@]}"}

  bootstrap=$(def_header Bootstrap)
  osversion=$(def_header OSVersion)
  def_mirror=$(def_header MirrorURL)
  include=$(def_header Include)
  [ "$bootstrap" = debootstrap ] || { echo "container.sh: the emulation covers Bootstrap: debootstrap, not '$bootstrap'" >&2; exit 1; }
  [ -n "$osversion" ] && [ -n "$def_mirror" ] || { echo "container.sh: $def lacks OSVersion or MirrorURL" >&2; exit 1; }
  # The mirror apt's sources use for that suite (a local mirror or proxy where there is one).
  mirror=$( { awk -v s="$osversion" '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                                           if ($(i + 1) == s) { print $i; exit } }' \
                /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
              for f in /etc/apt/sources.list.d/*.sources; do
                [ -f "$f" ] && awk -v s="$osversion" 'BEGIN { RS = "" }
                  { t = ""; u = ""; su = ""; n = split($0, L, "\n")
                    for (i = 1; i <= n; i++) { l = L[i]
                      if (l ~ /^Types:/) t = " " l " "; if (l ~ /^Suites:/) su = " " l " "
                      if (l ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", l); split(l, w, /[ \t]+/); u = w[1] } }
                    if (t ~ / deb / && su ~ (" " s " ") && u != "") { print u; exit } }' "$f"
              done; } | head -1)
  mirror=${mirror:-$def_mirror}
  arch=$(dpkg --print-architecture)
  case "$arch" in
    amd64) sif_arch=2 ;; i386) sif_arch=1 ;; armhf) sif_arch=3 ;; arm64) sif_arch=4 ;; ppc64el) sif_arch=6 ;;
    s390x) sif_arch=11 ;; riscv64) sif_arch=12 ;; *) echo "container.sh: no SIF architecture for $arch" >&2; exit 1 ;;
  esac

  # enter.sh: runs a command in ROOT as apptainer does, in its own mount and PID namespaces, so that
  # every mount it makes and every process it starts ends with it.
  #   unshare -m enter.sh outer ROOT [SIF OFFSET] -- ENV... -- CMD...
  cat > "$ct_dir/enter.sh" <<'ENTER'
#!/bin/sh
set -e
mode=$1 root=$2; shift 2
if [ "$mode" = outer ]; then
  if [ "$1" != -- ]; then
    mount -t squashfs -o ro,loop,offset="$2" "$1" "$root"
    shift 2
  fi
  exec unshare --kill-child -p -f --mount-proc="$root/proc" "$0" inner "$root" "$@"
fi
shift                                   # the -- after ROOT
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
for f in /etc/hosts /etc/resolv.conf; do
  if [ -e "$f" ] && [ -e "$root$f" ]; then mount --bind "$f" "$root$f"; fi
done
if [ -n "$CT_TMP" ]; then mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"; fi
env=""
while [ "$1" != -- ]; do env="$env $1"; shift; done
shift
# shellcheck disable=SC2086  # the environment is a list of NAME=VALUE words without blanks
chroot "$root" /usr/bin/env -i $env "$@" && rc=0 || rc=$?
exit $rc
ENTER
  chmod 755 "$ct_dir/enter.sh"
  base_env="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LANG=C"
  build_env="$base_env APPTAINER_ROOTFS=/ SINGULARITY_ROOTFS=/ APPTAINER_ENVIRONMENT=/.singularity.d/env/91-environment.sh
             SINGULARITY_ENVIRONMENT=/.singularity.d/env/91-environment.sh APPTAINER_LABELS=/.build.labels
             SINGULARITY_LABELS=/.build.labels"
  # in_root SECONDS ENV -- CMD...: a command in the build root
  in_root() {
    local t=$1 env=$2; shift 2
    # shellcheck disable=SC2086
    timeout -k 10 "$t" unshare -m --propagation private "$ct_dir/enter.sh" outer "$root" -- $env -- "$@"
  }

  log "debootstrap $osversion ($arch) from $mirror"
  step_t=$(date +%s)
  mkdir -p "$root"
  inc="apt${include:+,${include// /,}}"
  if ! timeout -k 10 900 unshare -m --propagation private debootstrap --variant=minbase \
        --exclude=openssl,udev,debconf-i18n,e2fsprogs --include="$inc" --arch="$arch" \
        "$osversion" "$root" "$mirror" > "$ct_dir/debootstrap.log" 2>&1; then
    tail -20 "$ct_dir/debootstrap.log"; tail -20 "$root/debootstrap/debootstrap.log" 2>/dev/null || true
    echo "container.sh: debootstrap failed" >&2; exit 1
  fi
  step_done "debootstrap, $(du -sm "$root" | cut -f1) MB"

  log "base environment and %files"
  chmod 755 "$root"
  mkdir -p "$root"/.singularity.d/{libs,actions,env} "$root"/{dev,proc,root,var/tmp,tmp,etc,sys,home}
  : > "$root/etc/hosts"
  : > "$root/etc/resolv.conf"
  env_loop='for script in /.singularity.d/env/*.sh; do
    if [ -f "$script" ]; then
        . "$script"
    fi
done
'
  printf '#!/bin/sh\n\n%s\nexec "$@"\n' "$env_loop" > "$root/.singularity.d/actions/exec"
  printf '#!/bin/sh\n\n%s\nif test -x "/.singularity.d/runscript"; then\n    exec "/.singularity.d/runscript" "$@"\nfi\necho "No runscript found" >&2\nexit 1\n' \
    "$env_loop" > "$root/.singularity.d/actions/run"
  printf '#!/bin/sh\n\n%s\nif test -x "/.singularity.d/test"; then\n    exec "/.singularity.d/test" "$@"\nfi\nexec /bin/sh -c true\n' \
    "$env_loop" > "$root/.singularity.d/actions/test"
  printf '#!/bin/sh\n# Custom environment shell code should follow\n\n' > "$root/.singularity.d/env/90-environment.sh"
  printf '#!/bin/sh\n# Custom environment shell code should follow\n\n' > "$root/.singularity.d/env/91-environment.sh"
  printf '#!/bin/sh\nexport PS1="Apptainer> "\n' > "$root/.singularity.d/env/99-base.sh"
  chmod 755 "$root"/.singularity.d/actions/* "$root"/.singularity.d/env/*
  ln -sfn .singularity.d/runscript "$root/singularity"
  : > "$root/.build.labels"
  while read -r src dst; do
    [ -n "$src" ] && [ "${src:0:1}" != "#" ] || continue
    matched=0
    for s in $src; do            # glob patterns, relative to the checkout (where apptainer build runs)
      [ -e "$s" ] || continue
      matched=1
      target="$root/${dst:-$s}"
      [[ "${dst:-$s}" == */ ]] && mkdir -p "$target"
      cp -a "$s" "$target"
      echo "   %files: $s -> ${dst:-$s}"
    done
    [ $matched = 1 ] || { echo "container.sh: %files: nothing matches $src (in $repo)" >&2; exit 1; }
  done < <(def_section files)
  step_done "base environment and files"

  log "%post"
  def_section post > "$root/.post.sh"
  # shellcheck disable=SC2086
  in_root 900 "$build_env" /bin/sh -e -x /.post.sh > "$ct_dir/post.log" 2>&1 \
    || { tail -40 "$ct_dir/post.log"; echo "container.sh: %post failed (log above)" >&2; exit 1; }
  rm -f "$root/.post.sh"
  grep -E '^\+ (apt-get install|java)|openjdk|version "' "$ct_dir/post.log" | head -8 | sed 's/^/   /'
  step_done "%post, $(du -sm "$root" | cut -f1) MB"

  log "%environment, %runscript, %test, %help, labels"
  def_section environment >> "$root/.singularity.d/env/90-environment.sh"
  { printf '#!/bin/sh\n\n'; def_section runscript; } > "$root/.singularity.d/runscript"
  { printf '#!/bin/sh\n\n'; def_section test; } > "$root/.singularity.d/test"
  def_section help > "$root/.singularity.d/runscript.help"
  chmod 755 "$root/.singularity.d/runscript" "$root/.singularity.d/test"
  cp "$def" "$root/.singularity.d/Singularity"
  {
    echo "{"
    printf '    "org.label-schema.build-arch": %s,\n' "$(json_string "$arch")"
    printf '    "org.label-schema.build-date": %s,\n' "$(json_string "$(date -u '+%A_%-d_%B_%Y_%-H:%M:%S_%Z')")"
    printf '    "org.label-schema.schema-version": "1.0"'
    { def_section labels; cat "$root/.build.labels"; } | while read -r key value; do
      [ -n "$key" ] && [ "${key:0:1}" != "#" ] || continue
      printf ',\n    %s: %s' "$(json_string "$key")" "$(json_string "$value")"
    done
    printf '\n}\n'
  } > "$root/.singularity.d/labels.json"
  rm -f "$root/.build.labels"
  step_done "metadata"

  log "%test in the build root"
  # shellcheck disable=SC2086
  if in_root 600 "$base_env" /.singularity.d/actions/test > "$ct_dir/test-build.log" 2>&1; then
    pass "%test in the build root: $(grep 'solution validates' "$ct_dir/test-build.log")"
  else
    cat "$ct_dir/test-build.log"; echo "container.sh: %test failed in the build root" >&2; exit 1
  fi
  step_done "%test"

  log "mksquashfs and SIF"
  mksquashfs "$root" "$ct_dir/rootfs.sqfs" -noappend -comp gzip -quiet > /dev/null
  siftool new "$sif" > /dev/null
  siftool add --datatype 1 --groupid 1 --filename Singularity "$sif" "$def" > /dev/null
  siftool add --datatype 6 --groupid 1 --filename labels.json "$sif" "$root/.singularity.d/labels.json" > /dev/null
  siftool add --datatype 4 --parttype 2 --partfs 1 --partarch "$sif_arch" --groupid 1 "$sif" "$ct_dir/rootfs.sqfs" > /dev/null
  rm -f "$ct_dir/rootfs.sqfs"
  rm -rf --one-file-system "$root"
  siftool list "$sif" | sed 's/^/   /'
  step_done "squashfs and SIF, $(du -m "$sif" | cut -f1) MB"

  # The partition's offset in the SIF, from its descriptor (`siftool info ID` prints it).
  part_id=$(siftool list "$sif" | awk '/Squashfs/ { print $1; exit }')
  offset=$(siftool info "$part_id" "$sif" | awk -F': *' 'tolower($1) ~ /offset/ { print $2; exit }')
  [[ "$offset" =~ ^[0-9]+$ ]] || { echo "container.sh: no offset for partition $part_id in:"; siftool info "$part_id" "$sif"; exit 1; } >&2
  siftool dump 1 "$sif" | cmp -s - "$def" && pass "SIF: the def file is object 1" || fail "SIF: object 1 is not the def file"
  mkdir -p "$image"

  # image_do MODE ARGS...: MODE test, run or exec from the read-only partition, in a host-like
  # environment: a JAVA_HOME and SPMD4J_JAVA of a host JDK that the image lacks, as a cluster's
  # `module load java` would pass in; /tmp a fresh tmpfs (apptainer binds the host's).
  image_do() {
    local mode=$1; shift
    CT_TMP=1 timeout -k 10 300 unshare -m --propagation private "$ct_dir/enter.sh" outer "$image" "$sif" "$offset" -- \
      $base_env JAVA_HOME=/opt/host-jdk SPMD4J_JAVA=/opt/host-jdk/bin/java APPTAINER_CONTAINER="$sif" \
      APPTAINER_NAME=spmd4j.sif -- /.singularity.d/actions/"$mode" "$@"
  }
  image_labels() {
    CT_TMP=1 timeout -k 10 60 unshare -m --propagation private "$ct_dir/enter.sh" outer "$image" "$sif" "$offset" -- \
      $base_env -- /bin/cat /.singularity.d/labels.json
  }
  check_image
fi

log "nothing left behind"
leftover_mounts=$(awk -v d="$ct_dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo)
leftover_loops=$(losetup -n -O NAME -j "$sif" 2>/dev/null || true)
shm_after=$(ls /dev/shm 2>/dev/null | grep '^spmd4j-' | sort || true)
shm_new=$(comm -13 <(echo "$shm_before") <(echo "$shm_after") | grep . || true)
if [ -z "$leftover_mounts$leftover_loops$shm_new" ]; then
  pass "no mount under $ct_dir, no loop device on the image, no job directory in /dev/shm"
else
  fail "left behind: mounts [$leftover_mounts] loop devices [$leftover_loops] /dev/shm [$shm_new]"
fi
if [ -n "$keep" ]; then
  mkdir -p "$(dirname "$keep")"
  mv "$sif" "$keep"
  echo "image kept: $keep"
fi
echo "== container checks: $failures failed, $(( $(date +%s) - started )) s"
[ $failures = 0 ]
