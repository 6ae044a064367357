package io.spmd4j.engine;

import static io.spmd4j.engine.FrameDescriptor.CONTEXT_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.ELEMENT_TYPE_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.FLAGS_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.HEADER_BYTES;
import static io.spmd4j.engine.FrameDescriptor.LENGTH_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.RECV_ID_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.SEND_ID_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.SOURCE_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.TAG_OFFSET;
import static io.spmd4j.engine.FrameDescriptor.TYPE_OFFSET;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * Framing over one byte stream to a peer rank: a queue of outgoing frames written without blocking,
 * and a state machine that reads headers and streams payloads straight into their targets.
 *
 * <p>Connections are one-way for data: the rank that opened a connection sends EAGER, RTS and DATA
 * frames on it, and receives only the CTS answers to its RTS frames. So each ordered pair of ranks
 * has its own stream, which keeps MPI's non-overtaking order without any tie-breaking on connect.
 *
 * <p>Not thread-safe: every method is called under the engine lock.
 */
public abstract class Connection {
    /** Payloads at least this long go to and from a direct user buffer without a staging copy. */
    static final int DIRECT_IO_MIN_BYTES = 64 * 1024;
    /** Size of the staging and read buffers. */
    static final int BUFFER_BYTES = 256 * 1024;
    /** Frames read per readiness event before other connections get their turn. */
    private static final int MAX_READS_PER_EVENT = 16;
    /**
     * With cheap reads, how much a read between frames takes: a header and a small payload in one go,
     * while a large payload still goes straight into its target.
     */
    static final int CHEAP_READ_BYTES = 256;
    /**
     * With {@link #payloadIo()}, payloads at least this long are copied straight between the user's
     * memory and the channel (array or not), to their end; shorter ones go through the staging or read
     * buffer, so that a small message still travels as one header-and-payload record.
     */
    static final int PAYLOAD_IO_MIN_BYTES = 16 * 1024;
    /** Frames parsed in place in one readable event at most, so one busy peer cannot starve the others. */
    private static final int MAX_FRAMES_IN_PLACE = 64;

    /** The peer's world rank. */
    final int peer;
    /** True when this rank opened the connection (it sends data on it). */
    final boolean initiator;
    private final ByteChannel channel;
    private final GatheringByteChannel gathering;
    private final ByteBuffer[] headerAndPayload = new ByteBuffer[2];
    private Engine engine;

    private final ArrayDeque<OutFrame> queue = new ArrayDeque<>();
    private long queuedBytes;
    private ByteBuffer staging;
    private ByteBuffer directOut;
    /** A frame whose payload goes out through {@link #writePayload} (after the header in staging). */
    private OutFrame payloadOut;

    private ByteBuffer readBuf;
    private Inbound current;
    private boolean closed;
    /** The accepting rank of this connection (opened by this rank) keeps its own to this rank. */
    private boolean peerKeepsOwn;
    /** This rank is giving the connection up (a RETIRE frame is queued); written under the engine lock. */
    boolean retiring;
    /** The peer gave the connection up: its end of stream is not a failure; under the engine lock. */
    boolean retiredByPeer;
    /** This rank has queued a frame on it; under the engine lock. */
    boolean used;

    /** Creates a connection over an already authenticated, non-blocking channel. */
    protected Connection(int peer, boolean initiator, ByteChannel channel) {
        this.peer = peer;
        this.initiator = initiator;
        this.channel = channel;
        this.gathering = channel instanceof GatheringByteChannel ? (GatheringByteChannel) channel : null;
    }

    /**
     * Creates a connection that belongs to {@code engine} from the start: frames may arrive on it before
     * the engine takes it up (a peer that accepted it sends on it at once, see {@link #duplex()}).
     */
    protected Connection(int peer, boolean initiator, ByteChannel channel, Engine engine) {
        this(peer, initiator, channel);
        this.engine = engine;
    }

    final void attach(Engine engine) {
        this.engine = engine;
    }

    /** Asks the transport to report (or stop reporting) writability of this connection. */
    protected abstract void wantWrite(boolean on);

