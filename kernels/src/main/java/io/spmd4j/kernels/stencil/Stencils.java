package io.spmd4j.kernels.stencil;

import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.Grid;

/**
 * Second-order finite-difference operators on a box of owned points: pure compute, reading the
 * field and its halos and writing another array, never communicating. Every point is computed by
 * the same expression in the same order wherever it lies, so a field does not depend on how the
 * grid is split over ranks (bitwise). The operators have radius 1 ({@link #RADIUS}) except the
 * fourth-derivative one of {@link #kuramotoSivashinsky1d} ({@link #RADIUS_4TH}).
 */
public final class Stencils {
    /** Halo width the operators need. */
    public static final int RADIUS = 1;
    /** Halo width of the fourth-derivative operator. */
    public static final int RADIUS_4TH = 2;
    /** Name of the incubating module that, when in the boot layer, vectorizes the heat stencils. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final boolean VECTOR = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();

    private Stencils() {
    }

    /**
     * Whether {@link #heat2d} and {@link #heat3d} run on the Java Vector API: when the JVM was started
     * with {@code --add-modules jdk.incubator.vector} (for example
     * {@code spmdrun --jvm-args "--add-modules jdk.incubator.vector"}). HotSpot does not
     * auto-vectorize these loops (see {@code VectorStencils}); the vector kernels are about twice as
     * fast on a core and give the same bits.
     */
    public static boolean vectorized() {
        return VECTOR;
    }

    /**
     * One explicit (forward Euler) diffusion step with the 5-point Laplacian:
     * {@code out = u + rx (u[i-1,j] + u[i+1,j] - 2u) + ry (u[i,j-1] + u[i,j+1] - 2u)}, with
     * {@code rx = alpha dt / dx^2}. {@code out} must not be {@code u}. Vectorized when
     * {@link #vectorized()}, with the same bits.
     */
    public static void heat2d(Grid g, Box b, double[] u, double[] out, double rx, double ry) {
        if (VECTOR) {
            VectorStencils.heat2d(g, b, u, out, rx, ry);
        } else {
            scalarHeat2d(g, b, u, out, rx, ry);
        }
    }

