package io.spmd4j.launcher.programs;

/** What a launched test program knows about itself, from the launcher's environment. */
final class Ranks {
    private Ranks() {
    }

    static int rank() {
        return Integer.parseInt(System.getenv("SPMD4J_RANK"));
    }

    static int size() {
        return Integer.parseInt(System.getenv("SPMD4J_SIZE"));
    }

    /** Blocks the calling thread until the process is ended from outside. */
    static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
