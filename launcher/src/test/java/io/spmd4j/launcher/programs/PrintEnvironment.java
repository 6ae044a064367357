package io.spmd4j.launcher.programs;

import java.nio.file.Path;

/**
 * Prints what the launcher told the rank: {@code "rank R of N job J pid P wdir D NAME=VALUE args A"}
 * for each variable name given as {@code -e NAME} and the remaining arguments.
 */
public final class PrintEnvironment {
    private PrintEnvironment() {
    }

    public static void main(String[] args) {
        StringBuilder b = new StringBuilder();
        b.append("rank ").append(Ranks.rank()).append(" of ").append(Ranks.size())
            .append(" job ").append(System.getenv("SPMD4J_JOB_ID"))
            .append(" pid ").append(ProcessHandle.current().pid())
            .append(" wdir ").append(Path.of("").toAbsolutePath());
        int i = 0;
        while (i + 1 < args.length && args[i].equals("-e")) {
            b.append(' ').append(args[i + 1]).append('=').append(System.getenv(args[i + 1]));
            i += 2;
        }
        b.append(" args");
        for (; i < args.length; i++) {
            b.append(' ').append(args[i]);
        }
        System.out.println(b);
    }
}
