package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Request;
import io.spmd4j.Spmd;

/**
 * Each rank sends 10,000 numbered messages (every 97th one large enough for rendezvous) to the next
 * rank while receiving 10,000 from the previous one with ANY_TAG; they must arrive in order.
 */
public final class OrderingProgram {
    private static final int COUNT = 10_000;
    private static final int LARGE = 20_000;

    private OrderingProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int next = (w.rank() + 1) % w.size();
            int prev = (w.rank() - 1 + w.size()) % w.size();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < COUNT; i++) {
                    int len = i % 97 == 0 ? LARGE : 2;
                    int[] m = new int[len];
                    m[0] = i;
                    m[len - 1] = -i;
                    w.send(m, 0, len, next, i % 5);
                }
            });
            sender.start();
            int[] m = new int[LARGE];
            for (int i = 0; i < COUNT; i++) {
                Request r = w.irecv(m, 0, LARGE, prev, Spmd.ANY_TAG);
                int count = r.await().count();
                Check.equal(i, m[0], "sequence");
                Check.equal(-i, m[count - 1], "tail of message " + i);
            }
            try {
                sender.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            System.out.println("ordering ok rank " + w.rank());
        }
    }
}
