package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;

/**
 * A job for fault injection: every rank prints {@code ready <rank>} once it is in the state the test
 * wants to disturb, then stays in it until the job is ended from outside.
 * <ul>
 * <li>{@code idle}: every rank waits in a receive that no rank will match;</li>
 * <li>{@code collective}: allreduce after allreduce;</li>
 * <li>{@code rendezvous}: rank 0 sends messages of {@code MB} MiB (default 64) to rank 1 without end,
 * the other ranks wait idle;</li>
 * <li>{@code input}: rank 0 reads a line from its standard input, then sends a message to every other
 * rank (which opens the connections that the start-up barrier did not), while the others wait for it;
 * then every rank waits idle.</li>
 * </ul>
 */
public final class FaultProgram {
    private static final int IDLE_TAG = 99;

    private FaultProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            w.barrier();
            switch (args[0]) {
                case "idle" -> {
                    ready(w);
                    w.recv(new int[1], 0, 1, Spmd.ANY_SOURCE, IDLE_TAG);
                }
                case "collective" -> {
                    double[] in = new double[4096];
                    double[] out = new double[4096];
                    java.util.Arrays.fill(in, w.rank());
                    for (long i = 0; ; i++) {
                        w.allreduce(in, 0, out, 0, in.length, Op.SUM);
                        Check.that(out[4095] == w.size() * (w.size() - 1) / 2.0, "allreduce sum");
                        if (i == 0) {
                            ready(w);
                        }
                    }
                }
                case "rendezvous" -> {
                    int mb = args.length > 1 ? Integer.parseInt(args[1]) : 64;
                    byte[] big = new byte[mb << 20];
                    if (w.rank() > 1) {
                        ready(w);
                        w.recv(new int[1], 0, 1, Spmd.ANY_SOURCE, IDLE_TAG);
                    }
                    for (long i = 0; ; i++) {
                        if (w.rank() == 0) {
                            w.send(big, 0, big.length, 1, 1);
                        } else {
                            w.recv(big, 0, big.length, 0, 1);
                        }
                        if (i == 0) {
                            ready(w);
                        }
                    }
                }
                case "input" -> {
                    ready(w);
                    if (w.rank() == 0) {
                        readLine();
                        for (int r = 1; r < w.size(); r++) {
                            w.send(new int[] {r}, 0, 1, r, 1);
                        }
                    } else {
                        w.recv(new int[1], 0, 1, 0, 1);
                    }
                    w.recv(new int[1], 0, 1, Spmd.ANY_SOURCE, IDLE_TAG);
                }
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        }
    }

    /** Reads a line from standard input (which the launcher forwards to rank 0). */
    static void readLine() {
        try {
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void ready(Comm w) {
        System.out.println("ready " + w.rank());
        System.out.flush();
    }
}
