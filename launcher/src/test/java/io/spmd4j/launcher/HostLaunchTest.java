package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.HostCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host lists through the launcher on this host: names that are this host start their ranks directly,
 * -np defaults to the slots, bad hosts and hostfile lines stop the launch before any rank starts. The
 * integration checks (.ci/integration/multihost.sh) run the same across ssh hosts and Slurm nodes.
 */
class HostLaunchTest {
    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    private int run(LaunchOptions options) {
        return Launcher.run(options, out.printStream(), err.printStream(), null);
    }

    private static LaunchOptions.Builder hostCheck() {
        return LaunchOptions.builder().classpath(TestPrograms.classes()).mainClass(HostCheck.class)
            .jvmArgs(TestPrograms.FAST_JVM_ARGS).timeout(java.time.Duration.ofSeconds(60));
    }

    @Test
    void shouldRunOneRankPerSlotOfHostsThatAreThisHost(@TempDir Path dir) throws Exception {
        Path hostfile = dir.resolve("hosts");
        Files.writeString(hostfile, "localhost slots=2   # this host, twice\n127.0.0.1:1\n");
        assertEquals(0, run(hostCheck().hostfile(hostfile).build()), err.text());
        List<String> lines = out.lines();
        assertEquals(3, lines.size(), out.text());
        for (int r = 0; r < 3; r++) {
            int rank = r;
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("rank " + rank + " of 3 on ") && l.endsWith(" sum 3")),
                out.text());
        }
    }

    @Test
    void shouldRefuseAHostThatDoesNotResolveBeforeStartingAnything() {
        assertEquals(ExitCodes.USAGE, run(hostCheck().hosts("localhost,no-such-host.invalid:2").build()));
        assertTrue(err.text().contains("host no-such-host.invalid (--host localhost,no-such-host.invalid:2) "
            + "cannot be resolved"), err.text());
        assertEquals(List.of(), out.lines());
    }

    @Test
    void shouldRefuseMoreRanksThanSlots() {
        assertEquals(ExitCodes.USAGE, run(hostCheck().np(3).hosts("localhost:2").build()));
        assertTrue(err.text().contains("-np 3 ranks do not fit the 2 slots of localhost:2"), err.text());
    }

    @Test
    void shouldParseTheHostOptions() {
        LaunchOptions o = assertInstanceOf(SpmdrunCommandLine.Launch.class, SpmdrunCommandLine.parse(new String[] {
            "--hostfile", "hf", "--map-by", "node", "--oversubscribe", "--ssh", "ssh -p 2222", "--remote", "ssh",
            "--tcp-if", "10.1.0.0/16", "Main"}, Map.of())).options();
        assertEquals(Path.of("hf"), o.hostfile().orElseThrow());
        assertEquals(Placement.MapBy.NODE, o.mapBy());
        assertTrue(o.oversubscribe());
        assertEquals("ssh -p 2222", o.ssh().orElseThrow());
        assertEquals(LaunchOptions.RemoteStart.SSH, o.remote());
        assertEquals("10.1.0.0/16", o.tcpInterface().orElseThrow());
        o = assertInstanceOf(SpmdrunCommandLine.Launch.class, SpmdrunCommandLine.parse(new String[] {
            "-H", "a,b:4", "-np", "3", "Main"}, Map.of())).options();
        assertEquals("a,b:4", o.hosts().orElseThrow());
        assertTrue(o.npGiven());
    }

    @Test
    void shouldRejectConflictingHostOptions() {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
            () -> SpmdrunCommandLine.parse(new String[] {"--hostfile", "f", "--host", "a", "Main"}, Map.of()));
        assertTrue(e.getMessage().contains("give one of them"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
            () -> SpmdrunCommandLine.parse(new String[] {"--threads", "--host", "a", "Main"}, Map.of()));
        assertTrue(e.getMessage().contains("--threads with --host"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
            () -> SpmdrunCommandLine.parse(new String[] {"--remote", "pbs", "Main"}, Map.of()));
        assertTrue(e.getMessage().contains("--remote pbs"), e.getMessage());
    }
}
