package io.spmd4j;

import io.spmd4j.engine.ElementType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A reduction operation (MPI_Op) for {@code reduce}, {@code allreduce}, {@code reduceScatter},
 * {@code scan} and {@code exscan}.
 *
 * <p><b>Order and determinism.</b> Every algorithm of spmd4j combines contributions in rank order,
 * {@code x0 op x1 op ... op xp-1}, along a bracketing fixed by the communicator size and the
 * message size, so the same inputs on the same ranks give bitwise the same result on every run, and
 * an operation that is not commutative still gets the rank order MPI requires. A commutative
 * operation only lets an algorithm skip a copy.
 *
 * <p><b>Predefined operations and element types.</b>
 * <ul>
 * <li>{@link #SUM}, {@link #PROD}, {@link #MIN}, {@link #MAX}: every numeric type (byte, short, char,
 * int, long, float, double), with Java's arithmetic (integers wrap around).</li>
 * <li>{@link #LAND}, {@link #LOR}, {@link #LXOR}: boolean and the integer types, where non-zero is
 * true and the result is 1 or 0.</li>
 * <li>{@link #BAND}, {@link #BOR}, {@link #BXOR}: the integer types and boolean (bit by bit).</li>
 * <li>{@link #MINLOC}, {@link #MAXLOC}: value/index pairs laid out flat in an {@code int[]},
 * {@code long[]}, {@code float[]} or {@code double[]} array: element {@code 2i} is the value and
 * element {@code 2i+1} its index (e.g. the owner rank), so the count is twice the number of pairs
 * and must be even. The result holds the smallest (largest) value and, among equal values, the
 * smallest index, as in MPI.</li>
 * </ul>
 * A combination that is not defined raises {@link MpiException} with {@link ErrorClass#ERR_OP}.
 *
 * <p><b>User-defined operations.</b> {@link #create} takes a vector function with MPI's
 * orientation ({@code inout[i] = in[i] op inout[i]}, where {@code in} holds the lower ranks);
 * {@link #ofDoubles}, {@link #ofLongs} and {@link #ofInts} take an element function
 * {@code f(lower, higher)}. They must be associative; declare them commutative only when they are.
 *
 * <p>Operations are immutable and may be shared between threads.
 */
public abstract class Op {
    /** Sum (MPI_SUM). */
    public static final Op SUM = new Predefined("SUM", Kind.SUM);
    /** Product (MPI_PROD). */
    public static final Op PROD = new Predefined("PROD", Kind.PROD);
    /** Minimum (MPI_MIN). */
    public static final Op MIN = new Predefined("MIN", Kind.MIN);
    /** Maximum (MPI_MAX). */
    public static final Op MAX = new Predefined("MAX", Kind.MAX);
    /** Logical and (MPI_LAND). */
    public static final Op LAND = new Predefined("LAND", Kind.LAND);
    /** Logical or (MPI_LOR). */
    public static final Op LOR = new Predefined("LOR", Kind.LOR);
    /** Logical exclusive or (MPI_LXOR). */
    public static final Op LXOR = new Predefined("LXOR", Kind.LXOR);
    /** Bitwise and (MPI_BAND). */
    public static final Op BAND = new Predefined("BAND", Kind.BAND);
    /** Bitwise or (MPI_BOR). */
    public static final Op BOR = new Predefined("BOR", Kind.BOR);
    /** Bitwise exclusive or (MPI_BXOR). */
    public static final Op BXOR = new Predefined("BXOR", Kind.BXOR);
    /** Smallest value of value/index pairs, with the smallest index among ties (MPI_MINLOC). */
    public static final Op MINLOC = new Predefined("MINLOC", Kind.MINLOC);
    /** Largest value of value/index pairs, with the smallest index among ties (MPI_MAXLOC). */
    public static final Op MAXLOC = new Predefined("MAXLOC", Kind.MAXLOC);

    private final String name;
    private final boolean commutative;

    Op(String name, boolean commutative) {
        this.name = name;
        this.commutative = commutative;
    }

    /**
     * The vector function of a user-defined operation (MPI_User_function): for {@code i} in
     * {@code [0, count)}, {@code inout[inoutOffset+i] = in[inOffset+i] op inout[inoutOffset+i]}. The
     * arrays are primitive arrays of the reduced element type ({@code double[]} for a reduction of
     * doubles; {@code byte[]} for a ByteBuffer); {@code in} holds the contribution of lower ranks.
     */
    @FunctionalInterface
    public interface UserFunction {
        /** Combines {@code count} elements into {@code inout}. */
        void apply(Object in, int inOffset, Object inout, int inoutOffset, int count);
    }

    /**
     * A user-defined operation (MPI_Op_create) from a vector function.
     *
     * @param name a name for messages
     * @param commutative true only when {@code a op b == b op a} for every a, b (bitwise)
     * @param function the combination, see {@link UserFunction}
     */
    public static Op create(String name, boolean commutative, UserFunction function) {
        if (function == null) {
            throw new MpiException(ErrorClass.ERR_OP, "user operation " + name + " has no function");
        }
        return new User(name, commutative, null, function);
    }

    /** A user-defined operation on {@code double} elements: {@code f(lower, higher)}. */
    public static Op ofDoubles(String name, boolean commutative, DoubleBinaryOperator f) {
        return new User(name, commutative, ElementType.DOUBLE, (in, io, inout, ioo, n) -> {
            double[] a = (double[]) in;
            double[] b = (double[]) inout;
            for (int i = 0; i < n; i++) {
                b[ioo + i] = f.applyAsDouble(a[io + i], b[ioo + i]);
            }
        });
    }

    /** A user-defined operation on {@code long} elements: {@code f(lower, higher)}. */
    public static Op ofLongs(String name, boolean commutative, LongBinaryOperator f) {
        return new User(name, commutative, ElementType.LONG, (in, io, inout, ioo, n) -> {
            long[] a = (long[]) in;
            long[] b = (long[]) inout;
            for (int i = 0; i < n; i++) {
                b[ioo + i] = f.applyAsLong(a[io + i], b[ioo + i]);
            }
        });
    }

    /** A user-defined operation on {@code int} elements: {@code f(lower, higher)}. */
    public static Op ofInts(String name, boolean commutative, IntBinaryOperator f) {
        return new User(name, commutative, ElementType.INT, (in, io, inout, ioo, n) -> {
            int[] a = (int[]) in;
            int[] b = (int[]) inout;
            for (int i = 0; i < n; i++) {
                b[ioo + i] = f.applyAsInt(a[io + i], b[ioo + i]);
            }
        });
    }

    /** The operation's name, e.g. {@code SUM}. */
    public String name() {
        return name;
    }

    /** True when the operation is commutative (MPI_Op_commutative). */
    public boolean isCommutative() {
        return commutative;
    }

    /**
     * Elements that travel together and must never be split between blocks: 2 for the pairs of
     * MINLOC and MAXLOC, else 1.
     */
    int unit() {
        return 1;
    }

    /**
     * Checks that the operation is defined for {@code type} and {@code count} elements.
     *
     * @throws MpiException ERR_OP when it is not, ERR_COUNT for an odd count of pairs
     */
    abstract void check(ElementType type, int count);

    /**
     * Combines {@code n} elements in place: {@code inout[ioo+i] = in[io+i] op inout[ioo+i]}, where
     * {@code in} holds the lower ranks' contribution.
     */
    abstract void apply(ElementType type, Object in, int io, Object inout, int ioo, int n);

    @Override
    public String toString() {
        return name;
    }

    private static MpiException undefined(String op, ElementType type) {
        return new MpiException(ErrorClass.ERR_OP, op + " is not defined for " + type.name().toLowerCase()
            + " elements");
    }

    private enum Kind {
        SUM, PROD, MIN, MAX, LAND, LOR, LXOR, BAND, BOR, BXOR, MINLOC, MAXLOC;

        boolean arithmetic() {
            return ordinal() <= MAX.ordinal();
        }

        boolean pairs() {
            return this == MINLOC || this == MAXLOC;
        }
    }

    /**
     * The predefined operations. The hot cases (SUM, PROD, MIN, MAX on int, long, float, double)
     * have a loop of their own so that the JIT can vectorize them; the rest go element by element
     * through {@link #applyLong} on the value widened to long.
     */
    private static final class Predefined extends Op {
        private final Kind kind;

        Predefined(String name, Kind kind) {
            super(name, true);
            this.kind = kind;
        }

        @Override
        int unit() {
            return kind.pairs() ? 2 : 1;
        }

        @Override
        void check(ElementType type, int count) {
            boolean ok;
            switch (type) {
                case FLOAT:
                case DOUBLE:
                    ok = kind.arithmetic() || kind.pairs();
                    break;
                case INT:
                case LONG:
                    ok = true;
                    break;
                case BYTE:
                case SHORT:
                case CHAR:
                    ok = !kind.pairs();
                    break;
                case BOOLEAN:
                    ok = !kind.arithmetic() && !kind.pairs();
                    break;
                default:
                    ok = false;
            }
            if (!ok) {
                throw undefined(name(), type);
            }
            if (kind.pairs() && count % 2 != 0) {
                throw new MpiException(ErrorClass.ERR_COUNT, name() + " works on value/index pairs: count=" + count
                    + " must be even (two elements per pair)");
            }
        }

        @Override
        void apply(ElementType type, Object in, int io, Object inout, int ioo, int n) {
            if (kind.pairs()) {
                pairs(type, in, io, inout, ioo, n);
                return;
            }
            switch (type) {
                case DOUBLE:
                    doubles((double[]) in, io, (double[]) inout, ioo, n);
                    return;
                case FLOAT:
                    floats((float[]) in, io, (float[]) inout, ioo, n);
                    return;
                case INT:
                    if (!ints((int[]) in, io, (int[]) inout, ioo, n)) {
                        int[] a = (int[]) in;
                        int[] b = (int[]) inout;
                        for (int i = 0; i < n; i++) {
                            b[ioo + i] = (int) applyLong(a[io + i], b[ioo + i]);
                        }
                    }
                    return;
                case LONG:
                    if (!longs((long[]) in, io, (long[]) inout, ioo, n)) {
                        long[] a = (long[]) in;
                        long[] b = (long[]) inout;
                        for (int i = 0; i < n; i++) {
                            b[ioo + i] = applyLong(a[io + i], b[ioo + i]);
                        }
                    }
                    return;
                case BYTE: {
                    byte[] a = (byte[]) in;
                    byte[] b = (byte[]) inout;
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = (byte) applyLong(a[io + i], b[ioo + i]);
                    }
                    return;
                }
                case SHORT: {
                    short[] a = (short[]) in;
                    short[] b = (short[]) inout;
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = (short) applyLong(a[io + i], b[ioo + i]);
                    }
                    return;
                }
                case CHAR: {
                    char[] a = (char[]) in;
                    char[] b = (char[]) inout;
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = (char) applyLong(a[io + i], b[ioo + i]);
                    }
                    return;
                }
                case BOOLEAN: {
                    boolean[] a = (boolean[]) in;
                    boolean[] b = (boolean[]) inout;
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = applyLong(a[io + i] ? 1 : 0, b[ioo + i] ? 1 : 0) != 0;
                    }
                    return;
                }
                default:
                    throw undefined(name(), type);
            }
        }

        private long applyLong(long a, long b) {
            switch (kind) {
                case SUM:
                    return a + b;
                case PROD:
                    return a * b;
                case MIN:
                    return Math.min(a, b);
                case MAX:
                    return Math.max(a, b);
                case LAND:
                    return (a != 0) && (b != 0) ? 1 : 0;
                case LOR:
                    return (a != 0) || (b != 0) ? 1 : 0;
                case LXOR:
                    return (a != 0) != (b != 0) ? 1 : 0;
                case BAND:
                    return a & b;
                case BOR:
                    return a | b;
                case BXOR:
                    return a ^ b;
                default:
                    throw new AssertionError(kind);
            }
        }

        private void doubles(double[] a, int io, double[] b, int ioo, int n) {
            switch (kind) {
                case SUM:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] + b[ioo + i];
                    }
                    break;
                case PROD:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] * b[ioo + i];
                    }
                    break;
                case MIN:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.min(a[io + i], b[ioo + i]);
                    }
                    break;
                case MAX:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.max(a[io + i], b[ioo + i]);
                    }
                    break;
                default:
                    throw undefined(name(), ElementType.DOUBLE);
            }
        }

        private void floats(float[] a, int io, float[] b, int ioo, int n) {
            switch (kind) {
                case SUM:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] + b[ioo + i];
                    }
                    break;
                case PROD:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] * b[ioo + i];
                    }
                    break;
                case MIN:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.min(a[io + i], b[ioo + i]);
                    }
                    break;
                case MAX:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.max(a[io + i], b[ioo + i]);
                    }
                    break;
                default:
                    throw undefined(name(), ElementType.FLOAT);
            }
        }

        /** The hot int loops; false when the operation has none and needs the generic path. */
        private boolean ints(int[] a, int io, int[] b, int ioo, int n) {
            switch (kind) {
                case SUM:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] + b[ioo + i];
                    }
                    return true;
                case MIN:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.min(a[io + i], b[ioo + i]);
                    }
                    return true;
                case MAX:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.max(a[io + i], b[ioo + i]);
                    }
                    return true;
                default:
                    return false;
            }
        }

        /** The hot long loops; false when the operation has none and needs the generic path. */
        private boolean longs(long[] a, int io, long[] b, int ioo, int n) {
            switch (kind) {
                case SUM:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = a[io + i] + b[ioo + i];
                    }
                    return true;
                case MIN:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.min(a[io + i], b[ioo + i]);
                    }
                    return true;
                case MAX:
                    for (int i = 0; i < n; i++) {
                        b[ioo + i] = Math.max(a[io + i], b[ioo + i]);
                    }
                    return true;
                default:
                    return false;
            }
        }

        /**
         * MINLOC and MAXLOC over flat value/index pairs: a pair of {@code in} replaces the pair of
         * {@code inout} when its value wins, or ties and has the smaller index.
         */
        private void pairs(ElementType type, Object in, int io, Object inout, int ioo, int n) {
            boolean min = kind == Kind.MINLOC;
            for (int i = 0; i + 1 < n; i += 2) {
                int byValue = compare(type, in, io + i, inout, ioo + i);
                if (byValue != 0 ? byValue < 0 == min : compare(type, in, io + i + 1, inout, ioo + i + 1) < 0) {
                    System.arraycopy(in, io + i, inout, ioo + i, 2);
                }
            }
        }

        private int compare(ElementType type, Object x, int i, Object y, int j) {
            switch (type) {
                case DOUBLE:
                    return Double.compare(((double[]) x)[i], ((double[]) y)[j]);
                case FLOAT:
                    return Float.compare(((float[]) x)[i], ((float[]) y)[j]);
                case LONG:
                    return Long.compare(((long[]) x)[i], ((long[]) y)[j]);
                case INT:
                    return Integer.compare(((int[]) x)[i], ((int[]) y)[j]);
                default:
                    throw undefined(name(), type);
            }
        }
    }

    /** A user-defined operation, optionally bound to one element type. */
    private static final class User extends Op {
        private final ElementType only;
        private final UserFunction function;

        User(String name, boolean commutative, ElementType only, UserFunction function) {
            super(name, commutative);
            this.only = only;
            this.function = function;
        }

        @Override
        void check(ElementType type, int count) {
            if (only != null && type != only) {
                throw new MpiException(ErrorClass.ERR_OP, "user operation " + name() + " works on "
                    + only.name().toLowerCase() + " elements, not " + type.name().toLowerCase());
            }
        }

        @Override
        void apply(ElementType type, Object in, int io, Object inout, int ioo, int n) {
            function.apply(in, io, inout, ioo, n);
        }
    }
}
