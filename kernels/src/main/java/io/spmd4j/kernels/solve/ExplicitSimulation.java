package io.spmd4j.kernels.solve;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import java.util.List;

/**
 * What the explicit time-stepping solvers share: the grid and its halo exchange, the time step, the
 * current field and the step count, the check against the exact solution and restoring a saved
 * state. A subclass validates its parameters, sets these fields in its constructor, and implements
 * {@link #step}, {@link #exact} and, when its state is more than {@link #u}, {@link #state}.
 */
abstract class ExplicitSimulation implements Simulation {
    protected Grid grid;
    protected HaloExchange halo;
    protected double dt;
    protected double dx;
    protected double x0;
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

    @Override
    public double dt() {
        return dt;
    }

    @Override
    public double spacing() {
        return dx;
    }

    @Override
    public double origin() {
        return x0;
    }

    @Override
    public String fieldName() {
        return "u";
    }

    @Override
    public double[] field() {
        return u;
    }

    @Override
    public List<String> stateNames() {
        return List.of(fieldName());
    }

    @Override
    public double[][] state() {
        return new double[][] {u};
    }

    @Override
    public void restore(int steps, double[][] global, int root) {
        double[][] fields = state();
        boolean isRoot = grid.comm().rank() == root;
        int[] ok = {isRoot && global != null && global.length == fields.length ? 1 : 0};
        grid.comm().bcast(ok, 0, 1, root);
        if (ok[0] == 0 || steps < 0) {
            throw new MpiException(ErrorClass.ERR_ARG, "restore: " + (isRoot && global != null ? global.length : "?")
                + " fields at step " + steps + "; this solver's state is " + stateNames() + " at a step >= 0");
        }
        for (int f = 0; f < fields.length; f++) {
            grid.scatter(isRoot ? global[f] : null, root, fields[f]);
        }
        this.steps = steps;
    }

    @Override
    public ErrorNorms error() {
        return grid.errorNorms(u, exact(time()));
    }
}
