package io.spmd4j.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a task of a Slurm job step is, read from the variables that {@code srun} gives every task:
 * its rank ({@code SLURM_PROCID}), the step's size ({@code SLURM_STEP_NUM_TASKS}, else
 * {@code SLURM_NTASKS}), the step's nodes ({@code SLURM_STEP_NODELIST}, compressed) and tasks per
 * node ({@code SLURM_STEP_TASKS_PER_NODE}, compressed), the node this task runs on
 * ({@code SLURMD_NODENAME}) and its index among the node's tasks ({@code SLURM_LOCALID}).
 * Immutable.
 *
 * <p>A process started by {@code spmdrun} ({@link LaunchEnv#RANK} set) is never a Slurm task in this
 * sense, even when spmdrun itself runs inside an allocation; neither is a batch script, which has no
 * step variables. {@code SPMD4J_BOOTSTRAP=singleton} turns the detection off.
 *
 * @param jobId {@code SLURM_JOB_ID}
 * @param stepId {@code SLURM_STEP_ID}
 * @param rank {@code SLURM_PROCID}
 * @param size the number of tasks of the step
 * @param localId {@code SLURM_LOCALID}
 * @param nodeName the node this task runs on
 * @param nodes the step's nodes, in Slurm's order
 * @param tasksPerNode tasks of the step on each of {@code nodes}
 */
public record SlurmEnv(String jobId, String stepId, int rank, int size, int localId, String nodeName,
                       List<String> nodes, List<Integer> tasksPerNode) {
    /** Set to {@code singleton} to ignore the Slurm variables and run as a world of one. */
    public static final String BOOTSTRAP_VARIABLE = "SPMD4J_BOOTSTRAP";

    /** Copies the lists and checks that they agree with each other. */
    public SlurmEnv {
        nodes = List.copyOf(nodes);
        tasksPerNode = List.copyOf(tasksPerNode);
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalStateException("SLURM_PROCID=" + rank + " is outside 0.." + (size - 1)
                + " (the step has " + size + " tasks)");
        }
        if (nodes.isEmpty() || nodes.size() != tasksPerNode.size()) {
            throw new IllegalStateException("the step's node list has " + nodes.size()
                + " nodes but its tasks-per-node list has " + tasksPerNode.size() + " entries");
        }
        int sum = tasksPerNode.stream().mapToInt(Integer::intValue).sum();
        if (sum != size) {
            throw new IllegalStateException("the step's tasks per node add up to " + sum + ", not to its "
                + size + " tasks");
        }
        if (!nodes.contains(nodeName)) {
            throw new IllegalStateException("this task's node " + nodeName + " is not in the step's node list "
                + nodes);
        }
    }

    /**
     * The Slurm identity of this process, or empty when it is not a task of a job step.
     *
     * @throws IllegalStateException when the variables are present but inconsistent, naming them
     */
    public static Optional<SlurmEnv> detect(Map<String, String> env) {
        if (LaunchEnv.isLaunched(env) || "singleton".equalsIgnoreCase(env.get(BOOTSTRAP_VARIABLE))) {
            return Optional.empty();
        }
        String stepId = first(env, "SLURM_STEP_ID", "SLURM_STEPID");
        String nodeList = first(env, "SLURM_STEP_NODELIST", null);
        if (env.get("SLURM_PROCID") == null || stepId == null || nodeList == null) {
            return Optional.empty();
        }
        String sizeVariable = env.get("SLURM_STEP_NUM_TASKS") != null ? "SLURM_STEP_NUM_TASKS" : "SLURM_NTASKS";
        String tasksVariable = env.get("SLURM_STEP_TASKS_PER_NODE") != null ? "SLURM_STEP_TASKS_PER_NODE"
            : "SLURM_TASKS_PER_NODE";
        List<String> nodes;
        List<Integer> perNode;
        try {
            nodes = SlurmHostlist.expandNodes(nodeList);
            perNode = SlurmHostlist.expandCounts(LaunchEnv.require(env, tasksVariable));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int rank = LaunchEnv.requireInt(env, "SLURM_PROCID");
        int size = LaunchEnv.requireInt(env, sizeVariable);
        int localId = env.get("SLURM_LOCALID") != null ? LaunchEnv.requireInt(env, "SLURM_LOCALID") : 0;
        String nodeName = env.get("SLURMD_NODENAME");
        if (nodeName == null || nodeName.isEmpty()) {
            int nodeId = LaunchEnv.requireInt(env, "SLURM_NODEID");
            if (nodeId >= nodes.size()) {
                throw new IllegalStateException("SLURM_NODEID=" + nodeId + " is outside the step's "
                    + nodes.size() + " nodes");
            }
            nodeName = nodes.get(nodeId);
        }
        String jobId = LaunchEnv.require(env, "SLURM_JOB_ID");
        return Optional.of(new SlurmEnv(jobId, stepId, rank, size, localId, nodeName, nodes, perNode));
    }

    /** The node that holds the step's rendezvous: the first of the step's node list. */
    public String firstNode() {
        return nodes.get(0);
    }

    /** Whether this task runs the step's rendezvous service: the first task on the first node. */
    public boolean isRendezvousHost() {
        return localId == 0 && nodeName.equals(firstNode());
    }

    /** A job id for spmd4j's own use (shared-memory names, logs): {@code slurm-<job>.<step>}. */
    public String spmdJobId() {
        return ("slurm-" + jobId + "." + stepId).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String first(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        if ((v == null || v.isEmpty()) && fallback != null) {
            v = env.get(fallback);
        }
        return v == null || v.isEmpty() ? null : v;
    }
}
