package io.spmd4j.transport.local;

import io.spmd4j.engine.Config;
import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import io.spmd4j.transport.ring.ByteRing;
import io.spmd4j.transport.ring.RingConnection;
import io.spmd4j.transport.ring.RingPoller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The transport of ranks that run as threads of one JVM ({@code spmdrun --threads}): the same
 * {@link ByteRing}s as the shared-memory transport, in direct buffers instead of mapped files, and an
 * unpark instead of a socket as the doorbell.
 *
 * <p>Every rank has its own class loader, so ranks share nothing but the <em>fabric</em> map, and only
 * JDK types cross it: each rank publishes under {@code spmd4j.local.<rank>} a
 * {@code Function<Object[], Object>} that takes a connection request {@code {Integer initiator,
 * ByteBuffer forward ring, ByteBuffer reverse ring, Runnable wake initiator}} and returns the
 * {@code Runnable} that wakes the accepting rank. The accepting rank adopts the connection on its own
 * next poll, so no rank ever takes another rank's lock.
 */
public final class LocalTransport implements Transport {
    private static final String KEY_PREFIX = "spmd4j.local.";
    private static final String AREA_PREFIX = "spmd4j.area.";

    private final Config config;
    private final int rank;
    private final int size;
    private final Map<String, Object> fabric;
    private final ConcurrentLinkedQueue<RingConnection> adopted = new ConcurrentLinkedQueue<>();
    private Engine engine;
    private RingPoller poller;
    private volatile Thread sleeper;
    private volatile boolean closed;

    /** Creates the transport of rank {@code rank} of {@code size} on the shared {@code fabric}. */
    public LocalTransport(Config config, int rank, int size, Map<String, Object> fabric) {
        this.config = config;
        this.rank = rank;
        this.size = size;
        this.fabric = fabric;
    }

    @Override
    public void start(Engine engine) {
        this.engine = engine;
        this.poller = new RingPoller(engine);
        Function<Object[], Object> acceptor = this::accept;
        fabric.put(KEY_PREFIX + rank, acceptor);
    }

    /** Waits until every rank of the job has published its acceptor (the threads' rendezvous). */
    public void awaitPeers() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMs());
        for (int r = 0; r < size; r++) {
            while (!fabric.containsKey(KEY_PREFIX + r)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("rank " + r + " did not start within " + config.connectTimeoutMs()
                        + " ms (spmd4j.connect.timeout.ms)");
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @Override
    public byte[] card() {
        return new byte[0];
    }

    @Override
    public void peers(List<byte[]> cards) {
        // peers are found through the fabric
    }

    @Override
    public int ranksOnThisHost() {
        return size;
    }

    /** True: every rank is a thread of this JVM. */
    @Override
    public boolean sharesMemoryWith(int peer) {
        return true;
    }

    /** A direct buffer kept in the fabric under {@code name}: the first rank to ask makes it. */
    @Override
    public ByteBuffer sharedArea(String name, int bytes) {
        Object area = fabric.computeIfAbsent(AREA_PREFIX + name, k -> ByteBuffer.allocateDirect(bytes));
        if (!(area instanceof ByteBuffer) || ((ByteBuffer) area).capacity() != bytes) {
            throw new IllegalStateException("shared area " + name + " exists with another size");
        }
        return ((ByteBuffer) area).duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public void releaseSharedArea(String name) {
        fabric.remove(AREA_PREFIX + name);
    }

    /** True: a connection is two rings in memory and a call to the peer's acceptor. */
    @Override
    public boolean connectIsCheap() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Connection connect(int peer) throws IOException {
        Object acceptor = fabric.get(KEY_PREFIX + peer);
        if (!(acceptor instanceof Function)) {
            throw new IOException("rank " + peer + " is not running in this JVM");
        }
        int capacity = config.shmRingBytes();
        ByteBuffer forward = ByteBuffer.allocateDirect((int) ByteRing.regionBytes(capacity));
        ByteBuffer reverse = ByteBuffer.allocateDirect((int) ByteRing.regionBytes(RingConnection.REVERSE_RING_BYTES));
        ByteRing out = ByteRing.format(forward, capacity);
        ByteRing in = ByteRing.format(reverse, RingConnection.REVERSE_RING_BYTES);
        Runnable wakeMe = this::wakeup;
        Object wakePeer = ((Function<Object[], Object>) acceptor).apply(
            new Object[] {rank, forward, reverse, wakeMe});
        RingConnection[] self = new RingConnection[1];
        self[0] = new RingConnection(peer, true, in, out, (Runnable) wakePeer, () -> poller.remove(self[0]), engine);
        poller.add(self[0]);
        return self[0];
    }

    /** Runs on the initiating rank's thread: builds this side and leaves it for this rank's next poll. */
    private Object accept(Object[] request) {
        int from = (Integer) request[0];
        try {
            ByteRing in = ByteRing.attach((ByteBuffer) request[1]);
            ByteRing out = ByteRing.attach((ByteBuffer) request[2]);
            RingConnection[] self = new RingConnection[1];
            self[0] = new RingConnection(from, false, in, out, (Runnable) request[3],
                () -> poller.remove(self[0]), engine);
            adopted.add(self[0]);
        } catch (IOException e) {
            throw new IllegalStateException("rank " + rank + " cannot accept rank " + from + ": " + e.getMessage(), e);
        }
        wakeup();
        Runnable wakeMe = this::wakeup;
        return wakeMe;
    }

    private void adoptNew() {
        RingConnection c;
        while ((c = adopted.poll()) != null) {
            engine.onAccepted(c);
            poller.add(c);
        }
    }

    @Override
    public int poll(long timeoutMs) {
        if (!adopted.isEmpty()) {
            adoptNew();
        }
        int events = poller.poll();
        if (events > 0 || timeoutMs <= 0 || closed) {
            return events;
        }
        sleeper = Thread.currentThread();
        try {
            if (!poller.arm() && adopted.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            }
        } finally {
            sleeper = null;
            poller.disarm();
        }
        if (!adopted.isEmpty()) {
            adoptNew();
        }
        return poller.poll();
    }

    @Override
    public void wakeup() {
        Thread t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void close() {
        closed = true;
        wakeup();
    }
}
