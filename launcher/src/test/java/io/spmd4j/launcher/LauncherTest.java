package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.launcher.programs.AbortOnRank;
import io.spmd4j.launcher.programs.EchoStdin;
import io.spmd4j.launcher.programs.FailOnRank;
import io.spmd4j.launcher.programs.KillSelfOnRank;
import io.spmd4j.launcher.programs.PrintEnvironment;
import io.spmd4j.launcher.programs.PrintLines;
import io.spmd4j.launcher.programs.PrintRendezvousThenWait;
import io.spmd4j.launcher.programs.SleepForever;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jobs of real rank processes, run in-process through {@link Launcher#run}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** How long ending a job may take once a rank failed, with JVM start-up of the ranks on top. */
    private static final long FAILURE_BOUND_MS = 20_000;

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    private int run(LaunchOptions options, InputStream in) {
        return Launcher.run(options, out.printStream(), err.printStream(), in);
    }

    private List<String> launcherMessages() {
        return err.lines().stream().filter(l -> l.startsWith("spmdrun: ")).toList();
    }

    @Test
    void shouldRunEveryRankAndExitZero() {
        assertEquals(0, run(TestPrograms.options(3, PrintEnvironment.class, "a", "--n", "5").build(), null));
        List<String> lines = out.lines();
        assertEquals(3, lines.size(), out.text());
        Set<String> jobIds = new HashSet<>();
        for (int r = 0; r < 3; r++) {
            int rank = r;
            String line = lines.stream().filter(l -> l.startsWith("rank " + rank + " of 3 ")).findFirst().orElseThrow();
            assertTrue(line.endsWith(" args a --n 5"), line);
            jobIds.add(line.split(" ")[5]);
        }
        assertEquals(1, jobIds.size(), "one job id for all ranks: " + jobIds);
        assertEquals(List.of(), launcherMessages());
    }

    @Test
    void shouldForwardWholeLinesWithoutInterleaving() {
        int np = 4;
        int count = 300;
        int length = 3_000;
        assertEquals(0, run(TestPrograms.options(np, PrintLines.class, Integer.toString(count),
            Integer.toString(length)).build(), null));
        for (LineCapture stream : List.of(out, err)) {
            Map<Integer, Integer> next = new HashMap<>();
            Pattern line = Pattern.compile("(\\d) (\\d+) ([a-z]+) (\\d)");
            for (String l : stream.lines()) {
                Matcher m = line.matcher(l);
                assertTrue(m.matches(), "mixed or broken line: " + l.substring(0, Math.min(l.length(), 80)));
                int rank = Integer.parseInt(m.group(1));
                assertEquals(m.group(1), m.group(4));
                assertEquals(length, m.group(3).length());
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
    void shouldTagEveryLineWithItsRank() {
        assertEquals(0, run(TestPrograms.options(3, PrintLines.class, "5", "10").tagOutput(true).build(), null));
        assertEquals(15, out.lines().size());
        for (String l : out.lines()) {
            String rank = l.substring(1, 2);
            assertTrue(l.matches("\\[" + rank + "] " + rank + " \\d " + "[a-z]{10} " + rank), l);
        }
        assertTrue(err.lines().stream().allMatch(l -> l.matches("\\[\\d] .*")), err.text());
    }

    @Test
    void shouldForwardStdinToRankZeroOnly() {
        InputStream in = new ByteArrayInputStream("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run(TestPrograms.options(3, EchoStdin.class).build(), in));
        List<String> lines = out.lines();
        assertEquals(List.of("rank 0: first", "rank 0: second", "rank 0: eof after 2 lines"),
            lines.stream().filter(l -> l.startsWith("rank 0")).toList());
        assertTrue(lines.contains("rank 1: eof after 0 lines"), out.text());
        assertTrue(lines.contains("rank 2: eof after 0 lines"), out.text());
    }

    @Test
    void shouldEndTheJobWithTheCodeOfTheFirstFailingRank() {
        long start = System.nanoTime();
        int code = run(TestPrograms.options(4, FailOnRank.class, "2", "3").build(), null);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(3, code);
        assertTrue(tookMs < FAILURE_BOUND_MS, "the job ended after " + tookMs + " ms, not at once");
        List<String> messages = launcherMessages();
        assertEquals(1, messages.size(), err.text());
        assertTrue(messages.get(0).matches("spmdrun: rank 2 \\(pid \\d+\\) exited with code 3; ending the job"),
            messages.get(0));
        assertTrue(err.lines().contains("rank 2 failing with 3"), "the rank's own output comes first");
        assertEquals(err.lines().size() - 1, err.lines().indexOf(messages.get(0)), "the launcher's line is last");
    }

    @Test
    void shouldEndTheJobWithTheCodeAndMessageOfAnAbort() {
        int code = run(TestPrograms.options(3, AbortOnRank.class, "1", "7").build(), null);
        assertEquals(7, code);
        assertEquals(1, launcherMessages().size(), err.text());
        assertTrue(launcherMessages().get(0).matches(
            "spmdrun: rank 1 \\(pid \\d+\\) called abort with code 7: rank 1 gives up; ending the job"), err.text());
    }

    @Test
    void shouldReportARankKilledBySignal() {
        int code = run(TestPrograms.options(3, KillSelfOnRank.class, "1").build(), null);
        assertEquals(137, code);
        assertTrue(launcherMessages().get(0)
            .matches("spmdrun: rank 1 \\(pid \\d+\\) was killed by signal 9 \\(SIGKILL\\); ending the job"), err.text());
    }

    @Test
    void shouldKillTheRanksWhenTheTimeoutExpires() throws InterruptedException {
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> run(
            TestPrograms.options(2, SleepForever.class).timeout(Duration.ofSeconds(3)).build(), null));
        List<Long> pids = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            String ready = out.awaitLine(l -> l.startsWith("rank ") && l.endsWith(" ready")
                && pids.stream().noneMatch(p -> l.contains(" pid " + p + " ")), AWAIT);
            pids.add(Long.parseLong(ready.split(" ")[3]));
        }
        assertEquals(ExitCodes.TIMEOUT, job.join());
        assertEquals(List.of("spmdrun: job timed out after 3 s; killed ranks"), launcherMessages());
        assertEquals(List.of(), TestPrograms.awaitGone(pids, 0), "no rank outlives the job");
    }

    @Test
    void shouldSetEnvironmentAndWorkingDirectoryOfEveryRank(@TempDir Path wdir) {
        LaunchOptions o = TestPrograms.options(2, PrintEnvironment.class, "-e", "GREETING", "-e", "HOME", "x")
            .export("GREETING", "hello world").workingDirectory(wdir).build();
        assertEquals(0, run(o, null));
        for (String l : out.lines()) {
            assertTrue(l.contains(" wdir " + wdir.toAbsolutePath() + " GREETING=hello world HOME=" + System.getenv("HOME")
                + " args x"), l);
        }
    }

    @Test
    void shouldSetTheTransportInEveryRankOnlyWhenAsked() {
        assertEquals(0, run(TestPrograms.options(2, PrintEnvironment.class, "-e", "SPMD4J_TRANSPORT")
            .transport("tcp").build(), null));
        assertEquals(0, run(TestPrograms.options(1, PrintEnvironment.class, "-e", "SPMD4J_TRANSPORT").build(), null));
        List<String> lines = out.lines();
        assertEquals(3, lines.size(), out.text());
        assertEquals(2, lines.stream().filter(l -> l.endsWith(" SPMD4J_TRANSPORT=tcp args")).count(), out.text());
        assertTrue(lines.get(2).endsWith(" SPMD4J_TRANSPORT=null args"), lines.get(2));
    }

    @Test
    void shouldRunTheMainClassNamedByAJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintEnvironment.class.getName());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
            for (Class<?> c : List.of(PrintEnvironment.class, Class.forName(PrintEnvironment.class.getPackageName()
                + ".Ranks"))) {
                String entry = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(entry));
                j.write(Files.readAllBytes(TestPrograms.classes().resolve(entry)));
                j.closeEntry();
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        LaunchOptions o = LaunchOptions.builder().np(2).jar(jar).args("from-jar")
            .jvmArgs(TestPrograms.FAST_JVM_ARGS).timeout(Duration.ofSeconds(60)).build();
        assertEquals(0, run(o, null), err.text());
        assertEquals(2, out.lines().stream().filter(l -> l.endsWith(" args from-jar")).count(), out.text());
    }

    @Test
    void shouldRejectAnUnauthenticatedRendezvousConnectionAndGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InputStream stdin = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(
            () -> run(TestPrograms.options(2, PrintRendezvousThenWait.class).build(), stdin));
        String endpoint = out.awaitLine(l -> l.startsWith("rendezvous "), AWAIT).substring("rendezvous ".length());
        int colon = endpoint.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))),
                (int) AWAIT.toMillis());
            s.setSoTimeout((int) AWAIT.toMillis());
            assertThrows(Handshake.HandshakeException.class, () -> Handshake.initiate(s.getInputStream(),
                s.getOutputStream(), JobSecret.generate(), Handshake.PURPOSE_RENDEZVOUS, 1));
        }
        release.countDown();
        assertEquals(0, job.get(AWAIT.toSeconds(), TimeUnit.SECONDS), err.text());
        assertEquals(List.of(), launcherMessages());
    }
}
