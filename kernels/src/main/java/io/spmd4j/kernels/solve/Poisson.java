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
 * The Poisson equation {@code -laplacian(u) = f} on the unit square (2-D) or cube (3-D) with
 * {@code u = 0} on the boundary, discretised by the 5- or 7-point Laplacian on {@code n} interior
 * points per dimension. The manufactured solution is {@code u = prod g(x_k)} with
 * {@code g(x) = x (1 - x) e^x}, so that {@code f = -sum_k g''(x_k) prod_(l != k) g(x_l)} with
 * {@code g''(x) = -x (3 + x) e^x}: it is not an eigenfunction of the discrete operator (CG needs many
 * iterations) and the discretisation error is {@code O(dx^2)}.
 *
 * <p>{@link #solveCg} is the conjugate gradient method: one halo exchange (overlapped with the
 * interior of the matrix-vector product) and two allreduce dot products per iteration; it stops when
 * the residual's 2-norm falls to {@code tol} times the right-hand side's. {@link #solveJacobi} is
 * the simple baseline with the same stopping rule, testing the residual every
 * {@link #JACOBI_CHECK_EVERY} sweeps. Both are collective.
 */
public final class Poisson {
    /** Jacobi sweeps between residual checks (each check costs an allreduce). */
    public static final int JACOBI_CHECK_EVERY = 50;

    private final int ndims;
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
     * @param ndims 2 or 3
     * @param n interior points per dimension
     * @throws MpiException ERR_ARG for a bad dimension or a non-positive size
     */
    public Poisson(Comm comm, int ndims, int n) {
        if (ndims != 2 && ndims != 3) {
            throw new MpiException(ErrorClass.ERR_ARG, "poisson: ndims=" + ndims + "; only 2 and 3 are supported");
        }
        if (n < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "poisson" + ndims + "d: grid size n=" + n
                + "; it must be positive");
        }
        this.ndims = ndims;
        this.dx = Heat.spacing(n);
        this.invDx2 = 1 / (dx * dx);
        int[] global = new int[ndims];
        java.util.Arrays.fill(global, n);
        this.grid = Grid.create(comm, global, new boolean[ndims], Stencils.RADIUS);
        this.halo = new HaloExchange(grid);
        this.owned = grid.owned();
        this.f = grid.newField();
        this.u = grid.newField();
        grid.fill(f, (i, j, k) -> {
            double x = (i + 1) * dx;
            double y = (j + 1) * dx;
            if (ndims == 2) {
                return -(g2(x) * g(y) + g(x) * g2(y));
            }
            double z = (k + 1) * dx;
            return -(g2(x) * g(y) * g(z) + g(x) * g2(y) * g(z) + g(x) * g(y) * g2(z));
        });
    }

    private static double g(double x) {
        return x * (1 - x) * Math.exp(x);
    }

    private static double g2(double x) {
        return -x * (3 + x) * Math.exp(x);
    }

    /** The exact solution {@code prod g(x_k)}, by global point index. */
    public PointFunction exact() {
        if (ndims == 2) {
            return (i, j, k) -> g((i + 1) * dx) * g((j + 1) * dx);
        }
        return (i, j, k) -> g((i + 1) * dx) * g((j + 1) * dx) * g((k + 1) * dx);
    }

    /** The matrix-vector product {@code out = A x} (the negative Laplacian), halo exchange overlapped. */
    private void apply(double[] x, double[] out) {
        if (ndims == 2) {
            halo.exchangeAndApply(x, b -> Stencils.negLaplacian2d(grid, b, x, out, invDx2, invDx2));
        } else {
            halo.exchangeAndApply(x, b -> Stencils.negLaplacian3d(grid, b, x, out, invDx2, invDx2, invDx2));
        }
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
        apply(u, ap);
        forOwned((c) -> {
            r[c] = f[c] - ap[c];
            p[c] = r[c];
        });
        double bb = dot(f, f);
        double rr = dot(r, r);
        double stop = tol * tol * bb;
        int k = 0;
        while (rr > stop && k < maxIterations) {
            apply(p, ap);
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
            if (ndims == 2) {
                halo.exchangeAndApply(in, b -> Stencils.jacobi2d(grid, b, in, f, out, invDx2, invDx2));
            } else {
                halo.exchangeAndApply(in, b -> Stencils.jacobi3d(grid, b, in, f, out, invDx2, invDx2, invDx2));
            }
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
        apply(x, ax);
        double[] s = {0};
        forOwned(c -> {
            double e = f[c] - ax[c];
            s[0] += e * e;
        });
        return Math.sqrt(allSum(s[0]) / bb);
    }

    /** The global dot product over owned points (an allreduce). */
    private double dot(double[] a, double[] b) {
        double[] s = {0};
        forOwned(c -> s[0] += a[c] * b[c]);
        return allSum(s[0]);
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

    /** Applies {@code op} to the array index of every owned point, in array order. */
    private void forOwned(IndexOp op) {
        int last = ndims - 1;
        int rows = ndims == 2 ? 1 : owned.hi(1);
        for (int i = owned.lo(0); i < owned.hi(0); i++) {
            for (int j = 0; j < rows; j++) {
                int row = ndims == 2 ? grid.index(i, 0) : grid.index(i, j, 0);
                for (int c = row; c < row + owned.hi(last); c++) {
                    op.apply(c);
                }
            }
        }
    }
}
