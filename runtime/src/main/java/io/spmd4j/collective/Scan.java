package io.spmd4j.collective;

import io.spmd4j.engine.Buf;

/**
 * Inclusive and exclusive prefix reductions (MPI_Scan, MPI_Exscan) by recursive doubling: in step k
 * each rank exchanges the reduction of its aligned run of 2^k ranks with {@code rank ^ 2^k} (when
 * that rank exists), folds a lower partner's run into both its run and its result, and a higher
 * partner's run into its run only. ceil(log2 p) steps for any p; contributions are combined in rank
 * order along a fixed bracketing, so non-commutative operations work and results are bitwise
 * reproducible.
 */
public final class Scan {
    private static final int TAG = 1;

    private Scan() {
    }

    /** Rank i gets {@code x0 op ... op xi} in {@code recv}. */
    public static void scan(P2p c, Buf send, Buf recv, Combiner op) {
        prefix(c, send, recv, op, true);
    }

    /** Rank i > 0 gets {@code x0 op ... op xi-1} in {@code recv}; rank 0's {@code recv} is left unchanged. */
    public static void exscan(P2p c, Buf send, Buf recv, Combiner op) {
        prefix(c, send, recv, op, false);
    }

    private static void prefix(P2p c, Buf send, Buf recv, Combiner op, boolean inclusive) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        Buf run = c.scratch(0, send.type(), n);
        Bufs.copy(send, run);
        Buf result = inclusive ? Bufs.workCopy(c, 1, send, recv)
            : Bufs.isArray(recv) ? recv : c.scratch(1, send.type(), n);
        boolean haveResult = inclusive;
        Buf tmp = c.scratch(2, send.type(), n);
        for (int mask = 1; mask < p; mask <<= 1) {
            int partner = me ^ mask;
            if (partner >= p) {
                continue;
            }
            c.sendrecv(run, partner, tmp, partner, TAG);
            if (partner < me) {
                if (haveResult) {
                    op.apply(tmp.array(), 0, result.array(), result.offset(), n);
                } else {
                    Bufs.copy(tmp, result);
                    haveResult = true;
                }
                op.apply(tmp.array(), 0, run.array(), 0, n);
            } else {
                op.fold(tmp.array(), 0, run.array(), 0, n, false);
            }
        }
        if (haveResult) {
            Bufs.copy(result, recv);
        }
    }
}
