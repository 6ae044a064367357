package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.bootstrap.ThreadsContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A rank of {@link ThreadRanks}: {@code OsuRankProgram TEST [options]} runs the timed loops of the
 * OSU test {@code TEST} ({@link OsuTest} name) with the options, or, for {@code WARMUP}, only the
 * warm-up gate of {@link Warmup} around a ping-pong. It reports into the fabric, per rank {@code r}:
 * {@code out-r} the rows printed, {@code seconds-r} its wall time on {@link Spmd#wtime()}, and for
 * {@code WARMUP} {@code warmup-r} the warm-up iterations it ran.
 */
public final class OsuRankProgram {
    static final String WARMUP = "WARMUP";
    private static final int TAG = 7;

    private OsuRankProgram() {
    }

    /** Entry point of every rank. */
    public static void main(String[] args) {
        String name = args[0];
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        Map<String, Object> fabric = ThreadsContext.current().fabric();
        try (Spmd spmd = Spmd.init(options)) {
            Comm world = spmd.world();
            int rank = world.rank();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            world.barrier();
            double start = Spmd.wtime();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                if (name.equals(WARMUP)) {
                    fabric.put("warmup-" + rank, warmUp(world, OsuOptions.parse(OsuTest.LATENCY, options)));
                } else {
                    OsuTest test = OsuTest.valueOf(name);
                    measurement(test).run(world, OsuOptions.parse(test, options), out);
                }
            }
            fabric.put("seconds-" + rank, Spmd.wtime() - start);
            fabric.put("out-" + rank, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs the warm-up of one size of a 2-rank ping-pong as the programs do; returns its iterations. */
    private static int warmUp(Comm world, OsuOptions options) {
        int peer = 1 - world.rank();
        byte[] buf = new byte[1];
        Warmup gate = Warmup.start(world, options);
        int warmup = options.warmup();
        for (int i = 0;; i++) {
            if (i == warmup) {
                warmup = gate.extend(i);
                if (i == warmup) {
                    return warmup;
                }
            }
            if (world.rank() == 0) {
                world.send(buf, 0, 1, peer, TAG);
                world.recv(buf, 0, 1, peer, TAG);
            } else {
                world.recv(buf, 0, 1, peer, TAG);
                world.send(buf, 0, 1, peer, TAG);
            }
        }
    }

    private static OsuMain.Measurement measurement(OsuTest test) {
        switch (test) {
            case LATENCY:
                return Latency::run;
            case BANDWIDTH:
                return Bandwidth::run;
            case BIBW:
                return BidirectionalBandwidth::run;
            case MULTI_LATENCY:
                return MultiLatency::run;
            case ALLREDUCE:
                return Allreduce::run;
            case BCAST:
                return Bcast::run;
            case ALLGATHER:
                return Allgather::run;
            case ALLTOALL:
                return Alltoall::run;
            case BARRIER:
                return Barrier::run;
            default:
                throw new AssertionError(test);
        }
    }
}
