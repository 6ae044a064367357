import java.util.Arrays;
import mpi.MPI;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.MultiLatency}: OSU-style latency of many
 * pairs at once.
 *
 * <p>With np ranks (even, at least 2), rank i &lt; np/2 is paired with rank i + np/2. For each
 * power-of-two size every pair runs a ping-pong at the same time, the lower rank sending first.
 * Every rank times its own round trips after the warm-up with {@link System#nanoTime()} and
 * computes half the mean round trip in microseconds; rank 0 prints the average over all ranks.
 * Buffers are allocated with exactly the message size for each size.
 */
public final class MpjOsuMultiLatency {
    private MpjOsuMultiLatency() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int worldSize = MPI.COMM_WORLD.Size();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuMultiLatency", appArgs, MpjOsuOptions.Test.MULTI_LATENCY);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.MULTI_LATENCY);
        }
        int half = worldSize / 2;
        int peer = rank < half ? rank + half : rank - half;
        boolean lower = rank < peer;
        for (int size = options.minSize; size <= options.maxSize && size > 0; size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            byte[] sendBuf = new byte[size];
            byte[] recvBuf = new byte[size];
            Arrays.fill(sendBuf, (byte) (lower ? 'a' : 'b'));

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
                if (lower) {
                    MPI.COMM_WORLD.Send(sendBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    MPI.COMM_WORLD.Recv(recvBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                } else {
                    MPI.COMM_WORLD.Recv(recvBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    MPI.COMM_WORLD.Send(sendBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                }
            }
            long elapsed = System.nanoTime() - start;

            byte expected = (byte) (lower ? 'b' : 'a');
            for (int j = 0; j < size; j++) {
                if (recvBuf[j] != expected) {
                    throw new IllegalStateException("rank " + rank + " received wrong data at size " + size);
                }
            }
            double average = MpjOsuOptions.averageOverRanks(
                    elapsed / MpjOsuOptions.NANOS_PER_MICRO / (2.0 * iterations));
            if (rank == MpjOsuOptions.ROOT) {
                MpjOsuOptions.printRow(size, average);
            }
        }
        MPI.Finalize();
    }
}
