package io.spmd4j.kernels.solve;

import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import java.util.List;

/**
 * A time-dependent solver with an exact solution to check against. {@link #step} and {@link #error}
 * are collective over the grid's communicator; one thread per rank.
 *
 * <p>Its state is a fixed list of fields ({@link #stateNames}, {@link #state}); a run written out
 * with {@link Grid#gather} and read back with {@link #restore} (which scatters it) continues bit
 * for bit as if it had never stopped, on any number of ranks.
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

    /** The time step. */
    double dt();

    /** Distance between neighbouring grid points (the same in every dimension). */
    double spacing();

    /** Coordinate of global point 0 (the same in every dimension). */
    double origin();

    /** Name of {@link #field()}, the field shown in pictures and written first to VTK. */
    String fieldName();

    /** The current field (owned points and halos, in the grid's layout); do not modify it. */
    double[] field();

    /** Names of the fields that make up the state, in the order of {@link #state()}. */
    List<String> stateNames();

    /** The current state fields (owned points and halos); do not modify them. */
    double[][] state();

    /**
     * Replaces the state with {@code global}, held by {@code root}: one global row-major field per
     * entry of {@link #stateNames} (as {@link Grid#gather} gives them), reached after {@code steps}
     * steps. Collective: every rank passes the same {@code steps} and {@code root}; the other ranks
     * pass {@code null} for {@code global}, and each receives only its own blocks.
     *
     * @throws io.spmd4j.MpiException ERR_ARG on every rank when the root's fields do not match the
     *     state, or {@code steps} is negative
     */
    void restore(int steps, double[][] global, int root);

    /** Error norms of the current field against the exact solution at {@link #time()}; collective. */
    ErrorNorms error();
}
