package io.spmd4j.kernels.grid;

/**
 * A value at a grid point given by its global indices; {@code j} and {@code k} are 0 in dimensions
 * the grid lacks. Used to set initial fields and to compare with exact solutions.
 */
@FunctionalInterface
public interface PointFunction {
    /** The value at global point {@code (i, j, k)}. */
    double at(int i, int j, int k);
}
