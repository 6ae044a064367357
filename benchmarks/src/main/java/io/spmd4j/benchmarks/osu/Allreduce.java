package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * OSU-style allreduce latency ({@code osu_allreduce}): an allreduce of {@code size / 8} doubles
 * with {@link Op#SUM} over all ranks.
 *
 * <p>For each power-of-two size from 8 bytes (one double) all ranks meet at a barrier; then each
 * rank runs {@code warmup + iterations} allreduces (the warm-up extended by {@link Warmup}), timing
 * each one alone ({@link Spmd#wtime()} before and after) and meeting the others at an untimed
 * barrier after it, so that no operation overlaps the next. A rank's latency is the sum of its
 * timed operations after the warm-up divided by {@code iterations}, in microseconds; the reported
 * value is the average of that over all ranks (a sum reduction to rank 0 outside the timed loop,
 * divided by np), as OSU's "Avg Latency". Above 8 KiB the smaller "large" counts apply. Rank {@code
 * r} contributes {@code r + 1} in every element, and every rank checks that each element of the
 * result is {@code np (np + 1) / 2}.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Allreduce [--help]}.
 */
public final class Allreduce {
    private static final double MICROS_PER_SECOND = 1e6;

    private Allreduce() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.ALLREDUCE, Allreduce.class, args, Allreduce::run);
    }

    /**
     * Runs the test on {@code world} and prints one row per size on rank 0. Collective: every rank
     * must call it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int rank = world.rank();
        int np = world.size();
        int maxCount = options.maxSizeBytes() / OsuTest.DOUBLE_BYTES;
        double[] sendBuf = new double[maxCount];
        double[] recvBuf = new double[maxCount];
        Arrays.fill(sendBuf, rank + 1.0);
        double expected = np * (np + 1) / 2.0;

        for (int size = options.minSizeBytes(); size > 0 && size <= options.maxSizeBytes(); size *= 2) {
            int count = size / OsuTest.DOUBLE_BYTES;
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            Arrays.fill(recvBuf, 0, count, 0.0);
            world.barrier();
            Warmup gate = Warmup.start(world, options);
            double timed = 0.0;
            for (int i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = gate.extend(i);
                }
                double start = Spmd.wtime();
                world.allreduce(sendBuf, 0, recvBuf, 0, count, Op.SUM);
                double end = Spmd.wtime();
                if (i >= warmup) {
                    timed += end - start;
                }
                world.barrier();
            }

            verify(recvBuf, count, expected, rank, size);
            double average = OsuMain.averageOverRanks(world, timed * MICROS_PER_SECOND / iterations);
            if (rank == OsuMain.ROOT) {
                OsuMain.printRow(out, size, average);
            }
        }
    }

    private static void verify(double[] result, int count, double expected, int rank, int size) {
        for (int i = 0; i < count; i++) {
            if (result[i] != expected) {
                throw new IllegalStateException("rank " + rank + " got a wrong allreduce result at size " + size
                    + ": element " + i + " is " + result[i] + ", expected " + expected);
            }
        }
    }
}
