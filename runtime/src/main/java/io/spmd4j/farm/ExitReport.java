package io.spmd4j.farm;

import java.util.List;
import java.util.function.Supplier;

/**
 * A JVM shutdown hook that prints, to standard error, which tasks of a running map a rank takes with
 * it when its JVM ends during the map ({@code System.exit}, SIGTERM, the JVM of
 * {@code spmdrun --threads} ending): the farm's way of naming the tasks of a dead rank instead of
 * losing them silently. Registered for the length of one map; idempotent removal.
 */
final class ExitReport {
    private final Thread hook;
    private boolean registered;

    /** Registers a hook that prints {@code report}'s text. */
    ExitReport(Supplier<String> report) {
        this.hook = new Thread(new Print(report), "spmd4j-farm-exit-report");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            registered = true;
        } catch (IllegalStateException | SecurityException e) {
            registered = false; // shutting down already: the map will not get far
        }
    }

    /** The hook's work; a class, not a lambda, like the farm's other start-up code (see {@link RootLink}). */
    private static final class Print implements Runnable {
        private final Supplier<String> report;

        Print(Supplier<String> report) {
            this.report = report;
        }

        @Override
        public void run() {
            System.err.println(report.get());
        }
    }

    /** Task indices as the reports write them: {@code " 40 41 42"}. */
    static String list(List<Integer> tasks) {
        StringBuilder s = new StringBuilder();
        tasks.forEach(t -> s.append(' ').append(t));
        return s.toString();
    }

    /** Removes the hook; the map has ended. */
    void remove() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // shutting down: the hook runs and reports
        }
    }
}
