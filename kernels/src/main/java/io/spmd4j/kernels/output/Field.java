package io.spmd4j.kernels.output;

import java.util.Arrays;

/**
 * A named global field on a uniform grid, as {@code Grid#gather} returns it: {@code values} in
 * row-major order over {@code dims} (the last dimension varies fastest), point {@code (i, j, k)} at
 * {@code (origin + i spacing, origin + j spacing, origin + k spacing)}. The writers read it, never
 * change it.
 *
 * @param name name shown in ParaView
 * @param dims points per dimension (1 to 3 dimensions)
 * @param origin coordinate of point 0 in every dimension
 * @param spacing distance between neighbouring points
 * @param values {@code prod dims} values
 */
public record Field(String name, int[] dims, double origin, double spacing, double[] values) {
    /** Checks that the values fill the dimensions. */
    public Field {
        long points = 1;
        for (int d : dims) {
            points *= d;
        }
        if (dims.length < 1 || dims.length > 3 || points != values.length) {
            throw new IllegalArgumentException("field " + name + ": " + values.length + " values for dims "
                + Arrays.toString(dims));
        }
    }

    /** Points along {@code d}, 1 for a dimension the field lacks. */
    public int extent(int d) {
        return d < dims.length ? dims[d] : 1;
    }

    /** The value at point {@code (i, j, k)} ({@code j}, {@code k} are 0 in missing dimensions). */
    public double at(int i, int j, int k) {
        return values[(i * extent(1) + j) * extent(2) + k];
    }

    /** The smallest and largest finite value, or {@code {0, 0}} when there is none. */
    public double[] finiteRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
    }
}