    /** {@link #heat2d} by the scalar loops. */
    static void scalarHeat2d(Grid g, Box b, double[] u, double[] out, double rx, double ry) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            heat2dRow(u, out, row + b.lo(1), row + b.hi(1), sx, rx, ry);
        }
    }

    /** {@link #heat2d} on the array indices {@code [lo, hi)} of one row; rows are {@code sx} apart. */
    static void heat2dRow(double[] u, double[] out, int lo, int hi, int sx, double rx, double ry) {
        for (int c = lo; c < hi; c++) {
            double uc = u[c];
            out[c] = uc + rx * (u[c - sx] + u[c + sx] - 2 * uc) + ry * (u[c - 1] + u[c + 1] - 2 * uc);
        }
    }

    /**
     * One explicit diffusion step with the 7-point Laplacian (see {@link #heat2d}). Vectorized when
     * {@link #vectorized()}, with the same bits.
     */
    public static void heat3d(Grid g, Box b, double[] u, double[] out, double rx, double ry, double rz) {
        if (VECTOR) {
            VectorStencils.heat3d(g, b, u, out, rx, ry, rz);
        } else {
            scalarHeat3d(g, b, u, out, rx, ry, rz);
        }
    }

    /** {@link #heat3d} by the scalar loops. */
    static void scalarHeat3d(Grid g, Box b, double[] u, double[] out, double rx, double ry, double rz) {
        int sx = g.stride(0);
        int sy = g.stride(1);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            for (int j = b.lo(1); j < b.hi(1); j++) {
                int row = g.index(i, j, 0);
                heat3dRow(u, out, row + b.lo(2), row + b.hi(2), sx, sy, rx, ry, rz);
            }
        }
    }

    /** {@link #heat3d} on the array indices {@code [lo, hi)} of one row; neighbours {@code sx}, {@code sy} and 1 apart. */
    static void heat3dRow(double[] u, double[] out, int lo, int hi, int sx, int sy, double rx, double ry, double rz) {
        for (int c = lo; c < hi; c++) {
            double uc = u[c];
            out[c] = uc + rx * (u[c - sx] + u[c + sx] - 2 * uc) + ry * (u[c - sy] + u[c + sy] - 2 * uc)
                + rz * (u[c - 1] + u[c + 1] - 2 * uc);
        }
    }

    /**
     * One leapfrog step of the wave equation:
     * {@code out = 2u - prev + cx2 (u[i-1,j] + u[i+1,j] - 2u) + cy2 (u[i,j-1] + u[i,j+1] - 2u)} with
     * {@code cx2 = (c dt / dx)^2}. {@code out} may be {@code prev} (each point reads its own old value
     * before writing it) but not {@code u}.
     */
    public static void wave2d(Grid g, Box b, double[] prev, double[] u, double[] out, double cx2, double cy2) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            int jhi = row + b.hi(1);
            for (int c = row + b.lo(1); c < jhi; c++) {
                double uc = u[c];
                out[c] = 2 * uc - prev[c] + cx2 * (u[c - sx] + u[c + sx] - 2 * uc)
                    + cy2 * (u[c - 1] + u[c + 1] - 2 * uc);
            }
        }
    }

    /**
     * The negative 5-point Laplacian, a symmetric positive definite operator with zero Dirichlet
     * halos: {@code out = (2u - u[i-1,j] - u[i+1,j]) / dx^2 + (2u - u[i,j-1] - u[i,j+1]) / dy^2}.
     */
    public static void negLaplacian2d(Grid g, Box b, double[] u, double[] out, double invDx2, double invDy2) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            int jhi = row + b.hi(1);
            for (int c = row + b.lo(1); c < jhi; c++) {
                double uc2 = 2 * u[c];
                out[c] = (uc2 - u[c - sx] - u[c + sx]) * invDx2 + (uc2 - u[c - 1] - u[c + 1]) * invDy2;
            }
        }
    }

    /**
     * One Jacobi sweep for {@code -laplacian(u) = f}:
     * {@code out = (f + (u[i-1,j] + u[i+1,j]) / dx^2 + (u[i,j-1] + u[i,j+1]) / dy^2) / (2 / dx^2 + 2 / dy^2)}.
     */
    public static void jacobi2d(Grid g, Box b, double[] u, double[] f, double[] out, double invDx2, double invDy2) {
        int sx = g.stride(0);
        double diag = 1 / (2 * invDx2 + 2 * invDy2);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            int jhi = row + b.hi(1);
            for (int c = row + b.lo(1); c < jhi; c++) {
                out[c] = (f[c] + (u[c - sx] + u[c + sx]) * invDx2 + (u[c - 1] + u[c + 1]) * invDy2) * diag;
            }
        }
    }

    /** The negative 7-point Laplacian with zero Dirichlet halos (see {@link #negLaplacian2d}). */
    public static void negLaplacian3d(Grid g, Box b, double[] u, double[] out, double invDx2, double invDy2,
        double invDz2) {
        int sx = g.stride(0);
        int sy = g.stride(1);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            for (int j = b.lo(1); j < b.hi(1); j++) {
                int row = g.index(i, j, 0);
                int khi = row + b.hi(2);
                for (int c = row + b.lo(2); c < khi; c++) {
                    double uc2 = 2 * u[c];
                    out[c] = (uc2 - u[c - sx] - u[c + sx]) * invDx2 + (uc2 - u[c - sy] - u[c + sy]) * invDy2
                        + (uc2 - u[c - 1] - u[c + 1]) * invDz2;
                }
            }
        }
    }

    /** One Jacobi sweep for {@code -laplacian(u) = f} with the 7-point Laplacian (see {@link #jacobi2d}). */
    public static void jacobi3d(Grid g, Box b, double[] u, double[] f, double[] out, double invDx2, double invDy2,
        double invDz2) {
        int sx = g.stride(0);
        int sy = g.stride(1);
        double diag = 1 / (2 * invDx2 + 2 * invDy2 + 2 * invDz2);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            for (int j = b.lo(1); j < b.hi(1); j++) {
                int row = g.index(i, j, 0);
                int khi = row + b.hi(2);
                for (int c = row + b.lo(2); c < khi; c++) {
                    out[c] = (f[c] + (u[c - sx] + u[c + sx]) * invDx2 + (u[c - sy] + u[c + sy]) * invDy2
                        + (u[c - 1] + u[c + 1]) * invDz2) * diag;
                }
            }
        }
    }

    /**
     * One forward Euler step of the viscous Burgers equations
     * {@code u_t + u u_x + v u_y = nu laplacian(u)}, {@code v_t + u v_x + v v_y = nu laplacian(v)},
     * with central first differences and the 5-point Laplacian (equal spacing {@code dx} in x and y):
     * {@code uOut = u + dt (nu lap(u) - u du/dx - v du/dy)}, likewise {@code vOut}. The outputs must
     * not be the inputs.
     *
     * @param inv2dx {@code 1 / (2 dx)}
     * @param invDx2 {@code 1 / dx^2}
     */
    public static void burgers2d(Grid g, Box b, double[] u, double[] v, double[] uOut, double[] vOut, double dt,
        double nu, double inv2dx, double invDx2) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            int jhi = row + b.hi(1);
            for (int c = row + b.lo(1); c < jhi; c++) {
                double uc = u[c];
                double vc = v[c];
                double lapU = (u[c - sx] + u[c + sx] + u[c - 1] + u[c + 1] - 4 * uc) * invDx2;
                double lapV = (v[c - sx] + v[c + sx] + v[c - 1] + v[c + 1] - 4 * vc) * invDx2;
                double adU = uc * (u[c + sx] - u[c - sx]) * inv2dx + vc * (u[c + 1] - u[c - 1]) * inv2dx;
                double adV = uc * (v[c + sx] - v[c - sx]) * inv2dx + vc * (v[c + 1] - v[c - 1]) * inv2dx;
                uOut[c] = uc + dt * (nu * lapU - adU);
                vOut[c] = vc + dt * (nu * lapV - adV);
            }
        }
    }

    /**
     * One forward Euler step of the Kuramoto-Sivashinsky equation with a source,
     * {@code u_t + u u_x + u_xx + u_xxxx = s}, on a 1-D grid with second-order central differences:
     * {@code u_x = (u[i+1] - u[i-1]) / 2dx}, {@code u_xx = (u[i+1] - 2u + u[i-1]) / dx^2},
     * {@code u_xxxx = (u[i+2] - 4u[i+1] + 6u - 4u[i-1] + u[i-2]) / dx^4}. Radius 2
     * ({@link #RADIUS_4TH}). {@code out} must not be {@code u}.
     */
    public static void kuramotoSivashinsky1d(Grid g, Box b, double[] u, double[] s, double[] out, double dt,
        double dx) {
        double inv2dx = 1 / (2 * dx);
        double invDx2 = 1 / (dx * dx);
        double invDx4 = invDx2 * invDx2;
        int hi = g.index(b.hi(0));
        for (int c = g.index(b.lo(0)); c < hi; c++) {
            double uc = u[c];
            double ux = (u[c + 1] - u[c - 1]) * inv2dx;
            double uxx = (u[c + 1] - 2 * uc + u[c - 1]) * invDx2;
            double uxxxx = (u[c + 2] - 4 * u[c + 1] + 6 * uc - 4 * u[c - 1] + u[c - 2]) * invDx4;
            out[c] = uc + dt * (s[c] - uc * ux - uxx - uxxxx);
        }
    }

    /**
     * One forward Euler step of the Fokker-Planck equation of the Ornstein-Uhlenbeck process,
     * {@code p_t = -J_x} with the flux {@code J = -theta x p - D p_x}, in conservative finite-volume
     * form on cells of width {@code dx} whose global cell {@code m} spans
     * {@code [x0 + m dx, x0 + (m + 1) dx]}: {@code out = p - dt / dx (J[m+1/2] - J[m-1/2])} with the
     * face flux {@code J = -theta xf (pL + pR) / 2 - D (pR - pL) / dx}. The two outer faces of the
     * domain (global cells 0 and {@code cells - 1}) carry no flux, so the total mass is conserved.
     * Both cells beside a face compute its flux by the same expression, so the update is
     * conservative to rounding and independent of the split over ranks.
     */
    public static void fokkerPlanck1d(Grid g, Box b, double[] p, double[] out, double dt, double dx, double x0,
        double theta, double diff) {
        int cells = g.global(0);
        double ratio = dt / dx;
        double diffDx = diff / dx;
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int m = g.offset(0) + i;
            int c = g.index(i);
            double left = m == 0 ? 0 : ouFlux(p[c - 1], p[c], x0 + m * dx, theta, diffDx);
            double right = m == cells - 1 ? 0 : ouFlux(p[c], p[c + 1], x0 + (m + 1) * dx, theta, diffDx);
            out[c] = p[c] - ratio * (right - left);
        }
    }

    private static double ouFlux(double pl, double pr, double xf, double theta, double diffDx) {
        return -theta * xf * (pl + pr) * 0.5 - diffDx * (pr - pl);
    }
}
