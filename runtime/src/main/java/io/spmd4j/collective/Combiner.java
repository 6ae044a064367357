package io.spmd4j.collective;

/** Element-wise reduction step: {@code left[lo+i] = left[lo+i] op right[ro+i]} for {@code n} elements. */
@FunctionalInterface
public interface Combiner {
    /** Combines in place into {@code left}. */
    void combine(Object left, int lo, Object right, int ro, int n);
}
