package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;
import io.spmd4j.engine.Engine;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.locks.LockSupport;

/**
 * Barrier, allreduce and bcast through memory that every rank of a communicator maps, for a
 * communicator whose ranks all run on one host: no message, no matching, no wake-up call, which
 * matters most when ranks outnumber cores and every hand-off costs a trip through the scheduler.
 * Small payloads go through per-rank slots (below); large allreduce and bcast go through the bulk
 * region in chunks (see {@link #allreduceBulk} and {@link #bcastBulk}), where each byte is copied
 * once into the area and once out of it, instead of twice per hop of a message algorithm.
 *
 * <p><b>Layout.</b> One file in the job's shared-memory directory, one slot per rank, each slot two
 * phases (even and odd call numbers), each phase a 64-byte line holding the call number, followed by
 * {@link #dataBytes} of payload; then the bulk region (absent when {@code chunkBytes} is 0): two
 * 64-byte flag lines per rank, p + 1 allreduce chunks (one input per rank and the result) and two
 * bcast chunks (even and odd steps); input r holds the chunk at the same places as the rank's data,
 * segment r (its own, see below) unused when the rank folds it from its send array:
 * <pre>
 * slot r, phase p at (r * 2 + p) * (64 + dataBytes):  seq (8, native order) | pad to 64 | data
 * bulk flags of rank r at F + r * 128:                 reduce step (8) | pad | bcast step (8) | pad
 * allreduce input of rank r at I + r * chunkBytes, result at I + p * chunkBytes
 * bcast chunk of step s at B + (s &amp; 1) * chunkBytes
 * </pre>
 *
 * <p><b>Protocol.</b> Call number {@code s} (1, 2, ... on every rank, since collectives are called
 * in the same order) uses phase {@code s & 1}. A rank writes its payload into its own phase, then
 * stores {@code s} into its seq with release semantics; it then reads every rank's seq of that phase
 * with acquire semantics until each is {@code s}, which makes their payloads visible (the
 * release/acquire pair orders the payload before the seq). A phase is written again only at call
 * {@code s + 2}, and a rank starts that call only after it has finished reading call {@code s} and
 * seen every rank publish {@code s + 1}, which each rank does only after it has finished reading
 * call {@code s}: so no payload is overwritten while someone may still read it, without a second
 * barrier. Each rank writes only its own cache lines, so arrivals never contend.
 *
 * <p><b>Reduction order.</b> In the small allreduce every rank combines the payloads in the same
 * order, {@code x0 op (x1 op (... op x(p-1)))}: the result is bitwise the same on every rank and
 * every run, and non-commutative operations see rank order as MPI requires.
 *
 * <p><b>Bulk protocol.</b> Allreduce, per chunk step {@code s}, with the chunk of m elements cut
 * into p segments of whole units (segment r is the one rank r folds): each rank copies into its
 * input every segment but its own (segment j at its place j of the input: (p - 1) / p of the chunk;
 * its own segment it folds straight from its send array, and publishes the whole chunk only when
 * that is not an array), publishes {@code 2s - 1} in its reduce flag and waits until every flag is
 * at least that; then rank r folds segment r over all inputs, in the bracketing of the message
 * algorithms' recursive doubling and Rabenseifner ({@link Reduce}), so that a large allreduce gives
 * the same bits whether it goes through the area or by messages (a nonblocking one, or another
 * transport): other ranks' elements are copied into work arrays, its own are read where they lie,
 * and a merge whose higher operand is its own input writes into the lower one when the operation is
 * commutative (bitwise the same) and into a copy otherwise, so the own input is never written.
 * It writes the folded segment into the result region, publishes {@code 2s}, copies the segment
 * into its receive array, and then copies each other segment j out of the result as soon as rank
 * j's flag reaches {@code 2s} (ranks r + 1, r + 2, ... first, so that no two ranks wait on the same
 * one). Per rank and chunk that is (p - 1) / p of the chunk copied in, (p - 1) / p loaded for the
 * fold, 1 / p written into the result and the whole chunk copied out: at np 2, 2.5 chunks in all.
 *
 * <p>Memory ordering: every store into the area happens before the rank's release store of the
 * flag that publishes it, and every load happens after an acquire load that saw that flag, so a
 * rank reads only inputs and result segments that are complete. Reuse: a rank starts step
 * {@code s + 1} only after it has seen every flag at {@code 2s} (it copies every segment out), and
 * rank j publishes {@code 2s} only after it has folded step s, so no input is rewritten while
 * someone may fold it; it rewrites its result segment only after seeing every flag at
 * {@code 2s + 1}, which rank j publishes only after copying out step s: one input per rank and one
 * result region suffice.
 *
 * <p>Bcast, per chunk step {@code s}: the root waits until every rank's bcast flag is at least {@code s - 2} (all have read the chunk
 * that last used this half), copies the chunk in and publishes {@code s}; every other rank waits
 * for the root's flag to reach {@code s}, copies the chunk out and publishes {@code s}; with two
 * halves the root fills the next chunk while the others read the last one. Step numbers count on
 * every rank alike (collectives are called in the same order and cut into chunks alike), so flags
 * only grow and a wait for "at least" is never confused by a stale value.
 *
 * <p><b>Waiting.</b> Spins (unless ranks outnumber cores) for the engine's spin phase
 * ({@link Engine#spinPhaseNs}), yields, then parks for growing intervals up to {@link #MAX_PARK_NS},
 * and keeps the engine's progress going meanwhile so that messages in flight still move. A wait that
 * outlasted the spin phase tells the engine how long it took ({@link Engine#idleEnded}), so that the
 * spin phase adapts to how collectives on this host arrive. A rank that dies is noticed by the
 * launcher, which ends the job.
 *
 * <p><b>Lifetime.</b> Every rank creates or opens the file and maps it, the ranks pass a message
 * barrier, and then the file's name is removed at once: the mapping lives on in every rank until the
 * communicator is unreachable, and nothing is left in the directory even if a rank is killed later.
 * One thread at a time per communicator, as MPI's blocking collectives require.
 */
