package io.spmd4j.launcher;

import io.spmd4j.launcher.programs.FailOnRank;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.Options;

/** Where the test programs are and how tests launch them quickly. */
final class TestPrograms {
    /** Rank JVM settings that make start-up fast on a small machine. */
    static final List<String> FAST_JVM_ARGS =
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx64m");

    private TestPrograms() {
    }

    /** The directory (or jar) holding the test programs. */
    static Path classes() {
        return locationOf(FailOnRank.class);
    }

    /** Options preset for a test program: classpath, fast JVM args, a generous time limit. */
    static LaunchOptions.Builder options(int np, Class<?> program, String... args) {
        return LaunchOptions.builder().np(np).classpath(classes()).mainClass(program).args(args)
            .jvmArgs(FAST_JVM_ARGS).timeout(java.time.Duration.ofSeconds(60));
    }

    /** The classpath that runs {@link Main} in a separate JVM. */
    static String launcherClasspath() {
        List<String> cp = new ArrayList<>();
        cp.add(locationOf(Main.class).toString());
        cp.add(locationOf(Options.class).toString());
        RuntimeClasspath.entries().forEach(p -> cp.add(p.toString()));
        return String.join(File.pathSeparator, cp);
    }

    /** The java executable running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True once the process has exited (a zombie waiting for its reaper counts as exited). */
    static boolean isGone(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (java.io.IOException e) {
                return true;
            }
        }
        return true;
    }

    /** Waits until every pid is gone; returns those still running after {@code timeoutMs}. */
    static List<Long> awaitGone(List<Long> pids, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<Long> left = new ArrayList<>(pids);
        while (true) {
            left.removeIf(TestPrograms::isGone);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(50); // polling the process table; there is no event to wait for
        }
    }
}
