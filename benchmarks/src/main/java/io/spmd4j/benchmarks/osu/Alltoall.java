package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * OSU-style all-to-all latency ({@code osu_alltoall}): every rank sends {@code size} bytes to every
 * rank (itself included) and receives as many from each, timed as described in
 * {@link ByteCollective}. Rank r's block for rank j holds {@code r * np + j}; every rank checks
 * every block after each size.
 *
 * <p>Run: {@code bin/spmdrun -np 4 -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.osu.Alltoall [--help]}.
 */
public final class Alltoall {
    private Alltoall() {
    }

    /** Entry point; every rank runs it. */
    public static void main(String[] args) {
        OsuMain.main(OsuTest.ALLTOALL, Alltoall.class, args, Alltoall::run);
    }

    static void run(Comm world, OsuOptions options, PrintStream out) {
        int np = world.size();
        int rank = world.rank();
        int max = options.maxSizeBytes();
        byte[] send = new byte[max * np];
        byte[] recv = new byte[max * np];
        ByteCollective.run(world, options, out, new ByteCollective.Operation() {
            @Override
            public void prepare(int size) {
                for (int j = 0; j < np; j++) {
                    Arrays.fill(send, j * size, (j + 1) * size, (byte) (rank * np + j));
                }
            }

            @Override
            public void run(int size) {
                world.alltoall(send, 0, size, recv, 0);
            }

            @Override
            public void verify(int size) {
                for (int i = 0; i < np; i++) {
                    ByteCollective.check(recv, i * size, size, (byte) (i * np + rank), rank, "alltoall", size);
                }
            }
        });
    }
}
