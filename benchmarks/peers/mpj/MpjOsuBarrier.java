import mpi.MPI;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.Barrier}: OSU-style barrier latency.
 *
 * <p>Each rank runs warm-up + timed {@code Barrier} calls back to back and times the timed ones with
 * {@link System#nanoTime()}; its latency is the time divided by the iterations, in microseconds.
 * Rank 0 prints the average over all ranks in one row of size 0.
 */
public final class MpjOsuBarrier {
    private MpjOsuBarrier() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuBarrier", appArgs, MpjOsuOptions.Test.BARRIER);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.BARRIER);
        }
        MPI.COMM_WORLD.Barrier();
        MpjOsuOptions.Warmup gate = new MpjOsuOptions.Warmup(options);
        int warmup = options.warmup;
        long start = 0;
        for (int i = 0; i < options.iterations + warmup; i++) {
            if (i == warmup) {
                warmup = gate.extend(i);
                if (i == warmup) {
                    start = System.nanoTime();
                }
            }
            MPI.COMM_WORLD.Barrier();
        }
        long elapsed = System.nanoTime() - start;

        double average = MpjOsuOptions.averageOverRanks(elapsed / MpjOsuOptions.NANOS_PER_MICRO / options.iterations);
        if (rank == MpjOsuOptions.ROOT) {
            MpjOsuOptions.printRow(0, average);
        }
        MPI.Finalize();
    }
}
