package io.spmd4j.kernels.solve;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;
import java.util.List;

/**
 * The wave equation {@code u_tt = c^2 laplacian(u)} on the unit square with {@code u = 0} on the
 * boundary (Dirichlet), by the second-order leapfrog scheme on {@code n} interior points per
 * dimension. Exact solution: the standing wave {@code u = sin(pi x) sin(pi y) cos(sqrt(2) pi c t)},
 * at rest at {@code t = 0}.
 *
 * <p>The first step is the Taylor start {@code u1 = u0 + (c dt)^2 / 2 laplacian_h(u0)} (second order
 * because {@code u_t(0) = 0}); then {@code u(n+1) = 2 u(n) - u(n-1) + (c dt)^2 laplacian_h(u(n))}. The
 * error is {@code O(dx^2 + dt^2)}. Stable for Courant number {@code c dt / dx <= 1 / sqrt(2)}.
 */
public final class Wave2D extends ExplicitSimulation {
    private final double c;
    private final double c2;
    private double[] prev;

    /**
     * Sets up the grid and the field at rest; collective.
     *
     * @param n interior points per dimension
     * @param c wave speed
     * @param dt time step; at most {@link #stableDt}
     * @throws MpiException ERR_ARG for a bad size or speed, or a time step beyond the CFL limit
     */
    public Wave2D(Comm comm, int n, double c, double dt) {
        if (n < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "wave2d: grid size n=" + n + "; it must be positive");
        }
        if (!(c > 0) || !(dt > 0)) {
            throw new MpiException(ErrorClass.ERR_ARG, "wave2d: c=" + c + ", dt=" + dt + "; both must be positive");
        }
        this.dx = Heat.spacing(n);
        this.x0 = dx;
        double limit = stableDt(n, c);
        if (dt > limit) {
            throw new MpiException(ErrorClass.ERR_ARG, "wave2d: unstable time step dt=" + dt + " for dx=" + dx
                + ", c=" + c + ": leapfrog needs dt <= dx / (sqrt(2) c) = " + limit + "; lower dt or coarsen the grid");
        }
        this.c = c;
        this.dt = dt;
        this.c2 = (c * dt / dx) * (c * dt / dx);
        this.grid = Grid.create(comm, new int[] {n, n}, new boolean[2], Stencils.RADIUS);
        this.halo = new HaloExchange(grid);
        this.prev = grid.newField();
        this.u = grid.newField();
        grid.fill(prev, exact(0));
        // Taylor start: the leapfrog formula with prev = u0 - (u1 - u0) folded in gives u1 = u0 + c2/2 lap(u0).
        double[] u0 = prev;
        double[] u1 = u;
        halo.exchangeAndApply(u0, b -> Stencils.heat2d(grid, b, u0, u1, c2 / 2, c2 / 2));
        steps = 1;
    }

    /** The largest stable time step (Courant number {@code 1 / sqrt(2)}). */
    public static double stableDt(int n, double c) {
        return Heat.spacing(n) / (Math.sqrt(2) * c);
    }

    @Override
    public PointFunction exact(double t) {
        double amp = Math.cos(Math.sqrt(2) * Math.PI * c * t);
        return (i, j, k) -> amp * Math.sin(Math.PI * (i + 1) * dx) * Math.sin(Math.PI * (j + 1) * dx);
    }

    @Override
    public List<String> stateNames() {
        return List.of("u_previous", "u");
    }

    @Override
    public double[][] state() {
        return new double[][] {prev, u};
    }

    @Override
    public void step() {
        double[] old = prev;
        double[] cur = u;
        halo.exchangeAndApply(cur, b -> Stencils.wave2d(grid, b, old, cur, old, c2, c2));
        prev = cur;
        u = old;
        steps++;
    }
}
