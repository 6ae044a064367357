import java.util.Locale;
import mpi.MPI;
import mpi.Request;

/**
 * mpiJava peer (MPJ Express 0.44 or spmd4j) of {@code io.spmd4j.benchmarks.osu.Bandwidth}: OSU-style streaming bandwidth.
 *
 * <p>For each power-of-two size and iteration, rank 0 posts a window of 64 {@code Isend} and rank 1
 * a window of 64 {@code Irecv} (byte arrays with offsets); both {@code Waitall}, then rank 1 sends a
 * 4-byte acknowledgement. After the warm-up iterations rank 0 times the rest with
 * {@link System#nanoTime()} and prints size * window * iterations / time / 1e6 in MB/s. Buffers are
 * allocated with exactly the message size for each size.
 */
public final class MpjOsuBandwidth {
    private MpjOsuBandwidth() {
    }

    public static void main(String[] args) throws Exception {
        String[] appArgs = MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        MpjOsuOptions options = MpjOsuOptions.start("MpjOsuBandwidth", appArgs, MpjOsuOptions.Test.BANDWIDTH);
        if (options == null) {
            return;
        }

        if (rank == 0) {
            MpjOsuOptions.printHeader(MpjOsuOptions.Test.BANDWIDTH);
        }
        int peer = 1 - rank;
        byte[] ack = new byte[MpjOsuOptions.ACK_BYTES];
        Request[] requests = new Request[options.window];
        for (int size = options.minSize; size <= options.maxSize && size > 0; size *= 2) {
            int iterations = options.iterationsFor(size);
            int warmup = options.warmupFor(size);
            byte[] buf = new byte[size];
            if (rank == 0) {
                java.util.Arrays.fill(buf, (byte) 'a');
            }

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
                    for (int j = 0; j < options.window; j++) {
                        requests[j] = MPI.COMM_WORLD.Isend(buf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    }
                    Request.Waitall(requests);
                    MPI.COMM_WORLD.Recv(ack, 0, MpjOsuOptions.ACK_BYTES, MPI.BYTE, peer, MpjOsuOptions.TAG_ACK);
                } else {
                    for (int j = 0; j < options.window; j++) {
                        requests[j] = MPI.COMM_WORLD.Irecv(buf, 0, size, MPI.BYTE, peer, MpjOsuOptions.TAG_DATA);
                    }
                    Request.Waitall(requests);
                    MPI.COMM_WORLD.Send(ack, 0, MpjOsuOptions.ACK_BYTES, MPI.BYTE, peer, MpjOsuOptions.TAG_ACK);
                }
            }
            long elapsed = System.nanoTime() - start;

            if (rank == 0) {
                double seconds = elapsed / MpjOsuOptions.NANOS_PER_SECOND;
                double mbPerSecond = (double) size * options.window * iterations / seconds / MpjOsuOptions.BYTES_PER_MB;
                System.out.printf(Locale.ROOT, "%-10d%18.2f%n", size, mbPerSecond);
                System.out.flush();
            } else {
                for (int j = 0; j < size; j++) {
                    if (buf[j] != 'a') {
                        throw new IllegalStateException("rank 1 received wrong data at size " + size);
                    }
                }
            }
        }
        MPI.Finalize();
    }
}
