package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void shouldBuildOptionsProgrammatically() {
        LaunchOptions o = LaunchOptions.builder().np(4).classpath("a.jar" + java.io.File.pathSeparator + "b")
            .mainClass("app.Main").args("--n", "5").jvmArgs("-Xmx1g").export("OMP_NUM_THREADS", "1")
            .workingDirectory(Path.of("/tmp")).tagOutput(true).timeout(Duration.ofSeconds(30)).build();
        assertEquals(4, o.np());
        assertEquals(List.of("a.jar", "b"), o.classpath());
        assertEquals("app.Main", o.mainClass().orElseThrow());
        assertEquals(List.of("--n", "5"), o.args());
        assertEquals(List.of("-Xmx1g"), o.jvmArgs());
        assertEquals(Map.of("OMP_NUM_THREADS", "1"), o.environment());
        assertEquals(Path.of("/tmp"), o.workingDirectory().orElseThrow());
        assertTrue(o.tagOutput());
        assertEquals(Duration.ofSeconds(30), o.timeout().orElseThrow());
        assertTrue(o.jar().isEmpty());
    }

    @Test
    void shouldDefaultToOneRankWithoutLimits() {
        LaunchOptions o = LaunchOptions.builder().mainClass("Main").build();
        assertEquals(1, o.np());
        assertFalse(o.tagOutput());
        assertTrue(o.timeout().isEmpty());
        assertTrue(o.workingDirectory().isEmpty());
        assertTrue(o.java().isEmpty());
    }

    @Test
    void shouldBeImmutable() {
        LaunchOptions o = LaunchOptions.builder().mainClass("Main").args("x").build();
        assertThrows(UnsupportedOperationException.class, () -> o.args().add("y"));
        assertThrows(UnsupportedOperationException.class, () -> o.environment().put("A", "b"));
        LaunchOptions copy = o.toBuilder().np(3).build();
        assertEquals(1, o.np());
        assertEquals(3, copy.np());
        assertEquals(o.args(), copy.args());
    }

    @Test
    void shouldRejectZeroRanksNamingTheValue() {
        UsageException e = assertThrows(UsageException.class, () -> LaunchOptions.builder().np(0).mainClass("M").build());
        assertTrue(e.getMessage().startsWith("-np 0: "), e.getMessage());
    }

    @Test
    void shouldRequireMainClassOrJarButNotBoth() {
        assertThrows(UsageException.class, () -> LaunchOptions.builder().np(2).build());
        UsageException both = assertThrows(UsageException.class,
            () -> LaunchOptions.builder().jar(Path.of("app.jar")).mainClass("M").build());
        assertTrue(both.getMessage().contains("app.jar"), both.getMessage());
    }

    @Test
    void shouldRefuseToExportVariablesTheLauncherSets() {
        UsageException e = assertThrows(UsageException.class,
            () -> LaunchOptions.builder().mainClass("M").export("SPMD4J_SECRET", "x").build());
        assertTrue(e.getMessage().startsWith("-x SPMD4J_SECRET"), e.getMessage());
    }

    @Test
    void shouldRefuseClasspathInJvmArgs() {
        UsageException e = assertThrows(UsageException.class,
            () -> LaunchOptions.builder().mainClass("M").jvmArgs("-cp", "x").build());
        assertTrue(e.getMessage().contains("-cp"), e.getMessage());
    }

    @Test
    void shouldCarryTransportAndThreadsThroughTheBuilder() {
        LaunchOptions o = LaunchOptions.builder().mainClass("M").transport(" SHM ").build();
        assertEquals("shm", o.transport().orElseThrow());
        assertFalse(o.threads());
        LaunchOptions t = o.toBuilder().transport(null).threads(true).build();
        assertTrue(t.threads());
        assertTrue(t.transport().isEmpty());
        assertEquals("shm", o.toBuilder().build().transport().orElseThrow());
    }

    @Test
    void shouldRejectAnUnknownTransportNamingTheChoices() {
        UsageException e = assertThrows(UsageException.class,
            () -> LaunchOptions.builder().mainClass("M").transport("Infiniband").build());
        assertEquals("--transport Infiniband: not a transport; give --transport auto, shm or tcp", e.getMessage());
    }

    @Test
    void shouldRejectAProcessTransportForThreadRanks() {
        UsageException e = assertThrows(UsageException.class,
            () -> LaunchOptions.builder().mainClass("M").threads(true).transport("tcp").build());
        assertTrue(e.getMessage().startsWith("--transport tcp with --threads: "), e.getMessage());
        assertTrue(e.getMessage().contains("in-memory transport"), e.getMessage());
    }

    @Test
    void shouldRejectATransportPropertyThatWouldOverrideTransport() {
        UsageException e = assertThrows(UsageException.class, () -> LaunchOptions.builder().mainClass("M")
            .transport("shm").jvmArgs("-Dspmd4j.transport=tcp").build());
        assertTrue(e.getMessage().contains("-Dspmd4j.transport=tcp"), e.getMessage());
    }

    @Test
    void shouldRejectZeroTimeout() {
        assertThrows(UsageException.class, () -> LaunchOptions.builder().mainClass("M").timeout(Duration.ZERO).build());
    }
}
