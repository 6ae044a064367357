import java.util.Locale;
import mpi.MPI;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.Latency}: OSU-style ping-pong latency.
 *
 * <p>For each power-of-two size, rank 0 sends a message to rank 1, which sends it back; after the
 * warm-up iterations the remaining round trips are timed with {@link System#nanoTime()} (MPJ's
 * {@code MPI.Wtime()} has 1-second resolution) and half the mean round trip is printed in
 * microseconds. Buffers are allocated with exactly the message size for each size, because MPJ
 * Express' cost can grow with the array length rather than the count.
 */
public final class MpjOsuLatency {
    private MpjOsuLatency() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuLatency", appArgs, MpjOsuOptions.Test.LATENCY);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.LATENCY);
        }
        int peer = 1 - rank;
        for (int size = options.minSize; size <= options.maxSize && size > 0; size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            byte[] sendBuf = new byte[size];
            byte[] recvBuf = new byte[size];
            java.util.Arrays.fill(sendBuf, (byte) (rank == 0 ? 'a' : 'b'));

            MPI.COMM_WORLD.Barrier();
            MpjOsuOptions.Warmup gate = new MpjOsuOptions.Warmup(options);
            long start = 0;
            for (int i = 0; i < iterations + warmup; i++) {
                if (i == warmup) {
                    warmup = gate.extend(i);
                    if (i == warmup) {
                        start = System.nanoTime();
                    }
                }
                if (rank == 0) {
                    MPI.COMM_WORLD.Send(sendBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    MPI.COMM_WORLD.Recv(recvBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                } else {
                    MPI.COMM_WORLD.Recv(recvBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    MPI.COMM_WORLD.Send(sendBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                }
            }
            long elapsed = System.nanoTime() - start;

            byte expected = (byte) (rank == 0 ? 'b' : 'a');
            for (int j = 0; j < size; j++) {
                if (recvBuf[j] != expected) {
                    throw new IllegalStateException("rank " + rank + " received wrong data at size " + size);
                }
            }
            if (rank == 0) {
                double latencyUs = elapsed / MpjOsuOptions.NANOS_PER_MICRO / (2.0 * iterations);
                System.out.printf(Locale.ROOT, "%-10d%18.2f%n", size, latencyUs);
                System.out.flush();
            }
        }
        MPI.Finalize();
    }
}
