package io.spmd4j.benchmarks.jmh;

import io.spmd4j.LocalWorld;
import io.spmd4j.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of allreduce (doubles, SUM), bcast (from rank 0), barrier and alltoall with {@code ranks}
 * ranks as threads of this JVM ({@link LocalWorld}, the in-memory transport of
 * {@code spmdrun --threads}), for {@code bytes} per operation (per pair of ranks for alltoall; the
 * barrier ignores it).
 *
 * <p>JMH's thread is rank 0; ranks 1 .. N-1 are threads of this state. One invocation releases them
 * and runs {@value #OPS} operations on every rank, then waits until every rank is done, so that the
 * ranks stay in lockstep and the hand-off costs 1/{@value #OPS} of an operation. The score is
 * the time per operation as rank 0 sees it.
 *
 * <p>Run (results as JSON):
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests \
 *     dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/spmd4j-benchmarks.jar:$(cat benchmarks/target/classpath.txt) \
 *     org.openjdk.jmh.Main CollectiveBenchmark -rf json -rff collectives.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectiveBenchmark {
    /** Operations per invocation on every rank. */
    static final int OPS = 20;

    /** Ranks, as threads. */
    @Param({"2", "4"})
    public int ranks;

    /** Bytes per operation: 8 B, 128 KiB, 1 MiB, 8 MiB. */
    @Param({"8", "131072", "1048576", "8388608"})
    public int bytes;

    private LocalWorld world;
    private double[][] send;
    private double[][] recv;
    private final List<Thread> workers = new ArrayList<>();
    private Semaphore[] go;
    private final Semaphore done = new Semaphore(0);
    private volatile Consumer<Integer> task;
    private volatile boolean stopping;

    /** Starts the world and ranks 1 .. N-1, waiting for work. */
    @Setup(Level.Trial)
    public void start() {
        world = LocalWorld.create(ranks);
        int count = Math.max(1, bytes / Double.BYTES);
        send = new double[ranks][count * ranks];
        recv = new double[ranks][count * ranks];
        go = new Semaphore[ranks];
        for (int r = 1; r < ranks; r++) {
            int rank = r;
            go[r] = new Semaphore(0);
            Thread t = new Thread(() -> {
                while (true) {
                    go[rank].acquireUninterruptibly();
                    if (stopping) {
                        return;
                    }
                    for (int i = 0; i < OPS; i++) {
                        task.accept(rank);
                    }
                    done.release();
                }
            }, "rank-" + r);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Stops the ranks and closes the world. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stopping = true;
        for (int r = 1; r < ranks; r++) {
            go[r].release();
        }
        for (Thread t : workers) {
            t.join();
        }
        world.close();
    }

    private void everyRank(Consumer<Integer> op) {
        task = op;
        for (int r = 1; r < ranks; r++) {
            go[r].release();
        }
        for (int i = 0; i < OPS; i++) {
            op.accept(0);
        }
        done.acquireUninterruptibly(ranks - 1);
    }

    private int count() {
        return Math.max(1, bytes / Double.BYTES);
    }

    /** Allreduce of {@code bytes / 8} doubles with SUM. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void allreduce() {
        int n = count();
        everyRank(r -> world.comm(r).allreduce(send[r], 0, recv[r], 0, n, Op.SUM));
    }

    /** Bcast of {@code bytes / 8} doubles from rank 0. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void bcast() {
        int n = count();
        everyRank(r -> world.comm(r).bcast(send[r], 0, n, 0));
    }

    /** Alltoall of {@code bytes / 8} doubles per pair of ranks. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void alltoall() {
        int n = count();
        everyRank(r -> world.comm(r).alltoall(send[r], 0, n, recv[r], 0));
    }

    /** Barrier (the same for every {@code bytes}). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void barrier() {
        everyRank(r -> world.comm(r).barrier());
    }

}
