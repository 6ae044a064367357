package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import java.util.Arrays;

/**
 * Allgather (MPI_Allgather, MPI_Allgatherv).
 * <ul>
 * <li><b>Bruck</b>, for small results: in round k each rank sends the 2^k blocks it has
 * accumulated to {@code rank - 2^k} and receives as many from {@code rank + 2^k} (fewer in the last
 * round when p is not a power of two), then rotates them into place: ceil(log2 p) rounds for any
 * p.</li>
 * <li><b>ring</b>, for large results ({@link Tuning#allgatherRingMinBytes()}) and for the variable
 * counts of allgatherv: p-1 steps in which every rank passes the block it received last to its
 * right neighbour; each link carries every block once, which is bandwidth-optimal.</li>
 * </ul>
 */
public final class Allgather {
    private static final int TAG_BRUCK = 1;
    private static final int TAG_RING = 2;

    private Allgather() {
    }

    /** Gathers {@code send} ({@code n} elements) of every rank into {@code recv} (p blocks of n) on every rank. */
    public static void allgather(P2p c, Buf send, Buf recv, Tuning tuning) {
        int p = c.size();
        int n = send.count();
        if (recv.byteLength() >= tuning.allgatherRingMinBytes()) {
            int[] counts = new int[p];
            Arrays.fill(counts, n);
            allgatherv(c, send, recv, counts, Gather.regular(p, n));
        } else {
            bruck(c, send, recv);
        }
    }

    /** Gathers every rank's {@code send} into {@code recv} at {@code displs[i]} on every rank, by ring. */
    public static void allgatherv(P2p c, Buf send, Buf recv, int[] counts, int[] displs) {
        int p = c.size();
        int me = c.rank();
        Bufs.copy(send, recv.slice(displs[me], counts[me]));
        int right = (me + 1) % p;
        int left = (me - 1 + p) % p;
        for (int i = 0; i < p - 1; i++) {
            int sb = (me - i + p) % p;
            int rb = (me - i - 1 + p) % p;
            c.sendrecv(recv.slice(displs[sb], counts[sb]), right, recv.slice(displs[rb], counts[rb]), left, TAG_RING);
        }
    }

    static void bruck(P2p c, Buf send, Buf recv) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        Buf tmp = c.scratch(0, send.type(), p * n); // block i: the data of rank (me + i) mod p
        Bufs.copy(send, tmp.slice(0, n));
        for (int k = 1; k < p; k <<= 1) {
            int blocks = Math.min(k, p - k);
            c.sendrecv(tmp.slice(0, blocks * n), (me - k + p) % p, tmp.slice(k * n, blocks * n), (me + k) % p,
                TAG_BRUCK);
        }
        Bufs.copy(tmp.slice(0, (p - me) * n), recv.slice(me * n, (p - me) * n));
        Bufs.copy(tmp.slice((p - me) * n, me * n), recv.slice(0, me * n));
    }
}
