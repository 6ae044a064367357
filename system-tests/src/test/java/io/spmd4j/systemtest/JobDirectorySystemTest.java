package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.Main;
import io.spmd4j.systemtest.programs.JobDirectoryProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job's shared-memory directory does not outlive the job, in every {@link Mode}: not after a
 * normal end, not after a rank was killed with SIGKILL, not after the launcher was. The ranks fill the
 * directory themselves ({@link JobDirectoryProgram}); the launcher, or the ranks' watchdog when the
 * launcher is gone, must remove it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobDirectorySystemTest {
    private static final int NP = 3;
    private static final long AWAIT_MS = 30_000;
    private static final Pattern CREATED = Pattern.compile("rank (\\d+) pid (\\d+) created (.*)");

    /** Asserts that every rank reported its file, in one job directory under {@code base}. */
    private static void assertEveryRankCreatedAFile(String out, Path base, int ranks) {
        List<Matcher> created = out.lines().map(CREATED::matcher).filter(Matcher::matches).toList();
        assertEquals(ranks, created.size(), "every rank made its file:\n" + out);
        Set<Path> dirs = created.stream().map(m -> Path.of(m.group(3)).getParent()).collect(Collectors.toSet());
        assertEquals(1, dirs.size(), "one job directory: " + dirs);
        assertEquals(base, dirs.iterator().next().getParent());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void shouldRemoveTheJobDirectoryAfterANormalEnd(Mode mode) {
        Jobs.Outcome o = Jobs.run(mode, NP, JobDirectoryProgram.class, "exit");
        assertEquals(0, o.exitCode(), o::toString);
        assertEquals(NP, o.out().lines().filter(l -> CREATED.matcher(l).matches()).count(), o::toString);
        assertEquals(List.of(), o.leftovers(), o::toString);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void shouldRemoveTheJobDirectoryAfterARankWasKilled(Mode mode) {
        Jobs.Outcome o = Jobs.run(mode, NP, JobDirectoryProgram.class, "kill", "1");
        assertEquals(137, o.exitCode(), o::toString);
        assertTrue(o.out().contains("rank 1 pid "), o::toString);
        assertEquals(List.of(), o.leftovers(), o::toString);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void shouldRemoveTheJobDirectoryAfterTheLauncherWasKilled(Mode mode) throws Exception {
        Path base = Jobs.createShmBase();
        Process launcher = null;
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", Jobs.existingClasspath(), Main.class.getName(),
                "-np", Integer.toString(NP), "--jvm-args", String.join(" ", Jobs.FAST_JVM), "-cp",
                Jobs.existingClasspath(), "-x", "SPMD4J_SHM_DIR=" + base));
            cmd.addAll(mode.spmdrunOptions());
            cmd.addAll(List.of(JobDirectoryProgram.class.getName(), "wait"));
            launcher = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            launcher.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            Set<Long> pids = ConcurrentHashMap.newKeySet();
            BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8));
            while (out.toString().lines().filter(l -> CREATED.matcher(l).matches()).count() < NP) {
                String line = lines.readLine(); // the test's timeout bounds a job that never gets ready
                if (line == null) {
                    break;
                }
                out.append(line).append('\n');
                Matcher m = CREATED.matcher(line);
                if (m.matches()) {
                    pids.add(Long.parseLong(m.group(2)));
                }
            }
            assertEveryRankCreatedAFile(out.toString(), base, NP);

            launcher.destroyForcibly(); // SIGKILL: the launcher cannot clean up; the ranks' watchdogs must
            assertTrue(launcher.waitFor(AWAIT_MS, TimeUnit.MILLISECONDS), "the launcher survived SIGKILL");
            assertEquals(List.of(), awaitGone(pids), "ranks outlived their launcher");
            assertEquals(List.of(), Jobs.contents(base), "the job directory outlived the launcher");
        } finally {
            if (launcher != null) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            Jobs.deleteShmBase(base);
        }
    }

    /** Waits until the processes have exited; returns those still running after {@link #AWAIT_MS}. */
    private static List<Long> awaitGone(Set<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
        List<Long> left = new ArrayList<>(pids);
        while (true) {
            left.removeIf(JobDirectorySystemTest::isGone);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(50); // polling the process table; there is no event to wait for
        }
    }

    /** True once the process has exited; an orphaned zombie waiting for its reaper counts as exited. */
    private static boolean isGone(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
