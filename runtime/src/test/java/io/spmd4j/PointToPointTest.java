package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Point-to-point semantics over real TCP connections between engines in one JVM. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class PointToPointTest {
    @Parameter
    EnginePair.Kind kind;


    @ParameterizedTest(name = "{0} doubles")
    @ValueSource(ints = {0, 1, 1000, 8192, 8193, 200_000})
    void shouldDeliverEagerAndRendezvousMessagesIntact(int count) throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    double[] a = new double[count + 3];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = i * 0.5;
                    }
                    c.send(a, 3, count, 1, 9);
                } else {
                    double[] b = new double[count + 1];
                    Status s = c.recv(b, 1, count, 0, 9);
                    assertEquals(count, s.count());
                    assertEquals(count * 8L, s.bytes());
                    assertEquals(0, s.source());
                    assertEquals(9, s.tag());
                    for (int i = 0; i < count; i++) {
                        assertEquals((i + 3) * 0.5, b[i + 1]);
                    }
                }
            });
        }
    }

    @Test
    void shouldDeliverInOrderFromSameSourceAcrossProtocols() throws Exception {
        Properties small = new Properties();
        small.setProperty("spmd4j.eager.limit", "64");
        try (EnginePair p = new EnginePair(2, small, kind)) {
            int n = 2000;
            p.run(c -> {
                if (c.rank() == 0) {
                    for (int i = 0; i < n; i++) {
                        int len = (i % 7 == 0) ? 100 : 1; // mix of eager and rendezvous
                        int[] m = new int[len];
                        m[0] = i;
                        c.send(m, 0, len, 1, 5);
                    }
                } else {
                    int[] m = new int[100];
                    for (int i = 0; i < n; i++) {
                        c.recv(m, 0, 100, Spmd.ANY_SOURCE, Spmd.ANY_TAG);
                        assertEquals(i, m[0]);
                    }
                }
            });
        }
    }

    @Test
    void shouldMatchWildcardsAndTagsSelectively() throws Exception {
        try (EnginePair p = new EnginePair(3, kind)) {
            p.run(c -> {
                if (c.rank() != 0) {
                    c.send(new int[] {c.rank()}, 0, 1, 0, 10 + c.rank());
                } else {
                    int[] x = new int[1];
                    Status s2 = c.recv(x, 0, 1, Spmd.ANY_SOURCE, 12);
                    assertEquals(2, s2.source());
                    assertEquals(2, x[0]);
                    Status s1 = c.recv(x, 0, 1, 1, Spmd.ANY_TAG);
                    assertEquals(11, s1.tag());
                    assertEquals(1, x[0]);
                }
            });
        }
    }

    @Test
    void shouldRaiseTruncationAtReceiverWhileSenderCompletesAndNextMessageArrives() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    c.send(new int[100], 0, 100, 1, 1);        // eager, too big
                    c.send(new int[100_000], 0, 100_000, 1, 1); // rendezvous, too big
                    c.send(new int[] {42}, 0, 1, 1, 1);
                } else {
                    int[] small = new int[10];
                    MpiException e1 = assertThrows(MpiException.class, () -> c.recv(small, 0, 10, 0, 1));
                    assertEquals(ErrorClass.ERR_TRUNCATE, e1.errorClass());
                    assertTrue(e1.getMessage().contains("400 bytes") && e1.getMessage().contains("40 bytes"),
                        e1.getMessage());
                    MpiException e2 = assertThrows(MpiException.class, () -> c.recv(small, 0, 10, 0, 1));
                    assertTrue(e2.getMessage().contains("400000 bytes"), e2.getMessage());
                    c.recv(small, 0, 10, 0, 1);
                    assertEquals(42, small[0]);
                }
            });
        }
    }

    @Test
    void shouldCompleteSsendOnlyAfterTheReceiveMatches() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    Request r = c.issend(new byte[] {1}, 0, 1, 1, 3);
                    long until = System.nanoTime() + 200_000_000L;
                    while (System.nanoTime() < until) {
                        assertFalse(r.test(), "ssend completed before the receive was posted");
                    }
                    c.send(new byte[] {0}, 0, 1, 1, 4); // tells rank 1 to post the receive
                    r.await();
                } else {
                    byte[] b = new byte[1];
                    c.recv(b, 0, 1, 0, 4);
                    c.recv(b, 0, 1, 0, 3);
                    assertEquals(1, b[0]);
                }
            });
        }
    }

    @Test
    void shouldProbeCancelAndHonourProcNull() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    c.send(new long[] {7, 8}, 0, 2, 1, 77);
                    c.barrier();
                } else {
                    Status probed = c.probe(0, 77);
                    assertEquals(2, new Status(probed.source(), probed.tag(), probed.bytes(), 8, false).count());
                    assertNotNull(c.iprobe(Spmd.ANY_SOURCE, 77));
                    assertNull(c.iprobe(0, 78));
                    long[] l = new long[2];
                    c.recv(l, 0, 2, 0, 77);
                    assertArrayEquals(new long[] {7, 8}, l);
                    Request never = c.irecv(l, 0, 2, 0, 999);
                    assertTrue(never.cancel());
                    assertTrue(never.await().cancelled());
                    c.barrier();
                }
                Status s = c.recv(new int[1], 0, 1, Spmd.PROC_NULL, 0);
                assertEquals(Spmd.PROC_NULL, s.source());
                assertEquals(0, s.count());
                c.send(new int[1], 0, 1, Spmd.PROC_NULL, 0);
                assertTrue(c.isend(new int[1], 0, 1, Spmd.PROC_NULL, 0).test());
            });
        }
    }

    @Test
    void shouldRejectInvalidArgumentsNamingTheValues() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            Comm c = p.comm(0);
            MpiException dest = assertThrows(MpiException.class, () -> c.send(new int[1], 0, 1, 7, 0));
            assertEquals("invalid dest: dest=7, size=2", dest.getMessage());
            assertEquals(ErrorClass.ERR_RANK, dest.errorClass());
            MpiException tag = assertThrows(MpiException.class, () -> c.send(new int[1], 0, 1, 1, -3));
            assertEquals(ErrorClass.ERR_TAG, tag.errorClass());
            MpiException src = assertThrows(MpiException.class, () -> c.recv(new int[1], 0, 1, 5, 0));
            assertEquals(ErrorClass.ERR_RANK, src.errorClass());
            MpiException root = assertThrows(MpiException.class, () -> c.bcast(new int[1], 0, 1, 2));
            assertEquals(ErrorClass.ERR_ROOT, root.errorClass());
        }
    }

    @Test
    void shouldExchangeObjectsAndByteBuffersAndReplaceInPlace() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                int other = 1 - c.rank();
                c.sendObject(List.of("from", c.rank()), other, 1);
                List<Object> got = c.recvObject(other, 1);
                assertEquals(List.of("from", other), got);

                ByteBuffer direct = ByteBuffer.allocateDirect(300_000);
                direct.put(123, (byte) (10 + c.rank()));
                ByteBuffer in = ByteBuffer.allocateDirect(300_000);
                Status st = c.sendrecv(direct, 0, 300_000, other, 2, in, 0, 300_000, other, 2);
                assertEquals(300_000, st.count());
                assertEquals(10 + other, in.get(123));
                int[] v = {c.rank()};
                c.sendrecvReplace(v, 0, 1, other, 4, other, 4);
                assertEquals(other, v[0]);
                String big = "x".repeat(200_000);
                Object echoed = c.bcastObject(c.rank() == 0 ? big : null, 0);
                assertEquals(big, echoed);
            });
        }
    }

    @Test
    void shouldSendToSelfWithoutDeadlock() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            p.run(c -> {
                double[] a = {1, 2, 3};
                c.send(a, 0, 3, c.rank(), 0);
                double[] b = new double[3];
                c.recv(b, 0, 3, c.rank(), 0);
                assertArrayEquals(a, b);
                Request s = c.issend(a, 0, 3, c.rank(), 1);
                assertFalse(s.test());
                c.recv(b, 0, 3, Spmd.ANY_SOURCE, 1);
                s.await();
            });
        }
    }
}
