package io.spmd4j.launcher;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * {@code spmdrun}: parses the command line ({@link SpmdrunCommandLine}) and runs the job
 * ({@link Launcher}). While the job runs, SIGINT and SIGTERM are forwarded to the ranks; a second
 * one kills them. Any other way the launcher's JVM ends (SIGHUP, {@code System.exit}) kills the
 * ranks through a shutdown hook, and SIGKILL closes the rendezvous connections, on which the ranks
 * halt themselves.
 */
public final class Main {
    /** Signals forwarded to the ranks. */
    private static final List<String> FORWARDED_SIGNALS = List.of("INT", "TERM");

    private Main() {
    }

    /** Runs {@code spmdrun} and exits with its code. */
    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err, System.in, true));
    }

    /**
     * Runs {@code spmdrun} with the given arguments and streams; returns the exit code. Does not touch
     * signal handling; for tests and embedding.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return run(args, out, err, in, false);
    }

    private static int run(String[] args, PrintStream out, PrintStream err, InputStream in, boolean signals) {
        SpmdrunCommandLine.Command command;
        try {
            command = SpmdrunCommandLine.parse(args, System.getenv());
        } catch (UsageException e) {
            return Launcher.usageError(err, e);
        }
        if (command instanceof SpmdrunCommandLine.Help) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()));
            SpmdrunCommandLine.printHelp(w);
            return ExitCodes.SUCCESS;
        }
        if (command instanceof SpmdrunCommandLine.Version) {
            out.println("spmdrun (spmd4j) " + SpmdrunCommandLine.version());
            out.flush();
            return ExitCodes.SUCCESS;
        }
        LaunchOptions options = ((SpmdrunCommandLine.Launch) command).options();
        return Launcher.run(options, out, err, in, signals ? Main::forwardSignals : job -> { });
    }

    private static void forwardSignals(Job job) {
        for (String name : FORWARDED_SIGNALS) {
            SignalHandlers.install(name, job::signal);
        }
    }

    /** The launcher logs only warnings (the rendezvous service's), briefly; -D settings win. */
    private static void configureLogging() {
        Map<String, String> defaults = Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.showShortLogName", "true",
            "org.slf4j.simpleLogger.levelInBrackets", "true");
        defaults.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
