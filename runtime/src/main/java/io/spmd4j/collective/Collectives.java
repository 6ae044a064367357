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
 * <li>allreduce: recursive doubling for messages up to {@link #ALLREDUCE_DOUBLING_MAX_BYTES} (ceil(log2 p)
 * exchanges instead of the 2 log2 p steps of reduce + bcast, which matters most when ranks outnumber
 * cores); above that, reduce to rank 0, then bcast from rank 0.</li>
 * </ul>
 *
 * Thread-safety: the calling thread owns the communicator for the duration of the call.
 */
public final class Collectives {
    /** Tags on the collective context, one per algorithm. */
    static final int TAG_BARRIER = 1;
    static final int TAG_BCAST = 2;
    static final int TAG_REDUCE = 3;
    static final int TAG_ALLREDUCE = 4;
    /** Largest message that allreduce sends by recursive doubling. */
    public static final int ALLREDUCE_DOUBLING_MAX_BYTES = 64 * 1024;

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
        if (send.byteLength() <= ALLREDUCE_DOUBLING_MAX_BYTES) {
            allreduceDoubling(c, send, recv, op);
        } else {
            reduce(c, send, recv, op, 0);
            bcast(c, recv, 0);
        }
    }

    /**
     * Recursive doubling. With p' the largest power of two not above p and r = p - p', the first 2r
     * ranks pair up: each even one hands its vector to the odd one above it and waits; the p' that
     * remain each hold the reduction of a contiguous run of ranks, and exchange vectors with partner
     * {@code i ^ mask} for mask = 1, 2, 4 ... In every exchange both partners compute
     * {@code lower op higher} from the same two operands, so the result is bitwise the same on every
     * rank and every run, and in rank order (valid for non-commutative ops). Finally the odd ranks
     * hand the result back to the even ones that sat out.
     */
    static void allreduceDoubling(P2p c, Buf send, Buf recv, Combiner op) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        ElementType t = send.type();
        Object acc = t.newArray(n);
        send.copyTo(wrap(t, acc, n));
        if (p > 1) {
            Object tmp = t.newArray(n);
            int pof2 = Integer.highestOneBit(p);
            int rem = p - pof2;
            int newRank;
            if (me < 2 * rem) {
                if ((me & 1) == 0) {
                    c.send(wrap(t, acc, n), me + 1, TAG_ALLREDUCE);
                    newRank = -1;
                } else {
                    c.recv(wrap(t, tmp, n), me - 1, TAG_ALLREDUCE);
                    op.combine(tmp, 0, acc, 0, n); // the even rank's vector comes first
                    Object swap = acc;
                    acc = tmp;
                    tmp = swap;
                    newRank = me / 2;
                }
            } else {
                newRank = me - rem;
            }
            if (newRank >= 0) {
                for (int mask = 1; mask < pof2; mask <<= 1) {
                    int newPartner = newRank ^ mask;
                    int partner = newPartner < rem ? newPartner * 2 + 1 : newPartner + rem;
                    c.sendrecv(wrap(t, acc, n), partner, wrap(t, tmp, n), partner, TAG_ALLREDUCE);
                    if (newPartner > newRank) {
                        op.combine(acc, 0, tmp, 0, n);
                    } else {
                        op.combine(tmp, 0, acc, 0, n);
                        Object swap = acc;
                        acc = tmp;
                        tmp = swap;
                    }
                }
            }
            if (me < 2 * rem) {
                if ((me & 1) == 0) {
                    c.recv(wrap(t, acc, n), me + 1, TAG_ALLREDUCE);
                } else {
                    c.send(wrap(t, acc, n), me - 1, TAG_ALLREDUCE);
                }
            }
        }
        wrap(t, acc, n).copyTo(recv);
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
