package io.spmd4j.kernels.solve;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;
import java.util.List;

/**
 * The viscous Burgers equations {@code u_t + u u_x + v u_y = nu laplacian(u)},
 * {@code v_t + u v_x + v v_y = nu laplacian(v)} on the periodic unit square, by forward Euler in time
 * with central differences and the 5-point Laplacian on {@code n} points per dimension
 * ({@code dx = 1 / n}, point {@code i} at {@code x = i dx}). Both velocity components exchange their
 * halos at once, on two channels, overlapped with the interior update.
 *
 * <p>Exact solution by the Cole-Hopf transform: {@code (u, v) = -2 nu grad(phi) / phi} solves the
 * equations whenever {@code phi > 0} solves the heat equation {@code phi_t = nu laplacian(phi)}. Here
 * {@code phi = 3 + e^(-4 pi^2 nu t) cos(2 pi x) + e^(-8 pi^2 nu t) sin(2 pi (x + y))} (at least 1),
 * periodic and not separable, so both advection terms matter. The error is {@code O(dt + dx^2)};
 * with {@code dt} proportional to {@code dx^2} it falls by 4 per halving of {@code dx}.
 *
 * <p>Stability: {@code dt <= dx^2 / (4 nu)} (diffusion) and {@code dt <= 2 nu / max(u^2 + v^2)}
 * (central advection), with {@code |u|, |v| <= 8 pi nu} from {@code |grad phi| <= 4 pi},
 * {@code phi >= 1}; {@link #stableDt} is the smaller, and a larger step is refused up front.
 */
public final class Burgers2D extends ExplicitSimulation {
    /** Bound on {@code |grad phi| / phi}: {@code |phi_x|, |phi_y| <= 4 pi}, {@code phi >= 1}. */
    private static final double MAX_GRAD_LOG_PHI = 4 * Math.PI;

    private final double nu;
    private final HaloExchange haloV;
    private double[] v;
    private double[] nextU;
    private double[] nextV;

    /**
     * Sets up the grid and the exact initial velocity; collective.
     *
     * @param n points per dimension (periodic)
     * @param nu viscosity
     * @param dt time step; at most {@link #stableDt}
     * @throws MpiException ERR_ARG for a bad size or viscosity, or an unstable time step
     */
    public Burgers2D(Comm comm, int n, double nu, double dt) {
        if (n < 3) {
            throw new MpiException(ErrorClass.ERR_ARG, "burgers2d: grid size n=" + n + "; it needs at least 3 points");
        }
        if (!(nu > 0) || !(dt > 0)) {
            throw new MpiException(ErrorClass.ERR_ARG, "burgers2d: nu=" + nu + ", dt=" + dt + "; both must be positive");
        }
        double limit = stableDt(n, nu);
        if (dt > limit) {
            throw new MpiException(ErrorClass.ERR_ARG, "burgers2d: unstable time step dt=" + dt + " for dx=" + 1.0 / n
                + ", nu=" + nu + ": forward Euler needs dt <= min(dx^2 / (4 nu), 1 / (64 pi^2 nu)) = " + limit
                + "; lower dt or coarsen the grid");
        }
        this.nu = nu;
        this.dt = dt;
        this.dx = 1.0 / n;
        this.x0 = 0;
        this.grid = Grid.create(comm, new int[] {n, n}, new boolean[] {true, true}, Stencils.RADIUS);
        this.halo = new HaloExchange(grid, 0);
        this.haloV = new HaloExchange(grid, 1);
        this.u = grid.newField();
        this.v = grid.newField();
        this.nextU = grid.newField();
        this.nextV = grid.newField();
        grid.fill(u, exact(0));
        grid.fill(v, exactV(0));
    }

    /**
     * The largest stable time step: {@code min(dx^2 / (4 nu), 2 nu / (2 (8 pi nu)^2))} with
     * {@code dx = 1 / n}.
     */
    public static double stableDt(int n, double nu) {
        double dx = 1.0 / n;
        double umax = 2 * nu * MAX_GRAD_LOG_PHI;
        return Math.min(dx * dx / (4 * nu), 2 * nu / (2 * umax * umax));
    }

    private PointFunction velocity(double t, boolean yComponent) {
        double e1 = Math.exp(-4 * Math.PI * Math.PI * nu * t);
        double e2 = Math.exp(-8 * Math.PI * Math.PI * nu * t);
        double tau = 2 * Math.PI;
        return (i, j, k) -> {
            double x = i * dx;
            double y = j * dx;
            double phi = 3 + e1 * Math.cos(tau * x) + e2 * Math.sin(tau * (x + y));
            double phiY = tau * e2 * Math.cos(tau * (x + y));
            double phiX = -tau * e1 * Math.sin(tau * x) + phiY;
            return -2 * nu * (yComponent ? phiY : phiX) / phi;
        };
    }

    /** The exact x velocity {@code u} at time {@code t}. */
    @Override
    public PointFunction exact(double t) {
        return velocity(t, false);
    }

    /** The exact y velocity {@code v} at time {@code t}. */
    public PointFunction exactV(double t) {
        return velocity(t, true);
    }

    /** Error norms of {@code v} against the exact solution; collective. */
    public ErrorNorms errorV() {
        return grid.errorNorms(v, exactV(time()));
    }

    /** The worse of the errors of {@code u} and {@code v}; collective. */
    @Override
    public ErrorNorms error() {
        ErrorNorms eu = super.error();
        ErrorNorms ev = errorV();
        return new ErrorNorms(Math.max(eu.rms(), ev.rms()), Math.max(eu.max(), ev.max()));
    }

    @Override
    public List<String> stateNames() {
        return List.of("u", "v");
    }

    @Override
    public double[][] state() {
        return new double[][] {u, v};
    }

    @Override
    public void step() {
        double[] uu = u;
        double[] vv = v;
        double[] uo = nextU;
        double[] vo = nextV;
        double inv2dx = 1 / (2 * dx);
        double invDx2 = 1 / (dx * dx);
        HaloExchange.exchangeAndApply(new HaloExchange[] {halo, haloV}, new double[][] {uu, vv},
            b -> Stencils.burgers2d(grid, b, uu, vv, uo, vo, dt, nu, inv2dx, invDx2));
        nextU = uu;
        nextV = vv;
        u = uo;
        v = vo;
        steps++;
    }
}
