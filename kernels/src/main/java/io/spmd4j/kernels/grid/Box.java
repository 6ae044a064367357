package io.spmd4j.kernels.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rectangular range of grid indices, {@code lo[d] <= i[d] < hi[d]} in every dimension, in a
 * rank's local (owned) coordinates. Immutable. Solvers split the owned box into an interior that
 * needs no halo and boundary strips that do ({@link #shrink}, {@link #minus}).
 */
public final class Box {
    private final int[] lo;
    private final int[] hi;

    /** A box from {@code lo} (inclusive) to {@code hi} (exclusive); both arrays are copied. */
    public Box(int[] lo, int[] hi) {
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("lo and hi differ in rank: " + Arrays.toString(lo) + ", "
                + Arrays.toString(hi));
        }
        this.lo = lo.clone();
        this.hi = hi.clone();
    }

    /** Number of dimensions. */
    public int ndims() {
        return lo.length;
    }

    /** First index along {@code d}. */
    public int lo(int d) {
        return lo[d];
    }

    /** One past the last index along {@code d}. */
    public int hi(int d) {
        return hi[d];
    }

    /** True when the box holds no index. */
    public boolean isEmpty() {
        for (int d = 0; d < lo.length; d++) {
            if (hi[d] <= lo[d]) {
                return true;
            }
        }
        return false;
    }

    /** Number of indices in the box. */
    public long volume() {
        long v = 1;
        for (int d = 0; d < lo.length; d++) {
            v *= Math.max(0, hi[d] - lo[d]);
        }
        return v;
    }

    /** The box with {@code w} indices taken off both ends of every dimension (may be empty). */
    public Box shrink(int w) {
        int[] l = new int[lo.length];
        int[] h = new int[lo.length];
        for (int d = 0; d < lo.length; d++) {
            l[d] = lo[d] + w;
            h[d] = Math.max(l[d], hi[d] - w);
        }
        return new Box(l, h);
    }

    /**
     * This box without {@code inner}, as disjoint boxes (slabs peeled off dimension by dimension:
     * at most two per dimension). {@code inner} must lie inside this box or be empty; an empty inner
     * box gives this box whole.
     */
    public List<Box> minus(Box inner) {
        List<Box> out = new ArrayList<>();
        if (isEmpty()) {
            return out;
        }
        if (inner.isEmpty()) {
            out.add(this);
            return out;
        }
        int[] cl = lo.clone();
        int[] ch = hi.clone();
        for (int d = 0; d < lo.length; d++) {
            if (inner.lo[d] < lo[d] || inner.hi[d] > hi[d]) {
                throw new IllegalArgumentException("inner box " + inner + " is not inside " + this);
            }
            if (inner.lo[d] > cl[d]) {
                int[] h = ch.clone();
                h[d] = inner.lo[d];
                out.add(new Box(cl, h));
            }
            if (inner.hi[d] < ch[d]) {
                int[] l = cl.clone();
                l[d] = inner.hi[d];
                out.add(new Box(l, ch));
            }
            cl[d] = inner.lo[d];
            ch[d] = inner.hi[d];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(lo, b.lo) && Arrays.equals(hi, b.hi);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lo) + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        return "Box" + Arrays.toString(lo) + ".." + Arrays.toString(hi);
    }
}
