package io.spmd4j;

import io.spmd4j.collective.Collectives;
import io.spmd4j.collective.P2p;
import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.RecvOp;
import io.spmd4j.engine.SendOp;
import java.nio.ByteBuffer;

/**
 * A communicator (MPI_Comm): a group of ranks and a private context in which their messages match.
 * Traffic on one communicator never matches receives on another, and collective traffic never
 * matches point-to-point receives.
 *
 * <p><b>Buffers.</b> Every operation exists for {@code byte[]}, {@code char[]}, {@code short[]},
 * {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]}, {@code boolean[]} (with element
 * offset and count) and {@link ByteBuffer} (heap or direct, with absolute byte offset and count).
 * Objects travel through {@link #sendObject}/{@link #recvObject} and the process's codec.
 *
 * <p><b>Traps.</b> A receive matches only a message with its tag (or {@link Spmd#ANY_TAG}): a tag
 * mismatch waits forever. Two ranks that both {@code ssend} (or send large messages) to each other
 * before receiving deadlock; use {@link #sendrecv} or nonblocking calls. Do not touch a buffer given
 * to a nonblocking call until its request completes. Messages from one source with one tag arrive
 * in the order they were sent.
 *
 * <p>Methods may be called from several threads, but each collective call must be made by one
 * thread per rank, in the same order on every rank.
 */
public class Comm {
    final Engine engine;
    final int context;
    final int collectiveContext;
    final int rank;
    final int size;
    final int[] worldRanks;
    private final P2p collectiveChannel = new CollectiveChannel();

    Comm(Engine engine, int context, int rank, int[] worldRanks) {
        this.engine = engine;
        this.context = context;
        this.collectiveContext = context + 1;
        this.rank = rank;
        this.size = worldRanks.length;
        this.worldRanks = worldRanks;
    }

    static Comm world(Engine engine) {
        int[] ranks = new int[engine.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i;
        }
        return new Comm(engine, 0, engine.rank(), ranks);
    }

    /** This rank's number in the communicator, 0 .. size()-1 (MPI_Comm_rank). */
    public int rank() {
        return rank;
    }

    /** Number of ranks in the communicator (MPI_Comm_size). */
    public int size() {
        return size;
    }

    // ================================================================ argument checks

    private void checkDest(int dest) {
        if (dest != Spmd.PROC_NULL && (dest < 0 || dest >= size)) {
            throw new MpiException(ErrorClass.ERR_RANK, "invalid dest: dest=" + dest + ", size=" + size);
        }
    }

    private void checkSource(int source) {
        if (source != Spmd.PROC_NULL && source != Spmd.ANY_SOURCE && (source < 0 || source >= size)) {
            throw new MpiException(ErrorClass.ERR_RANK, "invalid source: source=" + source + ", size=" + size);
        }
    }

    private static void checkTag(int tag, boolean allowAny) {
        if (tag < 0 && !(allowAny && tag == Spmd.ANY_TAG)) {
            throw new MpiException(ErrorClass.ERR_TAG, "invalid tag: tag=" + tag + " (tags are 0.." + Spmd.TAG_UB
                + (allowAny ? " or ANY_TAG" : "") + ")");
        }
    }

    private void checkRoot(int root) {
        if (root < 0 || root >= size) {
            throw new MpiException(ErrorClass.ERR_ROOT, "invalid root: root=" + root + ", size=" + size);
        }
    }

    private static void throwIfFailed(io.spmd4j.engine.Operation op) {
        if (op.error() != null) {
            throw op.error();
        }
    }

    // ================================================================ core operations on buffers

    void send(Buf buf, int dest, int tag, boolean sync) {
        checkDest(dest);
        checkTag(tag, false);
        if (dest == Spmd.PROC_NULL) {
            return;
        }
        SendOp op = engine.isend(buf, worldRanks[dest], context, rank, tag, sync, false);
        engine.await(op);
        throwIfFailed(op);
    }

