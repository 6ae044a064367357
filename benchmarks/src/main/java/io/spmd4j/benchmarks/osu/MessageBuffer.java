package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The message bytes of a benchmark behind one interface, so that the timed loops are the same for
 * a direct or heap {@link ByteBuffer} and a {@code byte[]}. Every operation works on the first
 * {@code count} bytes. Not thread-safe; used by the rank's main thread only.
 */
abstract class MessageBuffer {
    /** Blocking send of the first {@code count} bytes ({@code MPI_Send}). */
    abstract void send(Comm comm, int count, int dest, int tag);

    /** Blocking receive into the first {@code count} bytes ({@code MPI_Recv}). */
    abstract void recv(Comm comm, int count, int source, int tag);

    /** Nonblocking send of the first {@code count} bytes ({@code MPI_Isend}). */
    abstract Request isend(Comm comm, int count, int dest, int tag);

    /** Nonblocking receive into the first {@code count} bytes ({@code MPI_Irecv}). */
    abstract Request irecv(Comm comm, int count, int source, int tag);

    /** Sets the first {@code count} bytes to {@code value}. */
    abstract void fill(int count, byte value);

    /** Returns true when each of the first {@code count} bytes equals {@code value}. */
    abstract boolean holds(int count, byte value);

    /** A {@link ByteBuffer}, heap or direct, addressed by absolute offsets (its position is unused). */
    static final class OfByteBuffer extends MessageBuffer {
        private final ByteBuffer buf;

        OfByteBuffer(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        void send(Comm comm, int count, int dest, int tag) {
            comm.send(buf, 0, count, dest, tag);
        }

        @Override
        void recv(Comm comm, int count, int source, int tag) {
            comm.recv(buf, 0, count, source, tag);
        }

        @Override
        Request isend(Comm comm, int count, int dest, int tag) {
            return comm.isend(buf, 0, count, dest, tag);
        }

        @Override
        Request irecv(Comm comm, int count, int source, int tag) {
            return comm.irecv(buf, 0, count, source, tag);
        }

        @Override
        void fill(int count, byte value) {
            for (int i = 0; i < count; i++) {
                buf.put(i, value);
            }
        }

        @Override
        boolean holds(int count, byte value) {
            for (int i = 0; i < count; i++) {
                if (buf.get(i) != value) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A plain {@code byte[]}. */
    static final class OfBytes extends MessageBuffer {
        private final byte[] buf;

        OfBytes(byte[] buf) {
            this.buf = buf;
        }

        @Override
        void send(Comm comm, int count, int dest, int tag) {
            comm.send(buf, 0, count, dest, tag);
        }

        @Override
        void recv(Comm comm, int count, int source, int tag) {
            comm.recv(buf, 0, count, source, tag);
        }

        @Override
        Request isend(Comm comm, int count, int dest, int tag) {
            return comm.isend(buf, 0, count, dest, tag);
        }

        @Override
        Request irecv(Comm comm, int count, int source, int tag) {
            return comm.irecv(buf, 0, count, source, tag);
        }

        @Override
        void fill(int count, byte value) {
            Arrays.fill(buf, 0, count, value);
        }

        @Override
        boolean holds(int count, byte value) {
            for (int i = 0; i < count; i++) {
                if (buf[i] != value) {
                    return false;
                }
            }
            return true;
        }
    }
}
