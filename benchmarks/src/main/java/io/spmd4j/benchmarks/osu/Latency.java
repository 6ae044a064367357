package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * OSU-style ping-pong latency between ranks 0 and 1 ({@code osu_latency}).
 *
 * <p>For each power-of-two size both ranks meet at a barrier; then rank 0 sends the message to
 * rank 1 and receives it back, {@code warmup + iterations} times. The clock ({@link Spmd#wtime()})
 * starts after the warm-up round trips (lasting at least {@code --warmup-seconds},
 * {@link Warmup}), and the reported latency is half the mean round trip:
 * {@code (t_end - t_start) * 1e6 / (2 * iterations)} microseconds. Above 8 KiB the smaller
 * "large" counts apply. After each size the received bytes are checked outside the timed loop.
 *
 * <p>Run: {@code bin/spmdrun -np 2 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Latency [--help]}.
 */
public final class Latency {
    static final int TAG = 100;
    static final byte RANK0_FILL = 'a';
    static final byte RANK1_FILL = 'b';
    private static final double MICROS_PER_SECOND = 1e6;

    private Latency() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.LATENCY, Latency.class, args, Latency::run);
    }

    /**
     * Runs the test on {@code world} (ranks 0 and 1) and prints one row per size on rank 0.
     * Collective over the two ranks: both must call it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int rank = world.rank();
        int peer = 1 - rank;
        MessageBuffer sendBuf = options.buffer().allocate(options.maxSizeBytes());
        MessageBuffer recvBuf = options.buffer().allocate(options.maxSizeBytes());
        sendBuf.fill(options.maxSizeBytes(), rank == 0 ? RANK0_FILL : RANK1_FILL);

        for (int size = options.minSizeBytes(); size > 0 && size <= options.maxSizeBytes(); size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            recvBuf.fill(size, (byte) 0);
            world.barrier();
            Warmup gate = Warmup.start(world, options);
            double start = 0.0;
            if (rank == 0) {
                for (int i = 0; i < iterations + warmup; i++) {
                    if (i == warmup) {
                        warmup = gate.extend(i);
                        if (i == warmup) {
                            start = Spmd.wtime();
                        }
                    }
                    sendBuf.send(world, size, peer, TAG);
                    recvBuf.recv(world, size, peer, TAG);
                }
            } else {
                for (int i = 0; i < iterations + warmup; i++) {
                    if (i == warmup) {
                        warmup = gate.extend(i);
                    }
                    recvBuf.recv(world, size, peer, TAG);
                    sendBuf.send(world, size, peer, TAG);
                }
            }
            double end = Spmd.wtime();

            OsuMain.verify(recvBuf, size, rank == 0 ? RANK1_FILL : RANK0_FILL, rank);
            if (rank == 0) {
                OsuMain.printRow(out, size, (end - start) * MICROS_PER_SECOND / (2.0 * iterations));
            }
        }
    }
}
