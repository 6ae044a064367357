package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Operation;

/**
 * Reduce (MPI_Reduce) and allreduce (MPI_Allreduce).
 *
 * <p><b>Order.</b> Every algorithm here combines contributions in rank order along a bracketing
 * fixed by p and the message size alone, and both partners of an exchange compute
 * {@code lower op higher} from the same two operands. So the result is bitwise the same on every
 * rank and every run, and right for operations that are not commutative.
 *
 * <p><b>Non-powers of two.</b> With p' the largest power of two not above p and r = p - p', the
 * first 2r ranks pair up: each even one hands its vector to the odd one above it, which combines
 * (even first) and stands for both; the p' that remain, renumbered 0 .. p'-1 in rank order, run the
 * power-of-two algorithm; for allreduce the odd ranks finally hand the result to their even partner.
 *
 * <p><b>Algorithms.</b>
 * <ul>
 * <li>reduce, small: binomial tree towards rank 0 (each node combines its own run with its children's
 * in ascending rank order), then rank 0 forwards to the root.</li>
 * <li>reduce, large ({@link Tuning#reduceScatterGatherMinBytes()}): reduce-scatter by recursive
 * halving, then the root gathers the p' blocks.</li>
 * <li>allreduce, small: recursive doubling, log2 p' exchanges of the whole vector.</li>
 * <li>allreduce, large ({@link Tuning#allreduceHalvingMinBytes()}): Rabenseifner: reduce-scatter by
 * recursive halving (step k exchanges half of what is left with partner {@code i ^ 2^k}), then
 * allgather by recursive doubling in the reverse order; each rank sends about 2n bytes instead of
 * n log2 p. The bracketing is that of recursive doubling, so both give the same bits.</li>
 * </ul>
 */
public final class Reduce {
    private static final int TAG_TREE = 1;
    private static final int TAG_PAIR = 2;
    private static final int TAG_EXCHANGE = 3;
    private static final int TAG_HALVE = 4;
    private static final int TAG_DOUBLE = 5;
    private static final int TAG_GATHER = 6;
    private static final int TAG_RESULT = 7;

    private Reduce() {
    }

    /** Reduces {@code send} of every rank into {@code recv} at the root; {@code recv} is null elsewhere. */
    public static void reduce(P2p c, Buf send, Buf recv, Combiner op, int root, Tuning tuning) {
        int pof2 = Integer.highestOneBit(c.size());
        if (c.size() > 1 && send.byteLength() >= tuning.reduceScatterGatherMinBytes()
            && send.count() >= pof2 * op.unit()) {
            reduceScatterGather(c, send, recv, op, root);
        } else {
            binomial(c, send, recv, op, root);
        }
    }

    /** Reduces {@code send} of every rank into {@code recv} on every rank. */
    public static void allreduce(P2p c, Buf send, Buf recv, Combiner op, Tuning tuning) {
        int pof2 = Integer.highestOneBit(c.size());
        if (c.size() > 1 && send.byteLength() >= tuning.allreduceHalvingMinBytes()
            && send.count() >= pof2 * op.unit()) {
            rabenseifner(c, send, recv, op);
        } else {
            doubling(c, send, recv, op);
        }
    }

