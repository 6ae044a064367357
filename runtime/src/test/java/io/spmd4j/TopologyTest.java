package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cartesian topologies: balanced grids, coordinates, shifts, sub-grids and halo exchange. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class TopologyTest {
    @Parameter
    EnginePair.Kind kind;

    @Test
    void shouldBalanceGridsAndHonourFixedExtents() {
        assertArrayEquals(new int[] {3, 2}, CartComm.dimsCreate(6, new int[2]));
        assertArrayEquals(new int[] {2, 2, 2}, CartComm.dimsCreate(8, new int[3]));
        assertArrayEquals(new int[] {5, 1}, CartComm.dimsCreate(5, new int[2]));
        assertArrayEquals(new int[] {4, 3}, CartComm.dimsCreate(12, new int[2]));
        assertArrayEquals(new int[] {2, 6}, CartComm.dimsCreate(12, new int[] {2, 0}));
        assertArrayEquals(new int[] {3, 4, 2}, CartComm.dimsCreate(24, new int[] {0, 4, 0}));
        assertArrayEquals(new int[] {1}, CartComm.dimsCreate(1, new int[1]));
        MpiException e = assertThrows(MpiException.class, () -> CartComm.dimsCreate(10, new int[] {3, 0}));
        assertEquals(ErrorClass.ERR_ARG, e.errorClass());
        assertTrue(e.getMessage().contains("10") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(MpiException.class, () -> CartComm.dimsCreate(4, new int[] {-1, 0}));
        assertThrows(MpiException.class, () -> CartComm.dimsCreate(0, new int[1]));
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldMapCoordinatesAndShiftWithProcNullAtOpenEdges(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                int[] dims = CartComm.dimsCreate(np, new int[2]);
                CartComm grid = c.createCart(dims, new boolean[] {true, false}, true);
                assertNotNull(grid);
                assertEquals(2, grid.ndims());
                int[] xy = grid.coords();
                assertEquals(grid.rank(), grid.rank(xy));
                assertEquals(grid.rank(), xy[0] * dims[1] + xy[1], "row-major");
                CartComm.Shift rows = grid.shift(0, 1);
                assertEquals(grid.rank(Math.floorMod(xy[0] - 1, dims[0]), xy[1]), rows.source());
                assertEquals(grid.rank(Math.floorMod(xy[0] + 1, dims[0]), xy[1]), rows.dest());
                CartComm.Shift cols = grid.shift(1, 1);
                assertEquals(xy[1] == 0 ? Spmd.PROC_NULL : grid.rank(xy[0], xy[1] - 1), cols.source());
                assertEquals(xy[1] == dims[1] - 1 ? Spmd.PROC_NULL : grid.rank(xy[0], xy[1] + 1), cols.dest());
                // the halo exchange of the shift example: values travel one step up every row
                int[] got = {-1};
                grid.sendrecv(new int[] {grid.rank()}, 0, 1, rows.dest(), 0, got, 0, 1, rows.source(), 0);
                assertEquals(rows.source(), got[0]);
                MpiException e = assertThrows(MpiException.class, () -> grid.rank(0, dims[1]));
                assertEquals(ErrorClass.ERR_ARG, e.errorClass());
                assertEquals(grid.rank(0, xy[1]), grid.rank(dims[0], xy[1]), "periodic wrap");
                assertThrows(MpiException.class, () -> grid.shift(2, 1));
                CartComm row = grid.sub(new boolean[] {false, true});
                assertEquals(dims[1], row.size());
                assertEquals(xy[1], row.rank());
                assertArrayEquals(new boolean[] {false}, row.periods());
                int[] sum = new int[1];
                row.allreduce(new int[] {grid.rank()}, 0, sum, 0, 1, Op.SUM);
                int first = xy[0] * dims[1];
                assertEquals(dims[1] * first + dims[1] * (dims[1] - 1) / 2, sum[0]);
                CartComm copy = grid.dup();
                assertArrayEquals(grid.coords(), copy.coords());
                copy.free();
                row.free();
                grid.free();
            });
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void shouldExchangeHalosAlongARingAndAnOpenLine(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                for (boolean periodic : new boolean[] {true, false}) {
                    CartComm line = c.createCart(new int[] {np}, new boolean[] {periodic}, false);
                    int h = 2;
                    int n = 5;
                    double[] u = new double[n + 2 * h];
                    java.util.Arrays.fill(u, -1);
                    for (int i = 0; i < n; i++) {
                        u[h + i] = line.rank() * 100 + i;
                    }
                    line.haloExchange(0, 9, u, h, h, 0, n, n + h);
                    int lower = line.shift(0, 1).source();
                    int upper = line.shift(0, 1).dest();
                    for (int k = 0; k < h; k++) {
                        assertEquals(lower == Spmd.PROC_NULL ? -1 : lower * 100 + n - h + k, u[k], "low halo " + k);
                        assertEquals(upper == Spmd.PROC_NULL ? -1 : upper * 100 + k, u[n + h + k], "high halo " + k);
                    }
                    line.free();
                }
                CartComm none = c.createCart(new int[] {1}, new boolean[] {false}, false);
                if (c.rank() == 0) {
                    assertNotNull(none);
                } else {
                    assertNull(none);
                }
                MpiException e = assertThrows(MpiException.class,
                    () -> c.createCart(new int[] {np + 1}, new boolean[] {false}, false));
                assertEquals(ErrorClass.ERR_ARG, e.errorClass());
            });
        }
    }
}
