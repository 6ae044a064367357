package io.spmd4j.launcher.programs;

/** Prints {@code "rank R pid P ready"} and waits to be ended. */
public final class SleepForever {
    private SleepForever() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("rank " + Ranks.rank() + " pid " + ProcessHandle.current().pid() + " ready");
        System.out.flush();
        Ranks.sleepForever();
    }
}
