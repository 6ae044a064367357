package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * OSU-style streaming bandwidth from rank 0 to rank 1 ({@code osu_bw}).
 *
 * <p>For each power-of-two size both ranks meet at a barrier; then, {@code warmup + iterations}
 * times, rank 0 posts a window of 64 {@code isend} of the message and rank 1 a window of 64
 * {@code irecv}; both wait for all of them, and rank 1 answers with a 4-byte acknowledgement.
 * Rank 0 starts its clock ({@link Spmd#wtime()}) after the warm-up iterations ({@link Warmup}) and reports
 * {@code size * window * iterations / (t_end - t_start) / 1e6} MB/s (1 MB = 10^6 bytes). Above
 * 8 KiB the smaller "large" counts apply. Rank 1 checks the received bytes after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 2 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Bandwidth [--help]}.
 */
public final class Bandwidth {
    static final int TAG_DATA = 100;
    static final int TAG_ACK = 101;
    static final int ACK_BYTES = 4;
    static final byte FILL = 'a';
    private static final double BYTES_PER_MB = 1e6;

    private Bandwidth() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.BANDWIDTH, Bandwidth.class, args, Bandwidth::run);
    }

    /**
     * Runs the test on {@code world} (ranks 0 and 1) and prints one row per size on rank 0.
     * Collective over the two ranks: both must call it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int rank = world.rank();
        int peer = 1 - rank;
        int window = options.window();
        // The message buffer also carries the acknowledgement, even when max-size is smaller.
        int capacity = Math.max(options.maxSizeBytes(), ACK_BYTES);
        MessageBuffer buf = options.buffer().allocate(capacity);
        MessageBuffer ack = options.buffer().allocate(ACK_BYTES);
        Request[] requests = new Request[window];
        if (rank == 0) {
            buf.fill(capacity, FILL);
        }

        for (int size = options.minSizeBytes(); size > 0 && size <= options.maxSizeBytes(); size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            if (rank == 1) {
                buf.fill(size, (byte) 0);
            }
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
                    for (int j = 0; j < window; j++) {
                        requests[j] = buf.isend(world, size, peer, TAG_DATA);
                    }
                    Request.awaitAll(requests);
                    ack.recv(world, ACK_BYTES, peer, TAG_ACK);
                }
                double seconds = Spmd.wtime() - start;
                OsuMain.printRow(out, size, (double) size * window * iterations / seconds / BYTES_PER_MB);
            } else {
                for (int i = 0; i < iterations + warmup; i++) {
                    if (i == warmup) {
                        warmup = gate.extend(i);
                    }
                    for (int j = 0; j < window; j++) {
                        requests[j] = buf.irecv(world, size, peer, TAG_DATA);
                    }
                    Request.awaitAll(requests);
                    ack.send(world, ACK_BYTES, peer, TAG_ACK);
                }
                OsuMain.verify(buf, size, FILL, rank);
            }
        }
    }
}
