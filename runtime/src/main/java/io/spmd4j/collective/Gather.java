package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Operation;

/**
 * Gather and scatter with per-rank counts (MPI_Gatherv, MPI_Scatterv; the fixed-count forms are
 * the special case). Linear: the root posts one receive (send) per rank at once and waits for all,
 * so transfers overlap and the root moves each byte exactly once; the others make one send
 * (receive). Rank i's block is {@code counts[i]} elements at displacement {@code displs[i]} of the
 * root's buffer.
 */
public final class Gather {
    private static final int TAG = 1;

    private Gather() {
    }

    /** Gathers every rank's {@code send} into {@code recv} at the root ({@code recv} null elsewhere). */
    public static void gatherv(P2p c, Buf send, Buf recv, int[] counts, int[] displs, int root) {
        int p = c.size();
        int me = c.rank();
        if (me != root) {
            c.send(send, root, TAG);
            return;
        }
        Operation[] ops = new Operation[p];
        for (int i = 0; i < p; i++) {
            if (i != me) {
                ops[i] = c.irecv(recv.slice(displs[i], counts[i]), i, TAG);
            }
        }
        Bufs.copy(send, recv.slice(displs[me], counts[me]));
        c.awaitAll(ops);
    }

    /** Scatters the root's {@code send} blocks to every rank's {@code recv} ({@code send} null off the root). */
    public static void scatterv(P2p c, Buf send, int[] counts, int[] displs, Buf recv, int root) {
        int p = c.size();
        int me = c.rank();
        if (me != root) {
            c.recv(recv, root, TAG);
            return;
        }
        Operation[] ops = new Operation[p];
        for (int i = 0; i < p; i++) {
            if (i != me) {
                ops[i] = c.isend(send.slice(displs[i], counts[i]), i, TAG);
            }
        }
        Bufs.copy(send.slice(displs[me], counts[me]), recv);
        c.awaitAll(ops);
    }

    /** Displacements {@code 0, n, 2n, ...} of p equal blocks. */
    public static int[] regular(int p, int n) {
        int[] d = new int[p];
        for (int i = 0; i < p; i++) {
            d[i] = i * n;
        }
        return d;
    }
}
