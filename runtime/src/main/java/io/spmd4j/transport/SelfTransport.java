package io.spmd4j.transport;

import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The transport of a singleton world (a program started with plain {@code java}): there are no
 * peers, every message goes to self through the engine, and polling only waits.
 */
public final class SelfTransport implements Transport {
    private volatile Thread poller;

    @Override
    public void start(Engine engine) {
        // nothing to bind
    }

    @Override
    public byte[] card() {
        return new byte[0];
    }

    @Override
    public void peers(List<byte[]> cards) {
        // no peers
    }

    /** True: there is no peer to wait for. */
    @Override
    public boolean connectIsCheap() {
        return true;
    }

    @Override
    public Connection connect(int peer) throws IOException {
        throw new IOException("a singleton world has no rank " + peer);
    }

    @Override
    public int poll(long timeoutMs) {
        if (timeoutMs > 0) {
            poller = Thread.currentThread();
            LockSupport.parkNanos(this, timeoutMs * 1_000_000L);
            poller = null;
        }
        return 0;
    }

    @Override
    public void wakeup() {
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void close() {
        // nothing to close
    }
}
