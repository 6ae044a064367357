package io.spmd4j.collective;

import io.spmd4j.engine.Buf;

/**
 * Reduce-scatter (MPI_Reduce_scatter, MPI_Reduce_scatter_block): block j of the element-wise
 * reduction of every rank's vector ends up on rank j. Every rank sends block j of its vector to
 * rank j (an {@link Alltoall} exchange), then combines the p contributions it received in rank order,
 * {@code x0 op (x1 op (... op xp-1))}. Each rank sends and receives (p-1)/p of the vector, as in
 * the best known algorithms, and the rank order holds for any p and any operation, commutative
 * or not; the local fold makes the result bitwise reproducible.
 */
public final class ReduceScatter {
    private ReduceScatter() {
    }

    /** Reduces {@code send} (the concatenation of every rank's block) so that {@code recv} gets this rank's block. */
    public static void reduceScatter(P2p c, Buf send, Buf recv, int[] counts, Combiner op, Tuning tuning) {
        int p = c.size();
        int me = c.rank();
        int m = counts[me];
        int[] displs = new int[p];
        for (int i = 1; i < p; i++) {
            displs[i] = displs[i - 1] + counts[i - 1];
        }
        Buf contributions = c.scratch(0, send.type(), p * m); // block i: rank i's part for this rank
        int[] mine = new int[p];
        java.util.Arrays.fill(mine, m);
        Alltoall.alltoallv(c, send, counts, displs, contributions, mine, Gather.regular(p, m), tuning);
        Buf acc = Bufs.workCopy(c, 1, contributions.slice((p - 1) * m, m), recv);
        for (int i = p - 2; i >= 0; i--) {
            op.apply(contributions.array(), i * m, acc.array(), acc.offset(), m);
        }
        Bufs.copy(acc, recv);
    }
}
