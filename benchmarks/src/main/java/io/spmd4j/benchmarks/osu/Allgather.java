package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * OSU-style allgather latency ({@code osu_allgather}): every rank contributes {@code size} bytes
 * and receives {@code size * np}, timed as described in {@link ByteCollective}. Rank r's bytes are
 * {@code r}; every rank checks every block after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Allgather [--help]}.
 */
public final class Allgather {
    private Allgather() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.ALLGATHER, Allgather.class, args, Allgather::run);
    }

    static void run(Comm world, OsuOptions options, PrintStream out) {
        int np = world.size();
        byte[] send = new byte[options.maxSizeBytes()];
        Arrays.fill(send, (byte) world.rank());
        byte[] recv = new byte[options.maxSizeBytes() * np];
        ByteCollective.run(world, options, out, new ByteCollective.Operation() {
            @Override
            public void run(int size) {
                world.allgather(send, 0, size, recv, 0);
            }

            @Override
            public void verify(int size) {
                for (int i = 0; i < np; i++) {
                    ByteCollective.check(recv, i * size, size, (byte) i, world.rank(), "allgather", size);
                }
            }
        });
    }
}
