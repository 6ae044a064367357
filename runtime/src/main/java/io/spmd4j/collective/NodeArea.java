package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Engine;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * Barrier and small allreduce through memory that every rank of a communicator maps, for a
 * communicator whose ranks all run on one host: no message, no matching, no wake-up call, which
 * matters most when ranks outnumber cores and every hand-off costs a trip through the scheduler.
 *
 * <p><b>Layout.</b> One file in the job's shared-memory directory, one slot per rank, each slot two
 * phases (even and odd call numbers), each phase a 64-byte line holding the call number, followed by
 * {@link #dataBytes} of payload:
 * <pre>
 * slot r, phase p at (r * 2 + p) * (64 + dataBytes):  seq (8, native order) | pad to 64 | data
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
 * <p><b>Reduction order.</b> Every rank combines the payloads in the same order, {@code x0 op (x1 op
 * (... op x(p-1)))}: the result is bitwise the same on every rank and every run, and non-commutative
 * operations see rank order as MPI requires.
 *
 * <p><b>Waiting.</b> Spins (unless ranks outnumber cores), yields, then parks for growing intervals
 * up to {@link #MAX_PARK_NS}, and keeps the engine's progress going meanwhile so that messages in
 * flight still move. A rank that dies is noticed by the launcher, which ends the job.
 *
 * <p><b>Lifetime.</b> Every rank creates or opens the file and maps it, the ranks pass a message
 * barrier, and then the file's name is removed at once: the mapping lives on in every rank until the
 * communicator is unreachable, and nothing is left in the directory even if a rank is killed later.
 * One thread at a time per communicator, as MPI's blocking collectives require.
 */
public final class NodeArea {
    /** Payload bytes per rank and phase: allreduces up to this size go through the area. */
    public static final int DEFAULT_DATA_BYTES = 256;
    /** Longest a waiter sleeps between looks, once spinning and yielding gave nothing. */
    static final long MAX_PARK_NS = 50_000;
    private static final long MIN_PARK_NS = 1_000;
    private static final int SPIN = 0;
    private static final int YIELD = 1;
    private static final int PARK = 2;
    private static final int LINE = 64;
    private static final int PROGRESS_EVERY = 8;
    private static final VarHandle SEQ = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;
    private final int size;
    private final int rank;
    private final int dataBytes;
    private final int phaseStride;
    private long seq;

    private NodeArea(MappedByteBuffer map, int size, int rank, int dataBytes) {
        this.map = map;
        this.size = size;
        this.rank = rank;
        this.dataBytes = dataBytes;
        this.phaseStride = LINE + dataBytes;
    }

    /**
     * Creates or opens {@code file} for a communicator of {@code size} ranks and maps it. The caller
     * then makes every rank pass a barrier and calls {@link #unlink}.
     */
    public static NodeArea open(Path file, int size, int rank, int dataBytes) throws IOException {
        if (dataBytes % 8 != 0 || dataBytes < 0) {
            throw new IllegalArgumentException("payload bytes must be a multiple of 8: " + dataBytes);
        }
        long length = (long) size * 2 * (LINE + dataBytes);
        try (FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(ShmJobDirectory.FILE_MODE))) {
            if (ch.size() < length) {
                // Zero-filled up to the length. Before the barrier no rank writes the area, so
                // several ranks doing this at once write only zeros over zeros.
                ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            map.order(ByteOrder.nativeOrder());
            return new NodeArea(map, size, rank, dataBytes);
        }
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
        awaitAll(engine, s);
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
        awaitAll(engine, s);
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

    private void awaitAll(Engine engine, long s) {
        long spinNs = engine.spinPhaseNs();
        long yieldNs = engine.yieldPhaseNs();
        int phase = spinNs > 0 ? SPIN : yieldNs > 0 ? YIELD : PARK;
        int next = 0;
        int rounds = 0;
        long start = 0;
        long park = MIN_PARK_NS;
        while (true) {
            while (next < size && (long) SEQ.getAcquire(map, seqAt(next, s)) == s) {
                next++;
            }
            if (next == size) {
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
