package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spmd4j.collective.NodeArea;
import io.spmd4j.collective.Tuning;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared-memory barrier and small allreduce ({@link io.spmd4j.collective.NodeArea}): used exactly
 * where every rank shares memory (a mapped file between processes, a buffer between threads), results
 * bitwise equal to a fold in rank order on every rank, the
 * area's file gone from the job directory once set up, and many calls in a row (the two phases of
 * the area alternate) right.
 */
class NodeAreaTest {
    @Test
    void shouldUseTheAreaOnlyWhereEveryRankSharesMemory() throws Exception {
        for (EnginePair.Kind kind : EnginePair.Kind.values()) {
            try (EnginePair p = new EnginePair(3, kind)) {
                ConcurrentHashMap<Integer, Boolean> uses = new ConcurrentHashMap<>();
                p.run(c -> uses.put(c.rank(), c.usesNodeArea()));
                for (int r = 0; r < 3; r++) {
                    assertEquals(kind != EnginePair.Kind.TCP, uses.get(r), kind + " rank " + r); // threads: a shared buffer
                }
                if (p.jobDir() != null) {
                    try (Stream<java.nio.file.Path> files = Files.list(p.jobDir())) {
                        assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("coll-")),
                            "the area's file is removed once every rank has mapped it");
                    }
                }
            }
        }
        try (EnginePair p = new EnginePair(3, EnginePair.Kind.SHM, Tuning.SMALL_ALGORITHMS)) {
            p.run(c -> assertFalse(c.usesNodeArea(), "spmd4j.coll.node.bytes=0 turns it off"));
        }
    }

    @Test
    void shouldMatchAFoldInRankOrderBitwiseOnEveryRank() throws Exception {
        for (int n = 4; n <= 11; n++) {
            int size = 2 + n % 4;
            EnginePair.Kind kind = n < 8 ? EnginePair.Kind.SHM : EnginePair.Kind.LOCAL; // np 2 to 5 with each
            try (EnginePair p = new EnginePair(size, kind)) {
                p.run(c -> {
                    assertTrue(c.usesNodeArea());
                    for (int call = 0; call < 200; call++) {
                        // doubles whose sum depends on the order: only the rank-order fold gives these bits
                        double[] mine = {Math.pow(10, 3 * c.rank() - 5) + call, 1.0 / (c.rank() + 1), -call};
                        double[] sum = new double[3];
                        c.allreduce(mine, 0, sum, 0, 3, Op.SUM);
                        double[] expected = new double[3];
                        for (int i = 0; i < 3; i++) {
                            double acc = valueOf(size - 1, call, i);
                            for (int r = size - 2; r >= 0; r--) {
                                acc = valueOf(r, call, i) + acc;
                            }
                            expected[i] = acc;
                        }
                        assertArrayEquals(expected, sum, 0.0, "call " + call);
                        long[] f = {CollectiveTest.affine(c.rank(), call)};
                        long[] composed = new long[1];
                        c.allreduce(f, 0, composed, 0, 1, CollectiveTest.AFFINE);
                        long want = CollectiveTest.affine(size - 1, call);
                        for (int r = size - 2; r >= 0; r--) {
                            want = CollectiveTest.compose(CollectiveTest.affine(r, call), want);
                        }
                        assertEquals(want, composed[0], "non-commutative op in rank order, call " + call);
                        c.barrier();
                    }
                });
            }
        }
    }

    private static double valueOf(int rank, int call, int i) {
        return i == 0 ? Math.pow(10, 3 * rank - 5) + call : i == 1 ? 1.0 / (rank + 1) : -call;
    }

    @Test
    void shouldReduceInPlaceAndIntoByteBuffersAndKeepLargerOnesOnMessages() throws Exception {
        try (EnginePair p = new EnginePair(4, EnginePair.Kind.SHM)) {
            p.run(c -> {
                int[] v = {c.rank(), 10 * c.rank()};
                c.allreduce(v, 0, v, 0, 2, Op.MAX);
                assertArrayEquals(new int[] {3, 30}, v);
                ByteBuffer in = ByteBuffer.allocateDirect(4);
                in.put(0, (byte) (1 << c.rank()));
                ByteBuffer out = ByteBuffer.allocateDirect(4);
                c.allreduce(in, 0, out, 0, 1, Op.BOR);
                assertEquals(15, out.get(0));
                long[] big = new long[1000];
                java.util.Arrays.fill(big, c.rank());
                long[] total = new long[1000];
                c.allreduce(big, 0, total, 0, 1000, Op.SUM);
                assertEquals(6, total[999]);
            });
        }
    }

    @Test
    void shouldHoldEveryRankUntilAllHaveArrived() throws Exception {
        AtomicInteger arrived = new AtomicInteger();
        try (EnginePair p = new EnginePair(4, EnginePair.Kind.SHM)) {
            p.run(c -> {
                for (int round = 1; round <= 100; round++) {
                    if (c.rank() == round % 4) {
                        Thread.sleep(1); // one late rank per round
                    }
                    arrived.incrementAndGet();
                    c.barrier();
                    assertTrue(arrived.get() >= 4 * round, "left round " + round + " before all arrived");
                    c.barrier();
                }
            });
        }
    }

    /**
     * On a full shared-memory file system the area fails when it is set up (the communicator then uses
     * messages), not with SIGBUS at a later store into an unbacked page of a sparse file. Needs root
     * for a small tmpfs of its own.
     */
    @Test
    void shouldFailAtSetUpWhenTheFileSystemHasNoRoomForTheArea(@TempDir Path dir) throws Exception {
        Path mount = dir.resolve("tiny");
        Files.createDirectory(mount);
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", mount.toString())
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mount -t tmpfs is not allowed here");
        try {
            Path file = mount.resolve("coll-test");
            int chunk = NodeArea.chunkBytesFor(2, 1 << 20);
            ShmJobDirectory.NoSpaceException e = assertThrows(ShmJobDirectory.NoSpaceException.class,
                () -> NodeArea.open(file, 2, 0, 256, chunk));
            assertTrue(e.getMessage().contains(mount.toString()), e.getMessage());
            NodeArea.unlink(file);
        } finally {
            // lazy: after a failed run this process may still map a file there
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
