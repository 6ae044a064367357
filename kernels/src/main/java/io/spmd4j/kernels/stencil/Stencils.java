package io.spmd4j.kernels.stencil;

import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.Grid;

/**
 * Second-order finite-difference operators on a box of owned points: pure compute, reading the
 * field and its halos and writing another array, never communicating. Every point is computed by
 * the same expression in the same order wherever it lies, so a field does not depend on how the
 * grid is split over ranks (bitwise). All operators have radius 1 ({@link #RADIUS}).
 */
public final class Stencils {
    /** Halo width the operators need. */
    public static final int RADIUS = 1;

    private Stencils() {
    }

    /**
     * One explicit (forward Euler) diffusion step with the 5-point Laplacian:
     * {@code out = u + rx (u[i-1,j] + u[i+1,j] - 2u) + ry (u[i,j-1] + u[i,j+1] - 2u)}, with
     * {@code rx = alpha dt / dx^2}. {@code out} must not be {@code u}.
     */
    public static void heat2d(Grid g, Box b, double[] u, double[] out, double rx, double ry) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            int jhi = row + b.hi(1);
            for (int c = row + b.lo(1); c < jhi; c++) {
                double uc = u[c];
                out[c] = uc + rx * (u[c - sx] + u[c + sx] - 2 * uc) + ry * (u[c - 1] + u[c + 1] - 2 * uc);
            }
        }
    }

    /** One explicit diffusion step with the 7-point Laplacian (see {@link #heat2d}). */
    public static void heat3d(Grid g, Box b, double[] u, double[] out, double rx, double ry, double rz) {
        int sx = g.stride(0);
        int sy = g.stride(1);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            for (int j = b.lo(1); j < b.hi(1); j++) {
                int row = g.index(i, j, 0);
                int khi = row + b.hi(2);
                for (int c = row + b.lo(2); c < khi; c++) {
                    double uc = u[c];
                    out[c] = uc + rx * (u[c - sx] + u[c + sx] - 2 * uc) + ry * (u[c - sy] + u[c + sy] - 2 * uc)
                        + rz * (u[c - 1] + u[c + 1] - 2 * uc);
                }
            }
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
}
