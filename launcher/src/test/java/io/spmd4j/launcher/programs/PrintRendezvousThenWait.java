package io.spmd4j.launcher.programs;

import java.io.IOException;

/**
 * Rank 0 prints {@code "rendezvous HOST:PORT"}, waits for a line on stdin and exits 0; other ranks
 * exit 0 at once.
 */
public final class PrintRendezvousThenWait {
    private PrintRendezvousThenWait() {
    }

    public static void main(String[] args) throws IOException {
        if (Ranks.rank() == 0) {
            System.out.println("rendezvous " + System.getenv("SPMD4J_RENDEZVOUS"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for end of input
            }
        }
    }
}
