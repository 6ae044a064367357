import java.util.Arrays;
import mpi.MPI;
import mpi.Request;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.BidirectionalBandwidth}: OSU-style
 * bidirectional bandwidth between 2 ranks.
 *
 * <p>For each power-of-two size and iteration, each rank posts a window of 64 {@code Irecv} from the
 * other, then a window of 64 {@code Isend} to it, and waits for the sends and then the receives.
 * After the warm-up iterations rank 0 times the rest with {@link System#nanoTime()} and prints the
 * bytes of both directions, 2 * size * window * iterations / time / 1e6, in MB/s. Buffers are
 * allocated with exactly the message size for each size; both ranks check the received bytes.
 */
public final class MpjOsuBidirectionalBandwidth {
    private MpjOsuBidirectionalBandwidth() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuBidirectionalBandwidth", appArgs,
                MpjOsuOptions.Test.BIBW);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.BIBW);
        }
        int peer = 1 - rank;
        Request[] sends = new Request[options.window];
        Request[] recvs = new Request[options.window];
        for (int size = options.minSize; size <= options.maxSize && size > 0; size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            byte[] sendBuf = new byte[size];
            byte[] recvBuf = new byte[size];
            Arrays.fill(sendBuf, (byte) (rank == 0 ? 'a' : 'b'));

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
                for (int j = 0; j < options.window; j++) {
                    recvs[j] = MPI.COMM_WORLD.Irecv(recvBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                }
                for (int j = 0; j < options.window; j++) {
                    sends[j] = MPI.COMM_WORLD.Isend(sendBuf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                }
                Request.Waitall(sends);
                Request.Waitall(recvs);
            }
            long elapsed = System.nanoTime() - start;

            byte expected = (byte) (rank == 0 ? 'b' : 'a');
            for (int j = 0; j < size; j++) {
                if (recvBuf[j] != expected) {
                    throw new IllegalStateException("rank " + rank + " received wrong data at size " + size);
                }
            }
            if (rank == 0) {
                double seconds = elapsed / MpjOsuOptions.NANOS_PER_SECOND;
                MpjOsuOptions.printRow(size,
                        2.0 * size * options.window * iterations / seconds / MpjOsuOptions.BYTES_PER_MB);
            }
        }
        MPI.Finalize();
    }
}
