package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Small messages on every transport. On rings, a frame below the straight-copy threshold is written
 * into the ring in place and parsed where it lies, unless the ring has no room in one piece for it (it
 * would wrap around the end, or the ring is full), in which case it takes the staging path; both paths
 * meet in one stream. These tests run through the smallest ring, so that both happen many times, and
 * check every byte and the order of every message.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class SmallMessageTest {
    /** Sizes cycle through 0 to this many ints: up to just past the straight-copy threshold (16 KiB). */
    private static final int MAX_INTS = 4100;

    @Parameter
    EnginePair.Kind kind;

    /** The size of message i: small ones mostly, and now and then one near the top. */
    private static int ints(int i) {
        return i % 7 == 6 ? MAX_INTS - i % 97 : (i * 37) % 300;
    }

    private static int value(int sender, int message, int index) {
        return sender * 1_000_003 + message * 7919 + index;
    }

    @Test
    void shouldKeepEveryByteAndTheOrderOfStreamsInBothDirectionsAtOnce() throws Exception {
        int messages = 3000;
        try (EnginePair p = new EnginePair(2, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                int peer = 1 - c.rank();
                List<Request> sends = new ArrayList<>();
                List<int[]> out = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    int[] a = new int[ints(i) + 2];
                    for (int k = 0; k < ints(i); k++) {
                        a[k + 1] = value(c.rank(), i, k);
                    }
                    out.add(a);
                    sends.add(c.isend(a, 1, ints(i), peer, 4));
                    if (i % 50 == 49) { // let a backlog build up, then drain the peer's stream for a while
                        receive(c, peer, i - 49, i + 1);
                        Request.awaitAll(sends);
                        sends.clear();
                    }
                }
                Request.awaitAll(sends);
            });
        }
    }

    private static void receive(Comm c, int peer, int from, int to) {
        for (int i = from; i < to; i++) {
            int[] b = new int[MAX_INTS + 3];
            Status s = c.recv(b, 2, MAX_INTS, peer, 4);
            assertEquals(ints(i), s.count(), "size of message " + i + " from rank " + peer);
            for (int k = 0; k < ints(i); k++) {
                if (b[2 + k] != value(peer, i, k)) {
                    assertEquals(value(peer, i, k), b[2 + k], "int " + k + " of message " + i + " from rank " + peer);
                }
            }
            assertEquals(0, b[1], "the int before the receive region is untouched");
            assertEquals(0, b[2 + ints(i)], "the int after the message is untouched");
        }
    }

    @Test
    void shouldMatchSmallMessagesOfEveryTypeArrivingBeforeAndAfterTheirReceives() throws Exception {
        int rounds = 400;
        try (EnginePair p = new EnginePair(2, EnginePair.smallestRing(), kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    for (int i = 0; i < rounds; i++) {
                        int n = i % 40;
                        c.send(bytes(n, i), 0, n, 1, 1);
                        c.send(doubles(n, i), 0, n, 1, 2);
                        ByteBuffer direct = ByteBuffer.allocateDirect(n + 1);
                        direct.put(1, bytes(n, i), 0, n);
                        c.send(direct, 1, n, 1, 3);
                        c.recv(new byte[0], 0, 0, 1, 9); // every few rounds rank 1 posts first instead
                    }
                } else {
                    for (int i = 0; i < rounds; i++) {
                        int n = i % 40;
                        Request late = null;
                        byte[] viaBuffer = new byte[n];
                        ByteBuffer direct = ByteBuffer.allocateDirect(n + 2);
                        if (i % 3 == 0) {
                            late = c.irecv(direct, 2, n, 0, 3); // posted before the message arrives
                        }
                        byte[] b = new byte[n];
                        double[] d = new double[n];
                        Status sd = c.recv(d, 0, n, Spmd.ANY_SOURCE, 2); // tag 2 overtakes tag 1 in matching
                        Status sb = c.recv(b, 0, n, 0, 1);
                        if (late == null) {
                            c.recv(direct, 2, n, 0, 3);
                        } else {
                            late.await();
                        }
                        direct.get(2, viaBuffer, 0, n);
                        assertEquals(n, sb.count());
                        assertEquals(n, sd.count());
                        assertArrayEquals(bytes(n, i), b, "bytes of round " + i);
                        assertArrayEquals(doubles(n, i), d, "doubles of round " + i);
                        assertArrayEquals(bytes(n, i), viaBuffer, "direct buffer of round " + i);
                        c.send(new byte[0], 0, 0, 0, 9);
                    }
                }
            });
        }
    }

    private static byte[] bytes(int n, int round) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (round * 31 + i);
        }
        return b;
    }

    private static double[] doubles(int n, int round) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = round + i / 8.0;
        }
        return d;
    }
}
