package io.spmd4j.launcher;

import java.util.Map;

/**
 * Exit codes of {@code spmdrun} and how a rank's exit code reads in a message. A child killed by
 * signal N is reported by Java (and by shells) as 128+N.
 */
public final class ExitCodes {
    /** Every rank exited with 0. */
    public static final int SUCCESS = 0;
    /** The job could not be started (a rank process failed to start). */
    public static final int LAUNCH_FAILED = 1;
    /** Bad command line or launch options. */
    public static final int USAGE = 2;
    /** {@code --timeout} expired, as for coreutils {@code timeout}. */
    public static final int TIMEOUT = 124;
    /** Base of exit codes that stand for a signal: 128 + signal number. */
    public static final int SIGNAL_BASE = 128;
    /**
     * The code of a JVM that ended on an OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError}), which
     * then prints {@code Terminating due to java.lang.OutOfMemoryError: ...}; programs use 3 too, so a
     * message does not claim it.
     */
    public static final int OUT_OF_MEMORY = 3;
    /** The code a rank exits with when it loses its launcher (see {@code LauncherLink}). */
    static final int LAUNCHER_LOST = io.spmd4j.bootstrap.LauncherLink.EXIT_LAUNCHER_LOST;
    private static final int MAX_SIGNAL = 64;

    private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(
        Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
        Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
        Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
        Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private ExitCodes() {
    }

    /** The name of a signal number ({@code 9 -> "SIGKILL"}), or {@code "signal N"} for unusual ones. */
    public static String signalName(int signal) {
        return SIGNAL_NAMES.getOrDefault(signal, "signal " + signal);
    }

    /**
     * How a rank ended, for a message after "rank 2 (pid 1234) ": {@code "exited with code 3"} or
     * {@code "was killed by signal 9 (SIGKILL)"}.
     */
    public static String describe(int exitCode) {
        if (exitCode == LAUNCHER_LOST) {
            return "exited with code " + exitCode + " (it lost its connection to the launcher, "
                + "or was killed by signal 1 (SIGHUP))";
        }
        if (exitCode > SIGNAL_BASE && exitCode <= SIGNAL_BASE + MAX_SIGNAL) {
            int signal = exitCode - SIGNAL_BASE;
            return "was killed by signal " + signal + " (" + signalName(signal) + ")";
        }
        return "exited with code " + exitCode;
    }
}
