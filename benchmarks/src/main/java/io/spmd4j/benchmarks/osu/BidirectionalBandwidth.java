package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.io.PrintStream;

/**
 * OSU-style bidirectional bandwidth between ranks 0 and 1 ({@code osu_bibw}).
 *
 * <p>For each power-of-two size both ranks meet at a barrier; then, {@code warmup + iterations}
 * times, each rank posts a window of 64 {@code irecv} from the other, then a window of 64
 * {@code isend} to it, and waits for the sends and then the receives. There is no acknowledgement:
 * the receives of the next iteration keep the two directions in step. Rank 0 starts its clock
 * ({@link Spmd#wtime()}) after the warm-up iterations ({@link Warmup}) and reports the bytes of both directions:
 * {@code 2 * size * window * iterations / (t_end - t_start) / 1e6} MB/s (1 MB = 10^6 bytes). Above
 * 8 KiB the smaller "large" counts apply. Both ranks check the received bytes after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 2 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.BidirectionalBandwidth [--help]}.
 */
public final class BidirectionalBandwidth {
    static final int TAG_DATA = 100;
    static final byte RANK0_FILL = 'a';
    static final byte RANK1_FILL = 'b';
    /** Both directions carry the message: the byte count of one iteration is twice the window's. */
    static final int DIRECTIONS = 2;
    private static final double BYTES_PER_MB = 1e6;

    private BidirectionalBandwidth() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.BIBW, BidirectionalBandwidth.class, args, BidirectionalBandwidth::run);
    }

    /**
     * Runs the test on {@code world} (ranks 0 and 1) and prints one row per size on rank 0.
     * Collective over the two ranks: both must call it with equal options.
     */
    static void run(Comm world, OsuOptions options, PrintStream out) {
        int rank = world.rank();
        int peer = 1 - rank;
        int window = options.window();
        MessageBuffer sendBuf = options.buffer().allocate(options.maxSizeBytes());
        MessageBuffer recvBuf = options.buffer().allocate(options.maxSizeBytes());
        sendBuf.fill(options.maxSizeBytes(), rank == 0 ? RANK0_FILL : RANK1_FILL);
        Request[] sends = new Request[window];
        Request[] recvs = new Request[window];

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
                for (int j = 0; j < window; j++) {
                    recvs[j] = recvBuf.irecv(world, size, peer, TAG_DATA);
                }
                for (int j = 0; j < window; j++) {
                    sends[j] = sendBuf.isend(world, size, peer, TAG_DATA);
                }
                Request.awaitAll(sends);
                Request.awaitAll(recvs);
            }
            double seconds = Spmd.wtime() - start;

            OsuMain.verify(recvBuf, size, rank == 0 ? RANK1_FILL : RANK0_FILL, rank);
            if (rank == 0) {
                OsuMain.printRow(out, size, (double) DIRECTIONS * size * window * iterations / seconds / BYTES_PER_MB);
            }
        }
    }
}