public final class NodeArea {
    /**
     * Payload bytes per rank and phase: allreduces up to this size go through the area. 4 ranks on 2 cores
     * (mpiJava OSU allreduce, two alternating runs): 512 B-2 KiB take 5-11 us through the area against
     * 6-306 us on messages, 4 KiB about the same; at 16 KiB every rank folding every input costs more
     * than recursive doubling.
     */
    public static final int DEFAULT_DATA_BYTES = 4096;
    /** Longest a waiter sleeps between looks, once spinning and yielding gave nothing. */
    static final long MAX_PARK_NS = 50_000;
    private static final long MIN_PARK_NS = 1_000;
    private static final int SPIN = 0;
    private static final int YIELD = 1;
    private static final int PARK = 2;
    private static final int LINE = 64;
    /** Bytes of the bulk flag lines of one rank: the reduce step's line, then the bcast step's. */
    private static final int FLAGS_STRIDE = 2 * LINE;
    /** Largest bulk region, so that the whole area stays addressable by an int. */
    static final long MAX_BULK_BYTES = 512L << 20;
    private static final int PROGRESS_EVERY = 8;
    private static final VarHandle SEQ = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer map;
    private final int size;
    private final int rank;
    private final int dataBytes;
    private final int phaseStride;
    private final int chunkBytes;
    private final int flagsAt;
    private final int inputsAt;
    private final int bcastAt;
    private long seq;
    private long reduceStep;
    private long bcastStep;
    /** Work arrays of the bulk allreduce not in use, per element type: enough for the fold's stack and one more. */
    private final Object[][] pool = new Object[ElementType.values().length][Integer.SIZE + 2];
    private final int[] poolSize = new int[ElementType.values().length];
    /** The fold's stack: per entry its array, where its elements start, whether it is the caller's own input. */
    private final Object[] stack = new Object[Integer.SIZE + 1];
    private final int[] stackAt = new int[Integer.SIZE + 1];
    private final boolean[] stackOwn = new boolean[Integer.SIZE + 1];
    /** Per entry of the fold's stack, log2 of the number of leaves it covers. */
    private final int[] levels = new int[Integer.SIZE];

