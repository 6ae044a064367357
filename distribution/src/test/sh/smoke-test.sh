#!/usr/bin/env bash
# Unpacks the distribution into a fresh directory elsewhere and runs a 2-rank job through its
# bin/spmdrun, to prove the archive is complete and relocatable. Leaves nothing behind.
# usage: smoke-test.sh ARCHIVE.tar.gz JAVA_HOME
set -euo pipefail
archive="$1"
java_home="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/spmd4j-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tar xzf "$archive" -C "$work"
dist="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'spmd4j-*')"
mkdir "$work/prog"
cat > "$work/prog/SmokeHello.java" <<'JAVA'
public class SmokeHello {
    public static void main(String[] args) {
        System.out.println("hello from rank " + System.getenv("SPMD4J_RANK") + " of " + System.getenv("SPMD4J_SIZE")
            + " " + String.join(" ", args));
    }
}
JAVA
"$java_home/bin/javac" -d "$work/prog" "$work/prog/SmokeHello.java"

out="$(cd "$work" && JAVA_HOME="$java_home" "$dist/bin/spmdrun" -np 2 --tag-output \
  --jvm-args "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" -cp prog SmokeHello --n 5 | sort)"
expected=$'[0] hello from rank 0 of 2 --n 5\n[1] hello from rank 1 of 2 --n 5'
if [ "$out" != "$expected" ]; then
  echo "distribution smoke test FAILED: expected"$'\n'"$expected"$'\n'"got"$'\n'"$out" >&2
  exit 1
fi
# A real messaging program from the archive's examples jar: the ranks rendezvous and talk.
examples="$(ls "$dist"/lib/spmd4j-examples-*.jar)"
hello="$(cd "$work" && JAVA_HOME="$java_home" "$dist/bin/spmdrun" -np 2 -cp "$examples" io.spmd4j.examples.Hello)"
if [ "$(grep -c 'rank' <<< "$hello")" != 2 ]; then
  echo "distribution smoke test FAILED: io.spmd4j.examples.Hello on 2 ranks printed"$'\n'"$hello" >&2
  exit 1
fi
# The kernels through their own launcher script, on 2 ranks: a verified heat equation run.
heat="$(cd "$work" && JAVA_HOME="$java_home" "$dist/bin/spmd4j-kernels" -np 2 heat2d --n 32 --steps 20)"
if ! grep -q '^{"kernel":"heat2d","grid":\[32, 32\],"processGrid":\[2, 1\],"ranks":2,' <<< "$heat"; then
  echo "distribution smoke test FAILED: bin/spmd4j-kernels -np 2 heat2d printed"$'\n'"$heat" >&2
  exit 1
fi
# What the archive carries besides bin/ and lib/: the job scripts, the image recipe, the build record.
for f in jobscripts/kernel-apptainer.sbatch jobscripts/spmd4j-env.sh jobscripts/README.md Singularity.def; do
  [ -s "$dist/$f" ] || { echo "distribution smoke test FAILED: $f is missing from the archive" >&2; exit 1; }
done
[ -x "$dist/jobscripts/kernel-apptainer.sbatch" ] || { echo "distribution smoke test FAILED: job scripts not executable" >&2; exit 1; }
if ! grep -Eq '^revision=([0-9a-f]{40}(-dirty)?|unknown)$' "$dist/BUILD-INFO"; then
  echo "distribution smoke test FAILED: BUILD-INFO has no revision line:"$'\n'"$(cat "$dist/BUILD-INFO")" >&2
  exit 1
fi
echo "distribution smoke test passed: $(basename "$dist") runs relocated from $work"
