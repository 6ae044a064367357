package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;

/**
 * Dissemination barrier (Hensgen, Finkel and Manber): in round k = 0, 1, ... each rank sends a
 * zero-byte message to {@code rank + 2^k} and waits for one from {@code rank - 2^k} (mod p). After
 * ceil(log2 p) rounds every rank has heard, directly or through others, from every rank, so no rank
 * leaves before all have entered. Valid for every p; no rank is a bottleneck.
 */
public final class Barrier {
    private static final int TAG = 1;

    private Barrier() {
    }

    /** Blocks until every rank of the communicator has entered (MPI_Barrier). */
    public static void barrier(P2p c) {
        int p = c.size();
        int me = c.rank();
        Buf none = Buf.empty(ElementType.BYTE);
        for (int k = 1; k < p; k <<= 1) {
            c.sendrecv(none, (me + k) % p, Buf.empty(ElementType.BYTE), (me - k + p) % p, TAG);
        }
    }
}
