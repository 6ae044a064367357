package io.spmd4j.testing;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.nio.ByteBuffer;

/** Development aid: ping-pong latency and windowed bandwidth between ranks 0 and 1 over direct buffers. */
public final class PingPong {
    private PingPong() {
    }

    /** Runs it. */
    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int[] sizes = {1, 1024, 65536, 1 << 20, 4 << 20};
            ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
            for (int size : sizes) {
                int iters = size >= (1 << 20) ? 100 : 2000;
                for (int pass = 0; pass < 2; pass++) {
                    w.barrier();
                    double t0 = Spmd.wtime();
                    for (int i = 0; i < iters; i++) {
                        if (w.rank() == 0) {
                            w.send(buf, 0, size, 1, 1);
                            w.recv(buf, 0, size, 1, 1);
                        } else if (w.rank() == 1) {
                            w.recv(buf, 0, size, 0, 1);
                            w.send(buf, 0, size, 0, 1);
                        }
                    }
                    double t = Spmd.wtime() - t0;
                    if (w.rank() == 0 && pass == 1) {
                        System.out.printf("lat %8d B %10.2f us%n", size, t * 1e6 / iters / 2);
                    }
                }
            }
            int window = 64;
            Request[] reqs = new Request[window];
            byte[] ack = new byte[4];
            for (int size : new int[] {65536, 4 << 20}) {
                int iters = size >= (1 << 20) ? 10 : 50;
                for (int pass = 0; pass < 2; pass++) {
                    w.barrier();
                    double t0 = Spmd.wtime();
                    for (int i = 0; i < iters; i++) {
                        if (w.rank() == 0) {
                            for (int k = 0; k < window; k++) {
                                reqs[k] = w.isend(buf, 0, size, 1, 2);
                            }
                            Request.awaitAll(reqs);
                            w.recv(ack, 0, 4, 1, 3);
                        } else if (w.rank() == 1) {
                            for (int k = 0; k < window; k++) {
                                reqs[k] = w.irecv(buf, 0, size, 0, 2);
                            }
                            Request.awaitAll(reqs);
                            w.send(ack, 0, 4, 0, 3);
                        }
                    }
                    double t = Spmd.wtime() - t0;
                    if (w.rank() == 0 && pass == 1) {
                        System.out.printf("bw  %8d B %10.1f MB/s%n", size, (double) size * window * iters / t / 1e6);
                    }
                }
            }
        }
    }
}
