package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * OSU-style barrier latency ({@code osu_barrier}).
 *
 * <p>All ranks meet at a barrier, then run {@code warmup + iterations} barriers back to back; each
 * rank starts its clock ({@link Spmd#wtime()}) after the warm-up barriers ({@link Warmup}), and its latency is
 * {@code (t_end - t_start) * 1e6 / iterations} microseconds. The reported value is the average of
 * that over all ranks (a sum reduction to rank 0 after the loop, divided by np), as OSU's "Avg
 * Latency". The barrier carries no data, so the table has one row, of size 0.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Barrier [--help]}.
 */
public final class Barrier {
    /** The size column of the one row: a barrier sends no data. */
    static final int SIZE_BYTES = 0;
    private static final double MICROS_PER_SECOND = 1e6;

    private Barrier() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.BARRIER, Barrier.class, args, Barrier::run);
    }

    /**
     * Runs the test on {@code world} and prints its row on rank 0. Collective: every rank must call
     * it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int iterations = options.iterations();
        int warmup = options.warmup();
        world.barrier();
        Warmup gate = Warmup.start(world, options);
        double start = 0.0;
        for (int i = 0; i < iterations + warmup; i++) {
            if (i == warmup) {
                warmup = gate.extend(i);
                if (i == warmup) {
                    start = Spmd.wtime();
                }
            }
            world.barrier();
        }
        double end = Spmd.wtime();

        double average = OsuMain.averageOverRanks(world, (end - start) * MICROS_PER_SECOND / iterations);
        if (world.rank() == OsuMain.ROOT) {
            OsuMain.printRow(out, SIZE_BYTES, average);
        }
    }
}
