package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * The timed loop of the OSU-style collectives over bytes ({@link Bcast}, {@link Allgather}, {@link
 * Alltoall}), as in OSU's {@code osu_bcast}, {@code osu_allgather} and {@code osu_alltoall}: for
 * each power-of-two size all ranks meet at a barrier; then each rank runs {@code warmup +
 * iterations} operations (the warm-up extended by {@link Warmup}), timing each one alone ({@link
 * Spmd#wtime()} before and after) and meeting the others at an untimed barrier after it. A rank's
 * latency is the sum of its timed operations after the warm-up divided by {@code iterations}, in
 * microseconds; the reported value is its average over all ranks. After the loop every rank checks
 * the data it received.
 */
final class ByteCollective {
    private static final double MICROS_PER_SECOND = 1e6;

    /** One collective at one size, and the check of its result. */
    interface Operation {
        /** Lays out the send data for {@code size}, before the size's timed loop. */
        default void prepare(int size) {
        }

        /** Runs the collective once with {@code size} bytes (per rank or pair, as the test defines). */
        void run(int size);

        /** Throws when the data received at {@code size} is wrong. */
        void verify(int size);
    }

    private ByteCollective() {
    }

    /** Runs the sizes of {@code options} and prints one row per size on rank 0; collective. */
    static void run(Comm world, OsuOptions options, PrintStream out, Operation op) {
        for (int size = options.minSizeBytes(); size > 0 && size <= options.maxSizeBytes(); size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            op.prepare(size);
            world.barrier();
            Warmup gate = Warmup.start(world, options);
            double timed = 0.0;
            for (int i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = gate.extend(i);
                }
                double start = Spmd.wtime();
                op.run(size);
                double end = Spmd.wtime();
                if (i >= warmup) {
                    timed += end - start;
                }
                world.barrier();
            }
            op.verify(size);
            double average = OsuMain.averageOverRanks(world, timed * MICROS_PER_SECOND / iterations);
            if (world.rank() == OsuMain.ROOT) {
                OsuMain.printRow(out, size, average);
            }
        }
    }

    /** Fails the run with a message naming the rank, the size and the first wrong byte. */
    static void check(byte[] data, int from, int length, byte expected, int rank, String what, int size) {
        for (int i = from; i < from + length; i++) {
            if (data[i] != expected) {
                throw new IllegalStateException("rank " + rank + " got a wrong " + what + " result at size " + size
                    + ": byte " + i + " is " + data[i] + ", expected " + expected);
            }
        }
    }
}
