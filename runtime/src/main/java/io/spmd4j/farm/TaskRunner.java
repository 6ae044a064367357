package io.spmd4j.farm;

import io.spmd4j.Spmd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one rank's share of a map: the tasks of the chunks the coordinator gives it, one at a time
 * and in order, on a task thread of its own, and sends the RESULTS of each chunk once its last task
 * has finished.
 *
 * <p><b>Why a task thread.</b> The thread that called {@link Farm#map} keeps receiving the
 * coordinator's messages (or, at the root, is the coordinator), so a CANCEL is acted on while a task
 * runs, and a watchdog can interrupt a task that passes its timeout.
 *
 * <p><b>Timeouts and cancellation.</b> A task that runs past the task timeout, or that runs when the
 * map is cancelled, is interrupted. If it stops within the interrupt grace it is reported as timed
 * out (a {@link TimeoutException} failure whose stack trace shows where the task was) or cancelled.
 * If it ignores the interruption, Java offers no safe way to stop it: the runner abandons the thread
 * (a daemon, which runs on until the task returns and whose result is then dropped), reports the task
 * and goes on with the next one on a fresh thread.
 *
 * <p>Thread-safe: {@link #submit}, {@link #cancelAll} and {@link #close} are called by the rank's
 * farm thread, the task thread and the watchdog run beside it; all state is guarded by {@code lock}
 * and RESULTS are sent outside it.
 */
final class TaskRunner {
    /** Sends a RESULTS message to the coordinator. */
    interface Sink {
        void send(Wire.Out results);
    }

    /** A chunk of tasks and, as they finish, their outcomes. */
    static final class Chunk {
        final int id;
        final int[] indices;
        final byte[][] inputs;
        final byte[] status;
        final long[] nanos;
        final byte[][] outputs;
        int remaining;

        Chunk(int id, int[] indices, byte[][] inputs) {
            this.id = id;
            this.indices = indices;
            this.inputs = inputs;
            this.status = new byte[indices.length];
            this.nanos = new long[indices.length];
            this.outputs = new byte[indices.length][];
            this.remaining = indices.length;
        }

        Wire.Out results() {
            Wire.Out out = new Wire.Out(Wire.RESULTS).writeInt(id).writeInt(indices.length);
            for (int i = 0; i < indices.length; i++) {
                out.writeInt(indices[i]).writeByte(status[i]).writeLong(nanos[i])
                    .writeBytes(outputs[i] == null ? new byte[0] : outputs[i]);
            }
            return out;
        }
    }

    private record Item(Chunk chunk, int position) {
        int index() {
            return chunk.indices[position];
        }
    }

    /** The task running on the current task thread. */
    private static final class Running {
        final Item item;
        final Thread thread;
        ScheduledFuture<?> timer;
        boolean timedOut;
        boolean cancelled;
        boolean abandonScheduled;
        StackTraceElement[] stuckAt;

        Running(Item item, Thread thread) {
            this.item = item;
            this.thread = thread;
        }
    }

    private static final Item POISON = new Item(null, -1);

    private final Object lock = new Object();
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private ScheduledThreadPoolExecutor watchdog; // guarded by lock; made at its first use
    private final TaskFunction<Object, Object> fn;
    private long timeoutNs; // guarded by lock
    private long graceNs; // guarded by lock
    private final int rank;
    private final Sink sink;
    private final ClassLoader loader;

    private Running current; // guarded by lock
    private Thread thread; // guarded by lock
    private boolean cancelled; // guarded by lock
    private int threadsStarted; // guarded by lock
    private int abandoned; // guarded by lock

    /**
     * Starts the task thread of rank {@code rank}. Before it waits for its first task, the thread
     * loads the classes that running a task and reporting it need ({@link #warmUp()}), so a rank that
     * makes its runner while it waits for the coordinator's first message (as a worker does) has done
     * that work when the first chunk comes.
     *
     * @param timeoutNs task timeout, 0 for none
     * @param graceNs how long an interrupted task may take to stop before its thread is abandoned
     */
    TaskRunner(TaskFunction<Object, Object> fn, long timeoutNs, long graceNs, int rank, Sink sink) {
        this.fn = fn;
        this.timeoutNs = timeoutNs;
        this.graceNs = graceNs;
        this.rank = rank;
        this.sink = sink;
        this.loader = Thread.currentThread().getContextClassLoader();
        synchronized (lock) {
            startThread();
        }
    }

    /**
     * Sets the task timeout and the interrupt grace (a worker learns the root's from START, after it
     * made its runner); they apply to tasks that start after this call.
     */
    void configure(long timeoutNs, long graceNs) {
        synchronized (lock) {
            this.timeoutNs = timeoutNs;
            this.graceNs = graceNs;
        }
    }

    /** The watchdog thread that times tasks out and abandons them; called under the lock. */
    private ScheduledThreadPoolExecutor watchdog() {
        if (watchdog == null) {
            watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "spmd4j-farm-watchdog-" + rank));
            watchdog.setRemoveOnCancelPolicy(true);
        }
        return watchdog;
    }

    private Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(loader); // the codec resolves classes through it (ranks as threads)
        return t;
    }

    private void startThread() {
        int n = threadsStarted++;
        thread = daemon(new Loop(this, n == 0), "spmd4j-farm-task-" + rank + (n == 0 ? "" : "-" + n));
        thread.start();
    }

    /** Queues the tasks of a chunk; when the map was cancelled, reports them cancelled at once. */
    void submit(Chunk chunk) {
        Chunk done = null;
        synchronized (lock) {
            for (int p = 0; p < chunk.indices.length; p++) {
                if (cancelled) {
                    done = record(new Item(chunk, p), Wire.CANCELLED, 0, null);
                } else {
                    queue.add(new Item(chunk, p));
                }
            }
        }
        send(done);
    }

    /** Cancels every queued task and interrupts the running one; tasks submitted later are cancelled too. */
    void cancelAll() {
        List<Chunk> done = new ArrayList<>();
        synchronized (lock) {
            cancelled = true;
            List<Item> queued = new ArrayList<>();
            queue.drainTo(queued);
            for (Item item : queued) {
                Chunk c = record(item, Wire.CANCELLED, 0, null);
                if (c != null) {
                    done.add(c);
                }
            }
            if (current != null && !current.cancelled && !current.timedOut) {
                current.cancelled = true;
                current.thread.interrupt();
                scheduleAbandon(current);
            }
        }
        done.forEach(this::send);
    }

    /**
     * Stops the idle task thread and the watchdog; called once every chunk has been reported.
     *
     * @return the number of task threads abandoned because their task ignored interruption
     */
    int close() {
        Thread t;
        long waitMs;
        synchronized (lock) {
            queue.add(POISON);
            t = thread;
            waitMs = TimeUnit.NANOSECONDS.toMillis(graceNs) + 1;
        }
        try {
            t.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            return abandoned;
        }
    }

    /** Indices of the tasks this rank holds and has not reported: the running one, then the queued ones. */
    List<Integer> inFlight() {
        synchronized (lock) {
            List<Integer> tasks = new ArrayList<>();
            if (current != null) {
                tasks.add(current.item.index());
            }
            for (Item item : queue) {
                if (item != POISON) {
                    tasks.add(item.index());
                }
            }
            return tasks;
        }
    }

    /** A task thread's work; a class, not a method reference (see {@link RootLink}). */
    private static final class Loop implements Runnable {
        private final TaskRunner runner;
        private final boolean first;

        Loop(TaskRunner runner, boolean first) {
            this.runner = runner;
            this.first = first;
        }

        @Override
        public void run() {
            if (first) {
                warmUp();
            }
            runner.loop();
        }
    }

    /**
     * Loads and runs once, on an input of no task, the code that every task goes through: the payload
     * codec of the common value types and the RESULTS writer. A cold JVM otherwise pays for it (a few
     * milliseconds of processor time, more on a host with more ranks than cores) between the arrival of
     * its first chunk and the start of its first task, or between that task's end and its report.
     */
    static void warmUp() {
        Chunk c = new Chunk(-1, new int[] {-1}, new byte[][] {Payloads.encode(0)});
        c.outputs[0] = Payloads.encode(Payloads.decode(c.inputs[0]));
        c.results().toByteArray();
    }

    private void loop() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                continue; // not ours: the runner only interrupts a thread while it runs a task
            }
            if (item == POISON) {
                return;
            }
            Running r = null;
            Chunk skipped = null;
            synchronized (lock) {
                if (cancelled) {
                    skipped = record(item, Wire.CANCELLED, 0, null);
                } else {
                    Running running = new Running(item, Thread.currentThread());
                    current = running;
                    if (timeoutNs > 0) {
                        running.timer = watchdog().schedule(() -> onTimeout(running), timeoutNs, TimeUnit.NANOSECONDS);
                    }
                    r = running;
                }
            }
            if (r == null) {
                send(skipped);
                continue;
            }
            long start = System.nanoTime();
            byte status = Wire.OK;
            byte[] bytes;
            Throwable failure = null;
            try {
                Object input = Payloads.decode(item.chunk.inputs[item.position]);
                bytes = Payloads.encode(fn.apply(input));
            } catch (Throwable t) { // every failure of a task is reported, errors included
                failure = t;
                status = Wire.FAILED;
                bytes = null;
            }
            long nanos = System.nanoTime() - start;
            Chunk done;
            synchronized (lock) {
                if (r.timer != null) {
                    r.timer.cancel(false);
                }
                if (current != r) {
                    return; // abandoned: the task was reported and a fresh thread took over the queue
                }
                current = null;
                Thread.interrupted(); // an interruption meant for this task must not reach the next one
                if (r.timedOut) {
                    status = Wire.FAILED;
                    bytes = Failures.encode(timeout(r, failure));
                } else if (r.cancelled && status == Wire.FAILED) {
                    status = Wire.CANCELLED;
                    bytes = null;
                } else if (status == Wire.FAILED) {
                    bytes = Failures.encode(failure);
                }
                item.chunk.inputs[item.position] = null;
                done = record(item, status, nanos, bytes);
            }
            send(done);
        }
    }

    private void onTimeout(Running r) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            r.timedOut = true;
            r.stuckAt = r.thread.getStackTrace();
            r.thread.interrupt();
            scheduleAbandon(r);
        }
    }

    private void scheduleAbandon(Running r) {
        if (!r.abandonScheduled) {
            r.abandonScheduled = true;
            watchdog().schedule(() -> abandon(r), graceNs, TimeUnit.NANOSECONDS);
        }
    }

    /** The task ignored its interruption for the whole grace: report it and go on without its thread. */
    private void abandon(Running r) {
        Chunk done;
        synchronized (lock) {
            if (current != r) {
                return;
            }
            current = null;
            abandoned++;
            System.err.printf(Locale.ROOT, "spmd4j farm: task %d on rank %d did not stop within %.1f s of its"
                + " interruption; its thread %s is left running and the farm goes on without it%n",
                r.item.index(), rank, graceNs * 1e-9, r.thread.getName());
            done = r.timedOut
                ? record(r.item, Wire.FAILED, timeoutNs + graceNs, Failures.encode(timeout(r, null)))
                : record(r.item, Wire.CANCELLED, 0, null);
            startThread();
        }
        send(done);
    }

    private TimeoutException timeout(Running r, Throwable thrown) {
        TimeoutException e = new TimeoutException(String.format(Locale.ROOT,
            "task %d ran longer than the task timeout of %.3f s on rank %d and was interrupted; the stack"
                + " trace shows where it was", r.item.index(), timeoutNs * 1e-9, rank));
        if (r.stuckAt != null) {
            e.setStackTrace(r.stuckAt);
        }
        if (thrown != null) {
            e.initCause(thrown);
        }
        return e;
    }

    /** Records a task's outcome (under the lock); returns its chunk when that was the chunk's last task. */
    private Chunk record(Item item, byte status, long nanos, byte[] bytes) {
        Chunk c = item.chunk;
        c.status[item.position] = status;
        c.nanos[item.position] = nanos;
        c.outputs[item.position] = bytes;
        return --c.remaining == 0 ? c : null;
    }

    private void send(Chunk done) {
        if (done == null) {
            return;
        }
        try {
            sink.send(done.results());
        } catch (RuntimeException e) {
            System.err.println("spmd4j farm: rank " + rank + " could not send the results of its tasks "
                + java.util.Arrays.toString(done.indices) + " to the coordinator: " + e);
        }
    }
}
