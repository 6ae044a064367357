package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Barrier, bcast, reduce and allreduce on every world size from 1 to 5 and every root. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class CollectiveTest {
    @Parameter
    EnginePair.Kind kind;


    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldBroadcastFromEveryRoot(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                for (int root = 0; root < np; root++) {
                    double[] a = new double[100_001];
                    if (c.rank() == root) {
                        for (int i = 0; i < a.length; i++) {
                            a[i] = root * 1000 + i;
                        }
                    }
                    c.bcast(a, 1, 100_000, root);
                    assertEquals(root * 1000 + 1, a[1]);
                    assertEquals(root * 1000 + 100_000, a[100_000]);
                    c.barrier();
                }
            });
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldReduceAndAllreduceWithEveryOp(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                int r = c.rank();
                long[] mine = {r + 1, -(r + 1), 2};
                long[] out = new long[3];
                c.allreduce(mine, 0, out, 0, 3, Op.SUM);
                long sum = (long) np * (np + 1) / 2;
                assertArrayEquals(new long[] {sum, -sum, 2L * np}, out);
                c.allreduce(mine, 0, out, 0, 3, Op.MAX);
                assertArrayEquals(new long[] {np, -1, 2}, out);
                c.allreduce(mine, 0, out, 0, 3, Op.MIN);
                assertArrayEquals(new long[] {1, -np, 2}, out);
                c.allreduce(mine, 2, out, 2, 1, Op.PROD);
                assertEquals(1L << np, out[2]);
                for (int root = 0; root < np; root++) {
                    int[] res = {-1};
                    c.reduce(new int[] {r}, 0, res, 0, 1, Op.SUM, root);
                    assertEquals(r == root ? np * (np - 1) / 2 : -1, res[0]);
                }
            });
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3, 5})
    void shouldGiveBitwiseIdenticalFloatingPointSumsOnEveryRankAndRun(int np) throws Exception {
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            double[][] perRank = new double[np][];
            try (EnginePair p = new EnginePair(np, kind)) {
                p.run(c -> {
                    double[] x = new double[10_000];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Math.sin(i * 0.37 + c.rank()) * Math.pow(10, (i + c.rank()) % 17 - 8);
                    }
                    double[] s = new double[11_000];
                    c.allreduce(x, 0, s, 0, 1000, Op.SUM); // recursive doubling
                    c.allreduce(x, 0, s, 1000, 10_000, Op.SUM); // reduce + bcast
                    for (int i = 0; i < 1000; i++) {
                        assertEquals(s[i], s[1000 + i], 1e-9 * Math.abs(s[i]) + 1e-300, "element " + i);
                    }
                    perRank[c.rank()] = s;
                });
            }
            for (int r = 1; r < np; r++) {
                assertArrayEquals(perRank[0], perRank[r]);
            }
            results[run] = perRank[0];
        }
        assertArrayEquals(results[0], results[1]);
    }
}
