package io.spmd4j.kernels.solve;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;

/**
 * The Kuramoto-Sivashinsky equation {@code u_t + u u_x + u_xx + u_xxxx = s(x, t)} on the periodic
 * interval {@code [0, 2 pi)}, by forward Euler in time and second-order central differences in space
 * (the fourth derivative has radius 2, so the halo is 2 wide) on {@code n} points
 * ({@code dx = 2 pi / n}), split over the ranks.
 *
 * <p>Verification by a manufactured solution: {@code u = sin(x - t) + sin(2x) / 2}, for which the
 * source is {@code s = u_t + u u_x + u_xx + u_xxxx = -cos(x - t) + u u_x + 6 sin(2x)} with
 * {@code u_x = cos(x - t) + cos(2x)}. With {@code s = 0} the same solver integrates the chaotic
 * equation. Forward Euler on the fourth derivative is stable for {@code dt <= dx^4 / 8}
 * ({@link #stableDt}), so the time error {@code O(dt) = O(dx^4)} is far below the space error
 * {@code O(dx^2)}: the error falls by 4 per halving of {@code dx}.
 */
public final class KuramotoSivashinsky1D extends ExplicitSimulation {
    /** Length of the periodic domain. */
    public static final double LENGTH = 2 * Math.PI;

    private final double[] source;
    private final double[] sinX;
    private final double[] cosX;
    private final double[] sin2X;
    private final double[] cos2X;
    private double[] next;

    /**
     * Sets up the grid and the manufactured initial field; collective.
     *
     * @param n points on the periodic interval
     * @param dt time step; at most {@link #stableDt}
     * @throws MpiException ERR_ARG for a bad size or an unstable time step
     */
    public KuramotoSivashinsky1D(Comm comm, int n, double dt) {
        if (n < 5) {
            throw new MpiException(ErrorClass.ERR_ARG, "ks1d: grid size n=" + n + "; it needs at least 5 points");
        }
        if (!(dt > 0)) {
            throw new MpiException(ErrorClass.ERR_ARG, "ks1d: dt=" + dt + "; it must be positive");
        }
        this.dx = LENGTH / n;
        this.x0 = 0;
        double limit = stableDt(n);
        if (dt > limit) {
            throw new MpiException(ErrorClass.ERR_ARG, "ks1d: unstable time step dt=" + dt + " for dx=" + dx
                + ": forward Euler on u_xxxx needs dt <= dx^4 / 8 = " + limit + "; lower dt or coarsen the grid");
        }
        this.dt = dt;
        this.grid = Grid.create(comm, new int[] {n}, new boolean[] {true}, Stencils.RADIUS_4TH);
        this.halo = new HaloExchange(grid);
        this.u = grid.newField();
        this.next = grid.newField();
        this.source = grid.newField();
        this.sinX = grid.newField();
        this.cosX = grid.newField();
        this.sin2X = grid.newField();
        this.cos2X = grid.newField();
        grid.fill(sinX, (i, j, k) -> Math.sin(i * dx));
        grid.fill(cosX, (i, j, k) -> Math.cos(i * dx));
        grid.fill(sin2X, (i, j, k) -> Math.sin(2 * i * dx));
        grid.fill(cos2X, (i, j, k) -> Math.cos(2 * i * dx));
        grid.fill(u, exact(0));
    }

    /** The largest stable time step {@code dx^4 / 8} for {@code n} points. */
    public static double stableDt(int n) {
        double dx = LENGTH / n;
        return dx * dx * dx * dx / 8;
    }

    @Override
    public PointFunction exact(double t) {
        return (i, j, k) -> Math.sin(i * dx - t) + 0.5 * Math.sin(2 * i * dx);
    }

    /**
     * Fills the manufactured source at time {@code t}, with {@code sin(x - t)} and {@code cos(x - t)}
     * expanded so that no point calls a transcendental function.
     */
    private void fillSource(double t) {
        double st = Math.sin(t);
        double ct = Math.cos(t);
        int hi = grid.index(grid.n(0));
        for (int c = grid.index(0); c < hi; c++) {
            double sinXt = sinX[c] * ct - cosX[c] * st;
            double cosXt = cosX[c] * ct + sinX[c] * st;
            double ue = sinXt + 0.5 * sin2X[c];
            double uex = cosXt + cos2X[c];
            source[c] = -cosXt + ue * uex + 6 * sin2X[c];
        }
    }

    @Override
    public void step() {
        fillSource(time());
        double[] in = u;
        double[] out = next;
        halo.exchangeAndApply(in, b -> Stencils.kuramotoSivashinsky1d(grid, b, in, source, out, dt, dx));
        next = in;
        u = out;
        steps++;
    }
}
