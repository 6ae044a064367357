package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.AbortThreadOnRank;
import io.spmd4j.launcher.programs.EchoStdin;
import io.spmd4j.launcher.programs.FailOnRank;
import io.spmd4j.launcher.programs.PrintEnvironment;
import io.spmd4j.launcher.programs.PrintLines;
import io.spmd4j.launcher.programs.ThrowOnRank;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jobs whose ranks are threads of one JVM ({@code --threads}), run in-process through {@link Launcher#run}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadsLauncherTest {
    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    private int run(LaunchOptions.Builder options, InputStream in) {
        return Launcher.run(options.threads(true).build(), out.printStream(), err.printStream(), in);
    }

    private List<String> launcherMessages() {
        return err.lines().stream().filter(l -> l.startsWith("spmdrun: ")).toList();
    }

    @Test
    void shouldRunEveryRankAsAThreadOfOneJvm() {
        assertEquals(0, run(TestPrograms.options(3, PrintEnvironment.class, "-e", "SPMD4J_RANK", "a", "--n", "5"), null),
            err.text());
        List<String> lines = out.lines();
        assertEquals(3, lines.size(), out.text());
        Set<String> pids = new HashSet<>();
        for (int r = 0; r < 3; r++) {
            int rank = r;
            String line = lines.stream().filter(l -> l.startsWith("rank " + rank + " of 3 ")).findFirst().orElseThrow();
            assertTrue(line.endsWith(" SPMD4J_RANK=0 args a --n 5"), "the JVM is rank 0 of a rendezvous of one: " + line);
            pids.add(line.split(" ")[7]);
        }
        assertEquals(1, pids.size(), "one JVM for all ranks: " + pids);
        assertEquals(List.of(), launcherMessages());
    }

    @Test
    void shouldTagEveryLineWithTheRankOfItsThread() {
        assertEquals(0, run(TestPrograms.options(3, PrintLines.class, "5", "10").tagOutput(true), null), err.text());
        assertEquals(15, out.lines().size(), out.text());
        for (LineCapture stream : List.of(out, err)) {
            for (String l : stream.lines()) {
                String rank = l.substring(1, 2);
                assertTrue(l.matches("\\[" + rank + "] " + rank + " \\d " + "[a-z]{10} " + rank), l);
            }
        }
    }

    @Test
    void shouldKeepLinesOfDifferentRanksWhole() {
        int np = 4;
        int count = 300;
        int length = 3_000;
        assertEquals(0, run(TestPrograms.options(np, PrintLines.class, Integer.toString(count),
            Integer.toString(length)), null), err.text());
        Pattern line = Pattern.compile("(\\d) (\\d+) ([a-z]+) (\\d)");
        for (LineCapture stream : List.of(out, err)) {
            Map<Integer, Integer> next = new HashMap<>();
            for (String l : stream.lines()) {
                Matcher m = line.matcher(l);
                assertTrue(m.matches(), "mixed or broken line: " + l.substring(0, Math.min(l.length(), 80)));
                int rank = Integer.parseInt(m.group(1));
                assertEquals(m.group(1), m.group(4));
                assertEquals(String.valueOf((char) ('a' + rank)).repeat(length), m.group(3));
                int expected = next.getOrDefault(rank, 0);
                assertEquals(expected, Integer.parseInt(m.group(2)), "lines of rank " + rank + " in order");
                next.put(rank, expected + 1);
            }
            for (int r = 0; r < np; r++) {
                assertEquals(count, next.getOrDefault(r, 0), "lines of rank " + r + " (last one without newline)");
            }
        }
    }

    @Test
    void shouldGiveStdinToRankZeroOnly() {
        InputStream in = new ByteArrayInputStream("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run(TestPrograms.options(3, EchoStdin.class), in), err.text());
        List<String> lines = out.lines();
        assertEquals(List.of("rank 0: first", "rank 0: second", "rank 0: eof after 2 lines"),
            lines.stream().filter(l -> l.startsWith("rank 0")).toList());
        assertTrue(lines.contains("rank 1: eof after 0 lines"), out.text());
        assertTrue(lines.contains("rank 2: eof after 0 lines"), out.text());
    }

    @Test
    void shouldEndTheJobWithTheCodeOfARankThatExits() {
        assertEquals(3, run(TestPrograms.options(4, FailOnRank.class, "2", "3"), null));
        assertTrue(err.lines().contains("rank 2 failing with 3"), err.text());
        assertEquals(1, launcherMessages().size(), err.text());
        assertTrue(launcherMessages().get(0).matches(
            "spmdrun: the ranks' JVM \\(pid \\d+\\) exited with code 3; ending the job"), err.text());
    }

    @Test
    void shouldEndTheJobWithCodeOneWhenARankThrows() {
        assertEquals(1, run(TestPrograms.options(3, ThrowOnRank.class, "1").tagOutput(true), null));
        assertTrue(err.lines().contains(
            "[1] Exception in thread \"rank-1\" java.lang.IllegalStateException: rank 1 throws"), err.text());
        assertTrue(launcherMessages().get(0).matches(
            "spmdrun: the ranks' JVM \\(pid \\d+\\) exited with code 1; ending the job"), err.text());
    }

    @Test
    void shouldNameTheRankThatAborted() {
        assertEquals(7, run(TestPrograms.options(3, AbortThreadOnRank.class, "1", "7"), null));
        assertEquals(1, launcherMessages().size(), err.text());
        assertTrue(launcherMessages().get(0).matches("spmdrun: rank 1 \\(a thread of pid \\d+\\) called abort "
            + "with code 7: rank 1 gives up; ending the job"), err.text());
    }
}