    /** Closes the underlying channel. */
    protected abstract void closeChannel();

    /**
     * True when the connection carries messages both ways (a socket), so the rank that accepted it may
     * send on it too instead of opening its own: with one socket per pair of ranks, a reply carries the
     * acknowledgement of the request (two one-way TCP connections add a bare acknowledgement packet to
     * every message, a third of a small message's loopback latency). The default (a memory ring whose
     * reverse direction only carries control frames) does not.
     */
    protected boolean duplex() {
        return false;
    }

    /** Set by the transport on a connection this rank opened: the peer told it that it keeps its own. */
    protected final void peerKeepsOwn(boolean keeps) {
        this.peerKeepsOwn = keeps;
    }

    final boolean peerKeepsOwn() {
        return peerKeepsOwn;
    }

    /**
     * True when a read costs no system call (a memory ring): then a read between frames takes at most
     * {@link #CHEAP_READ_BYTES}, a header and a small payload, so that a large payload behind a header
     * goes straight into its target instead of through the read buffer.
     */
    protected boolean cheapReads() {
        return false;
    }

    /**
     * True when {@link #writePayload} and {@link #readPayload} copy a payload straight between any
     * {@link Buf} (typed arrays included) and the channel, so a large message costs one copy on each
     * side instead of two (a memory ring: there is no system call to batch).
     */
    protected boolean payloadIo() {
        return false;
    }

    /**
     * Writes up to {@code maxBytes} bytes of {@code src}, from byte {@code from} on, straight into the
     * channel; returns the count (0 when it is full). Only called when {@link #payloadIo()}; the
     * count written is a whole number of {@code src}'s elements.
     */
    protected long writePayload(Buf src, long from, long maxBytes) throws IOException {
        throw new UnsupportedOperationException("no payload I/O on " + this);
    }

    /**
     * Reads up to {@code maxBytes} bytes straight from the channel into {@code dst}, from byte {@code at}
     * on; returns the count (a whole number of {@code dst}'s elements; 0 when nothing is available), or
     * -1 when the next bytes cannot be taken that way (an element split by the sender), in which case
     * the read buffer takes them. Only called when {@link #payloadIo()}.
     */
    protected long readPayload(Buf dst, long at, long maxBytes) throws IOException {
        throw new UnsupportedOperationException("no payload I/O on " + this);
    }

    /** The peer's world rank. */
    /**
     * Whether the transport supports in-place writing and reading ({@link #claimInPlace},
     * {@link #peekInPlace}); the default does not.
     */
    protected boolean inPlaceIo() {
        return false;
    }

    /**
     * In-place writing, for transports whose bytes go straight into memory the peer reads (rings): a
     * little-endian view with {@code bytes} bytes of room from its position, into which the caller writes
     * one whole frame before {@link #publishInPlace}; null when there is no such room now (then the frame
     * takes the ordinary path). The default has none.
     */
    protected ByteBuffer claimInPlace(int bytes) throws IOException {
        return null;
    }

    /** Makes the {@code bytes} bytes written into {@link #claimInPlace}'s view visible to the peer. */
    protected void publishInPlace(int bytes) {
        throw new UnsupportedOperationException("no in-place writing on " + this);
    }

    /**
     * In-place reading, the other side of {@link #claimInPlace}: a little-endian view of unread bytes that
     * lie in one piece from its position, to be parsed where they are; null when none (the default).
     */
    protected ByteBuffer peekInPlace() throws IOException {
        return null;
    }

    /** The next {@code bytes} bytes of {@link #peekInPlace}'s view have been parsed. */
    protected void consumedInPlace(int bytes) {
        throw new UnsupportedOperationException("no in-place reading on " + this);
    }

    /** Hands the space of the bytes consumed in place back to the peer. */
    protected void releaseInPlace() {
        throw new UnsupportedOperationException("no in-place reading on " + this);
    }

    public final int peer() {
        return peer;
    }

    /** True when this rank opened the connection. */
    public final boolean initiator() {
        return initiator;
    }

