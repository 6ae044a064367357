package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large messages on every transport: sizes around the boundaries of the data path (the threshold of
 * straight payload copies, ring records, the eager limit, the ring capacity), typed arrays and buffers
 * at offsets, many messages in flight in both directions at once, and wildcard receives that mix
 * small and large messages. The shared-memory cases run with the smallest ring, so that every large
 * message wraps around it many times.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class LargeMessageTest {
    private static final int KIB = 1024;

    @Parameter
    EnginePair.Kind kind;

    private static double value(int i) {
        return i * 0.25 - 7;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {16 * KIB - 8, 16 * KIB, 16 * KIB + 8, 64 * KIB - 8, 64 * KIB, 64 * KIB + 8,
        128 * KIB + 40, KIB * KIB - 8, KIB * KIB + 8, 3 * KIB * KIB + 24})
    void shouldDeliverDoublesIntactAtOffsetsAroundEveryBoundary(int bytes) throws Exception {
        int count = bytes / Double.BYTES;
        try (EnginePair p = new EnginePair(2, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    double[] a = new double[count + 5];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = value(i);
                    }
                    c.send(a, 5, count, 1, 3);
                } else {
                    double[] b = new double[count + 9];
                    Status s = c.recv(b, 7, count, 0, 3);
                    assertEquals(count, s.count());
                    for (int i = 0; i < count; i++) {
                        if (b[7 + i] != value(5 + i)) {
                            assertEquals(value(5 + i), b[7 + i], "element " + i + " of " + count);
                        }
                    }
                    assertEquals(0.0, b[6], "the element before the receive region is untouched");
                    assertEquals(0.0, b[7 + count], "the element after the receive region is untouched");
                }
            });
        }
    }

    @Test
    void shouldCarryEveryBufferKindIntoEveryOtherKind() throws Exception {
        int bytes = 300 * KIB + 16;
        try (EnginePair p = new EnginePair(2, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    byte[] raw = new byte[bytes + 3];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = (byte) (i * 31 + 7);
                    }
                    ByteBuffer direct = ByteBuffer.allocateDirect(bytes + 3).put(raw).clear();
                    ByteBuffer heap = ByteBuffer.wrap(raw.clone());
                    int[] ints = new int[bytes / Integer.BYTES];
                    ByteBuffer.wrap(raw, 3, bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ints);
                    c.send(raw, 3, bytes, 1, 1);
                    c.send(direct, 3, bytes, 1, 2);
                    c.send(heap, 3, bytes, 1, 3);
                    c.send(ints, 0, ints.length, 1, 4);
                } else {
                    byte[] expected = new byte[bytes];
                    for (int i = 0; i < bytes; i++) {
                        expected[i] = (byte) ((i + 3) * 31 + 7);
                    }
                    ByteBuffer direct = ByteBuffer.allocateDirect(bytes + 11);
                    c.recv(direct, 11, bytes, 0, 1); // byte array into a direct buffer
                    assertBytes(expected, direct, 11);
                    int[] ints = new int[bytes / Integer.BYTES + 1];
                    c.recv(ints, 1, bytes / Integer.BYTES, 0, 2); // direct buffer into an int array
                    ByteBuffer asBytes = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    asBytes.asIntBuffer().put(ints, 1, bytes / Integer.BYTES);
                    assertBytes(expected, asBytes, 0);
                    byte[] raw = new byte[bytes + 2];
                    c.recv(raw, 2, bytes, 0, 3); // heap buffer into a byte array
                    assertBytes(expected, ByteBuffer.wrap(raw), 2);
                    ByteBuffer heap = ByteBuffer.allocate(bytes + 5);
                    c.recv(heap, 5, bytes, 0, 4); // int array into a heap buffer
                    assertBytes(expected, heap, 5);
                }
            });
        }
    }

    private static void assertBytes(byte[] expected, ByteBuffer actual, int offset) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual.get(offset + i)) {
                assertEquals(expected[i], actual.get(offset + i), "byte " + i + " of " + expected.length);
            }
        }
    }

    @Test
    void shouldStreamManyLargeMessagesBothWaysAtOnce() throws Exception {
        int window = 24;
        int[] sizes = {200 * KIB / Long.BYTES, 64 * KIB / Long.BYTES + 1, 3, 2048, 700 * KIB / Long.BYTES};
        try (EnginePair p = new EnginePair(2, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                int peer = 1 - c.rank();
                List<Request> requests = new ArrayList<>();
                long[][] in = new long[window][];
                for (int k = 0; k < window; k++) {
                    in[k] = new long[sizes[k % sizes.length] + 2];
                    requests.add(c.irecv(in[k], 1, sizes[k % sizes.length], peer, k));
                }
                for (int k = 0; k < window; k++) {
                    long[] out = new long[sizes[k % sizes.length]];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = ((long) c.rank() << 48) + ((long) k << 32) + i;
                    }
                    requests.add(c.isend(out, 0, out.length, peer, k));
                }
                Request.awaitAll(requests);
                for (int k = 0; k < window; k++) {
                    for (int i = 0; i < sizes[k % sizes.length]; i++) {
                        long want = ((long) peer << 48) + ((long) k << 32) + i;
                        if (in[k][1 + i] != want) {
                            assertEquals(want, in[k][1 + i], "message " + k + ", element " + i);
                        }
                    }
                }
            });
        }
    }

    @Test
    void shouldMatchWildcardReceivesOverMixedSmallAndLargeMessagesInOrderPerSource() throws Exception {
        int perSender = 30;
        try (EnginePair p = new EnginePair(3, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                if (c.rank() != 0) {
                    for (int k = 0; k < perSender; k++) {
                        int n = k % 3 == 0 ? 150_000 : k % 3 == 1 ? 5 : 9_000; // rendezvous, eager, large eager
                        int[] m = new int[n];
                        m[0] = k;
                        m[n - 1] = c.rank();
                        c.send(m, 0, n, 0, k % 2);
                    }
                } else {
                    int[] next = new int[3];
                    int[] m = new int[150_000];
                    for (int k = 0; k < 2 * perSender; k++) {
                        Status s = c.recv(m, 0, m.length, Spmd.ANY_SOURCE, Spmd.ANY_TAG);
                        int from = s.source();
                        assertEquals(next[from], m[0], "messages from rank " + from + " arrive in order");
                        assertEquals(m[0] % 2, s.tag());
                        assertEquals(from, m[s.count() - 1], "the last element of a message from rank " + from);
                        next[from]++;
                    }
                    assertEquals(perSender, next[1]);
                    assertEquals(perSender, next[2]);
                }
            });
        }
    }
}
