package io.spmd4j.systemtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real {@code bin/spmdrun} job as a process, for fault-injection and security tests: its output lines
 * as they come, the process tree (launcher, rank JVMs), the TCP sockets each process listens on (from
 * {@code /proc/PID/fd} and {@code /proc/net/tcp}), and after the end what it left behind. Each job gets a
 * fresh shared-memory base ({@code SPMD4J_SHM_DIR}). Closing kills whatever is still running.
 */
final class FaultJob implements AutoCloseable {
    static final Path SPMDRUN = Path.of("..", "bin", "spmdrun").toAbsolutePath().normalize();

    /** How /proc/net/tcp6 writes an IPv4-mapped address (::ffff:a.b.c.d) before the IPv4 part. */
    private static final String V4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    /**
     * A listening TCP socket: its local address as /proc/net/tcp writes it (an IPv4-mapped IPv6 address as
     * its IPv4 part), and its port.
     */
    record Listener(long pid, String address, int port) {
    }

    final Process launcher;
    final Path shmBase;
    /** Whether {@link #close} removes {@link #shmBase}: false for a base the test made (a mount point). */
    private final boolean ownsShmBase;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Set<Long> seenPids = new HashSet<>();
    private final Set<Integer> seenPorts = new HashSet<>();
    private volatile long endNanos;

