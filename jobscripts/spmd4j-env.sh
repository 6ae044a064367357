# Sourced by the job scripts in this directory: finds spmd4j and Java, and sets the variables the
# scripts use. Edit here, once, what differs on your cluster (modules, JDK), or set the variables
# before sbatch (sbatch passes the submitting environment on).
#
#   SPMD4J_HOME  the spmd4j distribution or built checkout (default: the directory sbatch ran in)
#   JAVA         the java executable on the nodes (default: java on the PATH, or $JAVA_HOME/bin/java)
#   JAVA_OPTS    options for every rank's JVM (default: none)

# module load java/17          # <- your cluster's way to get a JDK 17+ on every node, if any

SPMD4J_HOME=${SPMD4J_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}
if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi
JAVA_OPTS=${JAVA_OPTS:-}
# The runtime's classpath for a bare srun launch: the distribution's lib/ or a built checkout's.
if compgen -G "$SPMD4J_HOME/lib/spmd4j-runtime*.jar" > /dev/null; then
  SPMD4J_CP="$SPMD4J_HOME/lib/*"
elif [ -d "$SPMD4J_HOME/launcher/target/lib" ]; then
  SPMD4J_CP="$SPMD4J_HOME/launcher/target/lib/*"
else
  echo "spmd4j not found in SPMD4J_HOME=$SPMD4J_HOME: set SPMD4J_HOME to the distribution or a built checkout" >&2
  exit 2
fi
# The kernels' jar: the distribution's lib/ or a built checkout's kernels/target.
SPMD4J_KERNELS_JAR=$(compgen -G "$SPMD4J_HOME/lib/spmd4j-kernels*.jar" | head -1 || true)
SPMD4J_KERNELS_JAR=${SPMD4J_KERNELS_JAR:-$SPMD4J_HOME/kernels/target/spmd4j-kernels.jar}
SPMDRUN="$SPMD4J_HOME/bin/spmdrun"
# The key the ranks of a bare srun launch derive their step's secret from (see jobscripts/README.md).
# Fresh per job, in the environment only (srun passes it to every task; only this user can read it).
if [ -z "${SPMD4J_SLURM_KEY:-}" ]; then
  SPMD4J_SLURM_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export SPMD4J_SLURM_KEY
fi
export SPMD4J_JAVA="$(command -v "$JAVA" || echo "$JAVA")"
