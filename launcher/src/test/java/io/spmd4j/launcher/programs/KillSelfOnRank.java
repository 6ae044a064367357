package io.spmd4j.launcher.programs;

import java.util.concurrent.TimeUnit;

/** {@code KillSelfOnRank R}: rank R sends itself SIGKILL; every other rank waits to be ended. */
public final class KillSelfOnRank {
    private KillSelfOnRank() {
    }

    public static void main(String[] args) throws Exception {
        if (Ranks.rank() == Integer.parseInt(args[0])) {
            long pid = ProcessHandle.current().pid();
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
        Ranks.sleepForever();
    }
}
