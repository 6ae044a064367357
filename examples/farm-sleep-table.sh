#!/usr/bin/env bash
# Runs the Dask tutorial's experiment (examples FarmSleep: 8 tasks of 1 s each, summed) with
# bin/spmdrun on 1, 2, 4 and 8 ranks and prints the wall time of the job's first map (cold) and of
# a second one (warm) against the ideal ceil(8/ranks) s, and whether each is within 5% + 0.2 s.
# A wall time is rank 0's, from a barrier just before the Farm.map call to its return with every
# result; the cold one includes the connections between the root and the other ranks and loading the
# farm's code in every JVM, neither includes starting the JVMs (see FarmSleep's class comment).
# Usage: examples/farm-sleep-table.sh [spmdrun options, e.g. --threads or --transport shm]
# Needs a built checkout: mvn -q package -DskipTests
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
home="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/examples/target/spmd4j-examples.jar"
if [ ! -f "$jar" ]; then
  echo "farm-sleep-table: $jar is missing; run mvn -q package -DskipTests in $home first" >&2
  exit 2
fi
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
verdict() { awk -v w="$1" -v i="$2" 'BEGIN { print (w <= i * 1.05 + 0.2) ? "yes" : "NO" }'; }
printf '%-6s %-8s %-10s %-10s %-6s %-10s %s\n' ranks workers "ideal (s)" "cold (s)" ok "warm (s)" ok
for np in 1 2 4 8; do
  line="$("$home/bin/spmdrun" -np "$np" "$@" -cp "$jar" io.spmd4j.examples.FarmSleep | grep '^farm-sleep:')"
  ideal="$(field ideal "$line")"
  cold="$(field cold "$line")"
  warm="$(field warm "$line")"
  printf '%-6s %-8s %-10s %-10s %-6s %-10s %s\n' "$np" "$(field workers "$line")" "$ideal" "$cold" \
    "$(verdict "$cold" "$ideal")" "$warm" "$(verdict "$warm" "$ideal")"
done
