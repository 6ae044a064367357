package io.spmd4j.kernels.solve;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;

/**
 * The heat equation {@code u_t = alpha laplacian(u)} on the unit square (2-D) or cube (3-D) with
 * {@code u = 0} on the boundary, by explicit forward Euler in time and the second-order 5- or
 * 7-point Laplacian on {@code n} interior points per dimension ({@code dx = 1 / (n + 1)}).
 *
 * <p>Initial field and exact solution: {@code u = exp(-d pi^2 alpha t) prod sin(pi x_k)}. The error
 * is {@code O(dt) + O(dx^2)}; with {@code dt} proportional to {@code dx^2} it falls by 4 per halving
 * of {@code dx}. The scheme is stable for {@code alpha dt d / dx^2 <= 1/2} ({@link #stableDt}); a
 * larger step is refused up front.
 */
public final class Heat extends ExplicitSimulation {
    private final int ndims;
    private final double alpha;
    private final double r;
    private double[] next;

    /**
     * Sets up the grid and the initial field; collective.
     *
     * @param ndims 2 or 3
     * @param n interior points per dimension
     * @param alpha diffusivity
     * @param dt time step; at most {@link #stableDt}
     * @throws MpiException ERR_ARG for a bad size or diffusivity, or an unstable time step
     */
    public Heat(Comm comm, int ndims, int n, double alpha, double dt) {
        if (ndims != 2 && ndims != 3) {
            throw new MpiException(ErrorClass.ERR_ARG, "heat: ndims=" + ndims + "; only 2 and 3 are supported");
        }
        if (n < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "heat: grid size n=" + n + "; it must be positive");
        }
        if (!(alpha > 0) || !(dt > 0)) {
            throw new MpiException(ErrorClass.ERR_ARG, "heat: alpha=" + alpha + ", dt=" + dt + "; both must be positive");
        }
        this.ndims = ndims;
        this.alpha = alpha;
        this.dx = spacing(n);
        this.x0 = dx;
        double limit = stableDt(ndims, n, alpha);
        if (dt > limit) {
            throw new MpiException(ErrorClass.ERR_ARG, "heat" + ndims + "d: unstable time step dt=" + dt + " for dx="
                + dx + ", alpha=" + alpha + ": explicit diffusion needs dt <= dx^2 / (" + 2 * ndims
                + " alpha) = " + limit + "; lower dt or coarsen the grid");
        }
        this.dt = dt;
        this.r = alpha * dt / (dx * dx);
        int[] global = new int[ndims];
        java.util.Arrays.fill(global, n);
        this.grid = Grid.create(comm, global, new boolean[ndims], Stencils.RADIUS);
        this.halo = new HaloExchange(grid);
        this.u = grid.newField();
        this.next = grid.newField();
        grid.fill(u, exact(0));
    }

    /** Grid spacing for {@code n} interior points on the unit interval. */
    public static double spacing(int n) {
        return 1.0 / (n + 1);
    }

    /** The largest stable time step, {@code dx^2 / (2 d alpha)}. */
    public static double stableDt(int ndims, int n, double alpha) {
        double dx = spacing(n);
        return dx * dx / (2 * ndims * alpha);
    }

    @Override
    public PointFunction exact(double t) {
        double decay = Math.exp(-ndims * Math.PI * Math.PI * alpha * t);
        if (ndims == 2) {
            return (i, j, k) -> decay * Math.sin(Math.PI * (i + 1) * dx) * Math.sin(Math.PI * (j + 1) * dx);
        }
        return (i, j, k) -> decay * Math.sin(Math.PI * (i + 1) * dx) * Math.sin(Math.PI * (j + 1) * dx)
            * Math.sin(Math.PI * (k + 1) * dx);
    }

    @Override
    public void step() {
        double[] in = u;
        double[] out = next;
        if (ndims == 2) {
            halo.exchangeAndApply(in, b -> Stencils.heat2d(grid, b, in, out, r, r));
        } else {
            halo.exchangeAndApply(in, b -> Stencils.heat3d(grid, b, in, out, r, r, r));
        }
        next = in;
        u = out;
        steps++;
    }
}
