package io.spmd4j.kernels.solve;

import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;

/**
 * A time-dependent solver with an exact solution to check against. {@link #step} and {@link #error}
 * are collective over the grid's communicator; one thread per rank.
 */
public interface Simulation {
    /** The grid the solution lives on. */
    Grid grid();

    /** Advances the solution by one time step (exchanges halos, overlapped with the interior update). */
    void step();

    /** Time steps taken so far. */
    int steps();

    /** Simulated time reached. */
    double time();

    /** The current field (owned points and halos, in the grid's layout); do not modify it. */
    double[] field();

    /** Error norms of the current field against the exact solution at {@link #time()}; collective. */
    ErrorNorms error();
}
