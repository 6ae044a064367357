package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.Box;
import io.spmd4j.kernels.grid.Decomposition;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.grid.HaloExchange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KernelGridTest {
    @Test
    void shouldSpreadTheRemainderOverTheFirstBlocks() {
        assertEquals(List.of(4, 3, 3), List.of(Decomposition.size(10, 3, 0), Decomposition.size(10, 3, 1),
            Decomposition.size(10, 3, 2)));
        assertEquals(List.of(0, 4, 7, 10), List.of(Decomposition.start(10, 3, 0), Decomposition.start(10, 3, 1),
            Decomposition.start(10, 3, 2), Decomposition.start(10, 3, 3)));
    }

    @Test
    void shouldSplitABoxIntoInteriorAndDisjointStripsCoveringIt() {
        Box owned = new Box(new int[] {0, 0, 0}, new int[] {5, 4, 6});
        Box inner = owned.shrink(1);
        List<Box> strips = owned.minus(inner);
        long covered = inner.volume() + strips.stream().mapToLong(Box::volume).sum();
        assertEquals(owned.volume(), covered);
        int[][][] hits = new int[5][4][6];
        for (Box b : concat(inner, strips)) {
            for (int i = b.lo(0); i < b.hi(0); i++) {
                for (int j = b.lo(1); j < b.hi(1); j++) {
                    for (int k = b.lo(2); k < b.hi(2); k++) {
                        hits[i][j][k]++;
                    }
                }
            }
        }
        for (int[][] plane : hits) {
            for (int[] row : plane) {
                for (int h : row) {
                    assertEquals(1, h);
                }
            }
        }
        Box thin = new Box(new int[] {0, 0}, new int[] {1, 7});
        assertTrue(thin.shrink(1).isEmpty());
        assertEquals(List.of(thin), thin.minus(thin.shrink(1)));
    }

    private static List<Box> concat(Box b, List<Box> rest) {
        List<Box> all = new java.util.ArrayList<>(rest);
        all.add(b);
        return all;
    }

    /** Every halo face cell must hold the global index of the point it mirrors (periodic wrap included). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void shouldFillEveryHaloFaceFromItsNeighbour2d(int np) throws Exception {
        int[] global = {11, 7};
        List<Boolean> ok = Ranks.run(np, comm -> {
            Grid g = Grid.create(comm, global, new boolean[] {true, false}, 2);
            double[] u = g.newField();
            g.fill(u, (i, j, k) -> 1000 * i + j + 1);
            new HaloExchange(g).exchange(u);
            for (int i = -2; i < g.n(0) + 2; i++) {
                for (int j = -2; j < g.n(1) + 2; j++) {
                    boolean inI = i >= 0 && i < g.n(0);
                    boolean inJ = j >= 0 && j < g.n(1);
                    if (!inI && !inJ) {
                        continue; // corner: unspecified
                    }
                    int gi = Math.floorMod(g.offset(0) + i, global[0]);
                    int gj = g.offset(1) + j;
                    double want = gj < 0 || gj >= global[1] ? 0 : 1000 * gi + gj + 1;
                    if (u[g.index(i, j)] != want) {
                        throw new AssertionError("rank " + comm.rank() + " at (" + i + "," + j + "): "
                            + u[g.index(i, j)] + " != " + want);
                    }
                }
            }
            return true;
        });
        assertEquals(np, ok.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void shouldFillEveryHaloFaceFromItsNeighbour3d(int np) throws Exception {
        int[] global = {5, 6, 7};
        Ranks.run(np, comm -> {
            Grid g = Grid.create(comm, global, new boolean[] {true, true, true}, 1);
            double[] u = g.newField();
            g.fill(u, (i, j, k) -> (i * 100 + j) * 100 + k);
            new HaloExchange(g).exchange(u);
            int faces = 0;
            for (int i = -1; i <= g.n(0); i++) {
                for (int j = -1; j <= g.n(1); j++) {
                    for (int k = -1; k <= g.n(2); k++) {
                        int outside = (i < 0 || i >= g.n(0) ? 1 : 0) + (j < 0 || j >= g.n(1) ? 1 : 0)
                            + (k < 0 || k >= g.n(2) ? 1 : 0);
                        if (outside != 1) {
                            continue;
                        }
                        int gi = Math.floorMod(g.offset(0) + i, 5);
                        int gj = Math.floorMod(g.offset(1) + j, 6);
                        int gk = Math.floorMod(g.offset(2) + k, 7);
                        assertEquals((gi * 100 + gj) * 100 + gk, u[g.index(i, j, k)]);
                        faces++;
                    }
                }
            }
            assertEquals(2 * (g.n(0) * g.n(1) + g.n(1) * g.n(2) + g.n(0) * g.n(2)), faces);
            return true;
        });
    }

    @Test
    void shouldGatherTheGlobalFieldInRowMajorOrder() throws Exception {
        double[] all = Ranks.root(3, comm -> {
            Grid g = Grid.create(comm, new int[] {4, 5}, new boolean[2], 1);
            double[] u = g.newField();
            g.fill(u, (i, j, k) -> 5 * i + j);
            return g.gather(u, 0);
        });
        double[] want = new double[20];
        for (int i = 0; i < 20; i++) {
            want[i] = i;
        }
        assertArrayEquals(want, all);
    }

    @Test
    void shouldScatterAGlobalFieldSoThatGatherGivesItBack() throws Exception {
        double[] want = new double[4 * 5 * 3];
        for (int i = 0; i < want.length; i++) {
            want[i] = 0.5 * i - 7;
        }
        double[] back = Ranks.root(3, comm -> {
            Grid g = Grid.create(comm, new int[] {4, 5, 3}, new boolean[3], 1);
            double[] u = g.newField();
            g.scatter(comm.rank() == 0 ? want : null, 0, u);
            for (int i = 0; i < g.n(0); i++) {
                for (int j = 0; j < g.n(1); j++) {
                    for (int k = 0; k < g.n(2); k++) {
                        int global = ((g.offset(0) + i) * 5 + g.offset(1) + j) * 3 + g.offset(2) + k;
                        if (u[g.index(i, j, k)] != want[global]) {
                            throw new AssertionError("rank " + comm.rank() + " point " + global);
                        }
                    }
                }
            }
            return g.gather(u, 0);
        });
        assertArrayEquals(want, back);
    }

    @Test
    void shouldRefuseMoreRanksThanPointsNamingTheDimension() throws Exception {
        MpiException e = assertThrows(MpiException.class,
            () -> Ranks.run(4, comm -> Grid.create(comm, new int[] {3}, new boolean[1], 1)));
        assertTrue(e.getMessage().contains("dimension 0 has 3 points for 4 ranks"), e.getMessage());
    }
}
