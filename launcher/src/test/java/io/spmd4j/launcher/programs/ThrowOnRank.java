package io.spmd4j.launcher.programs;

/** {@code ThrowOnRank R}: rank R throws from main; every other rank waits to be ended. */
public final class ThrowOnRank {
    private ThrowOnRank() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Ranks.rank() == Integer.parseInt(args[0])) {
            throw new IllegalStateException("rank " + args[0] + " throws");
        }
        Ranks.sleepForever();
    }
}
