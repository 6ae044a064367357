package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;

/** Helpers for the work arrays of collective algorithms. */
public final class Bufs {
    private Bufs() {
    }

    /** Wraps elements {@code [offset, offset+n)} of a primitive array of type {@code t}. */
    public static Buf wrap(ElementType t, Object array, int offset, int n) {
        switch (t) {
            case BYTE:
            case OBJECT:
                return Buf.of((byte[]) array, offset, n);
            case CHAR:
                return Buf.of((char[]) array, offset, n);
            case SHORT:
                return Buf.of((short[]) array, offset, n);
            case INT:
                return Buf.of((int[]) array, offset, n);
            case LONG:
                return Buf.of((long[]) array, offset, n);
            case FLOAT:
                return Buf.of((float[]) array, offset, n);
            case DOUBLE:
                return Buf.of((double[]) array, offset, n);
            case BOOLEAN:
                return Buf.of((boolean[]) array, offset, n);
            default:
                throw new IllegalArgumentException("cannot wrap " + t);
        }
    }

    /** A new array of {@code n} elements of {@code t}, wrapped whole. */
    public static Buf allocate(ElementType t, int n) {
        return wrap(t, t.newArray(n), 0, n);
    }

    /** True when {@code b} is a slice of a primitive array (not a ByteBuffer) that reductions can work in. */
    static boolean isArray(Buf b) {
        return b != null && b.array() != null && b.type() != ElementType.OBJECT;
    }

    /**
     * A work array holding a copy of {@code send}: {@code into}'s own memory when it is an array
     * slice (so the result needs no final copy), else scratch array {@code slot} of the call.
     */
    static Buf workCopy(P2p c, int slot, Buf send, Buf into) {
        Buf work = isArray(into) ? into : c.scratch(slot, send.type(), send.count());
        copy(send, work);
        return work;
    }

    /** Copies {@code min(from.count, to.count)} elements, by {@link System#arraycopy} when both are arrays. */
    public static void copy(Buf from, Buf to) {
        if (from == to) {
            return;
        }
        if (isArray(from) && isArray(to) && from.type() == to.type()) {
            System.arraycopy(from.array(), from.offset(), to.array(), to.offset(), Math.min(from.count(), to.count()));
        } else {
            from.copyTo(to);
        }
    }

    /**
     * Cuts {@code n} elements into {@code parts} contiguous blocks, in whole units of {@code unit}
     * elements, the first ones one unit larger when it does not divide evenly; returns the block
     * displacements, with {@code n} appended so that block i is {@code [d[i], d[i+1])}.
     */
    static int[] blocks(int n, int parts, int unit) {
        int units = n / unit;
        int base = units / parts;
        int extra = units % parts;
        int[] d = new int[parts + 1];
        for (int i = 0; i < parts; i++) {
            d[i + 1] = d[i] + (base + (i < extra ? 1 : 0)) * unit;
        }
        d[parts] = n; // a partial unit, if any, stays with the last block
        return d;
    }
}
