package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;

/** barrier, bcast, reduce and allreduce across processes, every root. */
public final class CollectivesProgram {
    private CollectivesProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int p = w.size();
            for (int root = 0; root < p; root++) {
                w.barrier();
                float[] f = new float[300_000];
                if (w.rank() == root) {
                    java.util.Arrays.fill(f, root + 0.5f);
                }
                w.bcast(f, 0, f.length, root);
                Check.that(f[299_999] == root + 0.5f, "bcast from " + root);
                double[] sum = new double[1];
                w.reduce(new double[] {w.rank()}, 0, sum, 0, 1, Op.SUM, root);
                if (w.rank() == root) {
                    Check.that(sum[0] == p * (p - 1) / 2.0, "reduce at " + root);
                }
            }
            int[] max = new int[2];
            w.allreduce(new int[] {w.rank(), -w.rank()}, 0, max, 0, 2, Op.MAX);
            Check.equal(p - 1, max[0], "allreduce max");
            Check.equal(0, max[1], "allreduce max of negatives");
            if (w.rank() == 0) {
                System.out.println("collectives ok");
            }
        }
    }
}
