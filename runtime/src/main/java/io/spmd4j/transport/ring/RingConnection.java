package io.spmd4j.transport.ring;

import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A {@link Connection} over a pair of {@link ByteRing}s: this side reads {@code in} and writes
 * {@code out}. The engine's framing runs unchanged on top; readiness comes from the rings themselves
 * (see {@link RingPoller}), and a <em>doorbell</em> wakes the peer when it announced that it sleeps:
 * a byte on a UNIX-domain socket between processes, an unpark between threads.
 */
public class RingConnection extends Connection {
    /** Bytes of a connection's reverse ring, which carries only the acceptor's CTS frames. */
    public static final int REVERSE_RING_BYTES = 64 * 1024;
    final ByteRing in;
    final ByteRing out;
    private final Engine engine;
    private final Runnable onClose;
    volatile boolean wantsWrite;

    /**
     * Creates the connection.
     *
     * @param doorbell wakes the peer rank (called with the engine lock held; must not block)
     * @param onClose releases what the transport holds for this connection (called once)
     */
    public RingConnection(int peer, boolean initiator, ByteRing in, ByteRing out, Runnable doorbell,
        Runnable onClose, Engine engine) {
        super(peer, initiator, new Channel(in, out, doorbell));
        this.in = in;
        this.out = out;
        this.engine = engine;
        this.onClose = onClose;
    }

    /** The ring this side reads. */
    public ByteRing in() {
        return in;
    }

    /** The ring this side writes. */
    public ByteRing out() {
        return out;
    }

    @Override
    protected void wantWrite(boolean on) {
        wantsWrite = on;
        if (on) {
            engine.wakeIfBlocked(); // a poller asleep did not announce itself as a blocked writer
        }
    }

    @Override
    protected boolean cheapReads() {
        return true;
    }

    @Override
    protected void closeChannel() {
        onClose.run();
    }

    /** The byte-stream view of the two rings that {@link Connection} reads and writes. */
    private static final class Channel implements ByteChannel {
        private final ByteRing in;
        private final ByteRing out;
        private final Runnable doorbell;
        private volatile boolean open = true;

        Channel(ByteRing in, ByteRing out, Runnable doorbell) {
            this.in = in;
            this.out = out;
            this.doorbell = doorbell;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = in.read(dst);
            if (n > 0 && in.takeWriterWaiting()) {
                doorbell.run();
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = out.write(src);
            if (n > 0 && out.takeReaderWaiting()) {
                doorbell.run();
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
