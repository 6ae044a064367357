package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.collective.Tuning;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large allreduce and bcast through the bulk region of the shared-memory area
 * ({@link io.spmd4j.collective.NodeArea#allreduceBulk}, {@link io.spmd4j.collective.NodeArea#bcastBulk}),
 * with a chunk of 128 bytes so that every vector spans several chunks and some segments of a chunk
 * are empty: results bitwise equal to a fold in the bracketing of recursive doubling on every rank,
 * and to the message algorithms of the nonblocking allreduce; non-commutative and pair
 * operations honoured across chunk and segment borders, in-place calls, offsets, byte buffers, every
 * root, and many calls in a row (the two halves of the bcast region alternate).
 */
class NodeAreaBulkTest {
    private static final int CHUNK_BYTES = 128;
    /** Everything above 256 bytes through the bulk region. */
    private static final Tuning BULK = new Tuning(Tuning.DEFAULT.bcastScatterMinBytes(), Tuning.DEFAULT.bcastScatterMinRanks(),
        Tuning.DEFAULT.reduceScatterGatherMinBytes(), Tuning.DEFAULT.allreduceHalvingMinBytes(),
        Tuning.DEFAULT.allgatherRingMinBytes(), Tuning.DEFAULT.alltoallPairwiseMinBytes(), 256, 257, CHUNK_BYTES);

    /**
     * {@code x(0) op ... op x(np-1)} in the bracketing of recursive doubling: with p' the largest
     * power of two not above np and r = np - p', leaf i is {@code x(2i) op x(2i+1)} for i &lt; r and
     * {@code x(i + r)} above; the leaves combine as a balanced binary tree in order.
     */
    static long bracketed(int np, IntToLongFunction x, LongBinaryOperator op) {
        int pof2 = Integer.highestOneBit(np);
        int rem = np - pof2;
        long[] v = new long[pof2];
        for (int i = 0; i < pof2; i++) {
            v[i] = i < rem ? op.applyAsLong(x.applyAsLong(2 * i), x.applyAsLong(2 * i + 1)) : x.applyAsLong(i + rem);
        }
        for (int w = 1; w < pof2; w *= 2) {
            for (int i = 0; i < pof2; i += 2 * w) {
                v[i] = op.applyAsLong(v[i], v[i + w]);
            }
        }
        return v[0];
    }

    private static double valueOf(int rank, int call, int i) {
        return Math.pow(10, 3 * rank - 5) * (i + 1) + 1.0 / (rank + 1 + i) - call;
    }

    @ParameterizedTest(name = "np={0} (negative: ranks as threads)")
    @ValueSource(ints = {2, 3, 4, 5, -2, -3, -4, -5})
    void shouldFoldEverySegmentInRankOrderAcrossChunks(int signedNp) throws Exception {
        int np = Math.abs(signedNp); // negative: ranks as threads, the area a shared buffer
        EnginePair.Kind kind = signedNp > 0 ? EnginePair.Kind.SHM : EnginePair.Kind.LOCAL;
        try (EnginePair p = new EnginePair(np, kind, BULK)) {
            p.run(c -> {
                assertTrue(c.usesNodeArea());
                for (int call = 0; call < 20; call++) {
                    int n = 37 + 29 * call; // 296 bytes and up: 3 chunks and more, never a whole number of them
                    double[] mine = new double[n + 3];
                    for (int i = 0; i < n; i++) {
                        mine[i + 3] = valueOf(c.rank(), call, i);
                    }
                    double[] sum = new double[n + 1];
                    c.allreduce(mine, 3, sum, 1, n, Op.SUM);
                    for (int i = 0; i < n; i++) {
                        int e = i;
                        int k = call;
                        double want = Double.longBitsToDouble(bracketed(np, r -> Double.doubleToLongBits(valueOf(r, k, e)),
                            (a, b) -> Double.doubleToLongBits(Double.longBitsToDouble(a) + Double.longBitsToDouble(b))));
                        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(sum[i + 1]),
                            "call " + call + " element " + i);
                    }
                    assertEquals(0.0, sum[0], "nothing before the offset is written");
                    double[] byMessages = new double[n];
                    c.iallreduce(mine, 3, byMessages, 0, n, Op.SUM).await();
                    assertArrayEquals(byMessages, Arrays.copyOfRange(sum, 1, n + 1), 0.0,
                        "the same bits as the message algorithms of the nonblocking allreduce, call " + call);

                    long[] f = new long[n];
                    for (int i = 0; i < n; i++) {
                        f[i] = CollectiveTest.affine(c.rank(), call + i);
                    }
                    c.allreduce(f, 0, f, 0, n, CollectiveTest.AFFINE); // in place
                    for (int i = 0; i < n; i++) {
                        int e = call + i;
                        long want = bracketed(np, r -> CollectiveTest.affine(r, e), CollectiveTest::compose);
                        assertEquals(want, f[i], "non-commutative op in rank order, call " + call + " element " + i);
                    }

                    int[] pairs = new int[2 * n];
                    for (int i = 0; i < n; i++) {
                        pairs[2 * i] = (c.rank() * 7 + i) % np; // ties broken by the lower index
                        pairs[2 * i + 1] = c.rank();
                    }
                    int[] max = new int[2 * n];
                    c.allreduce(pairs, 0, max, 0, 2 * n, Op.MAXLOC);
                    for (int i = 0; i < n; i++) {
                        int best = -1;
                        int at = -1;
                        for (int r = 0; r < np; r++) {
                            int v = (r * 7 + i) % np;
                            if (v > best) {
                                best = v;
                                at = r;
                            }
                        }
                        assertEquals(best, max[2 * i], "MAXLOC value, element " + i);
                        assertEquals(at, max[2 * i + 1], "MAXLOC index, element " + i);
                    }
                }
            });
        }
    }

    /** Not commutative: {@code a op b = a / 2 + b}, so every bracketing gives other bits. */
    private static final Op HALVE_ADD = Op.ofDoubles("HALVE_ADD", false, (a, b) -> a * 0.5 + b);
    /** Commutative, but not associative in floating point: the bracketing still decides the bits. */
    private static final Op SQUARE_SUM = Op.ofDoubles("SQUARE_SUM", true, (a, b) -> a * a + b * b);

    private static long doubleBits(int np, IntToLongFunction x, java.util.function.DoubleBinaryOperator op) {
        return bracketed(np, x, (a, b) -> Double.doubleToLongBits(op.applyAsDouble(Double.longBitsToDouble(a),
            Double.longBitsToDouble(b))));
    }

    /**
     * With the default chunk (one chunk, each rank's segment a p-th of it, folded partly from the
     * rank's own send array): odd counts around 128 KiB at offsets, in place and not, with a
     * non-commutative and a commutative but non-associative user operation, so that the order of
     * every merge shows in the bits; each rank checks every element against the fold in the
     * bracketing of recursive doubling, which is the same reference on every rank.
     */
    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void shouldFoldLargeSegmentsFromTheOwnSendArrayInTheFixedBracketing(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, EnginePair.Kind.SHM)) {
            p.run(c -> {
                assertTrue(c.usesNodeArea());
                for (int n : new int[] {16_411, 2_053 * np + 1}) {
                    for (Op op : new Op[] {Op.SUM, HALVE_ADD, SQUARE_SUM}) {
                        java.util.function.DoubleBinaryOperator f = op == Op.SUM ? Double::sum
                            : op == HALVE_ADD ? (a, b) -> a * 0.5 + b : (a, b) -> a * a + b * b;
                        double[] mine = new double[n + 5];
                        for (int i = 0; i < n; i++) {
                            mine[i + 5] = valueOf(c.rank(), n, i) * 1e-3;
                        }
                        double[] out = new double[n + 2];
                        c.allreduce(mine, 5, out, 2, n, op);
                        double[] inPlace = Arrays.copyOfRange(mine, 5, n + 5);
                        c.allreduce(inPlace, 0, inPlace, 0, n, op);
                        for (int i = 0; i < n; i++) {
                            int e = i;
                            long want = doubleBits(np, r -> Double.doubleToLongBits(valueOf(r, n, e) * 1e-3), f);
                            assertEquals(want, Double.doubleToLongBits(out[i + 2]), op + ", " + n + " elements, element " + i);
                            assertEquals(want, Double.doubleToLongBits(inPlace[i]), op + " in place, element " + i);
                        }
                        assertEquals(0.0, out[0] + out[1], "nothing before the offset is written");
                        assertEquals(valueOf(c.rank(), n, 0) * 1e-3, mine[5], "the send array is left alone");
                    }
                }
            });
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void shouldBroadcastFromEveryRootChunkByChunk(int np) throws Exception {
        try (EnginePair p = new EnginePair(np, EnginePair.Kind.SHM, BULK)) {
            p.run(c -> {
                for (int call = 0; call < 30; call++) {
                    int root = call % np;
                    int n = 300 + 61 * call; // bytes: 3 chunks and more
                    byte[] b = new byte[n + 2];
                    if (c.rank() == root) {
                        for (int i = 0; i < n; i++) {
                            b[i + 2] = (byte) (i * 31 + call);
                        }
                    }
                    c.bcast(b, 2, n, root);
                    for (int i = 0; i < n; i++) {
                        assertEquals((byte) (i * 31 + call), b[i + 2], "call " + call + " byte " + i);
                    }
                    assertEquals(0, b[0] | b[1], "nothing before the offset is written");

                    double[] d = new double[n / 8];
                    if (c.rank() == root) {
                        for (int i = 0; i < d.length; i++) {
                            d[i] = i + call / 7.0;
                        }
                    }
                    c.bcast(d, 0, d.length, root);
                    for (int i = 0; i < d.length; i++) {
                        assertEquals(i + call / 7.0, d[i], "call " + call + " double " + i);
                    }

                    ByteBuffer bb = ByteBuffer.allocateDirect(4 * 100).order(ByteOrder.LITTLE_ENDIAN);
                    if (c.rank() == root) {
                        for (int i = 0; i < 100; i++) {
                            bb.putInt(4 * i, i * call - root);
                        }
                    }
                    c.bcast(bb, 0, 400, root);
                    for (int i = 0; i < 100; i++) {
                        assertEquals(i * call - root, bb.getInt(4 * i), "call " + call + " buffer int " + i);
                    }
                }
                double[] none = new double[0];
                c.bcast(none, 0, 0, 0);
                c.allreduce(none, 0, none, 0, 0, Op.SUM);
                int[] last = {c.rank()};
                c.allreduce(last, 0, last, 0, 1, Op.SUM);
                assertArrayEquals(new int[] {np * (np - 1) / 2}, last, "small allreduce still right after bulk calls");
            });
        }
    }
}
