package io.spmd4j.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Runs a job of N ranks on this host, in-process: the programmatic form of {@code spmdrun}, used by
 * {@link Main} and by system tests.
 *
 * <pre>{@code
 * LaunchOptions o = LaunchOptions.builder().np(4).classpath(testClasses).mainClass(Ring.class)
 *     .jvmArgs("-XX:+UseSerialGC").timeout(Duration.ofSeconds(30)).build();
 * int code = Launcher.run(o, System.out, System.err, null);
 * }</pre>
 *
 * Each rank is a fresh JVM: {@code java <jvm args> -cp <runtime>:<user classpath>
 * io.spmd4j.bootstrap.RankMain <main class> <args>}, with its identity, the rendezvous endpoint and
 * the job secret in its environment. Stateless and thread-safe; concurrent jobs are independent.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Checks the options, runs the job to its end and returns {@code spmdrun}'s exit code (see
     * {@link ExitCodes}). Blocks the calling thread; interrupting it kills the ranks.
     *
     * <p>Ranks' stdout and stderr lines go to {@code out} and {@code err}, whole lines at a time
     * (the streams' monitors order them); the launcher's own messages go to {@code err}, one line
     * each. A bad option prints one line naming it plus a usage line and returns
     * {@link ExitCodes#USAGE} without starting anything.
     *
     * @param in copied to rank 0's stdin by a daemon thread, which may stay blocked reading it after
     *     the job ended; {@code null} gives rank 0 an empty stdin, like every other rank
     * @return 0 when every rank exited with 0; else the code of the first rank that failed or
     *     aborted, 124 on timeout, 2 for bad options, 1 when a rank could not be started
     */
    public static int run(LaunchOptions options, PrintStream out, PrintStream err, InputStream in) {
        return run(options, out, err, in, job -> { });
    }

    /** As {@link #run(LaunchOptions, PrintStream, PrintStream, InputStream)}; {@code started} sees the job. */
    static int run(LaunchOptions options, PrintStream out, PrintStream err, InputStream in, Consumer<Job> started) {
        LaunchPlan plan;
        try {
            plan = LaunchPlan.resolve(options, System.getenv());
        } catch (UsageException e) {
            return usageError(err, e);
        }
        Job job;
        try {
            job = Job.start(plan, out, err, in);
        } catch (IOException e) {
            err.println("spmdrun: " + e.getMessage());
            return ExitCodes.LAUNCH_FAILED;
        }
        try (job) {
            started.accept(job);
            return job.await();
        }
    }

    /** Prints a usage error the way {@code spmdrun} does and returns {@link ExitCodes#USAGE}. */
    static int usageError(PrintStream err, UsageException e) {
        synchronized (err) {
            err.println("spmdrun: " + e.getMessage());
            err.println(SpmdrunCommandLine.USAGE_HINT);
            err.flush();
        }
        return ExitCodes.USAGE;
    }
}
