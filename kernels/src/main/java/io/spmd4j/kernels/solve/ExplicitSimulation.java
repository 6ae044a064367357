package io.spmd4j.kernels.solve;

import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;

/**
 * What the explicit time-stepping solvers share: the grid and its halo exchange, the time step, the
 * current field and the step count, and the check against the exact solution. A subclass validates
 * its parameters, sets these fields in its constructor, and implements {@link #step} and
 * {@link #exact}.
 */
abstract class ExplicitSimulation implements Simulation {
    protected Grid grid;
    protected HaloExchange halo;
    protected double dt;
    /** The current field. */
    protected double[] u;
    protected int steps;

    /** The exact solution at time {@code t}, by global point index. */
    public abstract PointFunction exact(double t);

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public double time() {
        return steps * dt;
    }

    /** The time step. */
    public double dt() {
        return dt;
    }

    @Override
    public double[] field() {
        return u;
    }

    @Override
    public ErrorNorms error() {
        return grid.errorNorms(u, exact(time()));
    }
}
