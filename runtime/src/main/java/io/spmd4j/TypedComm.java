package io.spmd4j;

import io.spmd4j.engine.Buf;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;

/**
 * The typed faces of {@link Comm}'s operations: for every operation one thin method per buffer kind
 * ({@code byte[]}, {@code char[]}, {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]},
 * {@code double[]}, {@code boolean[]} with element offsets and counts; {@link ByteBuffer} with
 * absolute byte offsets and counts, its position unused), each of which wraps its arguments in a
 * {@link Buf} and calls the one implementation in {@link Comm}. Kept apart so that {@code Comm}
 * reads as logic, not as overloads.
 */
abstract class TypedComm {
    /** This rank's number in the communicator. */
    public abstract int rank();

    /** Number of ranks in the communicator. */
    public abstract int size();

    abstract void send(Buf buf, int dest, int tag, boolean sync);

    abstract Status recv(Buf buf, int source, int tag);

    abstract Request isend(Buf buf, int dest, int tag, boolean sync);

    abstract Request irecv(Buf buf, int source, int tag);

    abstract Status sendrecv(Buf sendBuf, int dest, int sendTag, Buf recvBuf, int source, int recvTag);

    abstract Status sendrecvReplace(Buf buf, int dest, int sendTag, int source, int recvTag);

    abstract void bcast(Buf buf, int root);

    abstract void reduce(Buf send, Buf recv, Op op, int root);

    abstract void allreduce(Buf send, Buf recv, Op op);

    abstract void gather(Buf send, Buf recv, int root);

    abstract void gatherv(Buf send, Buf recv, int[] counts, int[] displs, int root);

    abstract void scatter(Buf send, Buf recv, int root);

    abstract void scatterv(Buf send, int[] counts, int[] displs, Buf recv, int root);

    abstract void allgather(Buf send, Buf recv);

    abstract void allgatherv(Buf send, Buf recv, int[] counts, int[] displs);

    abstract void alltoall(Buf send, Buf recv);

    abstract void alltoallv(Buf send, int[] sendCounts, int[] sendDispls, Buf recv, int[] recvCounts, int[] recvDispls);

    abstract void reduceScatter(Buf send, Buf recv, int[] counts, Op op);

    abstract void reduceScatterBlock(Buf send, Buf recv, Op op);

    abstract void scan(Buf send, Buf recv, Op op);

    abstract void exscan(Buf send, Buf recv, Op op);

    abstract Request ibcast(Buf buf, int root);

    abstract Request ireduce(Buf send, Buf recv, Op op, int root);

    abstract Request iallreduce(Buf send, Buf recv, Op op);

    abstract Request iallgather(Buf send, Buf recv);

    abstract Request ialltoall(Buf send, Buf recv);

    // ================================================================ argument checks shared by the overloads

    /** Length of a primitive array or capacity of a ByteBuffer; 0 for null. */
    static int length(Object array) {
        return array == null ? 0 : array instanceof ByteBuffer ? ((ByteBuffer) array).capacity() : Array.getLength(array);
    }

    /**
     * Checks that {@code array} holds {@code needed} elements from {@code offset} and returns the
     * count, so that a receive buffer too small for a gather fails with a message naming the call.
     */
    static int room(String what, Object array, int offset, long needed) {
        if (array == null) {
            throw new MpiException(ErrorClass.ERR_BUFFER, what + ": buffer is null");
        }
        if (needed < 0 || needed > Integer.MAX_VALUE) {
            throw new MpiException(ErrorClass.ERR_COUNT, what + ": invalid element count " + needed);
        }
        int length = length(array);
        if (offset < 0 || offset + needed > length) {
            throw new MpiException(ErrorClass.ERR_BUFFER, what + ": buffer too small: needs " + needed
                + " elements from offset " + offset + ", but it has " + length);
        }
        return (int) needed;
    }

    /** Elements that {@code count} per rank need for every rank of the communicator. */
    long perRank(int count) {
        if (count < 0) {
            throw new MpiException(ErrorClass.ERR_COUNT, "invalid count: count=" + count);
        }
        return (long) count * size();
    }

