package io.spmd4j.collective;

import io.spmd4j.engine.Buf;

/**
 * Broadcast (MPI_Bcast), two algorithms chosen by {@link Tuning#bcastScatterMinBytes()}:
 * <ul>
 * <li><b>binomial tree</b> rooted at the root: ceil(log2 p) rounds, each rank receives the whole
 * message once; best while latency dominates.</li>
 * <li><b>scatter + ring allgather</b> (van de Geijn): the root scatters p blocks down a binomial
 * tree, then p-1 ring steps hand every block around. Each rank sends and receives about 2n bytes
 * whatever p is, instead of the root's n log2 p; used for large messages on
 * {@link Tuning#bcastScatterMinRanks()} ranks or more.</li>
 * </ul>
 * Both work on ranks relative to the root, {@code vr = (rank - root) mod p}, so any root and any p.
 */
public final class Bcast {
    private static final int TAG_TREE = 1;
    private static final int TAG_SCATTER = 2;
    private static final int TAG_RING = 3;

    private Bcast() {
    }

    /** Broadcasts {@code buf} from {@code root} to every rank. */
    public static void bcast(P2p c, Buf buf, int root, Tuning tuning) {
        if (c.size() == 1) {
            return;
        }
        if (c.size() > 2 && c.size() >= tuning.bcastScatterMinRanks()
            && buf.byteLength() >= tuning.bcastScatterMinBytes()) {
            scatterAllgather(c, buf, root);
        } else {
            binomial(c, buf, root);
        }
    }

    static void binomial(P2p c, Buf buf, int root) {
        int p = c.size();
        int vr = (c.rank() - root + p) % p;
        int mask = 1;
        while (mask < p) {
            if ((vr & mask) != 0) {
                c.recv(buf, (vr - mask + root) % p, TAG_TREE);
                break;
            }
            mask <<= 1;
        }
        mask >>= 1;
        while (mask > 0) {
            if (vr + mask < p) {
                c.send(buf, (vr + mask + root) % p, TAG_TREE);
            }
            mask >>= 1;
        }
    }

    static void scatterAllgather(P2p c, Buf buf, int root) {
        int p = c.size();
        int vr = (c.rank() - root + p) % p;
        int[] d = Bufs.blocks(buf.count(), p, 1);
        // binomial scatter: the subtree of relative rank v owns blocks [v, v + its extent)
        int mask = 1;
        while (mask < p) {
            if ((vr & mask) != 0) {
                int hi = Math.min(vr + mask, p);
                c.recv(buf.slice(d[vr], d[hi] - d[vr]), (vr - mask + root) % p, TAG_SCATTER);
                break;
            }
            mask <<= 1;
        }
        mask >>= 1;
        while (mask > 0) {
            int child = vr + mask;
            if (child < p) {
                int hi = Math.min(child + mask, p);
                c.send(buf.slice(d[child], d[hi] - d[child]), (child + root) % p, TAG_SCATTER);
            }
            mask >>= 1;
        }
        // ring allgather: in step i, pass on block vr - i and receive block vr - i - 1
        int right = (vr + 1) % p;
        int left = (vr - 1 + p) % p;
        for (int i = 0; i < p - 1; i++) {
            int sb = (vr - i + p) % p;
            int rb = (vr - i - 1 + p) % p;
            c.sendrecv(buf.slice(d[sb], d[sb + 1] - d[sb]), (right + root) % p,
                buf.slice(d[rb], d[rb + 1] - d[rb]), (left + root) % p, TAG_RING);
        }
    }
}
