package io.spmd4j;

import io.spmd4j.collective.Allgather;
import io.spmd4j.collective.Alltoall;
import io.spmd4j.collective.Barrier;
import io.spmd4j.collective.Bcast;
import io.spmd4j.collective.Bufs;
import io.spmd4j.collective.Combiner;
import io.spmd4j.collective.Gather;
import io.spmd4j.collective.NodeArea;
import io.spmd4j.collective.P2p;
import io.spmd4j.collective.Reduce;
import io.spmd4j.collective.ReduceScatter;
import io.spmd4j.collective.Scan;
import io.spmd4j.collective.Tuning;
import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.ExternalOp;
import io.spmd4j.engine.Operation;
import io.spmd4j.engine.RecvOp;
import io.spmd4j.engine.SendOp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * A communicator (MPI_Comm, an intracommunicator): a group of ranks and a private context in which
 * their messages match. Traffic on one communicator never matches receives on another, and
 * collective traffic never matches point-to-point receives.
 *
 * <p><b>Buffers.</b> Every operation exists for {@code byte[]}, {@code char[]}, {@code short[]},
 * {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]}, {@code boolean[]} (with element
 * offset and count) and {@link ByteBuffer} (heap or direct, with absolute byte offset and count,
 * reduced as bytes). Objects travel through {@link #sendObject}/{@link #recvObject}, the object
 * collectives ({@link #bcastObject}, {@link #gatherObject}, {@link #allreduceObject} ...) and the
 * process's codec.
 *
 * <p><b>Collectives.</b> Every rank of the communicator makes the same collective calls in the same
 * order, one thread per rank at a time. Counts and displacements are in elements; block i of a
 * gathered or scattered buffer belongs to rank i. The algorithms, chosen by message size, are
 * documented in {@code io.spmd4j.collective}; all reductions combine in rank order and are bitwise
 * reproducible (see {@link Op}). Nonblocking collectives ({@link #ibarrier}, {@code ibcast},
 * {@code ireduce}, {@code iallreduce}, {@code iallgather}, {@code ialltoall}) return a
 * {@link Request} and run on a helper thread of the communicator, so they progress while the caller
 * computes; the buffers belong to spmd4j until the request completes.
 *
 * <p><b>Communicators.</b> {@link #dup}, {@link #split}, {@link #create} and {@link #createCart} are
 * collective over this communicator and agree on a fresh context id (the maximum of every member's
 * next free id), so communicators that share a rank never share a context. Create communicators
 * from one thread per rank at a time. {@link #free} releases one; using it afterwards raises
 * {@link ErrorClass#ERR_COMM}.
 *
 * <p><b>Traps.</b> A receive matches only a message with its tag (or {@link Spmd#ANY_TAG}): a tag
 * mismatch waits forever. Two ranks that both {@code ssend} (or send large messages) to each other
 * before receiving deadlock; use {@link #sendrecv} or nonblocking calls. Do not touch a buffer given
 * to a nonblocking call until its request completes. Messages from one source with one tag arrive
 * in the order they were sent.
 */
public class Comm extends TypedComm {
    /** Context id of the world communicator. */
    static final int WORLD_ID = 0;
    /** Context id of every rank's self communicator (disjoint, so they may share it). */
    static final int SELF_ID = 1;
    /** Largest context id: the collective context {@code 2 id + 1} must stay a positive int. */
    static final int MAX_ID = (Integer.MAX_VALUE - 1) / 2;
    /** Bits of a collective tag that carry the algorithm's step tag. */
    private static final int STEP_BITS = 6;
    /** Collective calls numbered modulo this many get distinct tags. */
    private static final int SEQUENCE_MASK = (1 << (31 - STEP_BITS)) - 1;
    /** How long an idle helper thread of the nonblocking collectives lives, in milliseconds. */
    private static final long HELPER_IDLE_MS = 1000;

    final Engine engine;
    final int id;
    final int context;
    final int collectiveContext;
    final int rank;
    final int size;
    final int[] worldRanks;
    final ContextIds ids;
    final Tuning tuning;
    private final AtomicInteger sequence = new AtomicInteger();
    /** Work arrays of the collectives called by the user's thread (one at a time, as the contract says). */
    private final Scratch callerScratch = new Scratch();
    /** Work arrays of the nonblocking collectives, which the helper thread runs one at a time. */
    private final Scratch helperScratch = new Scratch();
    private volatile boolean freed;
    private ThreadPoolExecutor helper;
    /** Null until the first barrier or small allreduce decides; then a {@link NodeArea} or {@link #NO_AREA}. */
    private volatile Object nodeArea;
    private static final Object NO_AREA = new Object();

    Comm(Engine engine, int id, int rank, int[] worldRanks, ContextIds ids, Tuning tuning) {
        this.engine = engine;
        this.id = id;
        this.context = 2 * id;
        this.collectiveContext = 2 * id + 1;
        this.rank = rank;
        this.size = worldRanks.length;
        this.worldRanks = worldRanks;
        this.ids = ids;
        this.tuning = tuning;
    }

    /** A communicator with the same members, context and settings (for subclasses that add a topology). */
    Comm(Comm like) {
        this(like.engine, like.id, like.rank, like.worldRanks, like.ids, like.tuning);
    }

    static Comm world(Engine engine) {
        return world(engine, Tuning.fromSystem());
    }

    static Comm world(Engine engine, Tuning tuning) {
        int[] ranks = new int[engine.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i;
        }
        return new Comm(engine, WORLD_ID, engine.rank(), ranks, new ContextIds(), tuning);
    }

    /** The self communicator of this rank (MPI_COMM_SELF); call on the world communicator. */
    Comm self() {
        return new Comm(engine, SELF_ID, 0, new int[] {engine.rank()}, ids, tuning);
    }

    /** This rank's number in the communicator, 0 .. size()-1 (MPI_Comm_rank). */
    @Override
    public int rank() {
        return rank;
    }

    /** Number of ranks in the communicator (MPI_Comm_size). */
    @Override
    public int size() {
        return size;
    }

    // ================================================================ communicators and groups

    /**
     * The next free context ids of one rank. A new communicator takes the maximum of its creators'
     * proposals, and each creator then moves past it, so two communicators with a member in common
     * never get the same id (that member's proposal for the second exceeds the first's id).
     */
    static final class ContextIds {
        private int next = SELF_ID + 1;

        synchronized int proposal() {
            return next;
        }

        synchronized void taken(int id) {
            next = Math.max(next, id + 1);
        }
    }

    /** Agrees with every rank of this communicator on a fresh context id (collective). */
    private int agreeOnId() {
        int[] agreed = new int[1];
        allreduce(Buf.of(new int[] {ids.proposal()}, 0, 1), Buf.of(agreed, 0, 1), Op.MAX);
        if (agreed[0] > MAX_ID) {
            throw new MpiException(ErrorClass.ERR_COMM, "out of communicator context ids: next id " + agreed[0]
                + " exceeds " + MAX_ID + "; free communicators are not reused, create fewer");
        }
        ids.taken(agreed[0]);
        return agreed[0];
    }

    /** The group of this communicator's ranks, in rank order (MPI_Comm_group). */
    public Group group() {
        checkLive();
        return new Group(worldRanks, engine.rank());
    }

    /** A new communicator with the same ranks and a new context (MPI_Comm_dup); collective. */
    public Comm dup() {
        checkLive();
        return new Comm(engine, agreeOnId(), rank, worldRanks, ids, tuning);
    }

    /**
     * Splits the communicator (MPI_Comm_split): ranks with the same {@code color} form a new
     * communicator, ordered by {@code key} and then by rank here; collective.
     *
     * @param color a non-negative color, or {@link Spmd#UNDEFINED} to get no communicator
     * @return the new communicator, or null for {@link Spmd#UNDEFINED}
     */
    public Comm split(int color, int key) {
        checkLive();
        if (color < 0 && color != Spmd.UNDEFINED) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid color: color=" + color
                + " (colors are non-negative, or Spmd.UNDEFINED)");
        }
        int[] all = new int[2 * size];
        allgather(Buf.of(new int[] {color, key}, 0, 2), Buf.of(all, 0, 2 * size));
        int newId = agreeOnId();
        if (color == Spmd.UNDEFINED) {
            return null;
        }
        List<Integer> members = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (all[2 * r] == color) {
                members.add(r);
            }
        }
        members.sort((a, b) -> all[2 * a + 1] != all[2 * b + 1] ? Integer.compare(all[2 * a + 1], all[2 * b + 1])
            : Integer.compare(a, b));
        int[] ranks = new int[members.size()];
        int newRank = -1;
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = worldRanks[members.get(i)];
            if (members.get(i) == rank) {
                newRank = i;
            }
        }
        return new Comm(engine, newId, newRank, ranks, ids, tuning);
    }

    /**
     * A communicator of the ranks of {@code group}, in the group's order (MPI_Comm_create);
     * collective over this communicator, and every rank must pass the same group.
     *
     * @return the new communicator, or null on a rank that is not in the group
     * @throws MpiException ERR_GROUP when the group has a rank that is not in this communicator
     */
    public Comm create(Group group) {
        checkLive();
        if (group == null) {
            throw new MpiException(ErrorClass.ERR_GROUP, "group is null");
        }
        int[] members = group.worldRanks();
        for (int w : members) {
            if (indexOf(worldRanks, w) < 0) {
                throw new MpiException(ErrorClass.ERR_GROUP, "the group holds process " + w
                    + " (a world rank), which is not in this communicator of size " + size);
            }
        }
        int newId = agreeOnId();
        int newRank = indexOf(members, engine.rank());
        return newRank < 0 ? null : new Comm(engine, newId, newRank, members, ids, tuning);
    }

    /**
     * Compares two communicators (MPI_Comm_compare): {@link Comparison#IDENT} for the same
     * communicator, {@link Comparison#CONGRUENT} for the same ranks in the same order,
     * {@link Comparison#SIMILAR} for the same ranks in another order, else {@link Comparison#UNEQUAL}.
     */
    public Comparison compare(Comm other) {
        checkLive();
        other.checkLive();
        if (other == this || other.id == id && other.engine == engine && Arrays.equals(other.worldRanks, worldRanks)
            && other.getClass() == getClass()) {
            return Comparison.IDENT;
        }
        Comparison groups = Group.compare(worldRanks, other.worldRanks);
        return groups == Comparison.IDENT ? Comparison.CONGRUENT : groups;
    }

    /**
     * Frees the communicator (MPI_Comm_free): later operations on it raise
     * {@link ErrorClass#ERR_COMM}. Nonblocking collectives already started still complete. The world
     * and self communicators cannot be freed. Idempotent.
     */
    public void free() {
        if (id == WORLD_ID || id == SELF_ID) {
            throw new MpiException(ErrorClass.ERR_COMM, "the " + (id == WORLD_ID ? "world" : "self")
                + " communicator cannot be freed");
        }
        freed = true;
        synchronized (this) {
            if (helper != null) {
                helper.shutdown();
            }
        }
    }

    /** True after {@link #free}. */
    public boolean isFreed() {
        return freed;
    }

    /**
     * A communicator with a Cartesian topology over the first {@code product(dims)} ranks of this one
     * (MPI_Cart_create); collective. Ranks keep their order (the {@code reorder} freedom MPI allows
     * is not used).
     *
     * @param dims the extent of every dimension (positive)
     * @param periods whether each dimension wraps around
     * @param reorder accepted for MPI compatibility; ranks are not reordered
     * @return the Cartesian communicator, or null on ranks beyond the grid
     */
    public CartComm createCart(int[] dims, boolean[] periods, boolean reorder) {
        checkLive();
        long cells = CartComm.checkGrid(dims, periods, size);
        Comm sub = split(rank < cells ? 0 : Spmd.UNDEFINED, rank);
        return sub == null ? null : new CartComm(sub, dims.clone(), periods.clone());
    }

    static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    // ================================================================ argument checks

    void checkLive() {
        if (freed) {
            throw new MpiException(ErrorClass.ERR_COMM, "communicator (context " + id + ", size " + size
                + ") has been freed; use another communicator");
        }
    }

    private void checkDest(int dest) {
        checkLive();
        if (dest != Spmd.PROC_NULL && (dest < 0 || dest >= size)) {
            throw new MpiException(ErrorClass.ERR_RANK, "invalid dest: dest=" + dest + ", size=" + size);
        }
    }

    private void checkSource(int source) {
        checkLive();
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
        checkLive();
        if (root < 0 || root >= size) {
            throw new MpiException(ErrorClass.ERR_ROOT, "invalid root: root=" + root + ", size=" + size);
        }
    }

    private static void throwIfFailed(Operation op) {
        if (op.error() != null) {
            throw op.error();
        }
    }

    private static Combiner combiner(Op op, Buf send) {
        if (op == null) {
            throw new MpiException(ErrorClass.ERR_OP, "op is null");
        }
        ElementType type = send.type();
        op.check(type, send.count());
        return new Combiner() {
            @Override
            public void apply(Object in, int io, Object inout, int ioo, int n) {
                op.apply(type, in, io, inout, ioo, n);
            }

            @Override
            public boolean commutative() {
                return op.isCommutative();
            }

            @Override
            public int unit() {
                return op.unit();
            }
        };
    }

    /** Displacements of blocks packed one after another. */
    static int[] packed(int[] counts) {
        int[] d = new int[counts.length];
        for (int i = 1; i < d.length; i++) {
            d[i] = d[i - 1] + counts[i - 1];
        }
        return d;
    }

    // ================================================================ point-to-point on buffers

    @Override
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

    @Override
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

    @Override
    Request isend(Buf buf, int dest, int tag, boolean sync) {
        checkDest(dest);
        checkTag(tag, false);
        if (dest == Spmd.PROC_NULL) {
            return Request.completed(Status.procNull());
        }
        return new Request(engine.isend(buf, worldRanks[dest], context, rank, tag, sync, true),
            buf.type().sizeBytes());
    }

    @Override
    Request irecv(Buf buf, int source, int tag) {
        checkSource(source);
        checkTag(tag, true);
        if (source == Spmd.PROC_NULL) {
            return Request.completed(Status.procNull());
        }
        return new Request(engine.irecv(buf, context, source, tag, true), buf.type().sizeBytes());
    }

    @Override
    Status sendrecv(Buf sendBuf, int dest, int sendTag, Buf recvBuf, int source, int recvTag) {
        Request r = irecv(recvBuf, source, recvTag);
        Request s = isend(sendBuf, dest, sendTag, false);
        Status st = r.await();
        s.await();
        return st;
    }

    @Override
    Status sendrecvReplace(Buf buf, int dest, int sendTag, int source, int recvTag) {
        Buf copy = Bufs.allocate(buf.type(), buf.count()); // a ByteBuffer's bytes go to a byte[]
        buf.copyTo(copy);
        return sendrecv(copy, dest, sendTag, buf, source, recvTag);
    }

    /**
     * Starts making the connections on which this rank sends to {@code ranks} of this communicator, in the
     * background and all at once, and returns without waiting; the first messages to them then do not wait
     * for connections made one after another at first use. A hint with no MPI counterpart (MPI libraries
     * offer it as a start-up option, as Open MPI's {@code mpi_preconnect_mpi}): without it a connection is
     * made at the first send to a peer, and either way a connection that cannot be made is reported, as an
     * {@link ErrorClass#ERR_TRANSPORT} error naming the peer, by the first send to it. This rank and
     * {@link Spmd#PROC_NULL} are skipped. Any thread.
     */
    public void preconnect(int... ranks) {
        int[] world = new int[ranks.length];
        int n = 0;
        for (int r : ranks) {
            checkDest(r);
            if (r != Spmd.PROC_NULL && r != rank) {
                world[n++] = worldRanks[r];
            }
        }
        engine.preconnect(Arrays.copyOf(world, n));
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

    // ================================================================ object collectives

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

    /**
     * Gathers one object from every rank at {@code root} (mpi4py's {@code gather}); collective.
     *
     * @return at the root, the objects in rank order (the root's own object as given); null elsewhere
     */
    public <T> List<T> gatherObject(T obj, int root) {
        checkRoot(root);
        byte[] mine = Spmd.codec().encode(obj);
        int[] lens = rank == root ? new int[size] : null;
        gather(Buf.of(new int[] {mine.length}, 0, 1), rank == root ? Buf.of(lens, 0, size) : null, root);
        if (rank != root) {
            gatherv(Buf.of(mine, 0, mine.length), null, null, null, root);
            return null;
        }
        int[] displs = packed(lens);
        byte[] all = new byte[sum(lens)];
        gatherv(Buf.of(mine, 0, mine.length), Buf.of(all, 0, all.length), lens, displs, root);
        List<T> out = decodeAll(all, lens, displs);
        out.set(root, obj);
        return out;
    }

    /** Gathers one object from every rank on every rank, in rank order (mpi4py's {@code allgather}); collective. */
    public <T> List<T> allgatherObject(T obj) {
        checkLive();
        byte[] mine = Spmd.codec().encode(obj);
        int[] lens = new int[size];
        allgather(Buf.of(new int[] {mine.length}, 0, 1), Buf.of(lens, 0, size));
        int[] displs = packed(lens);
        byte[] all = new byte[(int) extent("allgatherObject", lens, displs)];
        allgatherv(Buf.of(mine, 0, mine.length), Buf.of(all, 0, all.length), lens, displs);
        List<T> out = decodeAll(all, lens, displs);
        out.set(rank, obj);
        return out;
    }

    /**
     * Sends object i of the root's list to rank i (mpi4py's {@code scatter}); collective.
     *
     * @param objs at the root, one object per rank; ignored elsewhere
     * @return this rank's object (at the root, its own element as given)
     */
    @SuppressWarnings("unchecked")
    public <T> T scatterObject(List<? extends T> objs, int root) {
        checkRoot(root);
        int[] len = new int[1];
        if (rank != root) {
            scatter(null, Buf.of(len, 0, 1), root);
            byte[] bytes = new byte[len[0]];
            scatterv(null, null, null, Buf.of(bytes, 0, len[0]), root);
            return (T) Spmd.codec().decode(bytes);
        }
        checkListSize("scatterObject", objs);
        byte[][] parts = encodeAll(objs);
        int[] lens = lengths(parts);
        scatter(Buf.of(lens, 0, size), Buf.of(len, 0, 1), root);
        byte[] all = concat(parts);
        scatterv(Buf.of(all, 0, all.length), lens, packed(lens), Buf.of(new byte[len[0]], 0, len[0]), root);
        return objs.get(root);
    }

    /** Sends object j of every rank's list to rank j and returns what every rank sent here, in rank order (mpi4py's {@code alltoall}); collective. */
    public <T> List<T> alltoallObject(List<? extends T> objs) {
        checkLive();
        checkListSize("alltoallObject", objs);
        byte[][] parts = encodeAll(objs);
        int[] sendLens = lengths(parts);
        int[] recvLens = new int[size];
        alltoall(Buf.of(sendLens, 0, size), Buf.of(recvLens, 0, size));
        int[] recvDispls = packed(recvLens);
        byte[] in = new byte[(int) extent("alltoallObject", recvLens, recvDispls)];
        byte[] out = concat(parts);
        alltoallv(Buf.of(out, 0, out.length), sendLens, packed(sendLens), Buf.of(in, 0, in.length), recvLens,
            recvDispls);
        return decodeAll(in, recvLens, recvDispls);
    }

    /**
     * Reduces one object per rank with {@code op} at the root, as {@code x0 op x1 op ... op xp-1} in
     * rank order (mpi4py's {@code reduce}); collective.
     *
     * @return the result at the root, null elsewhere
     */
    public <T> T reduceObject(T obj, BinaryOperator<T> op, int root) {
        List<T> all = gatherObject(obj, root);
        return all == null ? null : fold(all, all.size(), op);
    }

    /** Reduces one object per rank with {@code op} in rank order on every rank (mpi4py's {@code allreduce}); collective. */
    public <T> T allreduceObject(T obj, BinaryOperator<T> op) {
        List<T> all = allgatherObject(obj);
        return fold(all, all.size(), op);
    }

    /** Returns {@code x0 op ... op xi} on rank i (mpi4py's {@code scan}); collective. */
    public <T> T scanObject(T obj, BinaryOperator<T> op) {
        return fold(allgatherObject(obj), rank + 1, op);
    }

    /** Returns {@code x0 op ... op xi-1} on rank i, and null on rank 0 (mpi4py's {@code exscan}); collective. */
    public <T> T exscanObject(T obj, BinaryOperator<T> op) {
        List<T> all = allgatherObject(obj);
        return rank == 0 ? null : fold(all, rank, op);
    }

    private static <T> T fold(List<T> items, int n, BinaryOperator<T> op) {
        T acc = items.get(0);
        for (int i = 1; i < n; i++) {
            acc = op.apply(acc, items.get(i));
        }
        return acc;
    }

    private void checkListSize(String what, List<?> objs) {
        if (objs == null || objs.size() != size) {
            throw new MpiException(ErrorClass.ERR_COUNT, what + ": needs one object per rank: got "
                + (objs == null ? "null" : objs.size() + " objects") + ", size=" + size);
        }
    }

    private static byte[][] encodeAll(List<?> objs) {
        byte[][] parts = new byte[objs.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Spmd.codec().encode(objs.get(i));
        }
        return parts;
    }

    private static int[] lengths(byte[][] parts) {
        int[] lens = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lens[i] = parts[i].length;
        }
        return lens;
    }

    private static int sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        if (s > Integer.MAX_VALUE) {
            throw new MpiException(ErrorClass.ERR_COUNT, "objects of " + s + " bytes in all exceed one array");
        }
        return (int) s;
    }

    private static byte[] concat(byte[][] parts) {
        byte[] all = new byte[sum(lengths(parts))];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> decodeAll(byte[] all, int[] lens, int[] displs) {
        List<T> out = new ArrayList<>(Collections.nCopies(lens.length, null));
        for (int i = 0; i < lens.length; i++) {
            out.set(i, (T) Spmd.codec().decode(Arrays.copyOfRange(all, displs[i], displs[i] + lens[i])));
        }
        return out;
    }

    // ================================================================ collectives on buffers

    /** Blocks until every rank of the communicator has called it (MPI_Barrier); collective. */
    public void barrier() {
        NodeArea area = nodeArea();
        if (area != null) {
            area.barrier(engine);
        } else {
            Barrier.barrier(channel());
        }
    }

    @Override
    void bcast(Buf buf, int root) {
        checkRoot(root);
        NodeArea area = buf.byteLength() >= tuning.nodeBulkMinBytes() ? nodeArea() : null;
        if (area != null && area.hasBulk()) {
            area.bcastBulk(engine, buf, root);
        } else {
            Bcast.bcast(channel(), buf, root, tuning);
        }
    }

    @Override
    void reduce(Buf send, Buf recv, Op op, int root) {
        checkRoot(root);
        Reduce.reduce(channel(), send, recv, combiner(op, send), root, tuning);
    }

    @Override
    void allreduce(Buf send, Buf recv, Op op) {
        checkLive();
        Combiner f = combiner(op, send);
        boolean small = send.byteLength() <= tuning.nodeAreaBytes();
        NodeArea area = small || send.byteLength() >= tuning.nodeBulkMinBytes() ? nodeArea() : null;
        if (area != null && small) {
            area.allreduce(engine, send, recv, callerScratch.get(0, send.type(), send.count()),
                callerScratch.get(1, send.type(), send.count()), f);
        } else if (area != null && area.hasBulk()) {
            area.allreduceBulk(engine, send, recv, f);
        } else {
            Reduce.allreduce(channel(), send, recv, f, tuning);
        }
    }

    /**
     * The shared-memory area of this communicator's blocking barrier, small allreduce and (with its bulk
     * region) large allreduce and bcast, or null where it has none: ranks on more than one host, a
     * transport without shared memory, a single rank, or both {@code spmd4j.coll.node.bytes=0} and
     * {@code spmd4j.coll.node.chunk=0}. Set up at the first call, collectively (every rank
     * makes the same first barrier or small allreduce call, as MPI requires): rank 0 picks a fresh
     * file name and broadcasts it, every rank maps the file (ranks as threads: takes the buffer the
     * transport shares under that name), an allreduce agrees that all could, and the name is removed
     * (the mappings stay, so nothing is left in the directory).
     */
    private NodeArea nodeArea() {
        Object a = nodeArea;
        if (a == null) {
            a = setUpNodeArea();
            nodeArea = a;
        }
        return a == NO_AREA ? null : (NodeArea) a;
    }

    /** Whether barrier and small allreduce go through a shared-memory area (sets it up if undecided; collective). */
    boolean usesNodeArea() {
        return nodeArea() != null;
    }

    private Object setUpNodeArea() {
        if (size < 2 || !tuning.usesNodeArea()) {
            return NO_AREA;
        }
        for (int w : worldRanks) {
            if (!engine.sharesMemoryWith(w)) {
                return NO_AREA;
            }
        }
        long[] name = {rank == 0 ? ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE : 0};
        Bcast.bcast(channel(), Buf.of(name, 0, 1), 0, tuning);
        String id = "coll-" + Long.toHexString(name[0]);
        Path dir = engine.sharedMemoryDirectory(); // null: ranks are threads, the area is a shared buffer
        int dataBytes = tuning.nodeAreaBytes();
        int chunkBytes = NodeArea.chunkBytesFor(size, tuning.nodeChunkBytes());
        NodeArea area = null;
        try {
            if (dir != null) {
                area = NodeArea.open(dir.resolve(id), size, rank, dataBytes, chunkBytes);
            } else {
                ByteBuffer shared = engine.sharedArea(id,
                    Math.toIntExact(NodeArea.lengthOf(size, dataBytes, chunkBytes)));
                area = shared == null ? null : NodeArea.over(shared, size, rank, dataBytes, chunkBytes);
            }
        } catch (IOException | RuntimeException e) {
            // every rank learns below that one could not map it, and all use messages
        }
        int[] ok = {area != null ? 1 : 0};
        Reduce.allreduce(channel(), Buf.of(ok, 0, 1), Buf.of(ok, 0, 1), combiner(Op.MIN, Buf.of(ok, 0, 1)), tuning);
        if (dir != null) {
            NodeArea.unlink(dir.resolve(id));
        } else {
            engine.releaseSharedArea(id);
        }
        return ok[0] == 1 ? area : NO_AREA;
    }

    @Override
    void gather(Buf send, Buf recv, int root) {
        checkRoot(root);
        int n = send.count();
        gatherv(send, recv, rank == root ? counts(n) : null, rank == root ? Gather.regular(size, n) : null, root);
    }

    @Override
    void gatherv(Buf send, Buf recv, int[] counts, int[] displs, int root) {
        checkRoot(root);
        if (rank == root && send.count() > counts[rank]) {
            throw new MpiException(ErrorClass.ERR_TRUNCATE, "gatherv: the root sends " + send.count()
                + " elements to itself but its count is " + counts[rank]);
        }
        Gather.gatherv(channel(), send, recv, counts, displs, root);
    }

    @Override
    void scatter(Buf send, Buf recv, int root) {
        checkRoot(root);
        int n = recv.count();
        scatterv(send, rank == root ? counts(n) : null, rank == root ? Gather.regular(size, n) : null, recv, root);
    }

    @Override
    void scatterv(Buf send, int[] counts, int[] displs, Buf recv, int root) {
        checkRoot(root);
        if (rank == root && counts[rank] > recv.count()) {
            throw new MpiException(ErrorClass.ERR_TRUNCATE, "scatterv: the root sends " + counts[rank]
                + " elements to itself but receives only " + recv.count());
        }
        Gather.scatterv(channel(), send, counts, displs, recv, root);
    }

    @Override
    void allgather(Buf send, Buf recv) {
        checkLive();
        Allgather.allgather(channel(), send, recv, tuning);
    }

    @Override
    void allgatherv(Buf send, Buf recv, int[] counts, int[] displs) {
        checkLive();
        if (send.count() > counts[rank]) {
            throw new MpiException(ErrorClass.ERR_TRUNCATE, "allgatherv: rank " + rank + " sends " + send.count()
                + " elements but its count is " + counts[rank]);
        }
        Allgather.allgatherv(channel(), send, recv, counts, displs);
    }

    @Override
    void alltoall(Buf send, Buf recv) {
        checkLive();
        int n = send.count() / size;
        alltoallv(send, counts(n), Gather.regular(size, n), recv, counts(recv.count() / size),
            Gather.regular(size, recv.count() / size));
    }

    @Override
    void alltoallv(Buf send, int[] sendCounts, int[] sendDispls, Buf recv, int[] recvCounts, int[] recvDispls) {
        checkLive();
        Alltoall.alltoallv(channel(), send, sendCounts, sendDispls, recv, recvCounts, recvDispls, tuning);
    }

    @Override
    void reduceScatter(Buf send, Buf recv, int[] counts, Op op) {
        checkLive();
        if (recv.count() < counts[rank]) {
            throw new MpiException(ErrorClass.ERR_BUFFER, "reduceScatter: receive buffer of " + recv.count()
                + " elements is smaller than this rank's count " + counts[rank]);
        }
        ReduceScatter.reduceScatter(channel(), send, recv, counts, combiner(op, send), tuning);
    }

    @Override
    void reduceScatterBlock(Buf send, Buf recv, Op op) {
        reduceScatter(send, recv, counts(recv.count()), op);
    }

    @Override
    void scan(Buf send, Buf recv, Op op) {
        checkLive();
        Scan.scan(channel(), send, recv, combiner(op, send));
    }

    @Override
    void exscan(Buf send, Buf recv, Op op) {
        checkLive();
        Scan.exscan(channel(), send, recv, combiner(op, send));
    }

    private int[] counts(int n) {
        int[] c = new int[size];
        Arrays.fill(c, n);
        return c;
    }

    // ================================================================ nonblocking collectives

    /**
     * Starts a barrier (MPI_Ibarrier): the request completes once every rank has called it. Like
     * every nonblocking collective it runs on the communicator's helper thread, see {@link #background}.
     */
    public Request ibarrier() {
        checkLive();
        return background(Barrier::barrier, 1);
    }

    @Override
    Request ibcast(Buf buf, int root) {
        checkRoot(root);
        return background(c -> Bcast.bcast(c, buf, root, tuning), buf.type().sizeBytes());
    }

    @Override
    Request ireduce(Buf send, Buf recv, Op op, int root) {
        checkRoot(root);
        Combiner f = combiner(op, send);
        return background(c -> Reduce.reduce(c, send, recv, f, root, tuning), send.type().sizeBytes());
    }

    @Override
    Request iallreduce(Buf send, Buf recv, Op op) {
        checkLive();
        Combiner f = combiner(op, send);
        return background(c -> Reduce.allreduce(c, send, recv, f, tuning), send.type().sizeBytes());
    }

    @Override
    Request iallgather(Buf send, Buf recv) {
        checkLive();
        return background(c -> Allgather.allgather(c, send, recv, tuning), send.type().sizeBytes());
    }

    @Override
    Request ialltoall(Buf send, Buf recv) {
        checkLive();
        int n = send.count() / size;
        int m = recv.count() / size;
        int[] sc = counts(n);
        int[] rc = counts(m);
        return background(c -> Alltoall.alltoallv(c, send, sc, Gather.regular(size, n), recv, rc,
            Gather.regular(size, m), tuning), send.type().sizeBytes());
    }

    /**
     * Runs a collective algorithm on the communicator's helper thread and returns a request that
     * completes with it. The call's tags are fixed here, in the caller's order, so it never mixes
     * with other collectives in flight. A helper thread (one per communicator, started on demand,
     * ending after {@value #HELPER_IDLE_MS} ms idle) rather than a schedule advanced by the engine:
     * the algorithms stay one blocking code path, and the helper drives the engine's progress itself
     * while it waits, so the collective advances whatever the caller does. Nonblocking collectives
     * of one communicator run one after another in call order, which every rank shares, so they
     * cannot deadlock each other.
     */
    private Request background(Consumer<P2p> algorithm, int elementSize) {
        checkLive();
        P2p channel = new Channel(sequence.getAndIncrement(), helperScratch);
        ExternalOp op = new ExternalOp(engine);
        helper().execute(() -> {
            MpiException error = null;
            try {
                algorithm.accept(channel);
            } catch (MpiException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new MpiException(ErrorClass.ERR_OTHER, "nonblocking collective failed: " + e, e);
            }
            op.finish(error);
        });
        return new Request(op, elementSize);
    }

    private synchronized ThreadPoolExecutor helper() {
        if (helper == null) {
            helper = new ThreadPoolExecutor(1, 1, HELPER_IDLE_MS, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "spmd4j-collective-" + engine.rank() + "-" + id);
                    t.setDaemon(true);
                    return t;
                });
            helper.allowCoreThreadTimeOut(true);
        }
        return helper;
    }

    // ================================================================ the collective channel

    /** A fresh channel for one collective call, with the call's own tags. */
    private P2p channel() {
        checkLive();
        return new Channel(sequence.getAndIncrement(), callerScratch);
    }

    /**
     * Work arrays reused between the collective calls of one thread, per slot and element type;
     * arrays above {@link #MAX_CACHED_BYTES} are not kept.
     */
    private static final class Scratch {
        private static final int SLOTS = 3;
        private static final long MAX_CACHED_BYTES = 64L << 20;
        private final Object[][] arrays = new Object[SLOTS][ElementType.values().length];

        Buf get(int slot, ElementType type, int n) {
            Object a = arrays[slot][type.ordinal()];
            if (a == null || java.lang.reflect.Array.getLength(a) < n) {
                a = type.newArray(n);
                if ((long) n * type.sizeBytes() <= MAX_CACHED_BYTES) {
                    arrays[slot][type.ordinal()] = a;
                }
            }
            return Bufs.wrap(type, a, 0, n);
        }
    }

    /** Point-to-point on the collective context, with tags {@code (call sequence << STEP_BITS) | step}. */
    private final class Channel implements P2p {
        private final int tagBase;
        private final Scratch scratch;

        Channel(int seq, Scratch scratch) {
            this.tagBase = (seq & SEQUENCE_MASK) << STEP_BITS;
            this.scratch = scratch;
        }

        @Override
        public Buf scratch(int slot, ElementType type, int n) {
            return scratch.get(slot, type, n);
        }

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
            awaitAll(isend(buf, dest, tag));
        }

        @Override
        public void recv(Buf buf, int source, int tag) {
            awaitAll(irecv(buf, source, tag));
        }

        @Override
        public void sendrecv(Buf sendBuf, int dest, Buf recvBuf, int source, int tag) {
            Operation r = irecv(recvBuf, source, tag);
            awaitAll(r, isend(sendBuf, dest, tag));
        }

        @Override
        public Operation isend(Buf buf, int dest, int tag) {
            return engine.isend(buf, worldRanks[dest], collectiveContext, rank, tagBase | tag, false, false);
        }

        @Override
        public Operation irecv(Buf buf, int source, int tag) {
            return engine.irecv(buf, collectiveContext, source, tagBase | tag, false);
        }

        @Override
        public void awaitAll(Operation... ops) {
            if (ops.length == 1 && ops[0] != null) {
                engine.await(ops[0]);
                throwIfFailed(ops[0]);
                return;
            }
            int pending = 0;
            for (Operation op : ops) {
                pending += op != null ? 1 : 0;
            }
            Operation[] wakeOn = pending == ops.length ? ops : new Operation[pending];
            if (wakeOn != ops) {
                int k = 0;
                for (Operation op : ops) {
                    if (op != null) {
                        wakeOn[k++] = op;
                    }
                }
            }
            engine.awaitCondition(() -> {
                for (Operation op : wakeOn) {
                    if (!op.isDone()) {
                        return false;
                    }
                }
                return true;
            }, wakeOn);
            for (Operation op : ops) {
                if (op != null) {
                    throwIfFailed(op);
                }
            }
        }
    }
}
