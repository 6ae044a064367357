package io.spmd4j.launcher.programs;

/**
 * {@code PrintPauseFail R CODE}: rank R prints {@code "first PID"}, waits half a second, prints
 * {@code "second"} and exits with CODE at once; every other rank waits to be ended. The pause lets the
 * launcher pass on the first line before the second is written, so a test can hold the launcher's
 * stream while the second line still sits in the pipe when the job ends.
 */
public final class PrintPauseFail {
    private PrintPauseFail() {
    }

    public static void main(String[] args) throws InterruptedException {
        int failing = Integer.parseInt(args[0]);
        if (Ranks.rank() == failing) {
            System.out.println("first " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(500);
            System.out.println("second");
            System.out.flush();
            Runtime.getRuntime().halt(Integer.parseInt(args[1]));
        }
        Ranks.sleepForever();
    }
}
