package io.spmd4j.kernels.stencil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.LocalWorld;
import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.Grid;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API heat stencils against the scalar loops, bit for bit, on awkward row lengths. */
class VectorStencilsTest {
    @Test
    void shouldRunVectorizedUnderTheBuildsModuleSetting() {
        assertTrue(Stencils.vectorized(), "the kernels' tests run with --add-modules " + Stencils.VECTOR_MODULE);
    }

    @Test
    void shouldGiveTheScalarBitsIn2dForEveryRowLengthAndBox() throws Exception {
        try (LocalWorld world = LocalWorld.create(1)) {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int n = 1; n <= 3 * VectorStencils.lanes() + 2; n++) {
                Grid g = Grid.create(world.comm(0), new int[] {n + 1, n}, new boolean[2], 1);
                double[] u = random(g, rnd);
                for (Box b : new Box[] {g.owned(), g.owned().shrink(1), new Box(new int[] {0, 1}, new int[] {1, n})}) {
                    double[] scalar = g.newField();
                    double[] vector = g.newField();
                    Stencils.scalarHeat2d(g, b, u, scalar, 0.2, 0.15);
                    VectorStencils.heat2d(g, b, u, vector, 0.2, 0.15);
                    assertArrayEquals(scalar, vector, "n=" + n + " box " + b);
                }
            }
        }
    }

    @Test
    void shouldGiveTheScalarBitsIn3d() throws Exception {
        try (LocalWorld world = LocalWorld.create(1)) {
            SplittableRandom rnd = new SplittableRandom(11);
            for (int n : new int[] {1, 5, VectorStencils.lanes() + 3, 2 * VectorStencils.lanes()}) {
                Grid g = Grid.create(world.comm(0), new int[] {n, n + 2, n + 1}, new boolean[3], 1);
                double[] u = random(g, rnd);
                double[] scalar = g.newField();
                double[] vector = g.newField();
                Stencils.scalarHeat3d(g, g.owned(), u, scalar, 0.1, 0.12, 0.08);
                VectorStencils.heat3d(g, g.owned(), u, vector, 0.1, 0.12, 0.08);
                assertArrayEquals(scalar, vector, "n=" + n);
                assertTrue(Arrays.stream(scalar).anyMatch(v -> v != 0), "the stencil wrote something");
            }
        }
    }

    /** A field of random values, halos included, spanning several binades so that rounding shows. */
    private static double[] random(Grid g, SplittableRandom rnd) {
        double[] u = g.newField();
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextDouble(-1, 1) * Math.scalb(1.0, rnd.nextInt(-20, 20));
        }
        return u;
    }
}