    private FaultJob(Process launcher, Path shmBase, boolean ownsShmBase) {
        this.launcher = launcher;
        this.shmBase = shmBase;
        this.ownsShmBase = ownsShmBase;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("(output reader failed: " + e + ")");
            }
        }, "fault-job-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code spmdrun <options> -cp <this classpath> <program> <args>} with stdout and stderr merged. */
    static FaultJob start(List<String> options, Class<?> program, String... args) {
        return start(null, options, List.of(), program, args);
    }

    /**
     * Starts {@code spmdrun <options> --jvm-args "<fast JVM options> <jvmArgs>" -cp <this classpath>
     * <program> <args>} with stdout and stderr merged.
     *
     * @param shmBase the shared-memory base of the job, which the caller made and removes; null for a fresh
     *     one that {@link #close} removes
     */
    static FaultJob start(Path shmBase, List<String> options, List<String> jvmArgs, Class<?> program,
        String... args) {
        Path base = shmBase != null ? shmBase : Jobs.createShmBase();
        List<String> jvm = new ArrayList<>(Jobs.FAST_JVM);
        jvm.addAll(jvmArgs);
        List<String> cmd = new ArrayList<>(List.of("bash", SPMDRUN.toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("--jvm-args", String.join(" ", jvm), "-cp", Jobs.existingClasspath(), program.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPMD4J_SHM_DIR", base.toString());
        try {
            return new FaultJob(pb.start(), base, shmBase == null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code line} to the job's standard input, which the launcher forwards to rank 0. */
    void input(String line) throws IOException {
        launcher.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        launcher.getOutputStream().flush();
    }

    /** The options of a job of {@code np} ranks in {@code mode}. */
    static List<String> options(Mode mode, int np, String... more) {
        List<String> o = new ArrayList<>(List.of("-np", String.valueOf(np)));
        o.addAll(mode.spmdrunOptions());
        o.addAll(List.of(more));
        return o;
    }

    /** Waits until a line matches (true), or the job ended or the timeout passed (false). */
    boolean awaitLine(Predicate<String> p, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(p)) {
                return true;
            }
            if (!launcher.isAlive()) {
                Thread.sleep(100); // the last lines may still be in the reader
                return lines.stream().anyMatch(p);
            }
            observe();
            Thread.sleep(20);
        }
        return false;
    }

    /** Records the job's processes and listening ports seen now, for the leftover checks. */
    void observe() {
        for (ProcessHandle h : processes()) {
            seenPids.add(h.pid());
            for (Listener l : listeners(h.pid())) {
                seenPorts.add(l.port());
            }
        }
    }

    /** The launcher and everything it started that is alive now. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        if (launcher.isAlive()) {
            all.add(launcher.toHandle());
        }
        launcher.descendants().forEach(all::add);
        return all;
    }

    /** The pid of the rank JVM whose environment says it is {@code rank}; -1 when none. */
    long rankPid(int rank) {
        for (ProcessHandle h : launcher.descendants().collect(Collectors.toList())) {
            if (java.util.Arrays.asList(environment(h.pid()).split("\0")).contains("SPMD4J_RANK=" + rank)) {
                return h.pid();
            }
        }
        return -1;
    }

    /** The environment of {@code pid} as NUL-separated text, or "" when it is gone. */
    static String environment(long pid) {
        return readProc(Path.of("/proc", String.valueOf(pid), "environ"));
    }

    /** The command line of {@code pid} with its NULs as blanks, or "" when it is gone. */
    static String commandLine(long pid) {
        return readProc(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
    }

    private static String readProc(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The TCP sockets {@code pid} listens on. */
    static List<Listener> listeners(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            });
        } catch (IOException | UncheckedIOException gone) {
            return List.of();
        }
        List<Listener> out = new ArrayList<>();
        for (String[] row : listeningRows()) {
            if (inodes.contains(row[9])) {
                String[] local = row[1].split(":");
                String address = local[0].startsWith(V4_MAPPED_PREFIX) ? local[0].substring(V4_MAPPED_PREFIX.length())
                    : local[0];
                out.add(new Listener(pid, address, Integer.parseInt(local[1], 16)));
            }
        }
        return out;
    }

    /** Rows of /proc/net/tcp and tcp6 in state LISTEN (0A), split on blanks. */
    static List<String[]> listeningRows() {
        List<String[]> rows = new ArrayList<>();
        for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(f))) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length > 9 && "0A".equals(cols[3])) {
                        rows.add(cols);
                    }
                }
            } catch (IOException e) {
                // no IPv6
            }
        }
        return rows;
    }

    /** Waits for the launcher to exit; returns its exit code, or throws after {@code timeoutMs}. */
    int awaitExit(long timeoutMs) throws InterruptedException {
        if (!launcher.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the job did not end within " + timeoutMs + " ms:\n" + output());
        }
        endNanos = System.nanoTime(); // within a few ms of the exit: waitFor returns when it is reaped
        return launcher.exitValue();
    }

    /** Milliseconds from {@code faultNanos} to the launcher's exit. */
    long millisSince(long faultNanos) {
        return (endNanos - faultNanos) / 1_000_000L;
    }

    String output() {
        return String.join("\n", lines);
    }

    /**
     * What the ended job left behind: live processes of those seen, ports seen still listening, and files in
     * its shared-memory base. Waits up to {@code graceMs} for the processes to be reaped.
     */
    List<String> leftovers(long graceMs) throws InterruptedException {
        long deadline = System.nanoTime() + graceMs * 1_000_000L;
        List<String> left;
        do {
            left = new ArrayList<>();
            for (long pid : seenPids) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && !readProc(Path.of("/proc", String.valueOf(pid), "stat")).contains(") Z ")) {
                    left.add("process " + pid + " " + commandLine(pid));
                }
            }
            Set<Integer> listening = listeningRows().stream()
                .map(r -> Integer.parseInt(r[1].split(":")[1], 16)).collect(Collectors.toSet());
            for (int port : seenPorts) {
                if (listening.contains(port)) {
                    left.add("port " + port + " still listening");
                }
            }
            for (Path p : Jobs.contents(shmBase)) {
                left.add("file " + p);
            }
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return left;
    }

    /** The number of distinct processes seen; a check that the observation worked. */
    int processesSeen() {
        return seenPids.size();
    }

    /** The listening ports seen. */
    Set<Integer> portsSeen() {
        return seenPorts;
    }

    /** Sends {@code signal} (e.g. "KILL") to {@code pid} with kill(1). */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + signal.toUpperCase(Locale.ROOT), String.valueOf(pid)).start();
        k.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        try {
            launcher.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsShmBase) {
            Jobs.deleteShmBase(shmBase);
        }
    }
}