    /** True once closed. */
    public final boolean isClosed() {
        return closed;
    }

    /** Bytes of payload queued and not yet written. */
    final long queuedBytes() {
        return queuedBytes;
    }

    final boolean hasQueuedFrames() {
        return !queue.isEmpty();
    }

    // ---------------------------------------------------------------- writing

    /** Queues a frame and writes as much as the socket takes now. */
    final void enqueue(OutFrame f) throws IOException {
        used = true;
        if (queue.isEmpty() && writeInPlace(f)) { // nothing before it is still going out: order is kept
            engine.onWritten(this, f);
            return;
        }
        queue.add(f);
        queuedBytes += f.length;
        if (queue.size() == 1 && !flush()) {
            wantWrite(true);
        }
    }

    /** Writes queued frames until the queue is empty (true) or the socket is full (false). */
    public final boolean onWritable() throws IOException {
        boolean empty = flush();
        if (empty) {
            wantWrite(false);
        }
        return empty;
    }

    private boolean flush() throws IOException {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(BUFFER_BYTES).order(Buf.WIRE_ORDER);
            staging.limit(0);
        }
        while (true) {
            if (staging.hasRemaining()) {
                if (directOut != null && gathering != null) {
                    headerAndPayload[0] = staging; // one system call for a header and its payload
                    headerAndPayload[1] = directOut;
                    gathering.write(headerAndPayload);
                } else {
                    channel.write(staging);
                }
                if (staging.hasRemaining()) {
                    return false;
                }
            }
            if (directOut != null) {
                if (directOut.hasRemaining()) {
                    channel.write(directOut);
                }
                if (directOut.hasRemaining()) {
                    return false;
                }
                directOut = null;
            }
            if (payloadOut != null) {
                OutFrame p = payloadOut;
                p.sent += writePayload(p.payload, p.sent, p.payloadBytes() - p.sent);
                if (p.sent < p.payloadBytes()) {
                    return false;
                }
                payloadOut = null;
            }
            OutFrame f = queue.peek();
            if (f == null) {
                return true;
            }
            if (f.headerWritten && f.sent == f.payloadBytes()) {
                queue.poll();
                queuedBytes -= f.length;
                engine.onWritten(this, f);
                continue;
            }
            staging.clear();
            if (!f.headerWritten) {
                putHeader(f, staging);
                f.headerWritten = true;
            }
            long remaining = f.payloadBytes() - f.sent;
            if (remaining > 0) {
                ByteBuffer view = remaining >= DIRECT_IO_MIN_BYTES
                    ? f.payload.byteView(f.sent, (int) Math.min(remaining, 1 << 30)) : null;
                if (view != null) {
                    directOut = view;
                    f.sent += view.remaining();
                } else if (f.payloadBytes() >= PAYLOAD_IO_MIN_BYTES && payloadIo()) {
                    payloadOut = f; // goes out after the header, straight from the user's memory
                } else {
                    int es = f.payload.type().sizeBytes();
                    int n = (int) Math.min(remaining / es, staging.remaining() / es);
                    f.payload.encode((int) (f.sent / es), n, staging);
                    f.sent += (long) n * es;
                }
            }
            staging.flip();
        }
    }

    /**
     * Writes a small frame, header and payload, where the transport will hold it ({@link #claimInPlace});
     * returns false, having written nothing, when the frame is too large or the transport has no such
     * room now.
     */
    private boolean writeInPlace(OutFrame f) throws IOException {
        long payload = f.payloadBytes();
        if (payload >= PAYLOAD_IO_MIN_BYTES) {
            return false;
        }
        int bytes = HEADER_BYTES + (int) payload;
        ByteBuffer b = claimInPlace(bytes);
        if (b == null) {
            return false;
        }
        putHeader(f, b);
        if (payload > 0) {
            f.payload.encode(0, f.payload.count(), b);
        }
        f.headerWritten = true;
        f.sent = payload;
        publishInPlace(bytes);
        return true;
    }

    private static void putHeader(OutFrame f, ByteBuffer b) {
        int p = b.position();
        b.put(p + TYPE_OFFSET, f.type);
        b.put(p + FLAGS_OFFSET, f.flags);
        b.put(p + ELEMENT_TYPE_OFFSET, (byte) f.elementType.ordinal());
        b.put(p + ELEMENT_TYPE_OFFSET + 1, (byte) 0);
        b.putInt(p + CONTEXT_OFFSET, f.context);
        b.putInt(p + SOURCE_OFFSET, f.source);
        b.putInt(p + TAG_OFFSET, f.tag);
        b.putLong(p + LENGTH_OFFSET, f.length);
        b.putLong(p + SEND_ID_OFFSET, f.sendId);
        b.putLong(p + RECV_ID_OFFSET, f.recvId);
        b.position(p + HEADER_BYTES);
    }

    // ---------------------------------------------------------------- reading

    /** Reads what is available and dispatches complete headers and payload bytes to the engine. */
    public final void onReadable() throws IOException {
        if (readBuf == null) {
            readBuf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(Buf.WIRE_ORDER);
        }
        if (current == null && readBuf.position() == 0 && inPlaceIo() && readInPlace()) {
            return;
        }
        for (int round = 0; round < MAX_READS_PER_EVENT && !closed; round++) {
            long straight = readStraight();
            if (straight >= 0) {
                current.done += straight;
                if (current.remaining() == 0) {
                    finishInbound();
                }
                if (straight == 0) {
                    return;
                }
                continue;
            }
            int n;
            if (current == null && readBuf.position() < HEADER_BYTES && cheapReads()) {
                int limit = readBuf.limit();
                readBuf.limit(CHEAP_READ_BYTES);
                try {
                    n = channel.read(readBuf);
                } finally {
                    readBuf.limit(limit);
                }
            } else {
                n = channel.read(readBuf);
            }
            if (n < 0) {
                onEof();
                return;
            }
            readBuf.flip();
            try {
                process();
            } finally {
                readBuf.compact();
            }
            if (n == 0 || !cheapReads() && readBuf.position() == 0 && n < BUFFER_BYTES / 2) {
                return;
            }
        }
    }

    /**
     * Reads the payload being received straight into its target, without the read buffer: a direct
     * buffer's bytes through the channel, or any buffer through {@link #readPayload}. Returns the count,
     * or -1 when that is not possible now (between frames, bytes left in the read buffer, a small or
     * discarded payload, or an element split across records).
     */
    /**
     * Parses whole frames where the transport holds them ({@link #peekInPlace}), decoding small payloads
     * straight into their destinations; stops at a frame that is not whole in the view (the ordinary path
     * goes on from there). Returns true when it stopped because nothing more is waiting.
     */
    private boolean readInPlace() throws IOException {
        int consumed = 0;
        try {
            for (int frames = 0; frames < MAX_FRAMES_IN_PLACE && !closed; frames++) {
                ByteBuffer v = peekInPlace();
                if (v == null) {
                    return true;
                }
                int p = v.position();
                if (v.limit() - p < HEADER_BYTES) {
                    return false;
                }
                current = engine.onFrame(this, v.get(p + TYPE_OFFSET), v.get(p + FLAGS_OFFSET),
                    elementType(v.get(p + ELEMENT_TYPE_OFFSET)), v.getInt(p + CONTEXT_OFFSET),
                    v.getInt(p + SOURCE_OFFSET), v.getInt(p + TAG_OFFSET), v.getLong(p + LENGTH_OFFSET),
                    v.getLong(p + SEND_ID_OFFSET), v.getLong(p + RECV_ID_OFFSET));
                consumedInPlace(HEADER_BYTES);
                consumed += HEADER_BYTES;
                if (current == null) {
                    continue;
                }
                long remaining = current.remaining();
                if (remaining > v.limit() - p - HEADER_BYTES || remaining % current.elementSize != 0) {
                    return false; // the payload goes on past this view: read it the ordinary way
                }
                if (remaining > 0) {
                    if (current.buf != null) {
                        v.position(p + HEADER_BYTES);
                        current.buf.decode(0, (int) (remaining / current.elementSize), v);
                    }
                    consumedInPlace((int) remaining);
                    consumed += (int) remaining;
                    current.done = current.length;
                }
                finishInbound();
            }
            return false;
        } finally {
            if (consumed > 0) {
                releaseInPlace();
            }
        }
    }

    private static ElementType elementType(byte ordinal) throws ProtocolException {
        ElementType et = ElementType.ofOrdinal(ordinal);
        if (et == null) {
            throw new ProtocolException("unknown element type " + ordinal);
        }
        return et;
    }

    private long readStraight() throws IOException {
        if (current == null || readBuf.position() != 0 || current.buf == null) {
            return -1;
        }
        if (current.remaining() >= DIRECT_IO_MIN_BYTES) {
            ByteBuffer view = current.buf.byteView(current.done, (int) Math.min(current.remaining(), 1 << 30));
            if (view != null) {
                int n = channel.read(view);
                if (n < 0) {
                    throw new EOFException("rank " + peer + " closed the connection in the middle of a message");
                }
                return n;
            }
        }
        return current.length >= PAYLOAD_IO_MIN_BYTES && payloadIo() // to its end, once the message is large
            ? readPayload(current.buf, current.done, current.remaining()) : -1;
    }

    private void process() throws IOException {
        while (!closed) {
            if (current == null) {
                if (readBuf.remaining() < HEADER_BYTES) {
                    return;
                }
                int p = readBuf.position();
                byte type = readBuf.get(p + TYPE_OFFSET);
                byte flags = readBuf.get(p + FLAGS_OFFSET);
                ElementType et = ElementType.ofOrdinal(readBuf.get(p + ELEMENT_TYPE_OFFSET));
                int context = readBuf.getInt(p + CONTEXT_OFFSET);
                int source = readBuf.getInt(p + SOURCE_OFFSET);
                int tag = readBuf.getInt(p + TAG_OFFSET);
                long length = readBuf.getLong(p + LENGTH_OFFSET);
                long sendId = readBuf.getLong(p + SEND_ID_OFFSET);
                long recvId = readBuf.getLong(p + RECV_ID_OFFSET);
                readBuf.position(p + HEADER_BYTES);
                if (et == null) {
                    throw new ProtocolException("unknown element type " + readBuf.get(p + ELEMENT_TYPE_OFFSET));
                }
                current = engine.onFrame(this, type, flags, et, context, source, tag, length, sendId, recvId);
                if (current != null && current.remaining() == 0) {
                    finishInbound();
                }
            } else {
                long remaining = current.remaining();
                int es = current.elementSize;
                int take = (int) Math.min(remaining, readBuf.remaining());
                take -= take % es;
                if (take == 0) {
                    return;
                }
                if (current.buf != null) {
                    current.buf.decode((int) (current.done / es), take / es, readBuf);
                } else {
                    readBuf.position(readBuf.position() + take);
                }
                current.done += take;
                if (current.remaining() == 0) {
                    finishInbound();
                }
            }
        }
    }

    private void finishInbound() {
        Inbound done = current;
        current = null;
        engine.onInboundComplete(done);
    }

    private void onEof() throws IOException {
        if (current != null || readBuf.position() > 0) {
            throw new EOFException("rank " + peer + " closed the connection in the middle of a message");
        }
        throw new EOFException("rank " + peer + " closed the connection");
    }

    /** The payload being read, or null between frames. */
    final Inbound currentInbound() {
        return current;
    }

    /** Drops all state and closes the channel; returns the frames that were still queued. */
    final ArrayDeque<OutFrame> close() {
        closed = true;
        closeChannel();
        ArrayDeque<OutFrame> left = new ArrayDeque<>(queue);
        queue.clear();
        queuedBytes = 0;
        payloadOut = null;
        directOut = null;
        current = null;
        return left;
    }

    @Override
    public String toString() {
        return (initiator ? "connection to rank " : "connection from rank ") + peer;
    }

    /** A frame that violates the protocol; the connection is closed. */
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public ProtocolException(String message) {
            super(message);
        }
    }
}
