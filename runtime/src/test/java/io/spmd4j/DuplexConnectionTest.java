package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.collective.Tuning;
import io.spmd4j.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TCP connections carry messages both ways: two ranks settle on one socket per pair, whether one of them
 * sends first or both open a connection to the other at the same moment (the lower rank's is kept and the
 * higher rank gives its own up), and when the lower rank's connection does not come in time the higher
 * rank sends on its own; in every case messages keep their order.
 */
class DuplexConnectionTest {
    private static final int TAG = 3;
    private static final int MESSAGES = 200;
    /** Bound on waits for the engines to settle; a correct run takes milliseconds. */
    private static final long SETTLE_NS = TimeUnit.SECONDS.toNanos(20);

    @Test
    void shouldReplyOnTheConnectionThePeerOpened() throws Exception {
        try (EnginePair p = new EnginePair(2, EnginePair.Kind.TCP)) {
            p.run(c -> {
                int[] v = new int[1];
                if (c.rank() == 0) {
                    c.send(new int[] {41}, 0, 1, 1, TAG);
                    c.recv(v, 0, 1, 1, TAG);
                    assertEquals(42, v[0]);
                } else {
                    c.recv(v, 0, 1, 0, TAG);
                    c.send(new int[] {v[0] + 1}, 0, 1, 0, TAG);
                }
            });
            awaitConnections(p, 1);
        }
    }

    @Test
    void shouldSettleOnOneSocketWhenBothRanksConnectAtOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            try (EnginePair p = new EnginePair(2, largeAfter(1024), EnginePair.Kind.TCP)) {
                p.run(DuplexConnectionTest::streamBothWays);
                awaitConnections(p, 1);
                p.run(DuplexConnectionTest::streamBothWays); // and it goes on working
            }
        }
    }

    @Test
    void shouldSettleOnOneSocketPerPairAmongManyRanks() throws Exception {
        int n = 5;
        try (EnginePair p = new EnginePair(n, largeAfter(1024), EnginePair.Kind.TCP)) {
            p.run(c -> {
                List<Request> sends = new ArrayList<>();
                for (int d = 0; d < n; d++) {
                    if (d != c.rank()) {
                        sends.add(c.isend(payload(c.rank(), d, 64), 0, 64, d, TAG));
                        sends.add(c.isend(payload(c.rank(), d, 5000), 0, 5000, d, TAG)); // rendezvous
                    }
                }
                for (int s = 0; s < n; s++) {
                    if (s != c.rank()) {
                        int[] small = new int[64];
                        int[] large = new int[5000];
                        c.recv(small, 0, 64, s, TAG);
                        c.recv(large, 0, 5000, s, TAG);
                        assertArrayEquals(payload(s, c.rank(), 64), small);
                        assertArrayEquals(payload(s, c.rank(), 5000), large);
                    }
                }
                Request.awaitAll(sends);
            });
            awaitConnections(p, n - 1);
        }
    }

    /**
     * Rank 0's connection to rank 1 is held back while rank 1 connects to rank 0: rank 0, the lower, keeps
     * its own, so rank 1 waits for it; once it comes, rank 1 gives its own up and both send on rank 0's.
     */
    @Test
    void shouldGiveTheHigherRanksConnectionUpForTheLowerRanks() throws Exception {
        ConnectTest.Gate gate = new ConnectTest.Gate(peer -> peer == 1);
        try (EnginePair p = new EnginePair(2, largeAfter(1024), EnginePair.Kind.TCP, Tuning.DEFAULT, gate::wrap)) {
            p.run(c -> {
                if (c.rank() == 1) {
                    assertTrue(gate.waiting.await(20, TimeUnit.SECONDS), "rank 0 did not start connecting");
                    Thread opener = new Thread(() -> {
                        sleep(300); // rank 1's connection has been answered: rank 0 keeps its own
                        gate.open.countDown();
                    });
                    opener.start();
                }
                streamBothWays(c);
            });
            awaitConnections(p, 1);
        }
    }

    /**
     * As above, but rank 0's connection comes only after rank 1's connect timeout: rank 1 then sends on its
     * own, and the two ranks go on with a socket each way, messages still in order.
     */
    @Test
    void shouldSendOnItsOwnConnectionWhenTheLowerRanksDoesNotCome() throws Exception {
        ConnectTest.Gate gate = new ConnectTest.Gate(peer -> peer == 1);
        Properties settings = largeAfter(1024);
        settings.setProperty("spmd4j.connect.timeout.ms", "500");
        try (EnginePair p = new EnginePair(2, settings, EnginePair.Kind.TCP, Tuning.DEFAULT, gate::wrap)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    List<Request> sends = new ArrayList<>();
                    for (int i = 0; i < MESSAGES; i++) {
                        sends.add(c.isend(new int[] {i}, 0, 1, 1, TAG));
                    }
                    int[] v = new int[1];
                    for (int i = 0; i < MESSAGES; i++) { // rank 1's arrive on its own connection meanwhile
                        c.recv(v, 0, 1, 1, TAG);
                        assertEquals(i, v[0]);
                    }
                    gate.open.countDown();
                    Request.awaitAll(sends);
                } else {
                    List<Request> sends = new ArrayList<>();
                    for (int i = 0; i < MESSAGES; i++) {
                        sends.add(c.isend(new int[] {i}, 0, 1, 0, TAG));
                    }
                    Request.awaitAll(sends);
                    int[] v = new int[1];
                    for (int i = 0; i < MESSAGES; i++) {
                        c.recv(v, 0, 1, 0, TAG);
                        assertEquals(i, v[0]);
                    }
                }
            });
            awaitConnections(p, 2);
            p.run(DuplexConnectionTest::streamBothWays);
        }
    }

    /** Both ranks send a numbered stream of small and large messages to each other at once. */
    private static void streamBothWays(Comm c) throws Exception {
        int peer = 1 - c.rank();
        List<Request> sends = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            int len = i % 10 == 0 ? 2000 : 1 + i % 7;
            int[] m = payload(c.rank(), i, len);
            sends.add(c.isend(m, 0, len, peer, TAG));
        }
        for (int i = 0; i < MESSAGES; i++) {
            int len = i % 10 == 0 ? 2000 : 1 + i % 7;
            int[] m = new int[len];
            c.recv(m, 0, len, peer, TAG);
            assertArrayEquals(payload(peer, i, len), m, "message " + i + " from rank " + peer);
        }
        Request.awaitAll(sends);
    }

    /** Drives every engine's progress until each has {@code expected} open connections. */
    private static void awaitConnections(EnginePair p, int expected) {
        long deadline = System.nanoTime() + SETTLE_NS;
        for (Engine e : p.engines) {
            while (e.openConnections() != expected && System.nanoTime() < deadline) {
                e.progressOnce();
                sleep(1);
            }
            assertEquals(expected, e.openConnections(), "open connections of a rank");
        }
    }

    private static Properties largeAfter(int bytes) {
        Properties settings = new Properties();
        settings.setProperty("spmd4j.eager.limit", Integer.toString(bytes));
        return settings;
    }

    private static int[] payload(int from, int seq, int len) {
        int[] a = new int[len];
        for (int i = 0; i < len; i++) {
            a[i] = from * 1_000_000 + seq * 1000 + i % 1000;
        }
        return a;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
