package io.spmd4j.transport.ring;

import io.spmd4j.engine.Engine;
import java.io.IOException;
import java.util.Arrays;

/**
 * The ring connections of one rank and the two halves of waiting on them: a poll that looks at every
 * ring without a system call (cheap enough to spin on), and the announce-then-recheck step that must
 * come before a transport blocks, so that a peer's next write or read rings the doorbell.
 */
public final class RingPoller {
    private final Engine engine;
    private volatile RingConnection[] connections = new RingConnection[0];

    /** Creates an empty poller for {@code engine}'s rank. */
    public RingPoller(Engine engine) {
        this.engine = engine;
    }

    /** Adds a connection; any thread. */
    public synchronized void add(RingConnection c) {
        RingConnection[] a = Arrays.copyOf(connections, connections.length + 1);
        a[a.length - 1] = c;
        connections = a;
    }

    /** Removes a connection; any thread. */
    public synchronized void remove(RingConnection c) {
        connections = Arrays.stream(connections).filter(x -> x != c).toArray(RingConnection[]::new);
    }

    /** True when there is no connection. */
    public boolean isEmpty() {
        return connections.length == 0;
    }

    /**
     * Reads every ring that has data and writes queued frames to every ring that has room; returns the
     * number of connections that had work. Takes the engine lock only for those.
     */
    public int poll() {
        int events = 0;
        for (RingConnection c : connections) {
            boolean readable = c.in.readable();
            boolean writable = c.wantsWrite && c.out.writable();
            if (readable || writable) {
                events++;
                dispatch(c, readable, writable);
            }
        }
        return events;
    }

    /** Drains {@code c}'s inbound ring (before it is closed for end of stream); under no lock. */
    public void drain(RingConnection c) {
        if (c.in.readable()) {
            dispatch(c, true, false);
        }
    }

    private void dispatch(RingConnection c, boolean readable, boolean writable) {
        engine.lock().lock();
        try {
            if (c.isClosed()) {
                return;
            }
            if (readable) {
                c.onReadable();
            }
            if (writable && !c.isClosed()) {
                c.onWritable();
            }
        } catch (IOException e) {
            engine.failConnection(c, e);
        } finally {
            engine.lock().unlock();
        }
    }

    /**
     * Announces, on every ring, that this rank is about to block (as a reader, and as a writer where it
     * has frames waiting for room); returns true when a ring became ready meanwhile, in which case the
     * caller must not block. Either way the caller calls {@link #disarm} after its blocking step.
     */
    public boolean arm() {
        boolean ready = false;
        for (RingConnection c : connections) {
            if (c.isClosed()) {
                continue;
            }
            ready |= c.in.armReader();
            if (c.wantsWrite) {
                ready |= c.out.armWriter();
            }
        }
        return ready;
    }

    /** Withdraws every announcement made by {@link #arm}. */
    public void disarm() {
        for (RingConnection c : connections) {
            c.in.clearReaderWaiting();
            c.out.clearWriterWaiting();
        }
    }
}