    /**
     * Validates per-rank counts and displacements (MPI's {@code v} arguments; null displacements
     * count as zeros) and returns the extent they cover, {@code max(displs[i] + counts[i])}.
     */
    long extent(String what, int[] counts, int[] displs) {
        int size = size();
        if (counts == null || counts.length != size) {
            throw new MpiException(ErrorClass.ERR_COUNT, what + ": counts must have one entry per rank: "
                + (counts == null ? "null" : "length " + counts.length) + ", size=" + size);
        }
        if (displs != null && displs.length != size) {
            throw new MpiException(ErrorClass.ERR_ARG, what + ": displacements must have one entry per rank: length "
                + displs.length + ", size=" + size);
        }
        long extent = 0;
        for (int i = 0; i < size; i++) {
            int d = displs == null ? 0 : displs[i];
            if (counts[i] < 0) {
                throw new MpiException(ErrorClass.ERR_COUNT, what + ": invalid count for rank " + i + ": " + counts[i]);
            }
            if (d < 0) {
                throw new MpiException(ErrorClass.ERR_ARG, what + ": invalid displacement for rank " + i + ": " + d);
            }
            extent = Math.max(extent, (long) d + counts[i]);
        }
        return extent;
    }

    /** Validates per-rank counts and returns their sum. */
    long total(String what, int[] counts) {
        extent(what, counts, null);
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    // ================================================================ send

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(byte[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(char[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(short[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(int[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(long[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(float[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(double[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(boolean[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Sends bytes {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(ByteBuffer buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    // ================================================================ ssend

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(byte[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(char[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(short[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(int[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(long[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(float[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(double[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(boolean[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    // ================================================================ recv

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(byte[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(char[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(short[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(int[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(long[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(float[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(double[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(boolean[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Receives at most {@code count} bytes into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(ByteBuffer buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    // ================================================================ isend

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(byte[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(char[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(short[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(int[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(long[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(float[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(double[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(boolean[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    // ================================================================ issend

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(byte[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(char[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(short[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(int[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(long[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(float[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(double[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(boolean[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    // ================================================================ irecv

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(byte[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(char[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(short[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(int[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(long[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(float[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(double[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(boolean[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(ByteBuffer buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    // ================================================================ sendrecv

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(byte[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, byte[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(char[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, char[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(short[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, short[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(int[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, int[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(long[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, long[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(float[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, float[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(double[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, double[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(boolean[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, boolean[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(ByteBuffer sendbuf, int sendOffset, int sendCount, int dest, int sendTag, ByteBuffer recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    // ================================================================ sendrecvReplace

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(byte[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(char[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(short[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(int[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(long[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(float[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(double[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(boolean[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(ByteBuffer buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    // ================================================================ bcast

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(byte[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(char[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(short[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(int[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(long[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(float[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(double[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(boolean[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Broadcasts {@code count} bytes from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(ByteBuffer buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    // ================================================================ reduce

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root}, in rank order (MPI_Reduce); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void reduce(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    // ================================================================ allreduce

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf}, in rank order (MPI_Allreduce); collective. */
    public void allreduce(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    // ================================================================ gather

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} elements from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    /** Gathers {@code count} bytes from every rank into {@code recvbuf} at {@code root}, rank i's at {@code recvOffset + i*count} (MPI_Gather); {@code recvbuf} is ignored (may be null) elsewhere; collective. */
    public void gather(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset, int root) {
        gather(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, room("gather", recvbuf, recvOffset, perRank(count))) : null, root);
    }

    // ================================================================ gatherv

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(byte[] sendbuf, int sendOffset, int sendCount, byte[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(char[] sendbuf, int sendOffset, int sendCount, char[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(short[] sendbuf, int sendOffset, int sendCount, short[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(int[] sendbuf, int sendOffset, int sendCount, int[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(long[] sendbuf, int sendOffset, int sendCount, long[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(float[] sendbuf, int sendOffset, int sendCount, float[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(double[] sendbuf, int sendOffset, int sendCount, double[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} elements from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(boolean[] sendbuf, int sendOffset, int sendCount, boolean[] recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    /** Gathers {@code sendCount} bytes from every rank at {@code root}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Gatherv); the receive arguments are ignored elsewhere; collective. */
    public void gatherv(ByteBuffer sendbuf, int sendOffset, int sendCount, ByteBuffer recvbuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        gatherv(Buf.of(sendbuf, sendOffset, sendCount), rank() == root ? Buf.of(recvbuf, recvOffset, room("gatherv", recvbuf, recvOffset, extent("gatherv", recvCounts, displs))) : null, recvCounts, displs, root);
    }

    // ================================================================ scatter

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} elements of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    /** Sends block i of {@code count} bytes of the root's {@code sendbuf} (at {@code sendOffset + i*count}) to rank i (MPI_Scatter); {@code sendbuf} is ignored (may be null) off the root; collective. */
    public void scatter(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset, int root) {
        scatter(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatter", sendbuf, sendOffset, perRank(count))) : null, Buf.of(recvbuf, recvOffset, count), root);
    }

    // ================================================================ scatterv

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(byte[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, byte[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(char[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, char[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(short[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, short[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(int[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, int[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(long[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, long[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(float[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, float[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(double[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, double[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} elements at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(boolean[] sendbuf, int sendOffset, int[] sendCounts, int[] displs, boolean[] recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    /** Sends {@code sendCounts[i]} bytes at {@code sendOffset + displs[i]} of the root's {@code sendbuf} to rank i (MPI_Scatterv); the send arguments are ignored off the root; collective. */
    public void scatterv(ByteBuffer sendbuf, int sendOffset, int[] sendCounts, int[] displs, ByteBuffer recvbuf, int recvOffset, int recvCount, int root) {
        scatterv(rank() == root ? Buf.of(sendbuf, sendOffset, room("scatterv", sendbuf, sendOffset, extent("scatterv", sendCounts, displs))) : null, sendCounts, displs, Buf.of(recvbuf, recvOffset, recvCount), root);
    }

    // ================================================================ allgather

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} elements from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Gathers {@code count} bytes from every rank into every rank's {@code recvbuf}, rank i's at {@code recvOffset + i*count} (MPI_Allgather); collective. */
    public void allgather(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset) {
        allgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("allgather", recvbuf, recvOffset, perRank(count))));
    }

    // ================================================================ allgatherv

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(byte[] sendbuf, int sendOffset, int sendCount, byte[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(char[] sendbuf, int sendOffset, int sendCount, char[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(short[] sendbuf, int sendOffset, int sendCount, short[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(int[] sendbuf, int sendOffset, int sendCount, int[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(long[] sendbuf, int sendOffset, int sendCount, long[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(float[] sendbuf, int sendOffset, int sendCount, float[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(double[] sendbuf, int sendOffset, int sendCount, double[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} elements from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(boolean[] sendbuf, int sendOffset, int sendCount, boolean[] recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    /** Gathers {@code sendCount} bytes from every rank into every rank's {@code recvbuf}, rank i's {@code recvCounts[i]} at {@code recvOffset + displs[i]} (MPI_Allgatherv); collective. */
    public void allgatherv(ByteBuffer sendbuf, int sendOffset, int sendCount, ByteBuffer recvbuf, int recvOffset, int[] recvCounts, int[] displs) {
        allgatherv(Buf.of(sendbuf, sendOffset, sendCount), Buf.of(recvbuf, recvOffset, room("allgatherv", recvbuf, recvOffset, extent("allgatherv", recvCounts, displs))), recvCounts, displs);
    }

    // ================================================================ alltoall

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} elements (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Sends block j of {@code count} bytes (at {@code sendOffset + j*count}) to rank j and receives rank i's block at {@code recvOffset + i*count} (MPI_Alltoall); collective. */
    public void alltoall(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset) {
        alltoall(Buf.of(sendbuf, sendOffset, room("alltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("alltoall", recvbuf, recvOffset, perRank(count))));
    }

    // ================================================================ alltoallv

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(byte[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, byte[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(char[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, char[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(short[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, short[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(int[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, int[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(long[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, long[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(float[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, float[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(double[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, double[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} elements at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(boolean[] sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, boolean[] recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    /** Sends {@code sendCounts[j]} bytes at {@code sendOffset + sendDispls[j]} to rank j and receives rank i's {@code recvCounts[i]} at {@code recvOffset + recvDispls[i]} (MPI_Alltoallv); collective. */
    public void alltoallv(ByteBuffer sendbuf, int sendOffset, int[] sendCounts, int[] sendDispls, ByteBuffer recvbuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        alltoallv(Buf.of(sendbuf, sendOffset, room("alltoallv", sendbuf, sendOffset, extent("alltoallv", sendCounts, sendDispls))), sendCounts, sendDispls, Buf.of(recvbuf, recvOffset, room("alltoallv", recvbuf, recvOffset, extent("alltoallv", recvCounts, recvDispls))), recvCounts, recvDispls);
    }

    // ================================================================ reduceScatter

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} elements, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    /** Combines every rank's {@code sendbuf} (blocks of {@code recvCounts[i]} bytes, one after another) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter); collective. */
    public void reduceScatter(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int[] recvCounts, Op op) {
        reduceScatter(Buf.of(sendbuf, sendOffset, room("reduceScatter", sendbuf, sendOffset, total("reduceScatter", recvCounts))), Buf.of(recvbuf, recvOffset, recvCounts[rank()]), recvCounts, op);
    }

    // ================================================================ reduceScatterBlock

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Combines every rank's {@code sendbuf} ({@code size()} blocks of {@code count}) with {@code op} in rank order and leaves block i in rank i's {@code recvbuf} (MPI_Reduce_scatter_block); collective. */
    public void reduceScatterBlock(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op) {
        reduceScatterBlock(Buf.of(sendbuf, sendOffset, room("reduceScatterBlock", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, count), op);
    }

    // ================================================================ scan

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op x1 op ... op xi} of every rank's {@code sendbuf} in rank i's {@code recvbuf} (MPI_Scan); collective. */
    public void scan(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op) {
        scan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    // ================================================================ exscan

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Leaves {@code x0 op ... op xi-1} in rank i's {@code recvbuf}; rank 0's is left unchanged (MPI_Exscan); collective. */
    public void exscan(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op) {
        exscan(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    // ================================================================ ibcast

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(byte[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(char[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(short[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(int[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(long[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(float[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(double[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(boolean[] buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    /** Starts a broadcast (MPI_Ibcast); see {@code bcast}. Do not touch the buffer until the request completes. */
    public Request ibcast(ByteBuffer buf, int offset, int count, int root) {
        return ibcast(Buf.of(buf, offset, count), root);
    }

    // ================================================================ ireduce

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Starts a reduce (MPI_Ireduce); see {@code reduce}. Do not touch the buffers until the request completes. */
    public Request ireduce(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op, int root) {
        return ireduce(Buf.of(sendbuf, sendOffset, count), rank() == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    // ================================================================ iallreduce

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(char[] sendbuf, int sendOffset, char[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(boolean[] sendbuf, int sendOffset, boolean[] recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Starts an allreduce (MPI_Iallreduce); see {@code allreduce}. Do not touch the buffers until the request completes. */
    public Request iallreduce(ByteBuffer sendbuf, int sendOffset, ByteBuffer recvbuf, int recvOffset, int count, Op op) {
        return iallreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    // ================================================================ iallgather

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an allgather (MPI_Iallgather); see {@code allgather}. Do not touch the buffers until the request completes. */
    public Request iallgather(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset) {
        return iallgather(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, room("iallgather", recvbuf, recvOffset, perRank(count))));
    }

    // ================================================================ ialltoall

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(byte[] sendbuf, int sendOffset, int count, byte[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(char[] sendbuf, int sendOffset, int count, char[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(short[] sendbuf, int sendOffset, int count, short[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(int[] sendbuf, int sendOffset, int count, int[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(long[] sendbuf, int sendOffset, int count, long[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(float[] sendbuf, int sendOffset, int count, float[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(double[] sendbuf, int sendOffset, int count, double[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(boolean[] sendbuf, int sendOffset, int count, boolean[] recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }

    /** Starts an alltoall (MPI_Ialltoall); see {@code alltoall}. Do not touch the buffers until the request completes. */
    public Request ialltoall(ByteBuffer sendbuf, int sendOffset, int count, ByteBuffer recvbuf, int recvOffset) {
        return ialltoall(Buf.of(sendbuf, sendOffset, room("ialltoall", sendbuf, sendOffset, perRank(count))), Buf.of(recvbuf, recvOffset, room("ialltoall", recvbuf, recvOffset, perRank(count))));
    }
}
