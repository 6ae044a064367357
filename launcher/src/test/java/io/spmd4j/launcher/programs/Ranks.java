package io.spmd4j.launcher.programs;

import io.spmd4j.bootstrap.ThreadsContext;

/**
 * What a launched test program knows about itself without {@code Spmd.init}: from the thread-rank
 * context when ranks are threads ({@code --threads}), else from the launcher's environment.
 */
final class Ranks {
    private Ranks() {
    }

    static int rank() {
        ThreadsContext c = ThreadsContext.current();
        return c != null ? c.rank() : Integer.parseInt(System.getenv("SPMD4J_RANK"));
    }

    static int size() {
        ThreadsContext c = ThreadsContext.current();
        return c != null ? c.size() : Integer.parseInt(System.getenv("SPMD4J_SIZE"));
    }

    /** Blocks the calling thread until the process is ended from outside. */
    static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
