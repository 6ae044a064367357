package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.AbortOnRank;
import io.spmd4j.launcher.programs.AbortThreadOnRank;
import io.spmd4j.launcher.programs.FailOnRank;
import io.spmd4j.launcher.programs.FillJobDirectory;
import io.spmd4j.launcher.programs.KillSelfOnRank;
import io.spmd4j.launcher.programs.PrintEnvironment;
import io.spmd4j.launcher.programs.SleepForever;
import io.spmd4j.launcher.programs.ThrowOnRank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher owns the job's shared-memory directory: it tells every rank where it is and removes it
 * when the job ends, however it ends. The ranks here make the directory and a file in it themselves
 * ({@link FillJobDirectory}), as the shared-memory transport does, under a temporary base directory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobDirectoryTest {
    private static final String USER = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");

    @TempDir
    Path shmBase;

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    /** Runs {@code FillJobDirectory program args} with SPMD4J_SHM_DIR pointing at the temporary base. */
    private int runFilling(int np, boolean threads, Duration timeout, Class<?> program, String... args) {
        String[] all = Stream.concat(Stream.of(program.getName()), Stream.of(args)).toArray(String[]::new);
        LaunchOptions o = TestPrograms.options(np, FillJobDirectory.class, all).threads(threads)
            .export("SPMD4J_SHM_DIR", shmBase.toString()).timeout(timeout).build();
        return Launcher.run(o, out.printStream(), err.printStream(), null);
    }

    /** Asserts that a rank made its file in a job directory under the base and that nothing is left. */
    private void assertRemoved() throws IOException {
        List<String> created = out.lines().stream().filter(l -> l.matches("rank \\d+ created .*")).toList();
        assertFalse(created.isEmpty(), "no rank created its file; stdout:\n" + out.text() + "stderr:\n" + err.text());
        for (String line : created) {
            Path file = Path.of(line.substring(line.indexOf(" created ") + " created ".length()));
            assertEquals(shmBase, file.getParent().getParent(), line);
            assertTrue(file.getParent().getFileName().toString().matches("spmd4j-" + USER + "-[0-9a-f]{16}"), line);
        }
        try (Stream<Path> left = Files.list(shmBase)) {
            assertEquals(List.of(), left.toList(), "the job directory outlived the job");
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldRemoveTheJobDirectoryAfterANormalEnd(boolean threads) throws IOException {
        assertEquals(0, runFilling(3, threads, Duration.ofSeconds(60), PrintEnvironment.class), err.text());
        assertEquals(3, out.lines().stream().filter(l -> l.contains(" created ")).count(), out.text());
        assertRemoved();
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldRemoveTheJobDirectoryAfterARankFailed(boolean threads) throws IOException {
        assertEquals(3, runFilling(3, threads, Duration.ofSeconds(60), FailOnRank.class, "1", "3"), err.text());
        assertRemoved();
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldRemoveTheJobDirectoryAfterARankThrew(boolean threads) throws IOException {
        assertEquals(1, runFilling(2, threads, Duration.ofSeconds(60), ThrowOnRank.class, "1"), err.text());
        assertRemoved();
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldRemoveTheJobDirectoryAfterARankWasKilled(boolean threads) throws IOException {
        assertEquals(137, runFilling(3, threads, Duration.ofSeconds(60), KillSelfOnRank.class, "1"), err.text());
        assertRemoved();
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldRemoveTheJobDirectoryAfterTheTimeout(boolean threads) throws IOException {
        assertEquals(ExitCodes.TIMEOUT, runFilling(2, threads, Duration.ofSeconds(3), SleepForever.class));
        assertRemoved();
    }

    @Test
    void shouldRemoveTheJobDirectoryAfterAnAbort() throws IOException {
        assertEquals(7, runFilling(3, false, Duration.ofSeconds(60), AbortOnRank.class, "1", "7"), err.text());
        assertRemoved();
    }

    @Test
    void shouldRemoveTheJobDirectoryAfterAnAbortOfAThreadRank() throws IOException {
        assertEquals(7, runFilling(3, true, Duration.ofSeconds(60), AbortThreadOnRank.class, "1", "7"), err.text());
        assertRemoved();
    }

    @Test
    void shouldPlaceTheJobDirectoryAsTheRanksSeeTheSetting(@TempDir Path fromJvmArgs) {
        LaunchOptions exported = TestPrograms.options(2, PrintEnvironment.class, "-e", "SPMD4J_JOB_DIR")
            .export("SPMD4J_SHM_DIR", shmBase.toString()).build();
        assertEquals(0, Launcher.run(exported, out.printStream(), err.printStream(), null), err.text());
        LaunchOptions property = TestPrograms.options(2, PrintEnvironment.class, "-e", "SPMD4J_JOB_DIR")
            .export("SPMD4J_SHM_DIR", shmBase.toString()).jvmArgs("-Dspmd4j.shm.dir=" + fromJvmArgs).build();
        assertEquals(0, Launcher.run(property, out.printStream(), err.printStream(), null), err.text());
        List<String> lines = out.lines();
        assertEquals(4, lines.size(), out.text());
        for (int i = 0; i < lines.size(); i++) {
            String job = lines.get(i).split(" ")[5];
            Path base = i < 2 ? shmBase : fromJvmArgs;
            assertTrue(lines.get(i).contains(" SPMD4J_JOB_DIR=" + base.resolve("spmd4j-" + USER + "-" + job) + " "),
                lines.get(i));
        }
    }
}
