package io.spmd4j.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.testing.Fuzzer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the frame decoder of a rank-to-rank connection ({@link Connection#onReadable} with the engine's
 * {@code onFrame} behind it), in both directions: the acceptor's side reads EAGER, RTS and DATA frames
 * with receives posted (so that RTS frames are matched and answered); the initiator's side reads CTS
 * answers to a rendezvous send in flight. The bytes arrive in random pieces, as from a socket or a ring.
 * The only allowed ends are a {@link Connection.ProtocolException} or an {@link EOFException}, after
 * which the engine closes the connection; heap allocated per input stays within one eager limit per
 * frame header the input can hold (a length is checked before anything is allocated for it).
 *
 * <p>A long run: {@code mvn -o -pl runtime -am verify -Dtest='Fuzz*' -Dsurefire.failIfNoSpecifiedTests=false
 * -Dspmd4j.fuzz.inputs=1000000 -Dorg.slf4j.simpleLogger.defaultLogLevel=off} (reports in the test output).
 */
class FuzzFrameTest {
    private static final long QUICK_INPUTS = 5_000;
    /** Heap a decoding may take besides payloads: the engine, the connection, the operations. */
    private static final long OVERHEAD_BYTES = 256 * 1024;
    private static final Config CONFIG = Config.from(new Properties(), Map.of());

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldOnlyEverCloseTheConnectionOnBadFramesFromTheSender() {
        Fuzzer.check(new FrameTarget(false), QUICK_INPUTS);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldOnlyEverCloseTheConnectionOnBadAnswersToARendezvousSend() {
        Fuzzer.check(new FrameTarget(true), QUICK_INPUTS);
    }

    /** One side of a connection fed with fuzzed bytes. */
    static final class FrameTarget implements Fuzzer.Target {
        private static final java.lang.reflect.Field READ_BUF = field("readBuf");
        private static final java.lang.reflect.Field STAGING = field("staging");
        private final boolean initiator;
        private final ByteBuffer readBuf = ByteBuffer.allocateDirect(Connection.BUFFER_BYTES).order(Buf.WIRE_ORDER);
        private final ByteBuffer staging = ByteBuffer.allocateDirect(Connection.BUFFER_BYTES).order(Buf.WIRE_ORDER);

        private static java.lang.reflect.Field field(String name) {
            try {
                java.lang.reflect.Field f = Connection.class.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }

        FrameTarget(boolean initiator) {
            this.initiator = initiator;
        }

        @Override
        public String name() {
            return initiator ? "frames(initiator)" : "frames(acceptor)";
        }

        @Override
        public List<byte[]> seeds() {
            List<byte[]> s = new ArrayList<>();
            if (initiator) {
                s.add(header(FrameDescriptor.CTS, 0, 0, 0, 0, 0, 1, 1));
                s.add(header(FrameDescriptor.CTS, FrameDescriptor.FLAG_DECLINE, 0, 0, 0, 0, 1, 0));
                return s;
            }
            byte[] ints = payload(64);
            s.add(concat(header(FrameDescriptor.EAGER, 0, ElementType.INT.ordinal(), 0, 7, 64, 0, 0), ints));
            s.add(concat(header(FrameDescriptor.EAGER, 0, ElementType.BYTE.ordinal(), 3, 1, 16, 0, 0), payload(16),
                header(FrameDescriptor.EAGER, 0, ElementType.BYTE.ordinal(), 3, 2, 0, 0, 0)));
            s.add(concat(header(FrameDescriptor.RTS, 0, ElementType.INT.ordinal(), 0, 7, 64, 5, 0),
                header(FrameDescriptor.DATA, 0, ElementType.INT.ordinal(), 0, 7, 64, 5, 1), ints));
            s.add(concat(header(FrameDescriptor.RTS, FrameDescriptor.FLAG_SYNC, ElementType.DOUBLE.ordinal(), 0, 9,
                32, 6, 0), header(FrameDescriptor.DATA, 0, ElementType.DOUBLE.ordinal(), 0, 9, 32, 6, 1), payload(32)));
            return s;
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return (input.length / FrameDescriptor.HEADER_BYTES + 1) * (long) CONFIG.eagerLimitBytes() + OVERHEAD_BYTES;
        }

        @Override
        public String run(byte[] input) throws Exception {
            FeedChannel channel = new FeedChannel(input);
            FuzzConnection c = new FuzzConnection(initiator, channel);
            reuseBuffers(c);
            Engine e = new Engine(1, 2, CONFIG, new OneConnectionTransport(c));
            List<Operation> ops = new ArrayList<>();
            if (initiator) {
                ops.add(e.isend(Buf.of(new byte[CONFIG.eagerLimitBytes() + 1], 0, CONFIG.eagerLimitBytes() + 1), 0, 0,
                    1, 3, false, false));
            } else {
                e.onAccepted(c);
                ops.add(e.irecv(Buf.of(new int[16], 0, 16), 0, Engine.ANY_SOURCE, Engine.ANY_TAG, false));
                ops.add(e.irecv(Buf.of(new double[4], 0, 4), 0, 0, 9, false));
                ops.add(e.irecv(Buf.of(new byte[8], 0, 8), 3, Engine.ANY_SOURCE, 1, false));
            }
            String outcome;
            e.lock().lock();
            try {
                outcome = drive(e, c, input.length);
            } finally {
                e.lock().unlock();
            }
            if (!c.isClosed() || !channel.closed) {
                throw new AssertionError("the connection stayed open after " + outcome);
            }
            for (Operation op : ops) {
                if (op.isDone() && op.error() != null && op.error().errorClass() == null) {
                    throw new AssertionError("an operation failed without an error class");
                }
            }
            return outcome;
        }

        /**
         * Hands the connection this target's direct buffers (cleared), as if it had allocated its own: a
         * million connections each allocating fresh direct buffers would measure the garbage collector.
         */
        private void reuseBuffers(Connection c) throws ReflectiveOperationException {
            READ_BUF.set(c, readBuf.clear());
            STAGING.set(c, staging.clear().limit(0));
        }

        /** Reads until the stream ends or breaks; every read takes at least one byte, so this ends. */
        private static String drive(Engine e, FuzzConnection c, int length) {
            for (int i = 0; i <= length + 1; i++) {
                try {
                    c.onReadable();
                } catch (Connection.ProtocolException ex) {
                    e.failConnection(c, ex);
                    return "protocol error";
                } catch (EOFException ex) {
                    e.failConnection(c, ex);
                    return ex.getMessage().contains("middle") ? "cut mid-message" : "clean end";
                } catch (IOException ex) {
                    throw new AssertionError("undocumented I/O failure", ex);
                }
            }
            throw new AssertionError("the decoder neither ended nor failed on a finished stream");
        }
    }

    static byte[] header(byte type, int flags, int elementType, int context, int tag, long length, long sendId,
        long recvId) {
        ByteBuffer h = ByteBuffer.allocate(FrameDescriptor.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(FrameDescriptor.TYPE_OFFSET, type);
        h.put(FrameDescriptor.FLAGS_OFFSET, (byte) flags);
        h.put(FrameDescriptor.ELEMENT_TYPE_OFFSET, (byte) elementType);
        h.putInt(FrameDescriptor.CONTEXT_OFFSET, context);
        h.putInt(FrameDescriptor.SOURCE_OFFSET, 0);
        h.putInt(FrameDescriptor.TAG_OFFSET, tag);
        h.putLong(FrameDescriptor.LENGTH_OFFSET, length);
        h.putLong(FrameDescriptor.SEND_ID_OFFSET, sendId);
        h.putLong(FrameDescriptor.RECV_ID_OFFSET, recvId);
        return h.array();
    }

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** Hands out the input in random pieces, then reports the end of the stream; swallows writes. */
    static final class FeedChannel implements ByteChannel {
        private final byte[] input;
        private final SplittableRandom pieces;
        private int at;
        boolean closed;

        FeedChannel(byte[] input) {
            this.input = input;
            this.pieces = new SplittableRandom(java.util.Arrays.hashCode(input));
        }

        @Override
        public int read(ByteBuffer dst) {
            if (at == input.length) {
                return -1;
            }
            int n = Math.min(Math.min(dst.remaining(), input.length - at), 1 + pieces.nextInt(97));
            dst.put(input, at, n);
            at += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A connection to world rank 0 over a {@link FeedChannel}. */
    static final class FuzzConnection extends Connection {
        private final FeedChannel channel;

        FuzzConnection(boolean initiator, FeedChannel channel) {
            super(0, initiator, channel);
            this.channel = channel;
        }

        @Override
        protected void wantWrite(boolean on) {
            // writes always complete on a feed channel
        }

        @Override
        protected void closeChannel() {
            channel.close();
        }
    }

    /** A transport whose only connection is the fuzzed one; nothing to poll. */
    static final class OneConnectionTransport implements Transport {
        private final Connection connection;

        OneConnectionTransport(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void start(Engine engine) {
        }

        @Override
        public byte[] card() {
            return new byte[0];
        }

        @Override
        public void peers(List<byte[]> cards) {
        }

        /** True: the connection exists already, so the engine adopts it at the first send, under its lock. */
        @Override
        public boolean connectIsCheap() {
            return true;
        }

        @Override
        public Connection connect(int peer) {
            return connection;
        }

        @Override
        public int poll(long timeoutMs) {
            return 0;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }
    }
}
