package io.spmd4j.systemtest;

import io.spmd4j.launcher.LaunchOptions;
import java.util.List;
import java.util.Locale;

/** How a system test runs its ranks: processes over one transport, or threads of one JVM. */
enum Mode {
    /** A JVM per rank, TCP only ({@code spmdrun --transport tcp}). */
    TCP,
    /** A JVM per rank, shared memory only ({@code spmdrun --transport shm}). */
    SHM,
    /** Every rank a thread of one JVM, in-memory transport ({@code spmdrun --threads}). */
    THREADS;

    /** Sets this mode's launcher options. */
    LaunchOptions.Builder apply(LaunchOptions.Builder options) {
        return this == THREADS ? options.threads(true) : options.transport(name().toLowerCase(Locale.ROOT));
    }

    /** This mode's {@code spmdrun} options, for a launcher started as a process. */
    List<String> spmdrunOptions() {
        return this == THREADS ? List.of("--threads") : List.of("--transport", name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
