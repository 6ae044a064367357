package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;

/** A token goes around the ring 10 times, each rank adding its rank; rank 0 checks the sum. */
public final class RingProgram {
    private RingProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int next = (w.rank() + 1) % w.size();
            int prev = (w.rank() - 1 + w.size()) % w.size();
            long[] token = {0};
            int laps = 10;
            for (int lap = 0; lap < laps; lap++) {
                if (w.rank() == 0) {
                    w.send(token, 0, 1, next, 1);
                    w.recv(token, 0, 1, prev, 1);
                } else {
                    w.recv(token, 0, 1, prev, 1);
                    token[0] += w.rank();
                    w.send(token, 0, 1, next, 1);
                }
            }
            if (w.rank() == 0) {
                Check.equal((long) laps * w.size() * (w.size() - 1) / 2, token[0], "token");
                System.out.println("ring ok " + token[0]);
            }
        }
    }
}
