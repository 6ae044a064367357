package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.HostCheck;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare {@code srun -n N java ... Main} step without Slurm: the test starts the tasks itself with the
 * variables srun gives them (one node, {@code localhost}), and the runtime wires them up through the
 * rendezvous the first task runs. The integration checks run the same under a real Slurm.
 */
class SlurmDirectLaunchTest {
    private static final int TASKS = 3;
    private final List<Process> tasks = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        tasks.forEach(Process::destroyForcibly);
    }

    private List<Process> startStep(String... args) throws IOException {
        return startStep(Map.of(), args);
    }

    private List<Process> startStep(Map<String, String> extraEnv, String... args) throws IOException {
        SecureRandom random = new SecureRandom();
        String jobId = Integer.toString(1_000_000 + random.nextInt(1_000_000)); // no clash with a concurrent run
        byte[] key = new byte[32];
        random.nextBytes(key);
        for (int r = 0; r < TASKS; r++) {
            List<String> cmd = new ArrayList<>(List.of(TestPrograms.java()));
            cmd.addAll(TestPrograms.FAST_JVM_ARGS);
            cmd.add("-cp");
            cmd.add(TestPrograms.launcherClasspath() + File.pathSeparator + TestPrograms.classes());
            cmd.add(HostCheck.class.getName());
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("SLURM") || k.startsWith("SPMD4J_"));
            env.putAll(Map.of("SLURM_JOB_ID", jobId, "SLURM_STEP_ID", "0", "SLURM_PROCID", Integer.toString(r),
                "SLURM_NTASKS", Integer.toString(TASKS), "SLURM_LOCALID", Integer.toString(r),
                "SLURM_STEP_NODELIST", "localhost", "SLURM_STEP_TASKS_PER_NODE", Integer.toString(TASKS),
                "SLURMD_NODENAME", "localhost", "SPMD4J_SLURM_KEY", HexFormat.of().formatHex(key)));
            env.putAll(extraEnv);
            tasks.add(pb.start());
        }
        tasks.forEach(p -> {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return tasks;
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldWireUpTasksFromTheSlurmEnvironment() throws Exception {
        List<Process> step = startStep();
        for (int r = 0; r < TASKS; r++) {
            Process p = step.get(r);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "task " + r + " did not end");
            String out = output(p);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("rank " + r + " of " + TASKS + " on "), out);
            assertTrue(out.contains(" sum 3"), out);
        }
    }

    @Test
    void shouldEndEveryTaskWhenOneFailsSoThatSrunReportsItsCode() throws Exception {
        List<Process> step = startStep("fail", "2", "7");
        for (int r = 0; r < TASKS; r++) {
            Process p = step.get(r);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "task " + r + " was not ended");
            String out = output(p);
            assertEquals(r == 2 ? 7 : io.spmd4j.bootstrap.LauncherLink.EXIT_JOB_ENDED, p.exitValue(), out);
            if (r == 0) {
                assertTrue(out.contains("rank 2 ended before it finalized; ending the job step"), out);
            }
        }
    }

    /**
     * Slurm ends a step's tasks with SIGTERM (scancel, the time limit) and no launcher cleans up after
     * them: each task removes its own files, and the last one the job directory. (When tasks end one by
     * one, the first task, which runs the rendezvous, sees it and removes the directory itself.)
     */
    @Test
    void shouldRemoveTheStepsFilesWhenSlurmTerminatesItsTasks(@TempDir Path shmBase) throws Exception {
        List<Process> step = startStep(Map.of("SPMD4J_SHM_DIR", shmBase.toString()), "sleep");
        for (int r = 0; r < TASKS; r++) {
            BufferedReader out = new BufferedReader(new InputStreamReader(step.get(r).getInputStream(),
                StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("rank " + r + " of " + TASKS), "task " + r + ": " + line);
        }
        assertEquals(TASKS, filesUnder(shmBase).stream().filter(f -> f.endsWith(".sock")).count(),
            "one socket per task: " + filesUnder(shmBase));
        step.forEach(p -> p.toHandle().destroy()); // every task at once: none is left to see the others end
        for (int r = 0; r < TASKS; r++) {
            assertTrue(step.get(r).waitFor(60, TimeUnit.SECONDS), "task " + r + " did not end on SIGTERM");
        }
        try (Stream<Path> left = Files.list(shmBase)) {
            assertEquals(List.of(), left.toList(), "the job directory outlived the step");
        }
    }

    /** The names of the regular files and sockets below {@code dir}. */
    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isDirectory(p)).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
