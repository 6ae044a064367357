package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.Status;

/**
 * Every pair (2k, 2k+1) plays ping-pong with int messages of 0 .. 256 Ki elements (eager and
 * rendezvous), checking every element; an odd last rank plays with itself.
 */
public final class PingPongProgram {
    private PingPongProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int me = w.rank();
            int partner = (me % 2 == 0) ? (me + 1 < w.size() ? me + 1 : me) : me - 1;
            boolean pinger = me % 2 == 0;
            int bump = partner == me ? 0 : 1; // a rank without a partner plays against itself
            for (int n = 0; n <= 256 * 1024; n = n == 0 ? 1 : n * 4) {
                int[] buf = new int[n];
                for (int round = 0; round < 3; round++) {
                    if (pinger) {
                        for (int i = 0; i < n; i++) {
                            buf[i] = i * 31 + round;
                        }
                        w.send(buf, 0, n, partner, round);
                        Status s = w.recv(buf, 0, n, partner, round);
                        Check.equal(n, s.count(), "count");
                        for (int i = 0; i < n; i++) {
                            Check.equal(i * 31 + round + bump, buf[i], "element " + i);
                        }
                    } else {
                        w.recv(buf, 0, n, partner, round);
                        for (int i = 0; i < n; i++) {
                            buf[i]++;
                        }
                        w.send(buf, 0, n, partner, round);
                    }
                }
            }
            System.out.println("pingpong ok rank " + me);
        }
    }
}
