package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.FillJobDirectory;
import io.spmd4j.launcher.programs.SleepForever;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spmdrun} as a separate process, for what only a real launcher process shows: signals. Every
 * job makes its shared-memory directory under a temporary base, and no test may leave it behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherProcessTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final long GONE_WITHIN_MS = 10_000;

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();
    private Process launcher;
    @TempDir
    Path shmBase;

    /**
     * Starts {@code spmdrun -np 2 FillJobDirectory SleepForever} (as threads of one JVM with
     * {@code threads}) and returns the ranks' pids once both are ready and have filled the job directory.
     */
    private List<Long> startSleepingJob(boolean threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TestPrograms.java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", TestPrograms.launcherClasspath(), Main.class.getName(), "-np", "2",
            "--jvm-args", String.join(" ", TestPrograms.FAST_JVM_ARGS), "-cp", TestPrograms.classes().toString(),
            "-x", "SPMD4J_SHM_DIR=" + shmBase));
        if (threads) {
            cmd.add("--threads");
        }
        cmd.addAll(List.of(FillJobDirectory.class.getName(), SleepForever.class.getName()));
        launcher = new ProcessBuilder(cmd).start();
        launcher.getOutputStream().close();
        copy(launcher.getInputStream(), out);
        copy(launcher.getErrorStream(), err);
        List<Long> pids = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            String rank = "rank " + r + " pid ";
            String ready = out.awaitLine(l -> l.startsWith(rank) && l.endsWith(" ready"), AWAIT);
            pids.add(Long.parseLong(ready.substring(rank.length(), ready.length() - " ready".length())));
        }
        try (Stream<Path> dirs = Files.list(shmBase)) {
            assertEquals(1, dirs.count(), "the ranks made the job directory");
        }
        return pids;
    }

    private List<Long> startSleepingJob() throws IOException, InterruptedException {
        return startSleepingJob(false);
    }

    /** Asserts that the job directory is gone; the ranks have exited by then. */
    private void assertJobDirectoryRemoved() throws IOException {
        try (Stream<Path> left = Files.list(shmBase)) {
            assertEquals(List.of(), left.toList(), "the job directory outlived the job");
        }
    }

    private static void copy(InputStream from, LineCapture to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from) {
                in.transferTo(to);
            } catch (IOException e) {
                // the launcher is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void signalLauncher(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).inheritIO().start();
        assertTrue(kill.waitFor(AWAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }

    private int awaitLauncherExit() throws InterruptedException {
        assertTrue(launcher.waitFor(AWAIT.toSeconds(), TimeUnit.SECONDS), "launcher still runs; stderr:\n" + err.text());
        return launcher.exitValue();
    }

    @AfterEach
    void killLauncher() {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldLeaveNoRankNorJobDirectoryBehindWhenTheLauncherIsKilled(boolean threads) throws Exception {
        List<Long> ranks = startSleepingJob(threads);
        launcher.destroyForcibly(); // SIGKILL: no handler, no shutdown hook runs
        assertEquals(137, awaitLauncherExit());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS), "ranks outlived their launcher");
        assertJobDirectoryRemoved(); // by the ranks' watchdogs, before they halted
    }

    @Test
    void shouldForwardSigintToTheRanksAndEndWithTheirCode() throws Exception {
        List<Long> ranks = startSleepingJob();
        signalLauncher("INT");
        assertEquals(130, awaitLauncherExit());
        assertTrue(err.lines().stream().anyMatch(l -> l.matches(
            "spmdrun: rank \\d \\(pid \\d+\\) was killed by signal 2 \\(SIGINT\\); ending the job")), err.text());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS));
        assertJobDirectoryRemoved();
    }

    @Test
    void shouldKillTheRanksWhenTheLauncherIsHungUp() throws Exception {
        List<Long> ranks = startSleepingJob();
        signalLauncher("HUP"); // not forwarded: the JVM exits and the shutdown hook kills the ranks
        assertEquals(129, awaitLauncherExit());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS));
        assertJobDirectoryRemoved();
    }
}
