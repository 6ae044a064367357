package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Spmd;

/**
 * Rank 0 sends a too-large message (eager, then rendezvous) to the last rank, then a good one; the
 * receiver reports ERR_TRUNCATE naming both sizes and still gets the good message.
 */
public final class TruncationProgram {
    private TruncationProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int last = w.size() - 1;
            if (w.rank() == 0) {
                w.send(new long[100], 0, 100, last, 1);
                w.send(new long[1_000_000], 0, 1_000_000, last, 1);
                w.send(new long[] {99}, 0, 1, last, 1);
            }
            if (w.rank() == last) {
                long[] small = new long[10];
                for (int k = 0; k < 2; k++) {
                    try {
                        w.recv(small, 0, 10, 0, 1);
                        throw new AssertionError("no truncation error");
                    } catch (MpiException e) {
                        Check.that(e.errorClass() == ErrorClass.ERR_TRUNCATE, "error class " + e.errorClass());
                        System.out.println("truncation reported: " + e.getMessage());
                    }
                }
                w.recv(small, 0, 10, 0, 1);
                Check.equal(99, small[0], "message after truncation");
                System.out.println("truncation ok");
            }
        }
    }
}
