package io.spmd4j.testing;

import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.bootstrap.LaunchEnv;
import io.spmd4j.bootstrap.RankMain;
import io.spmd4j.bootstrap.RendezvousServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real multi-process job without the launcher module: an in-process rendezvous service and N
 * rank JVMs started through {@link RankMain} with this test's classpath. For runtime tests only;
 * the launcher's own system tests go through {@code spmdrun}.
 */
public final class LocalJob {
    /** JVM options that make short-lived rank JVMs start fast. */
    public static final List<String> FAST_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    /** What a finished job produced. */
    public record Result(int[] exitCodes, List<String> stdout, List<String> stderr) {
        /** True when every rank exited 0. */
        public boolean ok() {
            return Arrays.stream(exitCodes).allMatch(c -> c == 0);
        }

        @Override
        public String toString() {
            return "exit codes " + Arrays.toString(exitCodes) + "\nstdout:\n" + String.join("\n", stdout)
                + "\nstderr:\n" + String.join("\n", stderr);
        }
    }

    private LocalJob() {
    }

    /** Runs {@code mainClass} on {@code np} ranks with extra JVM options; kills everything after the timeout. */
    public static Result run(int np, Class<?> mainClass, List<String> jvmOptions, long timeoutSeconds, String... args)
        throws IOException, InterruptedException {
        JobSecret secret = JobSecret.generate();
        try (RendezvousServer server = new RendezvousServer(np, secret, InetAddress.getLoopbackAddress(),
            new RendezvousServer.Listener() { })) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Process> procs = new ArrayList<>();
            List<Path> outs = new ArrayList<>();
            List<Path> errs = new ArrayList<>();
            for (int r = 0; r < np; r++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.addAll(FAST_JVM);
                cmd.addAll(jvmOptions);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(RankMain.class.getName());
                cmd.add(mainClass.getName());
                cmd.addAll(Arrays.asList(args));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                Map<String, String> env = pb.environment();
                env.put(LaunchEnv.RANK, Integer.toString(r));
                env.put(LaunchEnv.SIZE, Integer.toString(np));
                env.put(LaunchEnv.JOB_ID, "test");
                env.put(LaunchEnv.RENDEZVOUS, server.endpoint());
                env.put(LaunchEnv.SECRET, secret.toHex());
                Path out = File.createTempFile("rank" + r, ".out").toPath();
                Path err = File.createTempFile("rank" + r, ".err").toPath();
                pb.redirectOutput(out.toFile());
                pb.redirectError(err.toFile());
                outs.add(out);
                errs.add(err);
                procs.add(pb.start());
            }
            int[] codes = new int[np];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (int r = 0; r < np; r++) {
                long left = deadline - System.nanoTime();
                if (!procs.get(r).waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    procs.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
                    procs.forEach(Process::destroyForcibly);
                    codes[r] = -1;
                } else {
                    codes[r] = procs.get(r).exitValue();
                }
            }
            for (Process p : procs) {
                p.waitFor(5, TimeUnit.SECONDS);
            }
            List<String> stdout = new ArrayList<>();
            List<String> stderr = new ArrayList<>();
            for (int r = 0; r < np; r++) {
                for (String line : Files.readAllLines(outs.get(r), StandardCharsets.UTF_8)) {
                    stdout.add("[" + r + "] " + line);
                }
                for (String line : Files.readAllLines(errs.get(r), StandardCharsets.UTF_8)) {
                    stderr.add("[" + r + "] " + line);
                }
                Files.deleteIfExists(outs.get(r));
                Files.deleteIfExists(errs.get(r));
            }
            return new Result(codes, stdout, stderr);
        }
    }
}
