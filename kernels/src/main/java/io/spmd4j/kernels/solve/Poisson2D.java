package io.spmd4j.kernels.solve;

import io.spmd4j.CartComm;
import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Op;
import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import io.spmd4j.kernels.grid.PointFunction;
import io.spmd4j.kernels.stencil.Stencils;

/**
 * The Poisson equation {@code -laplacian(u) = f} on the unit square with {@code u = 0} on the
 * boundary, discretised by the 5-point Laplacian on {@code n} interior points per dimension. The
 * manufactured solution is {@code u = g(x) g(y)} with {@code g(x) = x (1 - x) e^x}, so that
 * {@code f = -(g''(x) g(y) + g(x) g''(y))} with {@code g''(x) = -x (3 + x) e^x}: it is not an
 * eigenfunction of the discrete operator (CG needs many iterations) and the discretisation error is
 * {@code O(dx^2)}.
 *
 * <p>{@link #solveCg} is the conjugate gradient method: one halo exchange (overlapped with the
 * interior of the matrix-vector product) and two allreduce dot products per iteration; it stops when
 * the residual's 2-norm falls to {@code tol} times the right-hand side's. {@link #solveJacobi} is
 * the simple baseline with the same stopping rule, testing the residual every
 * {@link #JACOBI_CHECK_EVERY} sweeps. Both are collective.
 */
public final class Poisson2D {
    /** Jacobi sweeps between residual checks (each check costs an allreduce). */
    public static final int JACOBI_CHECK_EVERY = 50;

    private final Grid grid;
    private final HaloExchange halo;
    private final Box owned;
    private final double dx;
    private final double invDx2;
    private final double[] f;
    private final double[] u;

    /** Outcome of a solve: iterations taken and the final relative residual. */
    public record Result(int iterations, double relativeResidual, boolean converged) {
    }

    /**
     * Sets up the grid and the right-hand side, with {@code u = 0} as the initial guess; collective.
     *
     * @throws MpiException ERR_ARG for a non-positive size
     */
    public Poisson2D(Comm comm, int n) {
        if (n < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "poisson2d: grid size n=" + n + "; it must be positive");
        }
        this.dx = Heat.spacing(n);
        this.invDx2 = 1 / (dx * dx);
        this.grid = Grid.create(comm, new int[] {n, n}, new boolean[2], Stencils.RADIUS);
        this.halo = new HaloExchange(grid);
        this.owned = grid.owned();
        this.f = grid.newField();
        this.u = grid.newField();
        grid.fill(f, (i, j, k) -> {
            double x = (i + 1) * dx;
            double y = (j + 1) * dx;
            return -(g2(x) * g(y) + g(x) * g2(y));
        });
    }

    private static double g(double x) {
        return x * (1 - x) * Math.exp(x);
    }

    private static double g2(double x) {
        return -x * (3 + x) * Math.exp(x);
    }

    /** The exact solution {@code g(x) g(y)}, by global point index. */
    public PointFunction exact() {
        return (i, j, k) -> g((i + 1) * dx) * g((j + 1) * dx);
    }

    /** The grid. */
    public Grid grid() {
        return grid;
    }

    /** The current solution (owned points and zero boundary halos). */
    public double[] field() {
        return u;
    }

    /** Error norms of the current solution against the exact one; collective. */
    public ErrorNorms error() {
        return grid.errorNorms(u, exact());
    }

    /**
     * Solves by conjugate gradients from the current {@code u}; collective.
     *
     * @param tol relative residual to reach
     * @param maxIterations iterations at most
     */
    public Result solveCg(double tol, int maxIterations) {
        double[] r = grid.newField();
        double[] p = grid.newField();
        double[] ap = grid.newField();
        halo.exchangeAndApply(u, b -> Stencils.negLaplacian2d(grid, b, u, ap, invDx2, invDx2));
        forOwned((c) -> {
            r[c] = f[c] - ap[c];
            p[c] = r[c];
        });
        double bb = dot(f, f);
        double rr = dot(r, r);
        double stop = tol * tol * bb;
        int k = 0;
        while (rr > stop && k < maxIterations) {
            halo.exchangeAndApply(p, b -> Stencils.negLaplacian2d(grid, b, p, ap, invDx2, invDx2));
            double alpha = rr / dot(p, ap);
            forOwned(c -> {
                u[c] += alpha * p[c];
                r[c] -= alpha * ap[c];
            });
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            rr = rrNew;
            forOwned(c -> p[c] = r[c] + beta * p[c]);
            k++;
        }
        return new Result(k, Math.sqrt(rr / bb), rr <= stop);
    }

    /**
     * Solves by Jacobi iteration from the current {@code u}; collective.
     *
     * @param tol relative residual to reach
     * @param maxIterations sweeps at most
     */
    public Result solveJacobi(double tol, int maxIterations) {
        double[] next = grid.newField();
        double[] ax = grid.newField();
        double[] cur = u;
        double bb = dot(f, f);
        int k = 0;
        double rel = Double.POSITIVE_INFINITY;
        while (k < maxIterations) {
            if (k % JACOBI_CHECK_EVERY == 0) {
                rel = residual(cur, ax, bb);
                if (rel <= tol) {
                    break;
                }
            }
            double[] in = cur;
            double[] out = cur == u ? next : u;
            halo.exchangeAndApply(in, b -> Stencils.jacobi2d(grid, b, in, f, out, invDx2, invDx2));
            cur = out;
            k++;
        }
        if (k == maxIterations) {
            rel = residual(cur, ax, bb);
        }
        if (cur != u) {
            forOwned(c -> u[c] = next[c]);
        }
        return new Result(k, rel, rel <= tol);
    }

    private double residual(double[] x, double[] ax, double bb) {
        halo.exchangeAndApply(x, b -> Stencils.negLaplacian2d(grid, b, x, ax, invDx2, invDx2));
        double[] s = {0};
        forOwned(c -> {
            double e = f[c] - ax[c];
            s[0] += e * e;
        });
        return Math.sqrt(allSum(s[0]) / bb);
    }

    /** The global dot product over owned points (an allreduce). */
    private double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = owned.lo(0); i < owned.hi(0); i++) {
            int row = grid.index(i, 0);
            for (int c = row; c < row + owned.hi(1); c++) {
                s += a[c] * b[c];
            }
        }
        return allSum(s);
    }

    private double allSum(double local) {
        CartComm comm = grid.comm();
        double[] in = {local};
        double[] out = new double[1];
        comm.allreduce(in, 0, out, 0, 1, Op.SUM);
        return out[0];
    }

    private interface IndexOp {
        void apply(int c);
    }

    private void forOwned(IndexOp op) {
        for (int i = owned.lo(0); i < owned.hi(0); i++) {
            int row = grid.index(i, 0);
            for (int c = row; c < row + owned.hi(1); c++) {
                op.apply(c);
            }
        }
    }
}
