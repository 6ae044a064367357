package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ibarrier, ibcast, ireduce, iallreduce, iallgather and ialltoall: results, mixing, and progress. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class NonblockingCollectiveTest {
    @Parameter
    EnginePair.Kind kind;

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldCompleteEveryNonblockingCollectiveWithTheBlockingResult(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                int r = c.rank();
                int root = np - 1;
                long[] b = new long[200_000];
                if (r == root) {
                    Arrays.fill(b, 77);
                }
                double[] sum = new double[3];
                int[] atRoot = new int[2];
                int[] all = new int[2 * np];
                short[] swapped = new short[np];
                short[] out = new short[np];
                for (int j = 0; j < np; j++) {
                    out[j] = (short) (r * 10 + j);
                }
                Request[] rs = {
                    c.ibarrier(),
                    c.ibcast(b, 0, b.length, root),
                    c.iallreduce(new double[] {r, 1, 0.5}, 0, sum, 0, 3, Op.SUM),
                    c.ireduce(new int[] {r, -r}, 0, atRoot, 0, 2, Op.MIN, root),
                    c.iallgather(new int[] {r, r * r}, 0, 2, all, 0),
                    c.ialltoall(out, 0, 1, swapped, 0),
                };
                int[] blocking = new int[1];
                c.allreduce(new int[] {1}, 0, blocking, 0, 1, Op.SUM); // a blocking collective meanwhile
                assertEquals(np, blocking[0]);
                Request.awaitAll(rs);
                assertEquals(77, b[b.length - 1]);
                assertArrayEquals(new double[] {np * (np - 1) / 2.0, np, 0.5 * np}, sum);
                if (r == root) {
                    assertArrayEquals(new int[] {0, -(np - 1)}, atRoot);
                }
                for (int i = 0; i < np; i++) {
                    assertEquals(i, all[2 * i]);
                    assertEquals(i * i, all[2 * i + 1]);
                    assertEquals((short) (i * 10 + r), swapped[i]);
                }
            });
        }
    }

    /**
     * An iallreduce of 8 MiB must finish while every rank computes without calling spmd4j: the
     * test only reads {@link Request#isComplete()}, which drives nothing.
     */
    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3})
    void shouldProgressWhileTheCallerComputes(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(c -> {
                double[] x = new double[1 << 20];
                Arrays.fill(x, c.rank() + 1);
                double[] y = new double[x.length];
                Request r = c.iallreduce(x, 0, y, 0, x.length, Op.SUM);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
                double work = 0;
                while (!r.isComplete() && System.nanoTime() < deadline) {
                    work += Math.sqrt(work + 1); // compute, never touching spmd4j
                }
                assertTrue(r.isComplete(), "the allreduce did not progress while the rank computed");
                r.await();
                assertEquals(np * (np + 1) / 2.0, y[y.length - 1]);
                assertTrue(work > 0);
            });
        }
    }
}
