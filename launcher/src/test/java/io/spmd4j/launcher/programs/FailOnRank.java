package io.spmd4j.launcher.programs;

/** {@code FailOnRank R CODE}: rank R says so and exits with CODE; every other rank waits to be ended. */
public final class FailOnRank {
    private FailOnRank() {
    }

    public static void main(String[] args) throws InterruptedException {
        int failing = Integer.parseInt(args[0]);
        int code = Integer.parseInt(args[1]);
        if (Ranks.rank() == failing) {
            System.err.println("rank " + failing + " failing with " + code);
            System.exit(code);
        }
        Ranks.sleepForever();
    }
}
