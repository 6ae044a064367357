package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import io.spmd4j.Spmd;

/**
 * Nonblocking overlap: every rank posts an irecv from its left and an isend of 8 MiB to its right,
 * then computes without calling spmd4j until both requests report completion (a flag read, which
 * drives no progress) or 20 seconds pass; the transfers must have completed meanwhile. Without
 * background progress they never would; with it they take well under a second even when the ranks
 * outnumber the cores, so the bound only stops a broken runtime from hanging the test.
 */
public final class OverlapProgram {
    private static final int N = 8 << 20;

    private OverlapProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int right = (w.rank() + 1) % w.size();
            int left = (w.rank() - 1 + w.size()) % w.size();
            byte[] out = new byte[N];
            byte[] in = new byte[N];
            java.util.Arrays.fill(out, (byte) w.rank());
            Request r = w.irecv(in, 0, N, left, 0);
            Request s = w.isend(out, 0, N, right, 0);
            long end = System.nanoTime() + 20_000_000_000L;
            double x = 0;
            while (!(r.isComplete() && s.isComplete()) && System.nanoTime() < end) {
                for (int i = 0; i < 100_000; i++) {
                    x += Math.sqrt(x + 1);
                }
            }
            boolean overlapped = r.isComplete() && s.isComplete();
            Request.awaitAll(r, s);
            Check.equal(left, in[N - 1], "payload");
            Check.that(overlapped, "transfers did not progress while computing");
            System.out.println("overlap ok rank " + w.rank() + (x == 1 ? "!" : ""));
        }
    }
}
