package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;

/**
 * Simple, correct collective algorithms built on {@link P2p}; valid for every communicator size.
 *
 * <ul>
 * <li>barrier: dissemination (ceil(log2 p) rounds of zero-byte messages).</li>
 * <li>bcast: binomial tree rooted at {@code root}.</li>
 * <li>reduce: binomial tree towards rank 0 in which every node combines its own contribution with
 * its children's in ascending rank order, so the result is {@code x0 op x1 op ... op xp-1} for any
 * associative op, commutative or not, and bitwise reproducible; then rank 0 forwards to the root.</li>
 * <li>allreduce: reduce to rank 0, then bcast from rank 0.</li>
 * </ul>
 *
 * Thread-safety: the calling thread owns the communicator for the duration of the call.
 */
public final class Collectives {
    /** Tags on the collective context, one per algorithm. */
    static final int TAG_BARRIER = 1;
    static final int TAG_BCAST = 2;
    static final int TAG_REDUCE = 3;

    private Collectives() {
    }

    /** Blocks until every rank of the communicator has entered (MPI_Barrier). */
    public static void barrier(P2p c) {
        int p = c.size();
        int me = c.rank();
        Buf none = Buf.empty(ElementType.BYTE);
        for (int k = 1; k < p; k <<= 1) {
            c.sendrecv(none, (me + k) % p, Buf.empty(ElementType.BYTE), (me - k + p) % p, TAG_BARRIER);
        }
    }

    /** Broadcasts {@code buf} from {@code root} to every rank (MPI_Bcast). */
    public static void bcast(P2p c, Buf buf, int root) {
        int p = c.size();
        int vr = (c.rank() - root + p) % p;
        int mask = 1;
        while (mask < p) {
            if ((vr & mask) != 0) {
                c.recv(buf, (vr - mask + root) % p, TAG_BCAST);
                break;
            }
            mask <<= 1;
        }
        mask >>= 1;
        while (mask > 0) {
            if (vr + mask < p) {
                c.send(buf, (vr + mask + root) % p, TAG_BCAST);
            }
            mask >>= 1;
        }
    }

    /**
     * Reduces {@code send} from every rank into {@code recv} at {@code root} (MPI_Reduce); {@code recv}
     * is only written at the root.
     */
    public static void reduce(P2p c, Buf send, Buf recv, Combiner op, int root) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        ElementType t = send.type();
        Object acc = t.newArray(n);
        Buf accBuf = wrap(t, acc, n);
        send.copyTo(accBuf);
        Object tmp = p > 1 ? t.newArray(n) : null;
        for (int mask = 1; mask < p; mask <<= 1) {
            if ((me & mask) != 0) {
                c.send(accBuf, me - mask, TAG_REDUCE);
                break;
            }
            if (me + mask < p) {
                c.recv(wrap(t, tmp, n), me + mask, TAG_REDUCE);
                op.combine(acc, 0, tmp, 0, n);
            }
        }
        if (root != 0) {
            if (me == 0) {
                c.send(accBuf, root, TAG_REDUCE);
            } else if (me == root) {
                c.recv(accBuf, 0, TAG_REDUCE);
            }
        }
        if (me == root) {
            accBuf.copyTo(recv);
        }
    }

    /** Reduces {@code send} from every rank into {@code recv} on every rank (MPI_Allreduce). */
    public static void allreduce(P2p c, Buf send, Buf recv, Combiner op) {
        reduce(c, send, recv, op, 0);
        bcast(c, recv, 0);
    }

    /** Wraps a whole array of type {@code t} as a buffer of {@code n} elements. */
    public static Buf wrap(ElementType t, Object array, int n) {
        switch (t) {
            case BYTE:
                return Buf.of((byte[]) array, 0, n);
            case CHAR:
                return Buf.of((char[]) array, 0, n);
            case SHORT:
                return Buf.of((short[]) array, 0, n);
            case INT:
                return Buf.of((int[]) array, 0, n);
            case LONG:
                return Buf.of((long[]) array, 0, n);
            case FLOAT:
                return Buf.of((float[]) array, 0, n);
            case DOUBLE:
                return Buf.of((double[]) array, 0, n);
            case BOOLEAN:
                return Buf.of((boolean[]) array, 0, n);
            default:
                throw new IllegalArgumentException("cannot wrap " + t);
        }
    }
}
