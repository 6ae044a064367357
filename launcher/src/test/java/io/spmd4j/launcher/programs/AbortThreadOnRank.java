package io.spmd4j.launcher.programs;

import io.spmd4j.bootstrap.ThreadsContext;

/**
 * {@code AbortThreadOnRank R CODE}, for ranks that are threads: rank R ends the job through the
 * thread runner's abort hook (what {@code Spmd.abort} calls in that mode); the others wait to be ended.
 */
public final class AbortThreadOnRank {
    private AbortThreadOnRank() {
    }

    public static void main(String[] args) throws InterruptedException {
        int aborting = Integer.parseInt(args[0]);
        if (Ranks.rank() == aborting) {
            if (!ThreadsContext.current().abort(Integer.parseInt(args[1]), "rank " + aborting + " gives up")) {
                throw new IllegalStateException("no abort hook in the fabric");
            }
        }
        Ranks.sleepForever();
    }
}
