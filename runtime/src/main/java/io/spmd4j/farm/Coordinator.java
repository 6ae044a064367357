package io.spmd4j.farm;

import io.spmd4j.Comm;
import io.spmd4j.MpiException;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The root's side of a map: hands out chunks of tasks as ranks return them, collects results in
 * input order, and ends the map with the STOP/DONE handshake (see {@link Wire}).
 *
 * <p><b>Loop.</b> Every rank (the root's own {@link TaskRunner} included) gets {@code prefetch}
 * chunks; then the coordinator blocks in a receive for the farm's tag from any rank and, for each
 * RESULTS message, records the results and sends that rank its next chunk. The root's task thread,
 * a {@link Cancellation} on the root and the deadline reach the coordinator as messages the root sends
 * itself, so one blocking receive waits for everything. A rank that holds no chunk and will get none
 * (inputs exhausted, or stopping after a failure or a cancellation, which cancels the outstanding
 * chunks) is sent STOP at once and answers DONE (after which it sends nothing more) while the others
 * still work. Once no chunk is outstanding, the coordinator stops the ranks not stopped yet, waits for
 * the remaining DONEs, drains its own late messages, and sends the {@link Summary} to every other rank,
 * with the results inside when they go everywhere and are small ({@link ResultBlob#inline}), else
 * followed by a broadcast of the results. No farm message is left unreceived, so the next map
 * on the communicator starts clean.
 *
 * <p>One use, on the thread that called {@code map}; the in-flight table is also read by a shutdown
 * hook, under this object's monitor.
 */
final class Coordinator<R> {
    private static final byte NOT_DONE = -1;

    private final Farm farm;
    private final Comm comm;
    private final int root;
    private final int size;
    private final Iterator<?> inputs;
    private final TaskFunction<Object, Object> fn;
    private final Cancellation internal = new Cancellation();
    /** The root's messages to itself: its task thread's RESULTS, cancellation requests. */
    private final RootLink toSelf;

    /** Chunks outstanding per rank: chunk id to task indices; guarded by this. */
    private final List<Map<Integer, int[]>> outstanding = new ArrayList<>();
    private final boolean[] cancelSent;
    /** Ranks sent STOP, and ranks whose DONE arrived. */
    private final boolean[] stopSent;
    private final boolean[] doneReceived;
    private int doneCount;
    private int abandoned;
    private TaskRunner local;
    private int outstandingChunks;
    private int nextChunk;

    private int total;
    private int nextIndex;
    private boolean exhausted;
    private byte[] state = new byte[16];
    private Object[] values = new Object[16];
    private byte[][] raw = new byte[16][];
    private int[] ranOn = new int[16];
    private final TreeMap<Integer, TaskException> failures = new TreeMap<>();
    private final Summary summary;

    private boolean stopping;
    private TaskException firstFailure;
    private String cancelReason;
    private long startNs;
    private long lastLineNs;

    Coordinator(Farm farm, Iterator<?> inputs, int total, TaskFunction<Object, Object> fn) {
        this.farm = farm;
        this.comm = farm.comm;
        this.root = farm.root;
        this.size = comm.size();
        this.inputs = inputs;
        this.total = total;
        this.fn = fn;
        this.toSelf = new RootLink(comm, root, farm.tag);
        this.cancelSent = new boolean[size];
        this.stopSent = new boolean[size];
        this.doneReceived = new boolean[size];
        this.summary = new Summary(size);
        for (int r = 0; r < size; r++) {
            outstanding.add(new LinkedHashMap<>());
        }
        Arrays.fill(state, NOT_DONE);
    }

    FarmResult<R> run() {
        startNs = System.nanoTime();
        lastLineNs = startNs;
        ExitReport report = new ExitReport(new InFlight(this));
        ScheduledThreadPoolExecutor timer = null;
        try {
            internal.attach(toSelf);
            if (farm.cancellation != null) {
                farm.cancellation.attach(toSelf);
            }
            if (farm.deadlineNs > 0) {
                timer = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "spmd4j-farm-deadline");
                    t.setDaemon(true);
                    return t;
                });
                timer.schedule(() -> internal.cancel(String.format(Locale.ROOT, "deadline of %.3f s passed",
                    farm.deadlineNs * 1e-9)), farm.deadlineNs, TimeUnit.NANOSECONDS);
            }
            return coordinate();
        } catch (TaskException | FarmCancelledException e) {
            throw e;
        } catch (MpiException e) {
            throw new MpiException(e.errorClass(), e.getMessage() + "; " + inFlightReport("the coordinator failed"), e);
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
            internal.detach();
            if (farm.cancellation != null) {
                farm.cancellation.detach();
            }
            if (local != null) {
                local.close();
            }
            report.remove();
        }
    }

    private FarmResult<R> coordinate() {
        // The connections to the other ranks are made in the background, all at once; each rank gets
        // START and its first chunk as soon as its own connection is up, in whatever order the
        // connections come up. The sends are started before the root's own first chunk: a cold rank
        // takes longer from its first message to its first task (its task code is new to its JVM) than
        // the root takes to start its own task thread, so the root starts its own chunk last and
        // computes while the others' messages travel.
        int[] others = new int[size - 1];
        for (int r = 1; r < size; r++) {
            others[r - 1] = (root + r) % size;
        }
        comm.preconnect(others);
        Wire.Out start = new Wire.Out(Wire.START).writeLong(farm.taskTimeoutNs).writeLong(farm.interruptGraceNs);
        List<Request> first = new ArrayList<>();
        List<Integer> idle = new ArrayList<>();
        for (int rank : others) {
            first.add(Wire.isend(comm, start, rank, farm.tag));
            Request tasks = dispatch(rank, true);
            if (tasks != null) {
                first.add(tasks);
            } else {
                idle.add(rank); // more ranks than tasks
            }
        }
        if (farm.coordinatorComputes || size == 1) {
            local = new TaskRunner(fn, farm.taskTimeoutNs, farm.interruptGraceNs, root, toSelf);
            dispatch(root);
        }
        for (int rank : idle) {
            stopIfIdle(rank);
        }
        Request.awaitAll(first);
        for (int round = 1; round < farm.prefetch; round++) {
            for (int r = 0; r < size; r++) {
                int rank = (root + r) % size;
                if (rank != root || local != null) {
                    dispatch(rank);
                }
            }
        }
        while (outstandingChunks > 0) {
            Wire.Received m = Wire.receive(comm, Spmd.ANY_SOURCE, farm.tag);
            if (m.kind() == Wire.RESULTS) {
                onResults(m.source(), m.in());
                if (!stopping) {
                    dispatch(m.source());
                }
                stopIfIdle(m.source());
                progress(false);
            } else if (m.kind() == Wire.DONE) {
                onDone(m.source(), m.in());
            } else if (m.kind() == Wire.CANCEL_REQUEST) {
                String reason = m.in().readString();
                if (!stopping) {
                    cancelReason = reason;
                    stop();
                }
            } else {
                throw Wire.malformed("message kind " + m.kind() + " from rank " + m.source() + " during a map");
            }
        }
        if (!exhausted && cancelReason == null && firstFailure == null) {
            throw new IllegalStateException("the farm stopped with inputs left and no reason"); // a bug
        }
        if (total < 0) {
            total = nextIndex;
        }
        summary.wallNanos = System.nanoTime() - startNs;
        progress(true);
        return finish();
    }

    /** Sends the next chunk to {@code rank} (or queues it on the local runner); nothing when inputs ran out. */
    private void dispatch(int rank) {
        dispatch(rank, false);
    }

    /**
     * Sends the next chunk to {@code rank} (or queues it on the local runner); nothing when inputs ran out.
     * With {@code nonblocking}, returns the send's request (null when nothing was sent), which the caller
     * completes.
     */
    private Request dispatch(int rank, boolean nonblocking) {
        List<Integer> indices = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        while (indices.size() < farm.chunkSize && !stopping && !exhausted) {
            Object input;
            int index = nextIndex;
            try {
                if (!inputs.hasNext()) {
                    exhausted = true;
                    total = nextIndex;
                    break;
                }
                input = inputs.next();
            } catch (RuntimeException e) {
                exhausted = true;
                nextIndex++;
                total = nextIndex;
                grow(index);
                fail(index, root, Failures.encode(e), true);
                break;
            }
            nextIndex++;
            grow(index);
            try {
                encoded.add(Payloads.encode(input));
                indices.add(index);
            } catch (RuntimeException e) {
                fail(index, root, Failures.encode(e), false);
            }
        }
        if (indices.isEmpty()) {
            return null;
        }
        int[] idx = new int[indices.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices.get(i);
        }
        int id = nextChunk++;
        synchronized (this) {
            outstanding.get(rank).put(id, idx);
            outstandingChunks++;
        }
        byte[][] payload = encoded.toArray(new byte[0][]);
        if (rank == root) {
            local.submit(new TaskRunner.Chunk(id, idx, payload));
            return null;
        }
        Wire.Out tasks = new Wire.Out(Wire.TASKS).writeInt(id).writeInt(idx.length);
        for (int i = 0; i < idx.length; i++) {
            tasks.writeInt(idx[i]).writeBytes(payload[i]);
        }
        if (nonblocking) {
            return Wire.isend(comm, tasks, rank, farm.tag);
        }
        Wire.send(comm, tasks, rank, farm.tag);
        return null;
    }

    private void onResults(int rank, Wire.In in) {
        int id = in.readInt();
        int[] idx;
        synchronized (this) {
            idx = outstanding.get(rank).remove(id);
            if (idx == null) {
                throw Wire.malformed("results of chunk " + id + " from rank " + rank + ", which does not have it");
            }
            outstandingChunks--;
        }
        int n = in.readInt();
        if (n != idx.length) {
            throw Wire.malformed(n + " results for chunk " + id + " of " + idx.length + " tasks from rank " + rank);
        }
        for (int i = 0; i < n; i++) {
            int index = in.readInt();
            byte status = in.readByte();
            long nanos = in.readLong();
            byte[] bytes = in.readBytes();
            if (index != idx[i]) {
                throw Wire.malformed("result for task " + index + " in place of task " + idx[i] + " from rank " + rank);
            }
            summary.busyNanosPerRank[rank] += nanos;
            if (status == Wire.CANCELLED) {
                continue;
            }
            summary.tasksPerRank[rank]++;
            if (status == Wire.FAILED) {
                fail(index, rank, bytes, false);
            } else if (status == Wire.OK) {
                try {
                    values[index] = Payloads.decode(bytes);
                    complete(index, rank, Wire.OK, bytes);
                } catch (RuntimeException e) {
                    fail(index, rank, Failures.encode(e), false);
                }
            } else {
                throw Wire.malformed("task status " + status + " from rank " + rank);
            }
        }
    }

    private void complete(int index, int rank, byte status, byte[] bytes) {
        state[index] = status;
        ranOn[index] = rank;
        raw[index] = farm.everywhere ? bytes : null;
        summary.completed++;
    }

    /**
     * Records a failed task; ends the map unless failures are collected ({@code fatal}: whatever the
     * option, for an input iterator that threw).
     */
    private void fail(int index, int rank, byte[] record, boolean fatal) {
        complete(index, rank, Wire.FAILED, record);
        summary.failed++;
        TaskException e = new TaskException(index, rank, Failures.decode(record));
        failures.put(index, e);
        if ((fatal || !farm.collectFailures) && firstFailure == null) {
            firstFailure = e;
            summary.failedIndex = index;
            summary.failedRank = rank;
            summary.failureRecord = record;
            if (!stopping) {
                stop();
            }
        }
    }

    /**
     * Sends STOP to {@code rank} once it holds no chunk and will get none: it then ends its task thread
     * and answers DONE while the other ranks still work, so that the end of the map waits for the DONE of
     * the ranks that finish last only.
     */
    private void stopIfIdle(int rank) {
        if (rank == root || stopSent[rank] || !(stopping || exhausted)) {
            return;
        }
        synchronized (this) {
            if (!outstanding.get(rank).isEmpty()) {
                return;
            }
        }
        stopSent[rank] = true;
        Wire.send(comm, new Wire.Out(Wire.STOP), rank, farm.tag);
    }

    private void onDone(int rank, Wire.In in) {
        if (!stopSent[rank] || doneReceived[rank]) {
            throw Wire.malformed("DONE from rank " + rank + " before STOP or twice");
        }
        doneReceived[rank] = true;
        doneCount++;
        abandoned += in.readInt();
    }

    /** Stops handing out tasks and cancels every outstanding chunk. */
    private void stop() {
        stopping = true;
        for (int r = 0; r < size; r++) {
            boolean busy;
            synchronized (this) {
                busy = !outstanding.get(r).isEmpty();
            }
            if (!busy) {
                stopIfIdle(r);
                continue;
            }
            if (cancelSent[r]) {
                continue;
            }
            cancelSent[r] = true;
            if (r == root) {
                local.cancelAll();
            } else {
                Wire.send(comm, new Wire.Out(Wire.CANCEL), r, farm.tag);
            }
        }
    }

    private void progress(boolean finished) {
        if (farm.progress == null && farm.progressLineNs == 0) {
            return;
        }
        long now = System.nanoTime();
        Progress p = new Progress(summary.completed, summary.failed, total,
            (now - startNs) * 1e-9);
        if (farm.progress != null) {
            try {
                farm.progress.accept(p);
            } catch (RuntimeException e) {
                if (!stopping) {
                    cancelReason = "the progress listener threw " + e;
                    stop();
                }
            }
        }
        if (farm.progressLineNs > 0 && (finished || now - lastLineNs >= farm.progressLineNs)) {
            lastLineNs = now;
            System.err.println(p);
        }
    }

    /**
     * STOP to every rank not stopped yet, their DONE, the {@link Summary} to every rank, the results
     * everywhere when asked; then the outcome on this rank.
     */
    private FarmResult<R> finish() {
        internal.detach();
        if (farm.cancellation != null) {
            farm.cancellation.detach();
        }
        summary.taskCount = total;
        summary.everywhere = farm.everywhere;
        if (firstFailure != null) {
            summary.outcome = Summary.FAILED;
        } else if (cancelReason != null) {
            summary.outcome = Summary.CANCELLED;
            summary.cancelReason = cancelReason;
        }
        stopping = true;
        for (int r = 0; r < size; r++) {
            stopIfIdle(r);
        }
        abandoned += local != null ? local.close() : 0;
        local = null;
        while (doneCount < size - 1) {
            Wire.Received m = Wire.receive(comm, Spmd.ANY_SOURCE, farm.tag);
            if (m.kind() == Wire.DONE) {
                onDone(m.source(), m.in());
            } else if (m.kind() != Wire.CANCEL_REQUEST) {
                throw Wire.malformed("message kind " + m.kind() + " from rank " + m.source() + " after STOP");
            }
        }
        while (comm.iprobe(root, farm.tag) != null) { // cancellation requests this rank sent itself
            Wire.receive(comm, root, farm.tag);
        }
        if (total > 0) {
            grow(total - 1); // a map that stopped early has not read every input
        }
        byte[] blob = farm.everywhere ? ResultBlob.encode(total, state, ranOn, raw) : null;
        boolean inline = blob != null && ResultBlob.inline(blob.length, size);
        Wire.Out end = new Wire.Out(Wire.SUMMARY);
        summary.writeTo(end);
        if (blob != null) {
            end.writeByte(inline ? 1 : 0);
            if (inline) {
                end.writeBytes(blob);
            }
        }
        byte[] bytes = end.toByteArray();
        List<Request> sends = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (r != root) {
                sends.add(comm.isend(bytes, 0, bytes.length, r, farm.tag));
            }
        }
        Request.awaitAll(sends);
        if (abandoned > 0) {
            System.err.println("spmd4j farm: " + abandoned + " task thread(s) ignored interruption and were left running");
        }
        if (blob != null && !inline) {
            ResultBlob.broadcast(comm, root, blob);
        }
        List<Object> results = new ArrayList<>(Collections.nCopies(total, null));
        for (int i = 0; i < total; i++) {
            results.set(i, state[i] == Wire.OK ? values[i] : null);
        }
        return ResultBlob.outcome(summary, results, new ArrayList<>(failures.values()), root, firstFailure);
    }

    private void grow(int index) {
        if (index < state.length) {
            return;
        }
        int n = Math.max(index + 1, state.length * 2);
        int old = state.length;
        state = Arrays.copyOf(state, n);
        Arrays.fill(state, old, n, NOT_DONE);
        values = Arrays.copyOf(values, n);
        raw = Arrays.copyOf(raw, n);
        ranOn = Arrays.copyOf(ranOn, n);
    }

    /** What the root's exit report says. */
    private static final class InFlight implements java.util.function.Supplier<String> {
        private final Coordinator<?> coordinator;

        InFlight(Coordinator<?> coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public String get() {
            return coordinator.inFlightReport("the root's process is ending");
        }
    }

    /** Which tasks are in flight on which rank, for a report when the map cannot finish. */
    synchronized String inFlightReport(String why) {
        StringBuilder s = new StringBuilder("spmd4j farm: ").append(why).append(" during a map, with ")
            .append(summary.completed).append(" of ").append(total < 0 ? "?" : Integer.toString(total))
            .append(" tasks done; ");
        boolean any = false;
        for (int r = 0; r < size; r++) {
            List<Integer> tasks = new ArrayList<>();
            for (int[] chunk : outstanding.get(r).values()) {
                Arrays.stream(chunk).forEach(tasks::add);
            }
            if (!tasks.isEmpty()) {
                s.append(any ? "; rank " : "tasks in flight, whose results are lost: rank ").append(r).append(':')
                    .append(ExitReport.list(tasks));
                any = true;
            }
        }
        return any ? s.toString() : s.append("no tasks in flight").toString();
    }
}
