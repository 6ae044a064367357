package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpmdrunCommandLineTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/u", "CLASSPATH", "/from/env");

    private static LaunchOptions parse(String... args) {
        return assertInstanceOf(SpmdrunCommandLine.Launch.class, SpmdrunCommandLine.parse(args, ENV)).options();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-np", "-n", "--np"})
    void shouldAcceptEverySpellingOfRankCount(String flag) {
        assertEquals(6, parse(flag, "6", "Main").np());
    }

    @Test
    void shouldParseAllOptions() {
        LaunchOptions o = parse("-np", "4", "-cp", "a.jar:lib/*", "--jvm-args", "-Xmx2g -Dk='a b'", "-x", "HOME",
            "-x", "OMP_NUM_THREADS=2", "--wdir", "/tmp", "--tag-output", "--timeout", "30", "app.Main", "in.txt");
        assertEquals(4, o.np());
        assertEquals(List.of("a.jar", "lib/*"), o.classpath());
        assertEquals(List.of("-Xmx2g", "-Dk=a b"), o.jvmArgs());
        assertEquals(Map.of("HOME", "/home/u", "OMP_NUM_THREADS", "2"), o.environment());
        assertEquals(Path.of("/tmp"), o.workingDirectory().orElseThrow());
        assertTrue(o.tagOutput());
        assertEquals(Duration.ofSeconds(30), o.timeout().orElseThrow());
        assertEquals("app.Main", o.mainClass().orElseThrow());
        assertEquals(List.of("in.txt"), o.args());
        assertTrue(o.transport().isEmpty(), "no --transport: the runtime's default");
        assertFalse(o.threads());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "shm", "tcp", "TCP"})
    void shouldAcceptEveryTransport(String kind) {
        assertEquals(kind.toLowerCase(java.util.Locale.ROOT), parse("--transport", kind, "Main").transport().orElseThrow());
    }

    @Test
    void shouldRunRanksAsThreadsOnRequest() {
        LaunchOptions o = parse("--threads", "-np", "8", "--jvm-args", "-Xmx4g", "Main", "--threads");
        assertTrue(o.threads());
        assertEquals(8, o.np());
        assertEquals(List.of("-Xmx4g"), o.jvmArgs());
        assertEquals(List.of("--threads"), o.args());
        assertEquals("auto", parse("--threads", "--transport", "auto", "Main").transport().orElseThrow());
    }

    @Test
    void shouldGiveEverythingAfterTheMainClassToTheProgram() {
        LaunchOptions o = parse("-np", "2", "Main", "--n", "5", "-np", "3", "--tag-output");
        assertEquals(2, o.np());
        assertEquals(List.of("--n", "5", "-np", "3", "--tag-output"), o.args());
        assertTrue(!o.tagOutput());
    }

    @Test
    void shouldGiveAllPositionalArgumentsToTheProgramOfAJar() {
        LaunchOptions o = parse("-np", "2", "-jar", "app.jar", "x", "--y");
        assertEquals(Path.of("app.jar"), o.jar().orElseThrow());
        assertTrue(o.mainClass().isEmpty());
        assertEquals(List.of("x", "--y"), o.args());
        assertTrue(o.classpath().isEmpty());
    }

    @Test
    void shouldDefaultClasspathToTheEnvironmentLikeJava() {
        assertEquals(List.of("/from/env"), parse("Main").classpath());
        LaunchOptions o = assertInstanceOf(SpmdrunCommandLine.Launch.class,
            SpmdrunCommandLine.parse(new String[] {"Main"}, Map.of())).options();
        assertEquals(List.of("."), o.classpath());
    }

    @Test
    void shouldRecogniseHelpAndVersion() {
        assertInstanceOf(SpmdrunCommandLine.Help.class, SpmdrunCommandLine.parse(new String[] {"--help"}, ENV));
        assertInstanceOf(SpmdrunCommandLine.Help.class, SpmdrunCommandLine.parse(new String[] {"-h"}, ENV));
        assertInstanceOf(SpmdrunCommandLine.Version.class, SpmdrunCommandLine.parse(new String[] {"--version"}, ENV));
        assertTrue(SpmdrunCommandLine.version().matches("\\d+\\.\\d+\\.\\d+.*"), SpmdrunCommandLine.version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-np abc Main|-np abc", "-np 0 Main|-np 0", "-np|-np needs a value",
        "--timeout 0 Main|--timeout 0", "--timeout soon Main|--timeout soon", "-x NO_SUCH_VARIABLE Main|-x NO_SUCH",
        "--bogus Main|--bogus", "-np 2|no main class", "--jvm-args 'unclosed Main|unclosed",
        "--transport udp Main|--transport udp: not a transport; give --transport auto, shm or tcp",
        "--transport|--transport needs a value",
        "--threads --transport shm Main|--transport shm with --threads",
        "--transport tcp -x SPMD4J_TRANSPORT=shm Main|-x SPMD4J_TRANSPORT and --transport tcp",
        "-x SPMD4J_JOB_DIR=/tmp/x Main|-x SPMD4J_JOB_DIR: spmdrun sets this variable itself"})
    void shouldRejectBadCommandLinesNamingTheValue(String caseSpec) {
        String[] parts = caseSpec.split("\\|");
        UsageException e = assertThrows(UsageException.class,
            () -> SpmdrunCommandLine.parse(parts[0].split(" "), ENV));
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void shouldRejectAnEmptyClasspath() {
        UsageException e = assertThrows(UsageException.class,
            () -> SpmdrunCommandLine.parse(new String[] {"-cp", "", "Main"}, ENV));
        assertTrue(e.getMessage().startsWith("-cp \"\""), e.getMessage());
    }
}
