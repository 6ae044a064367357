package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.collective.Tuning;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every collective on world sizes 1 to 5, every root, with the default algorithm choice and with
 * every collective forced to its latency-bound and to its bandwidth-bound algorithm; over TCP,
 * shared memory and ranks as threads.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class CollectiveTest {
    @Parameter
    EnginePair.Kind kind;

    /** Which algorithms the world communicator uses. */
    enum Algorithms {
        DEFAULT(Tuning.DEFAULT), SMALL(Tuning.SMALL_ALGORITHMS), LARGE(Tuning.LARGE_ALGORITHMS);

        final Tuning tuning;

        Algorithms(Tuning tuning) {
            this.tuning = tuning;
        }
    }

    static Stream<Arguments> sizesAndAlgorithms() {
        return IntStream.rangeClosed(1, 5).boxed()
            .flatMap(np -> Arrays.stream(Algorithms.values()).map(a -> Arguments.of(np, a)));
    }

    private void run(int np, Algorithms algorithms, EnginePair.RankBody body) throws Exception {
        try (EnginePair p = new EnginePair(np, kind, algorithms.tuning)) {
            p.run(body);
        }
    }

    /**
     * An associative operation that is not commutative: composition of the affine maps
     * {@code x -> m x + c (mod 2^32)}, each packed in a long as {@code m << 32 | c};
     * {@code f op g} applies f first.
     */
    static final Op AFFINE = Op.ofLongs("AFFINE", false, CollectiveTest::compose);

    static long compose(long f, long g) {
        long mf = f >>> 32;
        long cf = f & 0xFFFFFFFFL;
        long mg = g >>> 32;
        long cg = g & 0xFFFFFFFFL;
        long m = (mg * mf) & 0xFFFFFFFFL;
        long c = (mg * cf + cg) & 0xFFFFFFFFL;
        return m << 32 | c;
    }

    /** Rank r's i-th affine map. */
    static long affine(int r, int i) {
        return (long) (3 + 2 * r + i) << 32 | (7L * r + 11L * i + 1);
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldBroadcastFromEveryRoot(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
            for (int root = 0; root < np; root++) {
                double[] a = new double[100_001];
                if (c.rank() == root) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = root * 1000 + i;
                    }
                }
                c.bcast(a, 1, 100_000, root);
                assertEquals(c.rank() == root ? root * 1000 : 0.0, a[0]);
                for (int i = 1; i < a.length; i++) {
                    assertEquals(root * 1000 + i, a[i], "element " + i);
                }
                int[] few = c.rank() == root ? new int[] {root, 2, 3} : new int[3];
                c.bcast(few, 0, 3, root); // fewer elements than ranks: empty blocks
                assertArrayEquals(new int[] {root, 2, 3}, few);
                ByteBuffer b = ByteBuffer.allocateDirect(600_000);
                if (c.rank() == root) {
                    for (int i = 0; i < 600_000; i++) {
                        b.put(i, (byte) (i * 7 + root));
                    }
                }
                c.bcast(b, 5, 599_995, root);
                for (int i = 5; i < 600_000; i += 997) {
                    assertEquals((byte) (i * 7 + root), b.get(i));
                }
                assertEquals(c.rank() == root ? (byte) root : 0, b.get(0));
            }
        });
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldReduceAndAllreduceWithTheArithmeticOps(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
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
            int n = 10_007;
            double[] x = new double[n + 2];
            for (int i = 0; i < n; i++) {
                x[i + 2] = i * (r + 1);
            }
            double[] y = new double[n + 1];
            c.allreduce(x, 2, y, 1, n, Op.SUM);
            for (int i = 0; i < n; i++) {
                assertEquals((double) i * sum, y[i + 1], "element " + i);
            }
            for (int root = 0; root < np; root++) {
                int[] res = {-1};
                c.reduce(new int[] {r}, 0, res, 0, 1, Op.SUM, root);
                assertEquals(r == root ? np * (np - 1) / 2 : -1, res[0]);
                float[] big = new float[n];
                Arrays.fill(big, r);
                float[] max = r == root ? new float[n] : null;
                c.reduce(big, 0, max, 0, n, Op.MAX, root);
                if (r == root) {
                    assertEquals(np - 1, max[0]);
                    assertEquals(np - 1, max[n - 1]);
                }
            }
        });
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldCombineNonCommutativeOpsInRankOrder(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
            int r = c.rank();
            int n = 37;
            long[] mine = new long[n * np];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = affine(r, i);
            }
            long[][] prefix = new long[np][mine.length]; // prefix[k] = x0 op ... op xk
            for (int k = 0; k < np; k++) {
                for (int i = 0; i < mine.length; i++) {
                    prefix[k][i] = k == 0 ? affine(0, i) : compose(prefix[k - 1][i], affine(k, i));
                }
            }
            long[] all = new long[mine.length];
            c.allreduce(mine, 0, all, 0, mine.length, AFFINE);
            assertArrayEquals(prefix[np - 1], all, "allreduce");
            for (int root = 0; root < np; root++) {
                long[] at = new long[mine.length];
                c.reduce(mine, 0, at, 0, mine.length, AFFINE, root);
                if (r == root) {
                    assertArrayEquals(prefix[np - 1], at, "reduce at " + root);
                }
            }
            long[] scan = new long[mine.length];
            c.scan(mine, 0, scan, 0, mine.length, AFFINE);
            assertArrayEquals(prefix[r], scan, "scan");
            long[] exscan = new long[mine.length];
            Arrays.fill(exscan, 42);
            c.exscan(mine, 0, exscan, 0, mine.length, AFFINE);
            if (r > 0) {
                assertArrayEquals(prefix[r - 1], exscan, "exscan");
            } else {
                assertEquals(42, exscan[0], "exscan leaves rank 0 alone");
            }
            long[] block = new long[n];
            c.reduceScatterBlock(mine, 0, block, 0, n, AFFINE);
            assertArrayEquals(Arrays.copyOfRange(prefix[np - 1], r * n, (r + 1) * n), block, "reduceScatterBlock");
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldApplyLogicalBitwiseAndLocationOps(int np) throws Exception {
        run(np, Algorithms.DEFAULT, c -> {
            int r = c.rank();
            boolean[] flags = {true, r == 0, r % 2 == 1, false};
            boolean[] and = new boolean[4];
            boolean[] or = new boolean[4];
            boolean[] xor = new boolean[4];
            c.allreduce(flags, 0, and, 0, 4, Op.LAND);
            c.allreduce(flags, 0, or, 0, 4, Op.LOR);
            c.allreduce(flags, 0, xor, 0, 4, Op.LXOR);
            assertArrayEquals(new boolean[] {true, np == 1, false, false}, and);
            assertArrayEquals(new boolean[] {true, true, np > 1, false}, or);
            assertArrayEquals(new boolean[] {np % 2 == 1, true, (np / 2) % 2 == 1, false}, xor);
            int[] lor = new int[1];
            c.allreduce(new int[] {r == np - 1 ? 5 : 0}, 0, lor, 0, 1, Op.LOR);
            assertEquals(np == 1 ? 5 : 1, lor[0], "one rank's value is the result as it is");
            byte[] bits = new byte[3];
            c.allreduce(new byte[] {(byte) (1 << r), (byte) 0xFF, (byte) (1 << r)}, 0, bits, 0, 1, Op.BOR);
            c.allreduce(new byte[] {(byte) (1 << r), (byte) ~(1 << r), 0}, 1, bits, 1, 1, Op.BAND);
            c.allreduce(new byte[] {0, 0, (byte) 3}, 2, bits, 2, 1, Op.BXOR);
            assertEquals((byte) ((1 << np) - 1), bits[0]);
            assertEquals((byte) ~((1 << np) - 1), bits[1]);
            assertEquals(np % 2 == 1 ? 3 : 0, bits[2]);
            long[] lx = new long[1];
            c.allreduce(new long[] {1L << (40 + r)}, 0, lx, 0, 1, Op.BXOR);
            assertEquals(((1L << np) - 1) << 40, lx[0]);
            // value/index pairs: the value peaks at rank 1 (ties broken by the smaller index)
            double[] pair = {r == 1 ? 10.0 : r % 2, r};
            double[] min = new double[2];
            double[] max = new double[2];
            c.allreduce(pair, 0, min, 0, 2, Op.MINLOC);
            c.allreduce(pair, 0, max, 0, 2, Op.MAXLOC);
            assertArrayEquals(new double[] {0.0, 0}, min);
            assertArrayEquals(np > 1 ? new double[] {10.0, 1} : new double[] {0.0, 0}, max);
            int[] ipairs = {7, r, -r, r};
            int[] iout = new int[4];
            c.allreduce(ipairs, 0, iout, 0, 4, Op.MAXLOC);
            assertArrayEquals(new int[] {7, 0, 0, 0}, iout);
            short[] s = new short[1];
            c.allreduce(new short[] {(short) (r + 1)}, 0, s, 0, 1, Op.SUM);
            assertEquals((short) (np * (np + 1) / 2), s[0]);
            char[] ch = new char[1];
            c.allreduce(new char[] {(char) ('a' + r)}, 0, ch, 0, 1, Op.MAX);
            assertEquals((char) ('a' + np - 1), ch[0]);
            ByteBuffer in = ByteBuffer.allocate(8);
            in.put(3, (byte) (r + 1));
            ByteBuffer sum = ByteBuffer.allocateDirect(8);
            c.allreduce(in, 3, sum, 6, 1, Op.SUM);
            assertEquals((byte) (np * (np + 1) / 2), sum.get(6));
        });
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldGatherAndScatterAtEveryRoot(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
            int r = c.rank();
            int[] counts = IntStream.range(0, np).map(i -> i + 1).toArray();
            int[] displs = new int[np]; // blocks in reverse rank order, one gap element apart
            int at = 1;
            for (int i = np - 1; i >= 0; i--) {
                displs[i] = at;
                at += counts[i] + 1;
            }
            for (int root = 0; root < np; root++) {
                int[] g = new int[2 + 3 * np];
                c.gather(new int[] {-1, r, 10 * r, 100 * r}, 1, 3, g, 2, root);
                if (r == root) {
                    for (int i = 0; i < np; i++) {
                        assertArrayEquals(new int[] {i, 10 * i, 100 * i}, Arrays.copyOfRange(g, 2 + 3 * i, 5 + 3 * i));
                    }
                }
                long[] mine = new long[r + 1];
                Arrays.fill(mine, 1000L * r + root);
                long[] gv = r == root ? new long[at] : null;
                c.gatherv(mine, 0, r + 1, gv, 0, counts, displs, root);
                if (r == root) {
                    for (int i = 0; i < np; i++) {
                        for (int k = 0; k < counts[i]; k++) {
                            assertEquals(1000L * i + root, gv[displs[i] + k]);
                        }
                        assertEquals(0, gv[displs[i] - 1], "gap before rank " + i);
                    }
                }
                double[] all = new double[4 * np];
                for (int i = 0; i < all.length; i++) {
                    all[i] = r == root ? i + 0.5 : -1;
                }
                double[] part = new double[4];
                c.scatter(all, 0, 4, part, 0, root);
                assertArrayEquals(new double[] {4 * r + 0.5, 4 * r + 1.5, 4 * r + 2.5, 4 * r + 3.5}, part);
                short[] src = new short[at];
                if (r == root) {
                    for (int i = 0; i < np; i++) {
                        for (int k = 0; k < counts[i]; k++) {
                            src[displs[i] + k] = (short) (i * 10 + k);
                        }
                    }
                }
                short[] got = new short[r + 2];
                c.scatterv(r == root ? src : null, 0, counts, displs, got, 1, r + 1, root);
                for (int k = 0; k < r + 1; k++) {
                    assertEquals((short) (r * 10 + k), got[k + 1]);
                }
            }
        });
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldAllgatherAndAlltoall(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
            int r = c.rank();
            for (int n : new int[] {1, 3, 20_000}) {
                long[] mine = new long[n];
                Arrays.fill(mine, r * 7L + n);
                long[] all = new long[n * np + 1];
                c.allgather(mine, 0, n, all, 1);
                for (int i = 0; i < np; i++) {
                    assertEquals(i * 7L + n, all[1 + i * n]);
                    assertEquals(i * 7L + n, all[(i + 1) * n]);
                }
            }
            ByteBuffer bytes = ByteBuffer.allocate(np * 2);
            c.allgather(ByteBuffer.wrap(new byte[] {(byte) r, (byte) (r + 100)}), 0, 2, bytes, 0);
            for (int i = 0; i < np; i++) {
                assertEquals((byte) i, bytes.get(2 * i));
                assertEquals((byte) (i + 100), bytes.get(2 * i + 1));
            }
            int[] counts = IntStream.range(0, np).map(i -> (i * 3) % 4).toArray();
            int[] displs = Comm.packed(counts);
            int total = Arrays.stream(counts).sum();
            float[] v = new float[total];
            float[] minev = new float[counts[r]];
            Arrays.fill(minev, r + 0.25f);
            c.allgatherv(minev, 0, counts[r], v, 0, counts, displs);
            for (int i = 0; i < np; i++) {
                for (int k = 0; k < counts[i]; k++) {
                    assertEquals(i + 0.25f, v[displs[i] + k]);
                }
            }
            for (int n : new int[] {2, 5000}) {
                int[] send = new int[n * np];
                for (int j = 0; j < np; j++) {
                    for (int k = 0; k < n; k++) {
                        send[j * n + k] = r * 1000 + j * 10 + k % 10;
                    }
                }
                int[] recv = new int[n * np];
                c.alltoall(send, 0, n, recv, 0);
                for (int i = 0; i < np; i++) {
                    assertEquals(i * 1000 + r * 10, recv[i * n]);
                    assertEquals(i * 1000 + r * 10 + (n - 1) % 10, recv[i * n + n - 1]);
                }
            }
            // alltoallv: rank r sends j + r + 1 elements to rank j
            int[] sc = IntStream.range(0, np).map(j -> j + r + 1).toArray();
            int[] rc = IntStream.range(0, np).map(i -> r + i + 1).toArray();
            int[] sd = Comm.packed(sc);
            int[] rd = Comm.packed(rc);
            char[] out = new char[Arrays.stream(sc).sum()];
            for (int j = 0; j < np; j++) {
                Arrays.fill(out, sd[j], sd[j] + sc[j], (char) ('A' + r * 5 + j));
            }
            char[] in = new char[Arrays.stream(rc).sum()];
            c.alltoallv(out, 0, sc, sd, in, 0, rc, rd);
            for (int i = 0; i < np; i++) {
                for (int k = 0; k < rc[i]; k++) {
                    assertEquals((char) ('A' + i * 5 + r), in[rd[i] + k]);
                }
            }
        });
    }

    @ParameterizedTest(name = "np={0} {1}")
    @MethodSource("sizesAndAlgorithms")
    void shouldReduceScatterAndScan(int np, Algorithms algorithms) throws Exception {
        run(np, algorithms, c -> {
            int r = c.rank();
            int[] counts = IntStream.range(0, np).map(i -> i + 1).toArray();
            int total = Arrays.stream(counts).sum();
            int[] send = new int[total];
            for (int i = 0; i < total; i++) {
                send[i] = i * (r + 1);
            }
            int[] mine = new int[counts[r]];
            c.reduceScatter(send, 0, mine, 0, counts, Op.SUM);
            int start = Comm.packed(counts)[r];
            for (int k = 0; k < counts[r]; k++) {
                assertEquals((start + k) * np * (np + 1) / 2, mine[k]);
            }
            double[] sx = new double[3];
            c.scan(new double[] {r, 1, r * r}, 0, sx, 0, 3, Op.SUM);
            assertArrayEquals(new double[] {r * (r + 1) / 2.0, r + 1, r * (r + 1) * (2 * r + 1) / 6.0}, sx);
            long[] ex = {-5};
            c.exscan(new long[] {r + 1}, 0, ex, 0, 1, Op.PROD);
            long fact = 1;
            for (int k = 1; k <= r; k++) {
                fact *= k;
            }
            assertEquals(r == 0 ? -5 : fact, ex[0]);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldExchangeObjects(int np) throws Exception {
        run(np, Algorithms.DEFAULT, c -> {
            int r = c.rank();
            String me = "r" + r;
            List<String> expected = IntStream.range(0, np).mapToObj(i -> "r" + i).toList();
            for (int root = 0; root < np; root++) {
                List<String> g = c.gatherObject(me, root);
                if (r == root) {
                    assertEquals(expected, g);
                } else {
                    assertNull(g);
                }
                List<String> parts = r == root ? IntStream.range(0, np).mapToObj(i -> "to" + i).toList() : null;
                assertEquals("to" + r, c.scatterObject(parts, root));
                String concat = c.reduceObject(me, String::concat, root);
                assertEquals(r == root ? String.join("", expected) : null, concat);
                assertEquals(List.of(root, "x"), c.bcastObject(r == root ? List.of(root, "x") : null, root));
            }
            assertEquals(expected, c.allgatherObject(me));
            List<String> out = IntStream.range(0, np).mapToObj(j -> r + "->" + j).toList();
            assertEquals(IntStream.range(0, np).mapToObj(i -> i + "->" + r).toList(), c.alltoallObject(out));
            assertEquals(String.join("", expected), c.allreduceObject(me, String::concat));
            assertEquals(String.join("", expected.subList(0, r + 1)), c.scanObject(me, String::concat));
            assertEquals(r == 0 ? null : String.join("", expected.subList(0, r)), c.exscanObject(me, String::concat));
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3, 5})
    void shouldGiveBitwiseIdenticalFloatingPointSumsOnEveryRankAndRun(int np) throws Exception {
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            double[][] perRank = new double[np][];
            run(np, Algorithms.DEFAULT, c -> {
                double[] x = noisy(c.rank(), 100_000);
                double[] s = new double[101_000];
                c.allreduce(x, 0, s, 0, 1000, Op.SUM); // recursive doubling
                c.allreduce(x, 0, s, 1000, 100_000, Op.SUM); // halving and doubling
                for (int i = 0; i < 1000; i++) {
                    assertEquals(s[i], s[1000 + i], 1e-9 * Math.abs(s[i]) + 1e-300, "element " + i);
                }
                perRank[c.rank()] = s;
            });
            for (int r = 1; r < np; r++) {
                assertArrayEquals(perRank[0], perRank[r]);
            }
            results[run] = perRank[0];
        }
        assertArrayEquals(results[0], results[1]);
    }

    /** Recursive doubling and Rabenseifner bracket the sum alike, so they agree to the last bit. */
    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {3, 4, 5})
    void shouldGiveTheSameBitsWithEitherAllreduceAlgorithm(int np) throws Exception {
        double[][] results = new double[2][];
        for (Algorithms a : new Algorithms[] {Algorithms.SMALL, Algorithms.LARGE}) {
            run(np, a, c -> {
                double[] s = new double[50_000];
                c.allreduce(noisy(c.rank(), s.length), 0, s, 0, s.length, Op.SUM);
                if (c.rank() == np - 1) {
                    results[a == Algorithms.SMALL ? 0 : 1] = s;
                }
            });
        }
        assertArrayEquals(results[0], results[1]);
    }

    /** Values of wildly different magnitudes, so that the order of additions shows in the result. */
    static double[] noisy(int rank, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i * 0.37 + rank) * Math.pow(10, (i + rank) % 17 - 8);
        }
        return x;
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldRejectMisuseWithMessagesNamingTheValues(int np) throws Exception {
        run(np, Algorithms.DEFAULT, c -> {
            MpiException e = assertThrows(MpiException.class, () -> c.bcast(new int[1], 0, 1, np));
            assertEquals(ErrorClass.ERR_ROOT, e.errorClass());
            assertTrue(e.getMessage().contains("root=" + np), e.getMessage());
            e = assertThrows(MpiException.class, () -> c.reduce(new int[1], 0, new int[1], 0, 1, Op.SUM, -1));
            assertEquals(ErrorClass.ERR_ROOT, e.errorClass());
            e = assertThrows(MpiException.class, () -> c.allreduce(new int[1], 0, new int[1], 0, -2, Op.SUM));
            assertEquals(ErrorClass.ERR_COUNT, e.errorClass());
            assertTrue(e.getMessage().contains("-2"), e.getMessage());
            e = assertThrows(MpiException.class, () -> c.allgather(new int[2], 0, 2, new int[2 * np - 1], 0));
            assertEquals(ErrorClass.ERR_BUFFER, e.errorClass());
            assertTrue(e.getMessage().contains("allgather") && e.getMessage().contains("needs " + 2 * np),
                e.getMessage());
            e = assertThrows(MpiException.class, () -> c.allreduce(new boolean[1], 0, new boolean[1], 0, 1, Op.SUM));
            assertEquals(ErrorClass.ERR_OP, e.errorClass());
            assertTrue(e.getMessage().contains("SUM") && e.getMessage().contains("boolean"), e.getMessage());
            e = assertThrows(MpiException.class, () -> c.allreduce(new int[3], 0, new int[3], 0, 3, Op.MINLOC));
            assertEquals(ErrorClass.ERR_COUNT, e.errorClass());
            e = assertThrows(MpiException.class, () -> c.allreduce(new float[2], 0, new float[2], 0, 2, Op.BAND));
            assertEquals(ErrorClass.ERR_OP, e.errorClass());
            e = assertThrows(MpiException.class,
                () -> c.alltoallv(new int[4], 0, new int[np + 1], new int[np + 1], new int[4], 0, new int[np], new int[np]));
            assertEquals(ErrorClass.ERR_COUNT, e.errorClass());
            e = assertThrows(MpiException.class, () -> c.scatterv(new int[4], 0, new int[np], new int[np], new int[1],
                0, -1, 0));
            assertEquals(ErrorClass.ERR_COUNT, e.errorClass());
            c.barrier(); // errors that every rank raised alike leave the communicator usable
            int[] sum = new int[1];
            c.allreduce(new int[] {1}, 0, sum, 0, 1, Op.SUM);
            assertEquals(np, sum[0]);
            // the root alone checks the gathered size (an error on some ranks only leaves the
            // communicator out of step, as in MPI, so this comes last); the others' sends complete
            int[] tooSmall = new int[np - 1];
            if (c.rank() == 0) {
                e = assertThrows(MpiException.class, () -> c.gather(new int[1], 0, 1, tooSmall, 0, 0));
                assertEquals(ErrorClass.ERR_BUFFER, e.errorClass());
                assertTrue(e.getMessage().contains("gather"), e.getMessage());
            } else {
                c.gather(new int[1], 0, 1, null, 0, 0);
            }
            assertFalse(c.isFreed());
        });
    }

}
