package io.spmd4j.farm;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Spmd;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A task farm: maps a function over many independent inputs across the ranks of a communicator, with
 * dynamic load balancing, and returns the results in input order (MPI's manager/worker pattern; the
 * role of Dask's {@code delayed}/{@code compute} or Julia's {@code pmap} for parameter sweeps).
 *
 * <pre>{@code
 * // every rank runs this; the results come back in input order on every rank
 * List<Double> energies = Farm.map(world, parameters, p -> simulate(p));
 *
 * // with options: chunks of 4 tasks, a progress line, failures collected instead of thrown
 * FarmResult<Double> r = Farm.builder(world).chunkSize(4).progressLine().collectFailures().build()
 *     .map(parameters, p -> simulate(p));
 * if (r.holdsResults()) {
 *     r.failures().forEach(f -> System.err.println(f.getMessage()));
 * }
 * }</pre>
 *
 * <p><b>Collective.</b> {@link #map} is called by every rank of the communicator, in the same order
 * as other collective and farm calls. The inputs are read on the root only (other ranks may pass the
 * same list, which they do not touch); every rank passes the same function. The root's options are
 * the ones in force (a worker takes the task timeout and the interrupt grace from the root), so ranks
 * may simply build the same farm.
 *
 * <p><b>Scheduling.</b> The root runs the coordinator: it hands out tasks in chunks of
 * {@link Builder#chunkSize} consecutive inputs, keeping {@link Builder#prefetch} chunks outstanding at
 * each rank, and gives a rank its next chunk the moment that rank returns one, so a rank that draws
 * short tasks simply draws more of them. Every rank, the root included, runs its tasks one at a time
 * on a task thread, while the thread that called {@code map} keeps answering messages.
 *
 * <p><b>The coordinator computes too.</b> On the root the calling thread is the coordinator and a
 * task thread beside it computes, so all N ranks work on tasks: with N ranks, 8 tasks of 1 s take
 * {@code ceil(8/N)} s. A coordinator that instead computed between polls (checking
 * {@link Comm#iprobe} after each task) would answer a rank that finished only when its own task
 * ends, leaving that rank idle for up to a whole task: exactly the imbalance a farm is for. The
 * separate coordinator thread answers within a message latency and costs almost no processor time,
 * because it waits in a blocking receive that sleeps in the kernel; on a host with more ranks than
 * cores its few wake-ups take a little time from the root's task thread. Set
 * {@link Builder#coordinatorComputes coordinatorComputes(false)} to keep the root free of tasks.
 *
 * <p><b>Messages.</b> Inputs and results of the common JDK value types ({@code null},
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}, {@code String}, {@code byte[]},
 * {@code int[]}, {@code long[]}, {@code double[]}) travel in a compact binary form; any other object
 * as the bytes of the process's object codec ({@link Spmd#codec()}), so it must be serializable and,
 * with the default {@link io.spmd4j.codec.JavaSerializationCodec}, its classes allowed by the class
 * filter ({@code java.*} types are; allow yours with {@code -Dspmd4j.codec.allow=com.example.model.**}
 * or {@code Spmd.codec(JavaSerializationCodec.create().allowing("com.example.model.**"))} on every
 * rank). They are encoded even on the root, so a program that runs on one rank runs on many. The
 * farm's own messages use {@link Builder#tag} ({@link #DEFAULT_TAG}) on the communicator: while a map
 * runs, the program must not receive on that communicator with that tag or with
 * {@link Spmd#ANY_TAG}, and only one map may run on it at a time.
 *
 * <p><b>Failures.</b> A task that throws (anything, errors included), runs past the task timeout, or
 * whose input or result the codec cannot carry is a failed task, reported as a {@link TaskException}
 * with the task's index, the rank that ran it and the cause. By default the first failure ends the
 * map: the coordinator hands out no more tasks, interrupts the running ones, and {@code map} throws
 * that {@code TaskException} on every rank. With {@link Builder#collectFailures()} the map goes on and
 * {@link FarmResult#failures()} lists every failed task. Cancellation ({@link Cancellation}, or the
 * {@link Builder#deadline}) ends the map with {@link FarmCancelledException} on every rank.
 *
 * <p><b>Fault model: what happens when a rank dies.</b> spmd4j ends the whole job when a rank
 * process dies (the launcher stops every rank), so a farm cannot finish without a rank; what it
 * guarantees is that the dead rank's tasks are named, not lost silently. Exceptions and errors in
 * tasks never kill a rank: they become failed tasks. A rank whose JVM ends while a map runs
 * ({@code System.exit} in a task, SIGTERM, the JVM of {@code spmdrun --threads} ending) prints from a
 * shutdown hook which of its tasks were in flight ({@code spmd4j farm: rank 2's process is ending
 * during a map; its tasks in flight, whose results are lost: 40 41}); the root prints the same for
 * every rank, and the exception the coordinator throws when its communication fails names them too.
 * A rank killed outright (SIGKILL, a crashed JVM) prints nothing; the tasks it held are then those
 * the root reports, when its own output gets through. Rerun those tasks (or the sweep) in a new job.
 *
 * <p>Immutable and thread-safe; one {@code Farm} may run any number of maps one after another.
 */
public final class Farm {
    /** The tag the farm's messages use unless {@link Builder#tag} says otherwise. */
    public static final int DEFAULT_TAG = Spmd.TAG_UB - 0xFA;
    /** Default time an interrupted task gets to stop before its thread is abandoned. */
    public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(1);
    /** Default interval between two progress lines of {@link Builder#progressLine()}. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    final Comm comm;
    final int root;
    final int tag;
    final int chunkSize;
    final int prefetch;
    final boolean everywhere;
    final boolean collectFailures;
    final long taskTimeoutNs;
    final long interruptGraceNs;
    final long deadlineNs;
    final Cancellation cancellation;
    final Consumer<Progress> progress;
    final long progressLineNs;
    final boolean coordinatorComputes;

    private Farm(Builder b) {
        this.comm = b.comm;
        this.root = b.root;
        this.tag = b.tag;
        this.chunkSize = b.chunkSize;
        this.prefetch = b.prefetch;
        this.everywhere = b.everywhere;
        this.collectFailures = b.collectFailures;
        this.taskTimeoutNs = b.taskTimeoutNs;
        this.interruptGraceNs = b.interruptGraceNs;
        this.deadlineNs = b.deadlineNs;
        this.cancellation = b.cancellation;
        this.progress = b.progress;
        this.progressLineNs = b.progressLineNs;
        this.coordinatorComputes = b.coordinatorComputes;
    }

    /**
     * Maps {@code fn} over {@code inputs} with the default options and returns the results in input
     * order on every rank; collective. The first failed task ends the map with a {@link TaskException}
     * on every rank.
     *
     * @param inputs read on rank 0 only; the other ranks may pass the same list
     */
    public static <T, R> List<R> map(Comm comm, List<? extends T> inputs, TaskFunction<? super T, ? extends R> fn) {
        return builder(comm).resultsEverywhere().build().<T, R>map(inputs, fn).results();
    }

    /** A builder of a farm over {@code comm}, with root 0, chunks of one task, results on the root. */
    public static Builder builder(Comm comm) {
        if (comm == null) {
            throw new MpiException(ErrorClass.ERR_COMM, "the farm's communicator is null");
        }
        return new Builder(comm);
    }

    /**
     * Maps {@code fn} over {@code inputs}; collective: see the class comment.
     *
     * @param inputs read on the root only, where it must not be null; other ranks may pass the same list
     * @return the results and failures on the ranks that hold them, a summary on every rank
     * @throws TaskException on every rank, when a task failed and failures are not collected
     * @throws FarmCancelledException on every rank, when the map was cancelled
     */
    public <T, R> FarmResult<R> map(List<? extends T> inputs, TaskFunction<? super T, ? extends R> fn) {
        if (comm.rank() == root) {
            requireInputs(inputs);
            return run(inputs.iterator(), inputs.size(), fn);
        }
        return run(null, -1, fn);
    }

    /**
     * Maps {@code fn} over the inputs an iterator yields, pulled one chunk at a time as ranks ask
     * for work, so the inputs need not fit in memory or be known in advance; collective. The progress
     * total is unknown ({@code -1}) until the iterator is exhausted. An iterator that throws ends the
     * map with a {@link TaskException} for the input it failed to give, even when failures are
     * collected.
     *
     * @param inputs read on the root only; other ranks may pass anything, null included
     */
    public <T, R> FarmResult<R> map(Iterator<? extends T> inputs, TaskFunction<? super T, ? extends R> fn) {
        if (comm.rank() == root) {
            requireInputs(inputs);
            return run(inputs, -1, fn);
        }
        return run(null, -1, fn);
    }

    /**
     * Maps {@code fn} over a stream, consumed lazily on the root as by {@link #map(Iterator, TaskFunction)};
     * collective. The stream is not closed.
     */
    public <T, R> FarmResult<R> map(Stream<? extends T> inputs, TaskFunction<? super T, ? extends R> fn) {
        if (comm.rank() == root) {
            requireInputs(inputs);
            return run(inputs.iterator(), -1, fn);
        }
        return run(null, -1, fn);
    }

    private static void requireInputs(Object inputs) {
        if (inputs == null) {
            throw new MpiException(ErrorClass.ERR_ARG, "the farm's inputs are null on its root; pass the inputs"
                + " there (other ranks may pass the same inputs or null)");
        }
    }

    @SuppressWarnings("unchecked")
    private <R> FarmResult<R> run(Iterator<?> inputs, int total, TaskFunction<?, ?> fn) {
        if (fn == null) {
            throw new MpiException(ErrorClass.ERR_ARG, "the farm's task function is null");
        }
        TaskFunction<Object, Object> f = (TaskFunction<Object, Object>) fn;
        if (comm.rank() == root) {
            return new Coordinator<R>(this, inputs, total, f).run();
        }
        return new WorkerLoop<R>(this, f).run();
    }

    /**
     * Options of a farm; {@link #build()} makes the immutable {@link Farm}. Setters check their
     * argument at once and throw {@link MpiException} naming the bad value. Not thread-safe.
     */
    public static final class Builder {
        private final Comm comm;
        private int root;
        private int tag = DEFAULT_TAG;
        private int chunkSize = 1;
        private int prefetch = 1;
        private boolean everywhere;
        private boolean collectFailures;
        private long taskTimeoutNs;
        private long interruptGraceNs = DEFAULT_INTERRUPT_GRACE.toNanos();
        private long deadlineNs;
        private Cancellation cancellation;
        private Consumer<Progress> progress;
        private long progressLineNs;
        private boolean coordinatorComputes = true;

        private Builder(Comm comm) {
            this.comm = comm;
        }

        /** The rank that coordinates, reads the inputs and holds the results; default 0. */
        public Builder root(int root) {
            if (root < 0 || root >= comm.size()) {
                throw new MpiException(ErrorClass.ERR_ROOT, "invalid root: root=" + root + ", size=" + comm.size());
            }
            this.root = root;
            return this;
        }

        /** The tag of the farm's messages on the communicator; default {@link Farm#DEFAULT_TAG}. */
        public Builder tag(int tag) {
            if (tag < 0) {
                throw new MpiException(ErrorClass.ERR_TAG, "invalid tag: tag=" + tag + " (tags are 0.." + Spmd.TAG_UB
                    + ")");
            }
            this.tag = tag;
            return this;
        }

        /**
         * Consecutive inputs handed out together and returned in one message; default 1. Larger chunks
         * save messages when tasks are very short (well under a millisecond), at the cost of coarser
         * balance at the end of the map.
         */
        public Builder chunkSize(int tasks) {
            if (tasks < 1) {
                throw new MpiException(ErrorClass.ERR_ARG, "invalid chunk size: chunkSize=" + tasks
                    + " (it must be at least 1)");
            }
            this.chunkSize = tasks;
            return this;
        }

        /**
         * Chunks outstanding at each rank; default 1. With 2 or more, a rank finds its next chunk
         * already queued when it finishes one (no idle round trip), at the cost of coarser balance at
         * the end of the map.
         */
        public Builder prefetch(int chunks) {
            if (chunks < 1) {
                throw new MpiException(ErrorClass.ERR_ARG, "invalid prefetch: prefetch=" + chunks
                    + " (it must be at least 1)");
            }
            this.prefetch = chunks;
            return this;
        }

        /** Results and failures on every rank (broadcast at the end) instead of the root only. */
        public Builder resultsEverywhere() {
            return resultsEverywhere(true);
        }

        /** Whether every rank gets the results and failures; default false (the root only). */
        public Builder resultsEverywhere(boolean on) {
            this.everywhere = on;
            return this;
        }

        /** Failed tasks are collected in {@link FarmResult#failures()} and the map goes on. */
        public Builder collectFailures() {
            return collectFailures(true);
        }

        /** Whether failed tasks are collected (true) or end the map (false, the default). */
        public Builder collectFailures(boolean on) {
            this.collectFailures = on;
            return this;
        }

        /**
         * Longest time one task may run; a task still running then is interrupted and fails with a
         * {@link java.util.concurrent.TimeoutException} (see {@link #interruptGrace}). Default: none.
         */
        public Builder taskTimeout(Duration timeout) {
            this.taskTimeoutNs = positive(timeout, "task timeout");
            return this;
        }

        /**
         * How long an interrupted task (timed out or cancelled) may take to stop; one that runs on
         * after that has its thread abandoned (it cannot be stopped safely) and the rank goes on with a
         * fresh thread. Default {@link Farm#DEFAULT_INTERRUPT_GRACE}.
         */
        public Builder interruptGrace(Duration grace) {
            this.interruptGraceNs = positive(grace, "interrupt grace");
            return this;
        }

        /** Longest time the whole map may run; it is then cancelled. Default: none. */
        public Builder deadline(Duration deadline) {
            this.deadlineNs = positive(deadline, "deadline");
            return this;
        }

        /** A {@link Cancellation} that cancels the map when cancelled on this rank. */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        /**
         * Called on the root's coordinator thread after every returned chunk; it must be quick. One that
         * throws cancels the map.
         */
        public Builder progress(Consumer<Progress> listener) {
            this.progress = listener;
            return this;
        }

        /** Prints a progress line ({@link Progress#toString()}) to standard error on the root every 5 s and at the end. */
        public Builder progressLine() {
            return progressLine(DEFAULT_PROGRESS_INTERVAL);
        }

        /** Prints a progress line to standard error on the root at most once per {@code interval}, and at the end. */
        public Builder progressLine(Duration interval) {
            this.progressLineNs = positive(interval, "progress interval");
            return this;
        }

        /**
         * Whether the root runs tasks beside coordinating; default true. With false the root only
         * coordinates (unless it is the only rank).
         */
        public Builder coordinatorComputes(boolean on) {
            this.coordinatorComputes = on;
            return this;
        }

        /** The farm. */
        public Farm build() {
            return new Farm(this);
        }

        private static long positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new MpiException(ErrorClass.ERR_ARG, "invalid " + what + ": " + d + " (it must be positive)");
            }
            return d.toNanos();
        }
    }
}
