package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.SleepForever;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code spmdrun} as a separate process, for what only a real launcher process shows: signals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherProcessTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final long GONE_WITHIN_MS = 10_000;

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();
    private Process launcher;

    /** Starts {@code spmdrun -np 2 SleepForever} and returns the ranks' pids once both are ready. */
    private List<Long> startSleepingJob() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TestPrograms.java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", TestPrograms.launcherClasspath(), Main.class.getName(), "-np", "2",
            "--jvm-args", String.join(" ", TestPrograms.FAST_JVM_ARGS), "-cp", TestPrograms.classes().toString(),
            SleepForever.class.getName()));
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
        return pids;
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

    @Test
    void shouldLeaveNoRankBehindWhenTheLauncherIsKilled() throws Exception {
        List<Long> ranks = startSleepingJob();
        launcher.destroyForcibly(); // SIGKILL: no handler, no shutdown hook runs
        assertEquals(137, awaitLauncherExit());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS), "ranks outlived their launcher");
    }

    @Test
    void shouldForwardSigintToTheRanksAndEndWithTheirCode() throws Exception {
        List<Long> ranks = startSleepingJob();
        signalLauncher("INT");
        assertEquals(130, awaitLauncherExit());
        assertTrue(err.lines().stream().anyMatch(l -> l.matches(
            "spmdrun: rank \\d \\(pid \\d+\\) was killed by signal 2 \\(SIGINT\\); ending the job")), err.text());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS));
    }

    @Test
    void shouldKillTheRanksWhenTheLauncherIsHungUp() throws Exception {
        List<Long> ranks = startSleepingJob();
        signalLauncher("HUP"); // not forwarded: the JVM exits and the shutdown hook kills the ranks
        assertEquals(129, awaitLauncherExit());
        assertEquals(List.of(), TestPrograms.awaitGone(ranks, GONE_WITHIN_MS));
    }
}
