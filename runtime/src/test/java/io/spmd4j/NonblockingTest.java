package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Nonblocking requests: completion sets, and progress while the caller computes. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class NonblockingTest {
    @Parameter
    EnginePair.Kind kind;


    @Test
    void shouldCompleteAnySomeAndAllInAnyOrder() throws Exception {
        try (EnginePair p = new EnginePair(3, kind)) {
            p.run(c -> {
                if (c.rank() == 0) {
                    int[][] bufs = new int[2][1];
                    Request[] rs = {c.irecv(bufs[0], 0, 1, 1, 0), c.irecv(bufs[1], 0, 1, 2, 0)};
                    c.send(new int[] {1}, 0, 1, 2, 9); // let rank 2 go first
                    int first = Request.awaitAny(rs);
                    assertEquals(1, first);
                    assertEquals(2, bufs[1][0]);
                    c.send(new int[] {1}, 0, 1, 1, 9);
                    Request.awaitAll(rs);
                    assertEquals(1, bufs[0][0]);
                    assertTrue(Request.testAll(rs));
                    int[] some = Request.awaitSome(rs);
                    assertEquals(2, some.length);
                } else {
                    c.recv(new int[1], 0, 1, 0, 9);
                    c.send(new int[] {c.rank()}, 0, 1, 0, 0);
                }
            });
        }
    }

    /**
     * A rendezvous transfer must advance while both ranks compute without calling spmd4j: the
     * receiver's progress thread answers the RTS and the sender's streams the data.
     */
    @Test
    void shouldProgressLargeTransfersWhileTheCallerComputes() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("spmd4j.eager.limit", "1024");
        try (EnginePair p = new EnginePair(2, settings, kind)) {
            int n = 4 << 20;
            boolean[] doneBeforeAwait = new boolean[2];
            p.run(c -> {
                byte[] data = new byte[n];
                if (c.rank() == 0) {
                    Arrays.fill(data, (byte) 3);
                    c.barrier();
                    Request r = c.isend(data, 0, n, 1, 1);
                    busy(500);
                    doneBeforeAwait[0] = r.isComplete();
                    r.await();
                } else {
                    Request r = c.irecv(data, 0, n, 0, 1);
                    c.barrier();
                    busy(500);
                    doneBeforeAwait[1] = r.isComplete();
                    r.await();
                    assertEquals(3, data[n - 1]);
                }
            });
            // without background progress nothing would move until await() is called
            assertTrue(doneBeforeAwait[0], "send did not progress while the sender computed");
            assertTrue(doneBeforeAwait[1], "receive did not progress while the receiver computed");
        }
    }

    private static void busy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