    private NodeArea(ByteBuffer map, int size, int rank, int dataBytes, int chunkBytes) {
        this.map = map;
        this.size = size;
        this.rank = rank;
        this.dataBytes = dataBytes;
        this.phaseStride = LINE + dataBytes;
        this.chunkBytes = chunkBytes;
        this.flagsAt = size * 2 * phaseStride;
        this.inputsAt = flagsAt + size * FLAGS_STRIDE;
        this.bcastAt = inputsAt + (size + 1) * chunkBytes;
    }

    /**
     * The bulk chunk a communicator of {@code size} ranks gets when {@code requested} bytes are
     * asked for: a multiple of 64 bytes, cut down so that the region stays below
     * {@link #MAX_BULK_BYTES}; 0 (no bulk region) when that leaves less than 64 bytes.
     */
    public static int chunkBytesFor(int size, int requested) {
        long fit = Math.min(requested, MAX_BULK_BYTES / (size + 3)) & ~(long) (LINE - 1);
        return (int) fit;
    }

    /**
     * Creates or opens {@code file} for a communicator of {@code size} ranks and maps it. The caller
     * then makes every rank pass a barrier and calls {@link #unlink}.
     */
    public static NodeArea open(Path file, int size, int rank, int dataBytes, int chunkBytes) throws IOException {
        checkLayout(size, dataBytes, chunkBytes);
        long length = lengthOf(size, dataBytes, chunkBytes);
        try (FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(ShmJobDirectory.FILE_MODE))) {
            // Zero-filled up to the length. Rank 0 writes every page, so that a full shared-memory file
            // system fails here (the communicator then uses messages) rather than with SIGBUS at a later
            // store; another rank that comes first extends the file sparsely. Before the barrier no rank
            // writes anything else, so these writes put only zeros over zeros.
            if (rank == 0) {
                ShmJobDirectory.preallocate(ch, length, file);
            } else if (ch.size() < length) {
                ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            map.order(ByteOrder.nativeOrder());
            return new NodeArea(map, size, rank, dataBytes, chunkBytes);
        }
    }

    private static void checkLayout(int size, int dataBytes, int chunkBytes) {
        if (dataBytes % 8 != 0 || dataBytes < 0) {
            throw new IllegalArgumentException("payload bytes must be a multiple of 8: " + dataBytes);
        }
        if (chunkBytes % LINE != 0 || chunkBytes < 0 || chunkBytes > chunkBytesFor(size, chunkBytes)) {
            throw new IllegalArgumentException("bulk chunk must be a multiple of 64 within the region: " + chunkBytes);
        }
    }

    /**
     * An area over memory the ranks share already (ranks as threads, {@code Transport#sharedArea}): zero-filled,
     * in native order, of {@link #lengthOf} bytes.
     */
    public static NodeArea over(ByteBuffer shared, int size, int rank, int dataBytes, int chunkBytes) {
        checkLayout(size, dataBytes, chunkBytes);
        if (shared.capacity() != lengthOf(size, dataBytes, chunkBytes) || shared.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("shared area of " + shared.capacity() + " bytes, " + shared.order()
                + ", for " + lengthOf(size, dataBytes, chunkBytes) + " bytes in native order");
        }
        return new NodeArea(shared, size, rank, dataBytes, chunkBytes);
    }

    /** Bytes of the area of a communicator of {@code size} ranks with these payload and bulk chunk sizes. */
    public static long lengthOf(int size, int dataBytes, int chunkBytes) {
        long length = (long) size * 2 * (LINE + dataBytes);
        if (chunkBytes > 0) {
            length += (long) size * FLAGS_STRIDE + (long) (size + 3) * chunkBytes;
        }
        return length;
    }

