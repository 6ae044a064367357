package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * OSU-style broadcast latency ({@code osu_bcast}): a broadcast of {@code size} bytes from rank 0,
 * timed as described in {@link ByteCollective}. Rank 0's bytes are {@code 7}; every rank checks
 * them after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Bcast [--help]}.
 */
public final class Bcast {
    private static final byte VALUE = 7;

    private Bcast() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.BCAST, Bcast.class, args, Bcast::run);
    }

    static void run(Comm world, OsuOptions options, PrintStream out) {
        byte[] buf = new byte[options.maxSizeBytes()];
        if (world.rank() == OsuMain.ROOT) {
            Arrays.fill(buf, VALUE);
        }
        ByteCollective.run(world, options, out, new ByteCollective.Operation() {
            @Override
            public void run(int size) {
                world.bcast(buf, 0, size, OsuMain.ROOT);
            }

            @Override
            public void verify(int size) {
                ByteCollective.check(buf, 0, size, VALUE, world.rank(), "bcast", size);
            }
        });
    }
}
