package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import java.util.ArrayList;
import java.util.List;

/**
 * A job in which one rank runs out of heap while the others wait on it, to check that the job ends
 * instead of hanging. Every rank prints {@code ready <rank>} once the job is wired up; then rank 0
 * reads a line from its standard input, and the scenario starts:
 * <ul>
 * <li>{@code op}: an allreduce with a user operation that, on rank 2, allocates until the heap is
 * exhausted;</li>
 * <li>{@code recv}: rank 2 receives a message from rank 0 and then allocates until the heap is
 * exhausted, while the other ranks wait in a receive from rank 2.</li>
 * </ul>
 * Run it with a small heap ({@code -Xmx64m}).
 */
public final class OutOfMemoryProgram {
    private static final int VICTIM = 2;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final List<byte[]> HOARD = new ArrayList<>();

    private OutOfMemoryProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            w.barrier();
            System.out.println("ready " + w.rank());
            System.out.flush();
            if (w.rank() == 0) {
                FaultProgram.readLine(); // the test's go: every rank is ready and observed
            }
            switch (args[0]) {
                case "op" -> {
                    int rank = w.rank();
                    Op hog = Op.ofLongs("hog", true, (a, b) -> {
                        if (rank == VICTIM) {
                            exhaustHeap();
                        }
                        return a + b;
                    });
                    long[] v = new long[64];
                    w.allreduce(v, 0, v, 0, v.length, hog);
                    w.barrier();
                }
                case "recv" -> {
                    long[] v = new long[1024];
                    if (w.rank() == 0) {
                        w.send(v, 0, v.length, VICTIM, 1);
                    }
                    if (w.rank() == VICTIM) {
                        w.recv(v, 0, v.length, 0, 1);
                        exhaustHeap();
                    } else {
                        w.recv(v, 0, 1, VICTIM, 2); // never sent
                    }
                }
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        }
    }

    /** Allocates until the heap is exhausted; never returns normally. */
    static void exhaustHeap() {
        while (true) {
            HOARD.add(new byte[CHUNK_BYTES]);
        }
    }
}
