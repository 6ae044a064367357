package io.spmd4j.collective;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Operation;

/**
 * All-to-all personalized exchange (MPI_Alltoall, MPI_Alltoallv); rank i's block for rank j is
 * {@code sendCounts[j]} elements at {@code sendDispls[j]} and lands at {@code recvDispls[i]} on j.
 * <ul>
 * <li><b>all at once</b>, for small blocks: every rank posts its p-1 receives, then its p-1 sends,
 * and waits for all; latency is one round.</li>
 * <li><b>pairwise exchange</b>, for blocks of {@link Tuning#alltoallPairwiseMinBytes()} or more: in
 * step i = 1 .. p-1 each rank sends to {@code rank + i} and receives from {@code rank - i}, so each
 * rank has one transfer in each direction at a time and no receiver is flooded; any p.</li>
 * </ul>
 */
public final class Alltoall {
    private static final int TAG = 1;

    private Alltoall() {
    }

    /** Exchanges blocks between every pair of ranks. */
    public static void alltoallv(P2p c, Buf send, int[] sendCounts, int[] sendDispls, Buf recv, int[] recvCounts,
        int[] recvDispls, Tuning tuning) {
        int p = c.size();
        int me = c.rank();
        if (sendCounts[me] > recvCounts[me]) {
            throw new MpiException(ErrorClass.ERR_TRUNCATE, "alltoall: this rank's block to itself has "
                + sendCounts[me] + " elements but its receive block only " + recvCounts[me]);
        }
        Bufs.copy(send.slice(sendDispls[me], sendCounts[me]), recv.slice(recvDispls[me], recvCounts[me]));
        long largest = 0;
        for (int i = 0; i < p; i++) {
            largest = Math.max(largest, (long) sendCounts[i] * send.type().sizeBytes());
        }
        if (largest >= tuning.alltoallPairwiseMinBytes()) {
            for (int i = 1; i < p; i++) {
                int dst = (me + i) % p;
                int src = (me - i + p) % p;
                c.sendrecv(send.slice(sendDispls[dst], sendCounts[dst]), dst,
                    recv.slice(recvDispls[src], recvCounts[src]), src, TAG);
            }
        } else {
            Operation[] ops = new Operation[2 * p];
            for (int i = 1; i < p; i++) {
                int src = (me - i + p) % p;
                ops[i] = c.irecv(recv.slice(recvDispls[src], recvCounts[src]), src, TAG);
            }
            for (int i = 1; i < p; i++) {
                int dst = (me + i) % p;
                ops[p + i] = c.isend(send.slice(sendDispls[dst], sendCounts[dst]), dst, TAG);
            }
            c.awaitAll(ops);
        }
    }
}
