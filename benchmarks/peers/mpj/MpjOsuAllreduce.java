import java.util.Arrays;
import mpi.MPI;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.Allreduce}: OSU-style allreduce latency,
 * size / 8 doubles with {@code MPI.SUM} over all ranks.
 *
 * <p>For each power-of-two size from 8 bytes, each rank runs warm-up + timed {@code Allreduce}
 * calls, timing each one alone with {@link System#nanoTime()} and meeting the others at an untimed
 * {@code Barrier} after it. A rank's latency is the sum of its timed operations divided by the
 * iterations, in microseconds; rank 0 prints the average over all ranks. The arrays have exactly
 * {@code count} elements for each size: MPJ Express' allreduce costs in proportion to the array
 * length, not the count. Rank r contributes r + 1; every rank checks the result np (np + 1) / 2.
 */
public final class MpjOsuAllreduce {
    private MpjOsuAllreduce() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int worldSize = MPI.COMM_WORLD.Size();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuAllreduce", appArgs, MpjOsuOptions.Test.ALLREDUCE);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.ALLREDUCE);
        }
        double expected = worldSize * (worldSize + 1) / 2.0;
        for (int size = options.minSize; size <= options.maxSize && size > 0; size *= 2) {
            int count = size / MpjOsuOptions.DOUBLE_BYTES;
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            double[] sendBuf = new double[count];
            double[] recvBuf = new double[count];
            Arrays.fill(sendBuf, rank + 1.0);

            MPI.COMM_WORLD.Barrier();
            MpjOsuOptions.Warmup gate = new MpjOsuOptions.Warmup(options);
            long timed = 0;
            for (int i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = gate.extend(i);
                }
                long start = System.nanoTime();
                MPI.COMM_WORLD.Allreduce(sendBuf, 0, recvBuf, 0, count, MPI.DOUBLE, MPI.SUM);
                long end = System.nanoTime();
                if (i >= warmup) {
                    timed += end - start;
                }
                MPI.COMM_WORLD.Barrier();
            }

            for (int k = 0; k < count; k++) {
                if (recvBuf[k] != expected) {
                    throw new IllegalStateException("rank " + rank + " got a wrong allreduce result at size " + size
                            + ": element " + k + " is " + recvBuf[k] + ", expected " + expected);
                }
            }
            double average = MpjOsuOptions.averageOverRanks((double) timed / MpjOsuOptions.NANOS_PER_MICRO / iterations);
            if (rank == MpjOsuOptions.ROOT) {
                MpjOsuOptions.printRow(size, average);
            }
        }
        MPI.Finalize();
    }
}
