package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.Status;

/**
 * Every rank sends 50 messages with tags 0..49 to rank 0 (itself included); rank 0 receives them all
 * with ANY_SOURCE and ANY_TAG, then selectively by tag, and checks each (source, tag) arrives once,
 * in tag order per source.
 */
public final class WildcardProgram {
    private static final int PER_RANK = 50;

    private WildcardProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int p = w.size();
            if (w.rank() == 0) {
                // rank 0 sends to itself first (buffered), then receives everything
                for (int t = 0; t < PER_RANK; t++) {
                    w.send(new int[] {0, t}, 0, 2, 0, t);
                }
                int[] nextTag = new int[p];
                int[] m = new int[2];
                for (int k = 0; k < p * PER_RANK / 2; k++) {
                    Status s = w.recv(m, 0, 2, Spmd.ANY_SOURCE, Spmd.ANY_TAG);
                    Check.equal(s.source(), m[0], "payload source");
                    Check.equal(s.tag(), m[1], "payload tag");
                    Check.equal(nextTag[s.source()], s.tag(), "order from rank " + s.source());
                    nextTag[s.source()]++;
                }
                for (int src = 0; src < p; src++) {
                    for (int t = PER_RANK - 1; t >= nextTag[src]; t--) {
                        Status s = w.recv(m, 0, 2, src, t); // newest first: selective matching
                        Check.equal(t, s.tag(), "selective tag");
                        Check.equal(src, m[0], "selective source");
                    }
                }
                Check.that(w.iprobe(Spmd.ANY_SOURCE, Spmd.ANY_TAG) == null, "no message may be left over");
                System.out.println("wildcard ok");
            } else {
                for (int t = 0; t < PER_RANK; t++) {
                    w.send(new int[] {w.rank(), t}, 0, 2, 0, t);
                }
            }
            w.barrier();
        }
    }
}
