package io.spmd4j.kernels.solve;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Op;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;

/**
 * The Fokker-Planck equation of the Ornstein-Uhlenbeck process {@code dX = -theta X dt + sqrt(2 D) dW}:
 * {@code p_t = (theta x p)_x + D p_xx} for the probability density {@code p(x, t)} on
 * {@code [-L, L]} with no flux through the ends, in conservative finite-volume form
 * ({@link Stencils#fokkerPlanck1d}) on {@code n} cells split over the ranks, forward Euler in time.
 * The total mass {@code sum p dx} is conserved to rounding ({@link #mass}).
 *
 * <p>Exact solution: a Gaussian stays Gaussian, with mean {@code mu0 e^(-theta t)} and variance
 * {@code D / theta + (s0^2 - D / theta) e^(-2 theta t)}. The run starts from
 * {@code N(mu0, s0^2)} sampled at the cell centres; {@code L} is wide enough that the density at the
 * ends is below 1e-13, so the walls do not disturb it. The error is {@code O(dt + dx^2)}; with
 * {@code dt} proportional to {@code dx^2} it falls by 4 per halving of {@code dx}.
 *
 * <p>Stability: {@code dt <= dx^2 / (2 D + theta dx^2)} keeps the update's diagonal positive and
 * a cell Péclet number {@code theta L dx / D <= 2} keeps the central fluxes from oscillating; both
 * are checked up front.
 */
public final class FokkerPlanck1D extends ExplicitSimulation {
    /** Half width of the domain. */
    public static final double HALF_WIDTH = 8;
    /** Mean of the initial Gaussian. */
    public static final double MU0 = 1;
    /** Standard deviation of the initial Gaussian. */
    public static final double SIGMA0 = 0.5;
    /** Largest central-flux cell Péclet number {@code theta L dx / D} accepted. */
    public static final double MAX_PECLET = 2;

    private final double theta;
    private final double diff;
    private double[] next;

    /**
     * Sets up the grid and the initial Gaussian; collective.
     *
     * @param n cells on {@code [-L, L]}
     * @param theta mean reversion rate
     * @param diff diffusion coefficient {@code D}
     * @param dt time step; at most {@link #stableDt}
     * @throws MpiException ERR_ARG for a bad size or coefficient, a grid too coarse for the drift,
     *     or an unstable time step
     */
    public FokkerPlanck1D(Comm comm, int n, double theta, double diff, double dt) {
        if (n < 2) {
            throw new MpiException(ErrorClass.ERR_ARG, "fp1d: grid size n=" + n + "; it needs at least 2 cells");
        }
        if (!(theta > 0) || !(diff > 0) || !(dt > 0)) {
            throw new MpiException(ErrorClass.ERR_ARG, "fp1d: theta=" + theta + ", D=" + diff + ", dt=" + dt
                + "; all must be positive");
        }
        this.dx = 2 * HALF_WIDTH / n;
        this.x0 = -HALF_WIDTH + dx / 2;
        double peclet = theta * HALF_WIDTH * dx / diff;
        if (peclet > MAX_PECLET) {
            throw new MpiException(ErrorClass.ERR_ARG, "fp1d: cell Peclet number theta L dx / D = " + peclet
                + " exceeds " + MAX_PECLET + " for n=" + n + ": central fluxes would oscillate; use at least "
                + (int) Math.ceil(2 * HALF_WIDTH * HALF_WIDTH * theta / (MAX_PECLET * diff)) + " cells");
        }
        double limit = stableDt(n, theta, diff);
        if (dt > limit) {
            throw new MpiException(ErrorClass.ERR_ARG, "fp1d: unstable time step dt=" + dt + " for dx=" + dx
                + ", D=" + diff + ", theta=" + theta + ": forward Euler needs dt <= dx^2 / (2 D + theta dx^2) = "
                + limit + "; lower dt or coarsen the grid");
        }
        this.theta = theta;
        this.diff = diff;
        this.dt = dt;
        this.grid = Grid.create(comm, new int[] {n}, new boolean[] {false}, Stencils.RADIUS);
        this.halo = new HaloExchange(grid);
        this.u = grid.newField();
        this.next = grid.newField();
        grid.fill(u, exact(0));
    }

    /** The largest stable time step {@code dx^2 / (2 D + theta dx^2)} for {@code n} cells. */
    public static double stableDt(int n, double theta, double diff) {
        double dx = 2 * HALF_WIDTH / n;
        return dx * dx / (2 * diff + theta * dx * dx);
    }

    @Override
    public String fieldName() {
        return "p";
    }

    @Override
    public PointFunction exact(double t) {
        double mean = MU0 * Math.exp(-theta * t);
        double stationary = diff / theta;
        double var = stationary + (SIGMA0 * SIGMA0 - stationary) * Math.exp(-2 * theta * t);
        double norm = 1 / Math.sqrt(2 * Math.PI * var);
        return (i, j, k) -> {
            double z = x0 + i * dx - mean;
            return norm * Math.exp(-z * z / (2 * var));
        };
    }

    /** The total probability {@code sum p dx} over every rank; collective (an allreduce). */
    public double mass() {
        double s = 0;
        for (int i = 0; i < grid.n(0); i++) {
            s += u[grid.index(i)];
        }
        double[] in = {s * dx};
        double[] out = new double[1];
        grid.comm().allreduce(in, 0, out, 0, 1, Op.SUM);
        return out[0];
    }

    @Override
    public void step() {
        double[] in = u;
        double[] out = next;
        halo.exchangeAndApply(in, b -> Stencils.fokkerPlanck1d(grid, b, in, out, dt, dx, -HALF_WIDTH, theta, diff));
        next = in;
        u = out;
        steps++;
    }
}
