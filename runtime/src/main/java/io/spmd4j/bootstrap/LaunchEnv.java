package io.spmd4j.bootstrap;

import java.util.Map;

/**
 * Names of the environment variables through which a launcher tells a rank who it is and where to
 * find the job's rendezvous service. The launcher sets them; {@link io.spmd4j.Spmd#init} reads them.
 * A process started without {@link #RANK} is a singleton world of size 1.
 *
 * <p>The job secret travels only in the environment (readable by the job's user alone through
 * {@code /proc/PID/environ}), never on a command line.
 */
public final class LaunchEnv {
    /** This process's rank in the world communicator, 0-based. */
    public static final String RANK = "SPMD4J_RANK";
    /** Number of ranks in the world communicator. */
    public static final String SIZE = "SPMD4J_SIZE";
    /** A job identifier, unique per launch (used for log lines and shared-memory names). */
    public static final String JOB_ID = "SPMD4J_JOB_ID";
    /** {@code host:port} of the rendezvous service. */
    public static final String RENDEZVOUS = "SPMD4J_RENDEZVOUS";
    /** The job secret as hex, 64 characters. */
    public static final String SECRET = "SPMD4J_SECRET";
    /**
     * The job's shared-memory directory, chosen by the launcher (which removes it when the job ends);
     * when unset, a rank derives it from {@code spmd4j.shm.dir} and the job id.
     */
    public static final String JOB_DIR = "SPMD4J_JOB_DIR";

    private LaunchEnv() {
    }

    /** Returns true when {@code env} describes a rank started by a launcher. */
    public static boolean isLaunched(Map<String, String> env) {
        return env.get(RANK) != null;
    }

    /** Returns a required variable or throws an error naming it. */
    static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(
                "environment variable " + name + " is not set; start ranks with spmdrun or unset " + RANK);
        }
        return value;
    }

    /** Parses a non-negative integer variable or throws an error naming it and its value. */
    static int requireInt(Map<String, String> env, String name) {
        String value = require(env, name);
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                "environment variable " + name + "=" + value + " is not a non-negative integer");
        }
    }
}
