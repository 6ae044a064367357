package io.spmd4j.systemtest;

import io.spmd4j.launcher.LaunchOptions;
import io.spmd4j.launcher.Launcher;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a rank program through the launcher, in process, in one of the {@link Mode}s, capturing what
 * the job printed and what it left in its shared-memory base directory: every job gets a fresh base
 * ({@code SPMD4J_SHM_DIR}), in /dev/shm when there is one, which must be empty once the job ended.
 */
final class Jobs {
    /** Options that make short-lived rank JVMs start quickly on a small machine. */
    static final List<String> FAST_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final Pattern MAX_HEAP = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");
    private static final Path DEV_SHM = Path.of("/dev/shm");

    private Jobs() {
    }

    /** The outcome of one job; {@code leftovers} are the paths the job left in its shared-memory base. */
    record Outcome(int exitCode, String out, String err, List<Path> leftovers) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err
                + (leftovers.isEmpty() ? "" : "--- left in the shared-memory base\n" + leftovers + "\n");
        }
    }

    /**
     * Runs {@code program} with {@code np} ranks.
     *
     * @param jvmArgs arguments of each rank's JVM; with {@link Mode#THREADS}, whose one JVM holds every
     *     rank, a heap limit {@code -Xmx} is multiplied by {@code np}
     */
    static Outcome run(Mode mode, int np, Class<?> program, List<String> jvmArgs, String... args) {
        List<String> jvm = new ArrayList<>(FAST_JVM);
        jvm.addAll(mode == Mode.THREADS ? heapForAllRanks(jvmArgs, np) : jvmArgs);
        Path shmBase = createShmBase();
        LaunchOptions options = mode.apply(LaunchOptions.builder())
            .np(np)
            .classpath(existingClasspath())
            .mainClass(program)
            .args(args)
            .jvmArgs(jvm)
            .export("SPMD4J_SHM_DIR", shmBase.toString())
            .timeout(Duration.ofSeconds(120))
            .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Launcher.run(options, o, e, new ByteArrayInputStream(new byte[0]));
        }
        List<Path> leftovers = contents(shmBase);
        deleteShmBase(shmBase);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
            leftovers);
    }

    static Outcome run(Mode mode, int np, Class<?> program, String... args) {
        return run(mode, np, program, List.of(), args);
    }

    /** The per-rank JVM arguments made fit for one JVM that holds {@code np} ranks. */
    static List<String> heapForAllRanks(List<String> jvmArgs, int np) {
        List<String> result = new ArrayList<>();
        for (String a : jvmArgs) {
            Matcher m = MAX_HEAP.matcher(a);
            result.add(m.matches() ? "-Xmx" + Long.parseLong(m.group(1)) * np + m.group(2) : a);
        }
        return result;
    }

    /** A fresh, private base directory for a job's shared-memory directory. */
    static Path createShmBase() {
        try {
            boolean devShm = Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM);
            return devShm ? Files.createTempDirectory(DEV_SHM, "spmd4j-systemtest-")
                : Files.createTempDirectory("spmd4j-systemtest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything under {@code dir}, deepest paths last. */
    static List<Path> contents(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteShmBase(Path dir) {
        try {
            ShmJobDirectory.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's classpath without entries that do not exist (Maven lists an empty target/classes). */
    static String existingClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> new File(e).exists())
            .collect(Collectors.joining(File.pathSeparator));
    }
}
