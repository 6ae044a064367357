package io.spmd4j.transport.ring;

import io.spmd4j.engine.Buf;
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
 *
 * <p>A large payload skips the engine's staging and read buffers: it is encoded from the sender's
 * buffer (a typed array, too) straight into the ring, and decoded from the ring straight into the
 * receive buffer ({@link #writePayload}, {@link #readPayload}), so a message costs two copies in all,
 * which the two ranks make at the same time on their own cores, record by record.
 */
public class RingConnection extends Connection {
    /** Bytes of a connection's reverse ring, which carries only the acceptor's CTS frames. */
    public static final int REVERSE_RING_BYTES = 64 * 1024;
    final ByteRing in;
    final ByteRing out;
    private final Engine engine;
    private final Runnable onClose;
    private final Channel channel;
    /** Copies typed payloads into {@code out}, and out of {@code in}; used under the engine lock. */
    private final TypedCopy outgoing = new TypedCopy();
    private final TypedCopy incoming = new TypedCopy();
    volatile boolean wantsWrite;

    /**
     * Creates the connection.
     *
     * @param doorbell wakes the peer rank (called with the engine lock held; must not block)
     * @param onClose releases what the transport holds for this connection (called once)
     */
    public RingConnection(int peer, boolean initiator, ByteRing in, ByteRing out, Runnable doorbell,
        Runnable onClose, Engine engine) {
        this(peer, initiator, new Channel(in, out, doorbell), onClose, engine);
    }

    private RingConnection(int peer, boolean initiator, Channel channel, Runnable onClose, Engine engine) {
        super(peer, initiator, channel);
        this.channel = channel;
        this.in = channel.in;
        this.out = channel.out;
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

    /** Yes: a ring is memory, so a payload is copied between the user's buffer and the ring once. */
    @Override
    protected boolean payloadIo() {
        return true;
    }

    @Override
    protected long writePayload(Buf src, long from, long maxBytes) throws IOException {
        channel.checkOpen();
        int es = src.type().sizeBytes();
        int n = out.write(maxBytes, es, outgoing.start(src, from / es));
        outgoing.buf = null;
        if (n > 0) {
            channel.wakeReader();
        }
        return n;
    }

    @Override
    protected long readPayload(Buf dst, long at, long maxBytes) throws IOException {
        channel.checkOpen();
        int es = dst.type().sizeBytes();
        int n = in.read(maxBytes, es, incoming.start(dst, at / es));
        incoming.buf = null;
        if (n > 0) {
            channel.wakeWriter();
        }
        return n == 0 && in.readable() ? -1 : n; // -1: an element split across records, see ByteRing#read
    }

    @Override
    protected boolean inPlaceIo() {
        return true;
    }

    @Override
    protected ByteBuffer claimInPlace(int bytes) throws IOException {
        channel.checkOpen();
        return bytes <= ByteRing.MAX_RECORD_BYTES ? out.claimContiguous(bytes) : null;
    }

    @Override
    protected void publishInPlace(int bytes) {
        out.publishClaimed(bytes);
        channel.wakeReader();
    }

    @Override
    protected ByteBuffer peekInPlace() throws IOException {
        channel.checkOpen();
        return in.peek();
    }

    @Override
    protected void consumedInPlace(int bytes) {
        in.consumed(bytes);
    }

    @Override
    protected void releaseInPlace() {
        in.release();
        channel.wakeWriter();
    }

    @Override
    protected void closeChannel() {
        onClose.run();
    }

    /**
     * Encodes elements of a {@link Buf} into the ring, or decodes them out of it, from element
     * {@code index} on: the one copy between user memory and shared memory.
     */
    private static final class TypedCopy implements ByteRing.Filler, ByteRing.Drain {
        Buf buf;
        int index;
        int elementBytes;

        TypedCopy start(Buf b, long firstIndex) {
            this.buf = b;
            this.index = (int) firstIndex;
            this.elementBytes = b.type().sizeBytes();
            return this;
        }

        @Override
        public void fill(ByteBuffer dst, int bytes) {
            int n = bytes / elementBytes;
            buf.encode(index, n, dst);
            index += n;
        }

        @Override
        public void drain(ByteBuffer src, int bytes) {
            int n = bytes / elementBytes;
            buf.decode(index, n, src);
            index += n;
        }
    }

    /** The byte-stream view of the two rings that {@link Connection} reads and writes. */
    private static final class Channel implements ByteChannel {
        final ByteRing in;
        final ByteRing out;
        final Runnable doorbell;
        private volatile boolean open = true;

        Channel(ByteRing in, ByteRing out, Runnable doorbell) {
            this.in = in;
            this.out = out;
            this.doorbell = doorbell;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            checkOpen();
            int n = in.read(dst);
            if (n > 0) {
                wakeWriter();
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws ClosedChannelException {
            checkOpen();
            int n = out.write(src);
            if (n > 0) {
                wakeReader();
            }
            return n;
        }

        /** After writing into {@code out}: rings the doorbell when the peer announced it is going to sleep. */
        void wakeReader() {
            if (out.takeReaderWaiting()) {
                doorbell.run();
            }
        }

        /** After consuming from {@code in}: rings the doorbell when the peer is blocked on a full ring. */
        void wakeWriter() {
            if (in.takeWriterWaiting()) {
                doorbell.run();
            }
        }

        void checkOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
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
