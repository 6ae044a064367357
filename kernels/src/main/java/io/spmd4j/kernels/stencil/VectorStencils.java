package io.spmd4j.kernels.stencil;

import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.Grid;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The heat stencils of {@link Stencils} written with the Java Vector API (the incubating module
 * {@code jdk.incubator.vector}), used by {@link Stencils} when that module is in the boot layer
 * ({@code java --add-modules jdk.incubator.vector}); this class must not be loaded otherwise.
 *
 * <p>Why: HotSpot's C2 (JDK 17 to 25) does not auto-vectorize a stencil that reads {@code u[c - 1]}
 * and writes {@code out[c]}, because it cannot rule out that {@code out} and {@code u} are the same
 * array, in which case iteration {@code c + 1} would read what iteration {@code c} wrote; C has
 * {@code restrict}. With explicit vectors the loads of a stretch of a row all happen before its store.
 *
 * <p>Every lane computes the scalar expression of {@link Stencils#heat2d} with the same operations
 * in the same order (IEEE lane-wise add, subtract and multiply, no fused multiply-add), and the rest
 * of a row shorter than a vector is done by the scalar loop, so the fields are bitwise identical to
 * the scalar kernels' and independent of the split over ranks.
 */
final class VectorStencils {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorStencils() {
    }

    /** Lanes per vector on this machine. */
    static int lanes() {
        return LANES;
    }

    /** {@link Stencils#heat2d}, vectorized along rows. */
    static void heat2d(Grid g, Box b, double[] u, double[] out, double rx, double ry) {
        int sx = g.stride(0);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            int row = g.index(i, 0);
            heatRow(u, out, row + b.lo(1), row + b.hi(1), sx, 0, rx, 0, ry);
        }
    }

    /** {@link Stencils#heat3d}, vectorized along rows. */
    static void heat3d(Grid g, Box b, double[] u, double[] out, double rx, double ry, double rz) {
        int sx = g.stride(0);
        int sy = g.stride(1);
        for (int i = b.lo(0); i < b.hi(0); i++) {
            for (int j = b.lo(1); j < b.hi(1); j++) {
                int row = g.index(i, j, 0);
                heatRow(u, out, row + b.lo(2), row + b.hi(2), sx, sy, rx, ry, rz);
            }
        }
    }

    /**
     * One row {@code [lo, hi)} of array indices: the 7-point update with neighbours at distances
     * {@code sx}, {@code sy} and 1, or the 5-point one when {@code sy == 0} (then {@code ry} is
     * unused); the part shorter than a vector by the scalar row loop.
     */
    private static void heatRow(double[] u, double[] out, int lo, int hi, int sx, int sy, double rx, double ry,
        double rz) {
        int c = lo;
        int end = lo + SPECIES.loopBound(hi - lo);
        if (sy == 0) {
            for (; c < end; c += LANES) {
                DoubleVector uc = DoubleVector.fromArray(SPECIES, u, c);
                DoubleVector twice = uc.mul(2.0);
                uc.add(along(u, c, sx, twice, rx)).add(along(u, c, 1, twice, rz)).intoArray(out, c);
            }
            Stencils.heat2dRow(u, out, c, hi, sx, rx, rz);
            return;
        }
        for (; c < end; c += LANES) {
            DoubleVector uc = DoubleVector.fromArray(SPECIES, u, c);
            DoubleVector twice = uc.mul(2.0);
            uc.add(along(u, c, sx, twice, rx)).add(along(u, c, sy, twice, ry)).add(along(u, c, 1, twice, rz))
                .intoArray(out, c);
        }
        Stencils.heat3dRow(u, out, c, hi, sx, sy, rx, ry, rz);
    }

    /** {@code r (u[c - s] + u[c + s] - 2u)} for the lanes from {@code c}: one direction's term. */
    private static DoubleVector along(double[] u, int c, int s, DoubleVector twice, double r) {
        return DoubleVector.fromArray(SPECIES, u, c - s).add(DoubleVector.fromArray(SPECIES, u, c + s)).sub(twice).mul(r);
    }
}
