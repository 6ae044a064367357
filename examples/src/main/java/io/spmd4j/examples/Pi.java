package io.spmd4j.examples;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;

/**
 * Computes pi by the midpoint rule on 4/(1+x^2) over [0,1] ({@code Pi [intervals]}): each rank
 * sums its share of the intervals and an allreduce adds the shares.
 */
public final class Pi {
    private Pi() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            double start = Spmd.wtime();
            double h = 1.0 / n;
            double sum = 0;
            for (long i = world.rank(); i < n; i += world.size()) {
                double x = h * (i + 0.5);
                sum += 4.0 / (1.0 + x * x);
            }
            double[] part = {sum * h};
            double[] pi = new double[1];
            world.allreduce(part, 0, pi, 0, 1, Op.SUM);
            if (world.rank() == 0) {
                System.out.printf("pi = %.15f (error %.2e) with %d intervals on %d ranks in %.3f s%n",
                    pi[0], Math.abs(pi[0] - Math.PI), n, world.size(), Spmd.wtime() - start);
            }
        }
    }
}
