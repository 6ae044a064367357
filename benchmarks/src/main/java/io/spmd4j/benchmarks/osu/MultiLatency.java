package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * OSU-style latency of many pairs at once ({@code osu_multi_lat}).
 *
 * <p>With {@code np} ranks (even, at least 2), rank {@code i < np/2} is paired with rank {@code i +
 * np/2}. For each power-of-two size all ranks meet at a barrier; then every pair runs the ping-pong
 * of {@link Latency} at the same time, the lower rank sending first, {@code warmup + iterations}
 * times. Every rank times its own round trips after the warm-up ({@link Warmup}) with {@link
 * Spmd#wtime()} and computes half the mean round trip, {@code (t_end - t_start) * 1e6 / (2 *
 * iterations)} microseconds; the reported value is the average of that over all ranks (a sum
 * reduction to rank 0 outside the timed loop, divided by np), as OSU's. With 2 ranks it measures
 * what {@link Latency} does. Above 8 KiB the smaller "large" counts apply. Every rank checks the
 * received bytes after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.MultiLatency [--help]}.
 */
public final class MultiLatency {
    static final int TAG = 100;
    static final byte LOWER_FILL = 'a';
    static final byte UPPER_FILL = 'b';
    private static final double MICROS_PER_SECOND = 1e6;

    private MultiLatency() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.MULTI_LATENCY, MultiLatency.class, args, MultiLatency::run);
    }

    /** Returns the rank paired with {@code rank} in a world of {@code size} ranks (size even). */
    static int peerOf(int rank, int size) {
        int half = size / 2;
        return rank < half ? rank + half : rank - half;
    }

    /**
     * Runs the test on {@code world} (an even number of ranks) and prints one row per size on rank 0.
     * Collective: every rank must call it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int rank = world.rank();
        int peer = peerOf(rank, world.size());
        boolean lower = rank < peer;
        MessageBuffer sendBuf = options.buffer().allocate(options.maxSizeBytes());
        MessageBuffer recvBuf = options.buffer().allocate(options.maxSizeBytes());
        sendBuf.fill(options.maxSizeBytes(), lower ? LOWER_FILL : UPPER_FILL);

        for (int size = options.minSizeBytes(); size > 0 && size <= options.maxSizeBytes(); size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            recvBuf.fill(size, (byte) 0);
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
                if (lower) {
                    sendBuf.send(world, size, peer, TAG);
                    recvBuf.recv(world, size, peer, TAG);
                } else {
                    recvBuf.recv(world, size, peer, TAG);
                    sendBuf.send(world, size, peer, TAG);
                }
            }
            double end = Spmd.wtime();

            OsuMain.verify(recvBuf, size, lower ? UPPER_FILL : LOWER_FILL, rank);
            double latencyUs = (end - start) * MICROS_PER_SECOND / (2.0 * iterations);
            double average = OsuMain.averageOverRanks(world, latencyUs);
            if (rank == OsuMain.ROOT) {
                OsuMain.printRow(out, size, average);
            }
        }
    }
}