    /** Removes the file's name; the mappings stay. Idempotent; every rank may call it. */
    public static void unlink(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the job directory goes at the end of the job, with whatever is in it
        }
    }

    /** Blocks until every rank of the communicator has called it (MPI_Barrier). */
    public void barrier(Engine engine) {
        long s = ++seq;
        SEQ.setRelease(map, seqAt(rank, s), s);
        awaitSlots(engine, s);
    }

    /**
     * Reduces {@code send} of every rank into {@code recv} on every rank; {@code scratch0} and
     * {@code scratch1} are distinct array buffers of the element type and count of {@code send}, and
     * {@code recv} may be {@code send}.
     */
    public void allreduce(Engine engine, Buf send, Buf recv, Buf scratch0, Buf scratch1, Combiner op) {
        if (send.byteLength() > dataBytes) {
            throw new IllegalArgumentException(send.byteLength() + " bytes do not fit the area's " + dataBytes);
        }
        long s = ++seq;
        int n = send.count();
        int bytes = (int) send.byteLength();
        send.encode(0, n, payload(rank, s, bytes));
        SEQ.setRelease(map, seqAt(rank, s), s);
        awaitSlots(engine, s);
        // acc = x(p-1); then acc = x(j) op acc for j = p-2 .. 0
        Buf acc = Bufs.isArray(recv) && recv.type() == send.type() ? recv : scratch1;
        acc.decode(0, n, payload(size - 1, s, bytes));
        for (int j = size - 2; j >= 0; j--) {
            scratch0.decode(0, n, payload(j, s, bytes));
            op.apply(scratch0.array(), scratch0.offset(), acc.array(), acc.offset(), n);
        }
        if (acc != recv) {
            Bufs.copy(acc, recv);
        }
    }

    /** Whether the area has a bulk region for large allreduce and bcast. */
    public boolean hasBulk() {
        return chunkBytes > 0;
    }

    /**
     * Reduces {@code send} of every rank into {@code recv} on every rank through the bulk region,
     * chunk by chunk (see the class comment); {@code recv} may be {@code send}. Each segment is
     * folded in the bracketing of recursive doubling ({@link #foldSegment}), in rank order, so the
     * result is bitwise the same on every rank and run, and the same as by messages. Needs
     * {@link #hasBulk()}.
     */
    public void allreduceBulk(Engine engine, Buf send, Buf recv, Combiner op) {
        ElementType t = send.type();
        int es = t.sizeBytes();
        int unit = op.unit();
        int per = chunkBytes / es / unit * unit;
        int total = send.count();
        int most = per / size + 2 * unit;
        // the own segment is folded straight from send, so it is not published; else the whole chunk is
        Buf own = Bufs.isArray(send) ? send : null;
        boolean intoRecv = Bufs.isArray(recv) && recv.type() == t;
        int flag = flagsAt + rank * FLAGS_STRIDE;
        int input = inputsAt + rank * chunkBytes;
        int result = inputsAt + size * chunkBytes;
        for (int at = 0, m; at < total; at += m) {
            m = Math.min(per, total - at);
            long s = ++reduceStep;
            int lo = segmentStart(rank, m, unit);
            int hi = segmentStart(rank + 1, m, unit);
            int k = hi - lo;
            if (own != null) {
                encode(send, at, 0, lo, input, es); // the segments of the ranks below
                encode(send, at, hi, m, input, es); // and above
            } else {
                encode(send, at, 0, m, input, es);
            }
            SEQ.setRelease(map, flag, 2 * s - 1); // publishes the input
            await(engine, flagsAt, FLAGS_STRIDE, 0, size, 2 * s - 1);
            Object acc = null;
            if (k > 0) {
                acc = foldSegment(t, op, own, at, lo, k, most);
                Bufs.wrap(t, acc, 0, k).encode(0, k, bulk(result + lo * es, k * es));
            }
            SEQ.setRelease(map, flag, 2 * s); // publishes the reduced segment
            if (k > 0) {
                if (intoRecv) {
                    System.arraycopy(acc, 0, recv.array(), recv.offset() + at + lo, k);
                } else {
                    recv.decode(at + lo, k, bulk(result + lo * es, k * es));
                }
                giveWork(t, acc);
            }
            // every other segment as soon as its rank has published it, the next ranks' first
            for (int i = 1; i < size; i++) {
                int j = (rank + i) % size;
                int a = segmentStart(j, m, unit);
                int b = segmentStart(j + 1, m, unit);
                await(engine, flagsAt, FLAGS_STRIDE, j, j + 1, 2 * s);
                if (b > a) {
                    recv.decode(at + a, b - a, bulk(result + a * es, (b - a) * es));
                }
            }
        }
    }

    /** Copies elements {@code [from, to)} of the chunk of {@code send} at {@code at} to the same place of the input at {@code input}. */
    private void encode(Buf send, int at, int from, int to, int input, int es) {
        if (to > from) {
            send.encode(at + from, to - from, bulk(input + from * es, (to - from) * es));
        }
    }

    /**
     * Where segment {@code i} of a chunk of {@code m} elements starts: the chunk cut into {@code size}
     * runs of whole units, the first ones a unit longer when it does not divide evenly (as
     * {@link Bufs#blocks}), and {@code m} for {@code i == size}.
     */
    private int segmentStart(int i, int m, int unit) {
        int units = m / unit;
        return (i * (units / size) + Math.min(i, units % size)) * unit;
    }

    /**
     * Broadcasts {@code buf} from {@code root} to every rank through the bulk region, chunk by chunk
     * (see the class comment). Needs {@link #hasBulk()}.
     */
    public void bcastBulk(Engine engine, Buf buf, int root) {
        int es = buf.type().sizeBytes();
        int per = chunkBytes / es;
        int total = buf.count();
        int flag = flagsAt + LINE;
        for (int at = 0, m; at < total; at += m) {
            m = Math.min(per, total - at);
            long s = ++bcastStep;
            ByteBuffer chunk = bulk(bcastAt + (int) (s & 1) * chunkBytes, m * es);
            if (rank == root) {
                if (s > 2) {
                    await(engine, flag, FLAGS_STRIDE, 0, size, s - 2);
                }
                buf.encode(at, m, chunk);
            } else {
                await(engine, flag, FLAGS_STRIDE, root, root + 1, s);
                buf.decode(at, m, chunk);
            }
            SEQ.setRelease(map, flag + rank * FLAGS_STRIDE, s); // root: publishes the chunk; others: done with it
        }
    }

    /**
     * Folds elements {@code [lo, lo + k)} of every rank's input in the area in the bracketing of
     * recursive doubling ({@link Reduce}): with p' the largest power of two not above p and r = p - p',
     * leaf i is {@code x(2i) op x(2i+1)} for i &lt; r and {@code x(i + r)} above, and the p' leaves
     * combine as a balanced binary tree in order. Leaves go onto a stack, and the top two merge
     * ({@link #merge}: lower op higher) while they cover equally many leaves. Another rank's input is
     * loaded into a work array; this rank's is read where it lies in {@code own} (at chunk offset
     * {@code at}) unless {@code own} is null, and is never written. Returns the work array that holds
     * the result in its first {@code k} elements; the caller gives it back ({@link #giveWork}).
     */
    private Object foldSegment(ElementType t, Combiner op, Buf own, int at, int lo, int k, int most) {
        int pof2 = Integer.highestOneBit(size);
        int rem = size - pof2;
        int ownAt = own == null ? 0 : own.offset() + at + lo;
        int depth = 0;
        for (int i = 0; i < pof2; i++) {
            if (i < rem) {
                leaf(t, 2 * i, own, ownAt, lo, k, most, depth);
                leaf(t, 2 * i + 1, own, ownAt, lo, k, most, depth + 1);
                merge(t, op, depth, k, most);
            } else {
                leaf(t, i + rem, own, ownAt, lo, k, most, depth);
            }
            levels[depth++] = 0;
            while (depth >= 2 && levels[depth - 1] == levels[depth - 2]) {
                merge(t, op, depth - 2, k, most);
                depth--;
                levels[depth - 1]++;
            }
        }
        if (stackOwn[0]) {
            throw new AssertionError("a fold of " + size + " ranks ends in a merge");
        }
        Object result = stack[0];
        stack[0] = null;
        return result;
    }

    /** Puts rank {@code r}'s elements {@code [lo, lo + k)} at stack entry {@code d}. */
    private void leaf(ElementType t, int r, Buf own, int ownAt, int lo, int k, int most, int d) {
        if (r == rank && own != null) {
            stack[d] = own.array();
            stackAt[d] = ownAt;
            stackOwn[d] = true;
        } else {
            Object a = takeWork(t, most);
            int es = t.sizeBytes();
            Bufs.wrap(t, a, 0, k).decode(0, k, bulk(inputsAt + r * chunkBytes + lo * es, k * es));
            stack[d] = a;
            stackAt[d] = 0;
            stackOwn[d] = false;
        }
    }

    /**
     * Replaces stack entries {@code d} (lower) and {@code d + 1} (higher) by {@code lower op higher}
     * in entry {@code d}. The result goes into the higher one's work array; where the higher is the
     * caller's own input, into the lower one's when the operation is commutative (bitwise the same),
     * else into a fresh work array holding a copy of the higher.
     */
    private void merge(ElementType t, Combiner op, int d, int k, int most) {
        Object low = stack[d];
        Object high = stack[d + 1];
        int lowAt = stackAt[d];
        int highAt = stackAt[d + 1];
        Object into;
        if (!stackOwn[d + 1]) {
            op.apply(low, lowAt, high, highAt, k);
            into = high;
            if (!stackOwn[d]) {
                giveWork(t, low);
            }
        } else if (op.commutative()) {
            op.apply(high, highAt, low, lowAt, k); // low is a work array: only one entry is the own input
            into = low;
        } else {
            into = takeWork(t, most);
            System.arraycopy(high, highAt, into, 0, k);
            op.apply(low, lowAt, into, 0, k);
            giveWork(t, low);
        }
        stack[d] = into;
        stackAt[d] = 0;
        stackOwn[d] = false;
        stack[d + 1] = null;
    }

    /** A work array of element type {@code t}, at least {@code n} long, from the pool or new. */
    private Object takeWork(ElementType t, int n) {
        int ti = t.ordinal();
        while (poolSize[ti] > 0) {
            Object a = pool[ti][--poolSize[ti]];
            pool[ti][poolSize[ti]] = null;
            if (Array.getLength(a) >= n) {
                return a;
            }
        }
        return t.newArray(n);
    }

    /** Gives a work array of element type {@code t} back to the pool. */
    private void giveWork(ElementType t, Object a) {
        int ti = t.ordinal();
        if (poolSize[ti] < pool[ti].length) {
            pool[ti][poolSize[ti]++] = a;
        }
    }

    /** {@code bytes} of the bulk region at {@code at}, in native order (both sides are this host). */
    private ByteBuffer bulk(int at, int bytes) {
        return map.slice(at, bytes).order(ByteOrder.nativeOrder());
    }

    /** Rank {@code r}'s payload of call {@code s}, in the byte order of the wire (both sides agree). */
    private ByteBuffer payload(int r, long s, int bytes) {
        return map.slice(dataAt(r, s), bytes).order(ByteOrder.BIG_ENDIAN);
    }

    private int seqAt(int r, long s) {
        return (r * 2 + (int) (s & 1)) * phaseStride;
    }

    private int dataAt(int r, long s) {
        return seqAt(r, s) + LINE;
    }

    private void awaitSlots(Engine engine, long s) {
        await(engine, (int) (s & 1) * phaseStride, 2 * phaseStride, 0, size, s);
    }

    /**
     * Waits until the counter of every rank in {@code [from, to)} is at least {@code s}; rank r's
     * counter is the long at {@code base + r * stride}.
     */
    private void await(Engine engine, int base, int stride, int from, int to, long s) {
        long spinNs = engine.spinPhaseNs();
        long yieldNs = engine.yieldPhaseNs();
        int phase = spinNs > 0 ? SPIN : yieldNs > 0 ? YIELD : PARK;
        int next = from;
        int rounds = 0;
        long start = 0;
        long park = MIN_PARK_NS;
        while (true) {
            while (next < to && (long) SEQ.getAcquire(map, base + next * stride) >= s) {
                next++;
            }
            if (next == to) {
                if (spinNs > 0 && phase != SPIN) {
                    // the wait outlasted its spin phase (so start was set): let the engine's spin budget learn how long
                    engine.idleEnded(System.nanoTime() - start);
                }
                return;
            }
            if (++rounds % PROGRESS_EVERY == 0) {
                // the clock and the engine's poll cost about as much as a look: not every round
                engine.checkUsable();
                engine.progressOnce();
                long now = System.nanoTime();
                if (rounds == PROGRESS_EVERY) {
                    start = now;
                }
                long waited = now - start;
                phase = waited < spinNs ? SPIN : waited - spinNs < yieldNs ? YIELD : PARK;
            }
            if (phase == SPIN) {
                Thread.onSpinWait();
            } else if (phase == YIELD) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, park);
                park = Math.min(MAX_PARK_NS, park * 2);
            }
        }
    }
}
