package io.spmd4j.collective;

/**
 * The reduction an algorithm applies, with MPI's orientation: {@code inout = in op inout} where
 * {@code in} holds the contribution of the lower ranks. Arrays are primitive arrays of the element
 * type being reduced.
 */
public interface Combiner {
    /** Sets {@code inout[ioo+i] = in[io+i] op inout[ioo+i]} for {@code i} in {@code [0, n)}. */
    void apply(Object in, int io, Object inout, int ioo, int n);

    /** True when {@code a op b} equals {@code b op a} bitwise, which lets an algorithm skip a copy. */
    boolean commutative();

    /** Elements that must stay together when a vector is cut into blocks (2 for value/index pairs). */
    int unit();

    /**
     * Combines so that {@code acc} ends up holding {@code other op acc} when {@code otherIsLower},
     * else {@code acc op other}; {@code other} may be overwritten.
     */
    default void fold(Object other, int oo, Object acc, int ao, int n, boolean otherIsLower) {
        if (otherIsLower || commutative()) {
            apply(other, oo, acc, ao, n);
        } else {
            apply(acc, ao, other, oo, n);
            System.arraycopy(other, oo, acc, ao, n);
        }
    }
}