    Status recv(Buf buf, int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            return Status.procNull();
        }
        RecvOp op = engine.irecv(buf, context, source, tag, false);
        engine.await(op);
        throwIfFailed(op);
        return new Status(op.statusSource(), op.statusTag(), op.statusBytes(), buf.type().sizeBytes(), false);
    }

    Request isend(Buf buf, int dest, int tag, boolean sync) {
        checkDest(dest);
        checkTag(tag, false);
        if (dest == Spmd.PROC_NULL) {
            return Request.completed(Status.procNull());
        }
        return new Request(engine.isend(buf, worldRanks[dest], context, rank, tag, sync, true),
            buf.type().sizeBytes());
    }

    Request irecv(Buf buf, int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            return Request.completed(Status.procNull());
        }
        return new Request(engine.irecv(buf, context, source, tag, true), buf.type().sizeBytes());
    }

    Status sendrecv(Buf sendBuf, int dest, int sendTag, Buf recvBuf, int source, int recvTag) {
        Request r = irecv(recvBuf, source, recvTag);
        Request s = isend(sendBuf, dest, sendTag, false);
        Status st = r.await();
        s.await();
        return st;
    }

    Status sendrecvReplace(Buf buf, int dest, int sendTag, int source, int recvTag) {
        Buf copy = Collectives.wrap(buf.type(), buf.type().newArray(buf.count()), buf.count()); // ByteBuffer: byte[]
        buf.copyTo(copy);
        return sendrecv(copy, dest, sendTag, buf, source, recvTag);
    }

    // ================================================================ probes

    /** Returns the status of a matching message that has arrived, without receiving it; null when none has (MPI_Iprobe). */
    public Status iprobe(int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            return Status.procNull();
        }
        Engine.ProbeResult p = engine.iprobe(context, source, tag);
        return p == null ? null : new Status(p.source(), p.tag(), p.bytes(), p.type().sizeBytes(), false);
    }

    /** Waits for a matching message and returns its status without receiving it (MPI_Probe). */
    public Status probe(int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            return Status.procNull();
        }
        Engine.ProbeResult p = engine.probe(context, source, tag);
        return new Status(p.source(), p.tag(), p.bytes(), p.type().sizeBytes(), false);
    }

    // ================================================================ object messages

    /** Sends an object, serialized by the process's codec (standard mode). */
    public void sendObject(Object obj, int dest, int tag) {
        send(Buf.ofObjectBytes(Spmd.codec().encode(obj)), dest, tag, false);
    }

    /** Sends an object in synchronous mode. */
    public void ssendObject(Object obj, int dest, int tag) {
        send(Buf.ofObjectBytes(Spmd.codec().encode(obj)), dest, tag, true);
    }

    /** Starts sending an object; the object is serialized before this returns. */
    public Request isendObject(Object obj, int dest, int tag) {
        return isend(Buf.ofObjectBytes(Spmd.codec().encode(obj)), dest, tag, false);
    }

    /**
     * Receives an object of any size.
     *
     * @param <T> the expected type (an unchecked cast)
     */
    @SuppressWarnings("unchecked")
    public <T> T recvObject(int source, int tag) {
        return (T) this.<T>irecvObject(source, tag).awaitObject();
    }

    /** Starts receiving an object of any size. */
    public <T> ObjectRequest<T> irecvObject(int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            throw new MpiException(ErrorClass.ERR_RANK, "cannot receive an object from PROC_NULL");
        }
        return new ObjectRequest<>(engine.irecv(null, context, source, tag, true));
    }

    /** Broadcasts an object from {@code root}; every rank returns the root's object (a copy except at the root). */
    @SuppressWarnings("unchecked")
    public <T> T bcastObject(T obj, int root) {
        checkRoot(root);
        int[] len = new int[1];
        byte[] bytes = null;
        if (rank == root) {
            bytes = Spmd.codec().encode(obj);
            len[0] = bytes.length;
        }
        bcast(Buf.of(len, 0, 1), root);
        if (rank != root) {
            bytes = new byte[len[0]];
        }
        bcast(Buf.of(bytes, 0, len[0]), root);
        return rank == root ? obj : (T) Spmd.codec().decode(bytes);
    }

    // ================================================================ collectives

    /** Blocks until every rank of the communicator has called it (MPI_Barrier). */
    public void barrier() {
        Collectives.barrier(collectiveChannel);
    }

    void bcast(Buf buf, int root) {
        checkRoot(root);
        Collectives.bcast(collectiveChannel, buf, root);
    }

    void reduce(Buf send, Buf recv, Op op, int root) {
        checkRoot(root);
        checkOp(op);
        Buf target = recv != null ? recv : Collectives.wrap(send.type(), send.type().newArray(0), 0);
        Collectives.reduce(collectiveChannel, send, target,
            (l, lo, r, ro, n) -> op.combine(send.type(), l, lo, r, ro, n), root);
    }

    void allreduce(Buf send, Buf recv, Op op) {
        checkOp(op);
        Collectives.allreduce(collectiveChannel, send, recv,
            (l, lo, r, ro, n) -> op.combine(send.type(), l, lo, r, ro, n));
    }

    private static void checkOp(Op op) {
        if (op == null) {
            throw new MpiException(ErrorClass.ERR_OP, "op is null");
        }
    }

    /** Point-to-point on the collective context, for the algorithms in {@link Collectives}. */
    private final class CollectiveChannel implements P2p {
        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void send(Buf buf, int dest, int tag) {
            SendOp op = engine.isend(buf, worldRanks[dest], collectiveContext, rank, tag, false, false);
            engine.await(op);
            throwIfFailed(op);
        }

        @Override
        public void recv(Buf buf, int source, int tag) {
            RecvOp op = engine.irecv(buf, collectiveContext, source, tag, false);
            engine.await(op);
            throwIfFailed(op);
        }

        @Override
        public void sendrecv(Buf sendBuf, int dest, Buf recvBuf, int source, int tag) {
            RecvOp r = engine.irecv(recvBuf, collectiveContext, source, tag, false);
            SendOp s = engine.isend(sendBuf, worldRanks[dest], collectiveContext, rank, tag, false, false);
            engine.await(r);
            engine.await(s);
            throwIfFailed(r);
            throwIfFailed(s);
        }
    }

    // ================================================================ typed overloads

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(byte[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(byte[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(byte[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(byte[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(byte[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(byte[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(byte[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, byte[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(byte[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(byte[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(byte[] sendbuf, int sendOffset, byte[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(char[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(char[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(char[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(char[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(char[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(char[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(char[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, char[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(char[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(char[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(short[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(short[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(short[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(short[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(short[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(short[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(short[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, short[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(short[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(short[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(short[] sendbuf, int sendOffset, short[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(int[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(int[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(int[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(int[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(int[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(int[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(int[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, int[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(int[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(int[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(int[] sendbuf, int sendOffset, int[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(long[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(long[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(long[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(long[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(long[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(long[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(long[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, long[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(long[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(long[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(long[] sendbuf, int sendOffset, long[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(float[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(float[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(float[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(float[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(float[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(float[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(float[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, float[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(float[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(float[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(float[] sendbuf, int sendOffset, float[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(double[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(double[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(double[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(double[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(double[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(double[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(double[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, double[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(double[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(double[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into {@code recvbuf} at {@code root} (MPI_Reduce); collective. */
    public void reduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op, int root) {
        reduce(Buf.of(sendbuf, sendOffset, count), rank == root ? Buf.of(recvbuf, recvOffset, count) : null, op, root);
    }

    /** Combines every rank's {@code sendbuf} with {@code op} into every rank's {@code recvbuf} (MPI_Allreduce); collective. */
    public void allreduce(double[] sendbuf, int sendOffset, double[] recvbuf, int recvOffset, int count, Op op) {
        allreduce(Buf.of(sendbuf, sendOffset, count), Buf.of(recvbuf, recvOffset, count), op);
    }

    /** Sends elements {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send); returns when the buffer may be reused. */
    public void send(boolean[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(boolean[] buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} elements into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(boolean[] buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(boolean[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(boolean[] buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(boolean[] buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(boolean[] sendbuf, int sendOffset, int sendCount, int dest, int sendTag, boolean[] recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(boolean[] buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} elements from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(boolean[] buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }

    /** Sends bytes {@code [offset, offset+count)} of {@code buf} to {@code dest} (MPI_Send) (absolute byte offset and count; the buffer's position is not used); returns when the buffer may be reused. */
    public void send(ByteBuffer buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Synchronous send (MPI_Ssend): returns once the matching receive has started. */
    public void ssend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        send(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Receives at most {@code count} bytes into {@code buf} from {@code offset} (MPI_Recv); source may be {@link Spmd#ANY_SOURCE}, tag {@link Spmd#ANY_TAG}. */
    public Status recv(ByteBuffer buf, int offset, int count, int source, int tag) {
        return recv(Buf.of(buf, offset, count), source, tag);
    }

    /** Starts a send (MPI_Isend); do not modify the buffer until the request completes. */
    public Request isend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, false);
    }

    /** Starts a synchronous send (MPI_Issend). */
    public Request issend(ByteBuffer buf, int offset, int count, int dest, int tag) {
        return isend(Buf.of(buf, offset, count), dest, tag, true);
    }

    /** Starts a receive (MPI_Irecv); do not read the buffer until the request completes. */
    public Request irecv(ByteBuffer buf, int offset, int count, int source, int tag) {
        return irecv(Buf.of(buf, offset, count), source, tag);
    }

    /** Sends one buffer and receives another at once, without deadlock (MPI_Sendrecv); returns the receive's status. */
    public Status sendrecv(ByteBuffer sendbuf, int sendOffset, int sendCount, int dest, int sendTag, ByteBuffer recvbuf, int recvOffset, int recvCount, int source, int recvTag) {
        return sendrecv(Buf.of(sendbuf, sendOffset, sendCount), dest, sendTag, Buf.of(recvbuf, recvOffset, recvCount), source, recvTag);
    }

    /** Sends the buffer and replaces its contents with the received message (MPI_Sendrecv_replace). */
    public Status sendrecvReplace(ByteBuffer buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        return sendrecvReplace(Buf.of(buf, offset, count), dest, sendTag, source, recvTag);
    }

    /** Broadcasts {@code count} bytes from {@code root} to every rank (MPI_Bcast); collective. */
    public void bcast(ByteBuffer buf, int offset, int count, int root) {
        bcast(Buf.of(buf, offset, count), root);
    }
}