    static void binomial(P2p c, Buf send, Buf recv, Combiner op, int root) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        Buf work = Bufs.workCopy(c, 0, send, me == root ? recv : null);
        Buf tmp = p > 1 ? c.scratch(1, send.type(), n) : null;
        for (int mask = 1; mask < p; mask <<= 1) {
            if ((me & mask) != 0) {
                c.send(work, me - mask, TAG_TREE);
                break;
            }
            if (me + mask < p) {
                c.recv(tmp, me + mask, TAG_TREE);
                op.fold(tmp.array(), 0, work.array(), work.offset(), n, false);
            }
        }
        if (root != 0) {
            if (me == 0) {
                c.send(work, root, TAG_TREE);
            } else if (me == root) {
                c.recv(work, 0, TAG_TREE);
            }
        }
        if (me == root) {
            Bufs.copy(work, recv);
        }
    }

    static void doubling(P2p c, Buf send, Buf recv, Combiner op) {
        int p = c.size();
        int me = c.rank();
        int n = send.count();
        Buf work = Bufs.workCopy(c, 0, send, recv);
        if (p > 1) {
            Buf tmp = c.scratch(1, send.type(), n);
            int pof2 = Integer.highestOneBit(p);
            int rem = p - pof2;
            int newRank = pairUp(c, work, tmp, op, rem);
            if (newRank >= 0) {
                for (int mask = 1; mask < pof2; mask <<= 1) {
                    int newPartner = newRank ^ mask;
                    int partner = oldRank(newPartner, rem);
                    c.sendrecv(work, partner, tmp, partner, TAG_EXCHANGE);
                    op.fold(tmp.array(), 0, work.array(), work.offset(), n, newPartner < newRank);
                }
            }
            handBack(c, work, rem);
        }
        Bufs.copy(work, recv);
    }

    static void rabenseifner(P2p c, Buf send, Buf recv, Combiner op) {
        int p = c.size();
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        Buf work = Bufs.workCopy(c, 0, send, recv);
        Buf tmp = c.scratch(1, send.type(), send.count());
        int newRank = pairUp(c, work, tmp, op, rem);
        if (newRank >= 0) {
            int[] d = Bufs.blocks(send.count(), pof2, op.unit());
            int[] range = halve(c, work, tmp, op, newRank, pof2, rem, d);
            int lo = range[0];
            int hi = range[1];
            for (int mask = pof2 >> 1; mask > 0; mask >>= 1) {
                int newPartner = newRank ^ mask;
                int width = hi - lo;
                int olo = newRank < newPartner ? hi : lo - width;
                int partner = oldRank(newPartner, rem);
                c.sendrecv(part(work, d, lo, hi), partner, part(work, d, olo, olo + width), partner, TAG_DOUBLE);
                lo = Math.min(lo, olo);
                hi = lo + 2 * width;
            }
        }
        handBack(c, work, rem);
        Bufs.copy(work, recv);
    }

    static void reduceScatterGather(P2p c, Buf send, Buf recv, Combiner op, int root) {
        int p = c.size();
        int me = c.rank();
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        Buf work = Bufs.workCopy(c, 0, send, me == root ? recv : null);
        Buf tmp = c.scratch(1, send.type(), send.count());
        int newRank = pairUp(c, work, tmp, op, rem);
        int[] d = Bufs.blocks(send.count(), pof2, op.unit());
        int mine = -1;
        if (newRank >= 0) {
            mine = halve(c, work, tmp, op, newRank, pof2, rem, d)[0];
            if (me != root) {
                c.send(part(work, d, mine, mine + 1), root, TAG_GATHER);
            }
        }
        if (me == root) {
            Operation[] ops = new Operation[pof2];
            for (int j = 0; j < pof2; j++) {
                int owner = oldRank(j, rem);
                if (owner != me) {
                    int b = finalBlock(j, pof2);
                    ops[j] = c.irecv(part(work, d, b, b + 1), owner, TAG_GATHER);
                }
            }
            c.awaitAll(ops);
            Bufs.copy(work, recv);
        }
    }

    /**
     * Recursive halving over the p' renumbered ranks: in step k (mask 2^k) the partner that differs
     * in bit k takes the other half of the blocks still held; each keeps the half that matches its
     * bit and combines the partner's copy into it. Returns the block range {@code [lo, hi)} held at
     * the end (one block).
     */
    private static int[] halve(P2p c, Buf work, Buf tmp, Combiner op, int newRank, int pof2, int rem, int[] d) {
        int lo = 0;
        int hi = pof2;
        for (int mask = 1; mask < pof2; mask <<= 1) {
            int newPartner = newRank ^ mask;
            int mid = (lo + hi) >>> 1;
            boolean keepLow = newRank < newPartner;
            int klo = keepLow ? lo : mid;
            int khi = keepLow ? mid : hi;
            int slo = keepLow ? mid : lo;
            int shi = keepLow ? hi : mid;
            int partner = oldRank(newPartner, rem);
            c.sendrecv(part(work, d, slo, shi), partner, part(tmp, d, klo, khi), partner, TAG_HALVE);
            op.fold(tmp.array(), tmp.offset() + d[klo], work.array(), work.offset() + d[klo], d[khi] - d[klo],
                newPartner < newRank);
            lo = klo;
            hi = khi;
        }
        return new int[] {lo, hi};
    }

    /** The block that renumbered rank {@code j} holds after {@link #halve}. */
    private static int finalBlock(int j, int pof2) {
        int lo = 0;
        int hi = pof2;
        for (int mask = 1; mask < pof2; mask <<= 1) {
            int mid = (lo + hi) >>> 1;
            if ((j & mask) == 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /** Elements of blocks {@code [lo, hi)}. */
    private static Buf part(Buf b, int[] d, int lo, int hi) {
        return b.slice(d[lo], d[hi] - d[lo]);
    }

    /**
     * The first step for p not a power of two: among the first 2r ranks the even ones send their
     * vector to the odd one above, which combines it first. Returns the renumbered rank, or -1 for a
     * rank that now sits out.
     */
    private static int pairUp(P2p c, Buf work, Buf tmp, Combiner op, int rem) {
        int me = c.rank();
        if (me >= 2 * rem) {
            return me - rem;
        }
        if ((me & 1) == 0) {
            c.send(work, me + 1, TAG_PAIR);
            return -1;
        }
        c.recv(tmp, me - 1, TAG_PAIR);
        op.apply(tmp.array(), tmp.offset(), work.array(), work.offset(), work.count());
        return me / 2;
    }

    /** The last step for p not a power of two: the odd ranks of the first 2r hand the result down. */
    private static void handBack(P2p c, Buf work, int rem) {
        int me = c.rank();
        if (me < 2 * rem) {
            if ((me & 1) == 0) {
                c.recv(work, me + 1, TAG_RESULT);
            } else {
                c.send(work, me - 1, TAG_RESULT);
            }
        }
    }

    /** The rank of renumbered rank {@code newRank}. */
    private static int oldRank(int newRank, int rem) {
        return newRank < rem ? newRank * 2 + 1 : newRank + rem;
    }

}
