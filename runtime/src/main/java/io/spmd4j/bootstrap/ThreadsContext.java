package io.spmd4j.bootstrap;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Identity of a rank that runs as a thread (ranks-as-threads mode, {@code spmdrun --threads}).
 *
 * <p>In that mode every rank has a class loader of its own, so this class, {@code Spmd} and the
 * user's classes exist once per rank and their static fields are per rank, as they are in separate
 * processes. The ranks share only the <em>fabric</em>: a map holding JDK types alone (so that it
 * crosses class loaders), through which the in-memory transport finds its peers.
 */
public final class ThreadsContext {
    /**
     * Fabric key of a {@code BiConsumer<Integer, String>} that ends the whole job with an exit code
     * and a message (what {@code Spmd.abort} calls).
     */
    public static final String ABORT = "spmd4j.abort";

    private static volatile ThreadsContext current;

    private final int rank;
    private final int size;
    private final Map<String, Object> fabric;

    private ThreadsContext(int rank, int size, Map<String, Object> fabric) {
        this.rank = rank;
        this.size = size;
        this.fabric = fabric;
    }

    /**
     * Makes this class loader's copy of the runtime rank {@code rank} of {@code size}; called once, by
     * the threads runner, before the rank's {@code main} runs.
     *
     * @param fabric shared by all ranks of the job; a {@link java.util.concurrent.ConcurrentMap}
     */
    public static synchronized void install(int rank, int size, Map<String, Object> fabric) {
        if (current != null) {
            throw new IllegalStateException("this class loader already runs rank " + current.rank);
        }
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size + " is not a valid rank");
        }
        current = new ThreadsContext(rank, size, fabric);
    }

    /** The context of this class loader's rank, or null when ranks are processes. */
    public static ThreadsContext current() {
        return current;
    }

    /** This rank. */
    public int rank() {
        return rank;
    }

    /** World size. */
    public int size() {
        return size;
    }

    /** The map shared by every rank of the job. */
    public Map<String, Object> fabric() {
        return fabric;
    }

    /** Ends the whole job through the runner's abort hook; returns false when there is none. */
    @SuppressWarnings("unchecked")
    public boolean abort(int exitCode, String message) {
        Object hook = fabric.get(ABORT);
        if (hook instanceof BiConsumer) {
            ((BiConsumer<Integer, String>) hook).accept(exitCode, message);
            return true;
        }
        return false;
    }
}
