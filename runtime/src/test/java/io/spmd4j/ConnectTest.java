package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spmd4j.collective.Tuning;
import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connections made off the engine lock: many first sends at once, sends queued in order on a connection
 * being made, sends to other peers going on meanwhile, connections made in parallel, a connection that
 * cannot be made reported with the peer's name, and a pending connection abandoned at close.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class ConnectTest {
    private static final int TAG = 7;
    /** Generous bound on waits for another thread; a correct run takes milliseconds. */
    private static final long WAIT_S = 30;

    @Parameter
    EnginePair.Kind kind;

    private static Properties smallEager() {
        Properties settings = new Properties();
        settings.setProperty("spmd4j.eager.limit", "1024");
        return settings;
    }

    @Test
    void shouldDeliverEveryFirstMessageWhenAllRanksConnectToAllAtOnce() throws Exception {
        int n = 6;
        try (EnginePair p = new EnginePair(n, smallEager(), kind)) {
            p.run(c -> {
                List<Request> sends = new ArrayList<>();
                for (int d = 0; d < n; d++) {
                    if (d != c.rank()) {
                        sends.add(c.isend(payload(c.rank(), d, 0, 16), 0, 16, d, TAG));
                        sends.add(c.isend(payload(c.rank(), d, 1, 4096), 0, 4096, d, TAG));
                    }
                }
                for (int s = 0; s < n; s++) {
                    if (s != c.rank()) {
                        int[] small = new int[16];
                        int[] large = new int[4096];
                        c.recv(small, 0, 16, s, TAG);
                        c.recv(large, 0, 4096, s, TAG);
                        assertArrayEquals(payload(s, c.rank(), 0, 16), small);
                        assertArrayEquals(payload(s, c.rank(), 1, 4096), large);
                    }
                }
                Request.awaitAll(sends);
            });
        }
    }

    @Test
    void shouldLetSeveralThreadsOfOneRankMakeFirstSendsAtOnce() throws Exception {
        int n = 5;
        try (EnginePair p = new EnginePair(n, smallEager(), kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    List<Thread> threads = new ArrayList<>();
                    List<Throwable> errors = new ArrayList<>();
                    for (int d = 1; d < n; d++) {
                        int dest = d;
                        Thread t = new Thread(() -> {
                            try {
                                for (int i = 0; i < 20; i++) {
                                    int len = i % 2 == 0 ? 8 : 2048;
                                    c.send(payload(0, dest, i, len), 0, len, dest, TAG);
                                }
                            } catch (Throwable e) {
                                synchronized (errors) {
                                    errors.add(e);
                                }
                            }
                        });
                        t.start();
                        threads.add(t);
                    }
                    for (Thread t : threads) {
                        t.join(TimeUnit.SECONDS.toMillis(WAIT_S));
                        assertFalse(t.isAlive(), "a sending thread did not finish");
                    }
                    assertEquals(List.of(), errors);
                } else {
                    receiveInOrder(c, 0, 20);
                }
            });
        }
    }

    /** Sends queued on a connection being made go out in their order once it is up. */
    @Test
    void shouldKeepTheOrderOfSendsQueuedOnAConnectionBeingMade() throws Exception {
        int n = 3;
        Gate gate = new Gate(r -> true);
        try (EnginePair p = new EnginePair(n, smallEager(), kind, Tuning.DEFAULT, gate::wrap)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    List<Request> sends = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        for (int d = 1; d < n; d++) {
                            int len = i % 3 == 0 ? 2048 : 8;
                            sends.add(i % 5 == 4 ? c.issend(payload(0, d, i, len), 0, len, d, TAG)
                                : c.isend(payload(0, d, i, len), 0, len, d, TAG));
                        }
                    }
                    assertTrue(gate.waiting.await(WAIT_S, TimeUnit.SECONDS), "no connect was started");
                    for (Request r : sends) {
                        assertFalse(r.test(), "a send completed before its connection was made");
                    }
                    gate.open.countDown();
                    Request.awaitAll(sends);
                } else {
                    receiveInOrder(c, 0, 20);
                }
            });
        }
    }

    /** A connection being made holds up only the sends to its peer. */
    @Test
    void shouldSendToOtherPeersWhileAConnectionIsBeingMade() throws Exception {
        Gate gate = new Gate(peer -> peer == 1);
        try (EnginePair p = new EnginePair(3, new Properties(), kind, Tuning.DEFAULT, gate::wrap)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    Request held = c.isend(new int[] {1}, 0, 1, 1, TAG);
                    assertTrue(gate.waiting.await(WAIT_S, TimeUnit.SECONDS), "the connect to rank 1 did not start");
                    c.send(new int[] {2}, 0, 1, 2, TAG);
                    int[] reply = new int[1];
                    c.recv(reply, 0, 1, 2, TAG);
                    assertEquals(20, reply[0]);
                    assertFalse(held.test(), "the send to rank 1 completed without its connection");
                    gate.open.countDown();
                    held.await();
                } else {
                    int[] got = new int[1];
                    c.recv(got, 0, 1, 0, TAG);
                    assertEquals(c.rank(), got[0]);
                    if (c.rank() == 2) {
                        c.send(new int[] {20}, 0, 1, 0, TAG);
                    }
                }
            });
        }
    }

    /** The connections to several peers are made at the same time, not one after another. */
    @Test
    void shouldMakeConnectionsToSeveralPeersAtOnce() throws Exception {
        int n = 5;
        CountDownLatch allStarted = new CountDownLatch(n - 1);
        Gate gate = new Gate(peer -> true) {
            @Override
            void enter() throws InterruptedException, IOException {
                allStarted.countDown();
                // a connect that waited here for the others to start would wait for ever if they ran in turn
                if (!allStarted.await(WAIT_S, TimeUnit.SECONDS)) {
                    throw new IOException("connects ran one after another");
                }
            }
        };
        try (EnginePair p = new EnginePair(n, new Properties(), kind, Tuning.DEFAULT, gate::wrap)) {
            gate.open.countDown();
            p.run(c -> {
                if (c.rank() == 0) {
                    int[] others = {1, 2, 3, 4};
                    c.preconnect(others);
                    c.preconnect(others); // connections already being made are not started twice
                    for (int d : others) {
                        c.send(new int[] {d}, 0, 1, d, TAG);
                    }
                } else {
                    int[] got = new int[1];
                    c.recv(got, 0, 1, 0, TAG);
                    assertEquals(c.rank(), got[0]);
                }
            });
            assertEquals(n - 1, gate.connects.get(), "rank 0 made a connection more than once");
        }
    }

    @Test
    void shouldRejectPreconnectToAnInvalidRank() throws Exception {
        try (EnginePair p = new EnginePair(2, kind)) {
            MpiException e = assertThrows(MpiException.class, () -> p.comm(0).preconnect(1, 2));
            assertEquals(ErrorClass.ERR_RANK, e.errorClass());
            assertTrue(e.getMessage().contains("dest=2"), e.getMessage());
            p.comm(0).preconnect(0, Spmd.PROC_NULL); // itself and the null process: nothing to do
        }
    }

    /** Every send that waited for a connection that cannot be made fails, naming the peer; nothing is left. */
    @Test
    void shouldReportAConnectionThatCannotBeMade() throws Exception {
        assumeTrue(kind != EnginePair.Kind.LOCAL, "a rank thread's acceptor outlives its engine");
        try (EnginePair p = new EnginePair(3, smallEager(), kind)) {
            p.engines.get(1).close(); // rank 1 is gone: nothing listens for it any more
            Comm c = p.comm(0);
            c.preconnect(1);
            List<Request> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int len = i % 2 == 0 ? 8 : 2048;
                sends.add(c.isend(payload(0, 1, i, len), 0, len, 1, TAG));
            }
            for (Request r : sends) {
                MpiException e = assertThrows(MpiException.class, r::await);
                assertEquals(ErrorClass.ERR_TRANSPORT, e.errorClass());
                assertTrue(e.getMessage().contains("rank 0 cannot connect to rank 1"), e.getMessage());
            }
            MpiException blocking = assertThrows(MpiException.class, () -> c.send(new int[1], 0, 1, 1, TAG));
            assertTrue(blocking.getMessage().contains("cannot connect to rank 1"), blocking.getMessage());
            Engine e0 = p.engines.get(0);
            assertNotNull(e0.failure(), "the failed connect was not recorded as the rank's failure");
            assertTrue(e0.failureAroseHere());
            assertTrue(e0.failure().getMessage().contains("rank 1"), e0.failure().getMessage());
            // the other peers are still reachable
            p.run(cc -> {
                if (cc.rank() == 0) {
                    cc.send(new int[] {5}, 0, 1, 2, TAG);
                } else if (cc.rank() == 2) {
                    int[] got = new int[1];
                    cc.recv(got, 0, 1, 0, TAG);
                    assertEquals(5, got[0]);
                }
            });
            if (p.jobDir() != null) {
                try (Stream<Path> files = Files.list(p.jobDir())) {
                    assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("conn-")).toList(),
                        "ring files were left in the job directory");
                }
            }
        }
    }

    /** Closing the engine abandons a connection being made: its sends fail and its thread ends. */
    @Test
    void shouldAbandonAConnectionBeingMadeAtClose() throws Exception {
        Gate gate = new Gate(peer -> true);
        try (EnginePair p = new EnginePair(2, new Properties(), kind, Tuning.DEFAULT, gate::wrap)) {
            Request r = p.comm(0).isend(new int[] {1}, 0, 1, 1, TAG);
            assertTrue(gate.waiting.await(WAIT_S, TimeUnit.SECONDS), "the connect did not start");
            p.engines.get(0).close();
            assertTrue(r.isComplete(), "the send waiting for the connection did not end at close");
            MpiException e = assertThrows(MpiException.class, r::await);
            assertTrue(e.getMessage().contains("connecting to rank 1"), e.getMessage());
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("spmd4j-connect-0-1") && t.isAlive()), "the connector thread lives on");
        }
    }

    private static void receiveInOrder(Comm c, int source, int count) {
        for (int i = 0; i < count; i++) {
            int[] buf = new int[2048];
            Status st = c.recv(buf, 0, buf.length, source, TAG);
            int len = st.count();
            assertArrayEquals(payload(source, c.rank(), i, len), Arrays.copyOf(buf, len),
                "message " + i + " from rank " + source + " arrived out of order or damaged");
        }
    }

    /** The ints of message {@code seq} from {@code from} to {@code to}: distinct for every message. */
    private static int[] payload(int from, int to, int seq, int len) {
        int[] a = new int[len];
        for (int i = 0; i < len; i++) {
            a[i] = from * 1_000_000 + to * 10_000 + seq * 100 + i % 100;
        }
        return a;
    }

    /**
     * Holds rank 0's connects to the peers it selects until {@link #open} opens; counts them per rank.
     * Rank 0's transport reports connects as blocking, so the engine makes them on connector threads.
     */
    static class Gate {
        final IntPredicate holds;
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        /** Connects rank 0 started. */
        final AtomicInteger connects = new AtomicInteger();

        Gate(IntPredicate holds) {
            this.holds = holds;
        }

        /** Called by a held connect before it waits for the gate. */
        void enter() throws InterruptedException, IOException {
            waiting.countDown();
        }

        Transport wrap(int rank, Transport t) {
            return rank != 0 ? t : new Held(t);
        }

        private final class Held implements Transport {
            private final Transport t;

            Held(Transport t) {
                this.t = t;
            }

            @Override
            public Connection connect(int peer) throws IOException {
                connects.incrementAndGet();
                if (holds.test(peer)) {
                    try {
                        enter();
                        if (!open.await(WAIT_S, TimeUnit.SECONDS)) {
                            throw new IOException("the test's gate stayed shut");
                        }
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("connect to rank " + peer + " interrupted");
                    }
                }
                return t.connect(peer);
            }

            @Override
            public boolean connectIsCheap() {
                return false;
            }

            @Override
            public void start(Engine engine) throws IOException {
                t.start(engine);
            }

            @Override
            public byte[] card() {
                return t.card();
            }

            @Override
            public void peers(List<byte[]> cards) throws IOException {
                t.peers(cards);
            }

            @Override
            public int ranksOnThisHost() {
                return t.ranksOnThisHost();
            }

            @Override
            public Path sharedMemoryDirectory() {
                return t.sharedMemoryDirectory();
            }

            @Override
            public boolean sharesMemoryWith(int peer) {
                return t.sharesMemoryWith(peer);
            }

            @Override
            public int poll(long timeoutMs) throws IOException {
                return t.poll(timeoutMs);
            }

            @Override
            public void wakeup() {
                t.wakeup();
            }

            @Override
            public void close() {
                t.close();
            }
        }
    }
}
