package io.spmd4j.farm;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The results of a map as the root sends them when they go everywhere (inside the SUMMARY messages or
 * by a broadcast, see {@link #inline}), and the outcome every rank turns a {@link Summary} into.
 *
 * <pre>
 * blob := tasks (4) | tasks x ( state (1) | rank (4) | bytes (length (4) + bytes) )
 * </pre>
 *
 * The state is {@link Wire#OK} (bytes: the codec's encoding of the result), {@link Wire#FAILED}
 * (bytes: a failure record, see {@link Failures}), or anything else for a task that did not run to the
 * end (no bytes). Each rank decodes the bytes itself.
 */
final class ResultBlob {
    /**
     * Most bytes the root sends, all copies together, when it puts the results into every rank's
     * SUMMARY instead of broadcasting them.
     */
    static final long INLINE_TOTAL_BYTES = 1 << 20;

    private ResultBlob() {
    }

    /**
     * Whether a blob of {@code bytes} goes to the other ranks of a {@code ranks}-rank communicator inside
     * their SUMMARY messages (one message to each, which the root sends anyway) rather than by a
     * broadcast after them: yes while the copies the root sends stay within {@link #INLINE_TOTAL_BYTES}.
     * A broadcast costs two collective calls of {@code log2(ranks)} rounds each, and in a cold JVM
     * their code first has to load; a large blob is still broadcast, so the root sends it only
     * {@code log2(ranks)} times.
     */
    static boolean inline(int bytes, int ranks) {
        return (long) bytes * (ranks - 1) <= INLINE_TOTAL_BYTES;
    }

    static byte[] encode(int tasks, byte[] state, int[] ranOn, byte[][] raw) {
        Wire.Out out = new Wire.Out().writeInt(tasks);
        for (int i = 0; i < tasks; i++) {
            boolean has = state[i] == Wire.OK || state[i] == Wire.FAILED;
            out.writeByte(state[i]).writeInt(ranOn[i]).writeBytes(has ? raw[i] : new byte[0]);
        }
        return out.toByteArray();
    }

    /** Broadcasts the root's blob (collective); returns it on every rank. */
    static byte[] broadcast(Comm comm, int root, byte[] blob) {
        int[] length = {comm.rank() == root ? blob.length : 0};
        comm.bcast(length, 0, 1, root);
        byte[] bytes = comm.rank() == root ? blob : new byte[length[0]];
        comm.bcast(bytes, 0, length[0], root);
        return bytes;
    }

    /** Decodes a blob into {@code results} (one per task) and {@code failures} (by task index). */
    static void decode(byte[] blob, List<Object> results, List<TaskException> failures) {
        Wire.In in = new Wire.In(blob);
        int tasks = in.readInt();
        for (int i = 0; i < tasks; i++) {
            byte state = in.readByte();
            int rank = in.readInt();
            byte[] bytes = in.readBytes();
            Object value = null;
            if (state == Wire.OK) {
                try {
                    value = Payloads.decode(bytes);
                } catch (RuntimeException e) { // this rank's codec refuses what the root's accepted
                    failures.add(new TaskException(i, rank, e));
                }
            } else if (state == Wire.FAILED) {
                failures.add(new TaskException(i, rank, Failures.decode(bytes)));
            }
            results.add(value);
        }
    }

    /**
     * The map's outcome on this rank: its result, or the {@link TaskException} or
     * {@link FarmCancelledException} the summary calls for.
     *
     * @param results the results on a rank that holds them, else null
     * @param thrown the failure to throw, when this rank already has it (the root); else it is decoded
     */
    @SuppressWarnings("unchecked")
    static <R> FarmResult<R> outcome(Summary s, List<Object> results, List<TaskException> failures, int root,
        TaskException thrown) {
        FarmResult<R> result = new FarmResult<>(
            results == null ? null : (List<R>) Collections.unmodifiableList(new ArrayList<>(results)),
            failures == null ? null : Collections.unmodifiableList(new ArrayList<>(failures)), s, root);
        if (s.outcome == Summary.FAILED) {
            TaskException e = thrown != null ? thrown
                : new TaskException(s.failedIndex, s.failedRank, Failures.decode(s.failureRecord));
            if (failures != null) {
                failures.stream().filter(f -> f.taskIndex() != e.taskIndex()).forEach(e::addSuppressed);
            }
            throw e;
        }
        if (s.outcome == Summary.CANCELLED) {
            throw new FarmCancelledException(s.cancelReason, result);
        }
        return result;
    }
}
