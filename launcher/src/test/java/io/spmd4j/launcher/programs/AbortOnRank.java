package io.spmd4j.launcher.programs;

import io.spmd4j.Spmd;

/**
 * {@code AbortOnRank R CODE}: every rank initializes, then rank R calls {@code Spmd.abort(CODE, ...)};
 * every other rank waits to be ended.
 */
public final class AbortOnRank {
    private AbortOnRank() {
    }

    public static void main(String[] args) throws InterruptedException {
        Spmd.init(args);
        int aborting = Integer.parseInt(args[0]);
        if (Ranks.rank() == aborting) {
            Spmd.abort(Integer.parseInt(args[1]), "rank " + aborting + " gives up");
        }
        Ranks.sleepForever();
    }
}
