package io.spmd4j.examples;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;

/**
 * A token travels around the ring of ranks a number of times ({@code Ring [laps]}); every rank adds
 * its rank to it, and rank 0 checks the total at the end.
 */
public final class Ring {
    private static final int TAG = 7;

    private Ring() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        int laps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            int rank = world.rank();
            int size = world.size();
            int next = (rank + 1) % size;
            int prev = (rank - 1 + size) % size;
            long[] token = new long[1];
            double start = Spmd.wtime();
            for (int lap = 0; lap < laps; lap++) {
                if (rank == 0) {
                    world.send(token, 0, 1, next, TAG);
                    world.recv(token, 0, 1, prev, TAG);
                } else {
                    world.recv(token, 0, 1, prev, TAG);
                    token[0] += rank;
                    world.send(token, 0, 1, next, TAG);
                }
            }
            if (rank == 0) {
                long expected = (long) laps * size * (size - 1) / 2;
                double us = (Spmd.wtime() - start) * 1e6 / Math.max(1, laps);
                System.out.printf("ring of %d ranks, %d laps: token %d (expected %d), %.1f us per lap%n",
                    size, laps, token[0], expected, us);
                if (token[0] != expected) {
                    System.err.println("ring: wrong token");
                    Spmd.abort(1, "wrong token");
                }
            }
        }
    }
}
