package io.spmd4j.farm;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Request;
import io.spmd4j.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The farm's messages: byte arrays on one tag of the user's communicator, written big-endian. User objects (inputs, results) are inside as the bytes of the process's
 * object codec, so only they pass the codec's class filter; the farm's own envelope never does.
 *
 * <pre>
 * root -&gt; worker
 *   START   | kind 1 | task timeout ns (8) | interrupt grace ns (8) |
 *   TASKS   | kind 1 | chunk (4) | n (4) | n x ( task index (4) | length (4) | input bytes ) |
 *   CANCEL  | kind 1 |
 *   STOP    | kind 1 |                     (the rank reported all its chunks and gets no more)
 *   SUMMARY | kind 1 | summary, see {@link Summary} | results |   (after the rank's DONE)
 *     results := nothing (results on the root only)
 *              | 1 (1) | blob (length (4) | bytes), see {@link ResultBlob}   (results everywhere, inline)
 *              | 0 (1)            (results everywhere, in a broadcast from the root after the SUMMARY)
 * worker -&gt; root
 *   RESULTS | kind 1 | chunk (4) | n (4) | n x ( task index (4) | status (1) | nanos (8) | length (4) | bytes ) |
 *   DONE    | kind 1 | abandoned threads (4) |
 *   CANCEL_REQUEST | kind 1 | reason (string) |
 *
 * string := length (4, -1 for null) | UTF-8 bytes
 * </pre>
 *
 * The bytes of a RESULTS entry are the codec's encoding of the result ({@link #OK}), a failure record
 * ({@link #FAILED}, see {@link Failures}) or nothing ({@link #CANCELLED}). Messages from one rank on
 * one tag arrive in the order sent, which the protocol relies on: START before TASKS, and a rank's
 * last RESULTS and CANCEL_REQUEST before its DONE. The root sends STOP to a rank as soon as the rank
 * holds no chunk and none is left to give (inputs used up, or the map stopping), so ranks that finish
 * early end their part while others still work; the SUMMARY goes to every rank after the last DONE.
 */
final class Wire {
    static final byte START = 1;
    static final byte TASKS = 2;
    static final byte CANCEL = 3;
    static final byte STOP = 4;
    static final byte RESULTS = 5;
    static final byte DONE = 6;
    static final byte CANCEL_REQUEST = 7;
    static final byte SUMMARY = 8;

    /** Entry status: the task returned; the bytes are its encoded result. */
    static final byte OK = 0;
    /** Entry status: the task threw, timed out, or its input or result could not cross; a failure record. */
    static final byte FAILED = 1;
    /** Entry status: the task did not run to completion because the map was cancelled; no bytes. */
    static final byte CANCELLED = 2;

    private Wire() {
    }

    /** A received message: its source rank and a reader positioned after the kind byte. */
    record Received(int source, byte kind, In in) {
    }

    /** Sends a finished message to {@code dest} (blocking, standard mode). */
    static void send(Comm comm, Out message, int dest, int tag) {
        byte[] bytes = message.toByteArray();
        comm.send(bytes, 0, bytes.length, dest, tag);
    }

    /** Starts a send of a finished message to {@code dest} (nonblocking, standard mode). */
    static Request isend(Comm comm, Out message, int dest, int tag) {
        byte[] bytes = message.toByteArray();
        return comm.isend(bytes, 0, bytes.length, dest, tag);
    }

    /**
     * Receives the next message from {@code source} (or {@link io.spmd4j.Spmd#ANY_SOURCE}) with
     * {@code tag}: probes for its size, then receives it from the probed source. Only one thread of a
     * rank may receive farm messages, so the probed message is the one received.
     */
    static Received receive(Comm comm, int source, int tag) {
        Status probed = comm.probe(source, tag);
        byte[] bytes = new byte[Math.toIntExact(probed.bytes())];
        comm.recv(bytes, 0, bytes.length, probed.source(), tag);
        if (bytes.length == 0) {
            throw malformed("an empty message from rank " + probed.source());
        }
        In in = new In(bytes);
        return new Received(probed.source(), in.readByte(), in);
    }

    static MpiException malformed(String what) {
        return new MpiException(ErrorClass.ERR_OTHER, "farm protocol violation: " + what
            + "; is another part of the program using the farm's tag on this communicator?");
    }

    /** A message under construction, in a growing big-endian buffer. */
    static final class Out {
        private static final int INITIAL_BYTES = 64;
        private ByteBuffer buf = ByteBuffer.allocate(INITIAL_BYTES);

        Out(byte kind) {
            writeByte(kind);
        }

        /** An envelope-less buffer, for records nested inside messages. */
        Out() {
        }

        private ByteBuffer room(int bytes) {
            if (buf.remaining() < bytes) {
                int capacity = Math.max(buf.capacity() * 2, buf.position() + bytes);
                buf = ByteBuffer.allocate(capacity).put(buf.flip());
            }
            return buf;
        }

        Out writeByte(int v) {
            room(1).put((byte) v);
            return this;
        }

        Out writeInt(int v) {
            room(4).putInt(v);
            return this;
        }

        Out writeLong(long v) {
            room(8).putLong(v);
            return this;
        }

        /** Writes a length and the bytes. */
        Out writeBytes(byte[] b) {
            writeInt(b.length);
            room(b.length).put(b);
            return this;
        }

        /** Writes a length and the bytes, or length -1 for null. */
        Out writeOptionalBytes(byte[] b) {
            return b == null ? writeInt(-1) : writeBytes(b);
        }

        Out writeString(String s) {
            return writeOptionalBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /** A reader over a received message; a short or malformed message fails with ERR_OTHER. */
    static final class In {
        private final ByteBuffer buf;

        In(byte[] bytes) {
            this.buf = ByteBuffer.wrap(bytes);
        }

        private ByteBuffer need(int bytes) {
            if (bytes < 0 || buf.remaining() < bytes) {
                throw malformed("a truncated message (" + bytes + " more bytes wanted, " + buf.remaining() + " left)");
            }
            return buf;
        }

        byte readByte() {
            return need(1).get();
        }

        int readInt() {
            return need(4).getInt();
        }

        long readLong() {
            return need(8).getLong();
        }

        byte[] readBytes() {
            byte[] b = readOptionalBytes();
            if (b == null) {
                throw malformed("a missing byte string");
            }
            return b;
        }

        /** Reads what {@link Out#writeOptionalBytes} wrote. */
        byte[] readOptionalBytes() {
            int n = readInt();
            if (n == -1) {
                return null;
            }
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        String readString() {
            byte[] b = readOptionalBytes();
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
    }
}
