package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;

/**
 * A sequence of collectives with small buffers, each result checked on every rank, repeated a few
 * times: barrier, bcast from every root, reduce, allreduce, gather, scatter, allgather, alltoall,
 * reduce-scatter, scan, an object broadcast, and an allreduce in split communicators. Meant for many
 * ranks on few cores; prints "collective sequence ok" on rank 0.
 */
public final class SoakCollectivesProgram {
    private static final int ROUNDS = 3;

    private SoakCollectivesProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int p = w.size();
            int r = w.rank();
            for (int round = 0; round < ROUNDS; round++) {
                w.barrier();
                for (int root = 0; root < p; root++) {
                    int[] b = {r == root ? root * 7 + round : -1};
                    w.bcast(b, 0, 1, root);
                    Check.equal(root * 7 + round, b[0], "bcast from " + root);
                }
                int[] sum = new int[1];
                w.reduce(new int[] {r + round}, 0, sum, 0, 1, Op.SUM, round % p);
                if (r == round % p) {
                    Check.equal(p * (p - 1) / 2 + p * round, sum[0], "reduce");
                }
                long[] max = new long[2];
                w.allreduce(new long[] {r, -r}, 0, max, 0, 2, Op.MAX);
                Check.that(max[0] == p - 1 && max[1] == 0, "allreduce max");
                int[] all = new int[p];
                w.gather(new int[] {r * r}, 0, 1, all, 0, 0);
                if (r == 0) {
                    for (int i = 0; i < p; i++) {
                        Check.equal(i * i, all[i], "gather slot " + i);
                    }
                }
                int[] parts = new int[p];
                for (int i = 0; i < p; i++) {
                    parts[i] = 100 * i + round;
                }
                int[] mine = new int[1];
                w.scatter(parts, 0, 1, mine, 0, 0);
                Check.equal(100 * r + round, mine[0], "scatter");
                w.allgather(new int[] {r + 1}, 0, 1, all, 0);
                for (int i = 0; i < p; i++) {
                    Check.equal(i + 1, all[i], "allgather slot " + i);
                }
                int[] out = new int[p];
                int[] in = new int[p];
                for (int i = 0; i < p; i++) {
                    out[i] = r * 1000 + i;
                }
                w.alltoall(out, 0, 1, in, 0);
                for (int i = 0; i < p; i++) {
                    Check.equal(i * 1000 + r, in[i], "alltoall from " + i);
                }
                int[] counts = new int[p];
                java.util.Arrays.fill(counts, 1);
                int[] ones = new int[p];
                java.util.Arrays.fill(ones, r);
                int[] rs = new int[1];
                w.reduceScatter(ones, 0, rs, 0, counts, Op.SUM);
                Check.equal(p * (p - 1) / 2, rs[0], "reduce-scatter");
                int[] prefix = new int[1];
                w.scan(new int[] {1}, 0, prefix, 0, 1, Op.SUM);
                Check.equal(r + 1, prefix[0], "scan");
                String text = w.bcastObject(r == p - 1 ? "round " + round : null, p - 1);
                Check.that(("round " + round).equals(text), "bcastObject");
                Comm half = w.split(r % 2, r);
                int[] hs = new int[1];
                half.allreduce(new int[] {1}, 0, hs, 0, 1, Op.SUM);
                Check.equal(half.size(), hs[0], "allreduce in a split communicator");
            }
            if (r == 0) {
                System.out.println("collective sequence ok");
            }
        }
    }
}
