package io.spmd4j.kernels.grid;

/**
 * Block decomposition of {@code n} points over {@code p} parts with the remainder spread: the first
 * {@code n mod p} parts own {@code n / p + 1} points, the others {@code n / p}, so no two parts differ
 * by more than one point. Part {@code i} owns {@code [start(n, p, i), start(n, p, i + 1))}.
 */
public final class Decomposition {
    private Decomposition() {
    }

    /** First point owned by part {@code i} of {@code p} (for {@code i = p}: {@code n}). */
    public static int start(int n, int p, int i) {
        int q = n / p;
        int r = n % p;
        return i * q + Math.min(i, r);
    }

    /** Number of points owned by part {@code i} of {@code p}. */
    public static int size(int n, int p, int i) {
        return n / p + (i < n % p ? 1 : 0);
    }
}
