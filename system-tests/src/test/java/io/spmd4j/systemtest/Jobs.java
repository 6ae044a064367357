package io.spmd4j.systemtest;

import io.spmd4j.launcher.LaunchOptions;
import io.spmd4j.launcher.Launcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs a rank program through the launcher, in process, capturing what the job printed. */
final class Jobs {
    /** Options that make short-lived rank JVMs start quickly on a small machine. */
    static final List<String> FAST_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private Jobs() {
    }

    /** The outcome of one job. */
    record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Outcome run(int np, Class<?> program, List<String> jvmArgs, String... args) {
        List<String> jvm = new ArrayList<>(FAST_JVM);
        jvm.addAll(jvmArgs);
        LaunchOptions options = LaunchOptions.builder()
            .np(np)
            .classpath(existingClasspath())
            .mainClass(program)
            .args(args)
            .jvmArgs(jvm)
            .timeout(Duration.ofSeconds(120))
            .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Launcher.run(options, o, e, new ByteArrayInputStream(new byte[0]));
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** This JVM's classpath without entries that do not exist (Maven lists an empty target/classes). */
    private static String existingClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(e -> new java.io.File(e).exists())
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static Outcome run(int np, Class<?> program, String... args) {
        return run(np, program, List.of(), args);
    }
}
