package io.spmd4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmRendezvousTest {
    private static SlurmEnv step(String job, String step) {
        return new SlurmEnv(job, step, 0, 2, 0, "n1", List.of("n1"), List.of(2));
    }

    private static final Map<String, String> KEY = Map.of(SlurmRendezvous.KEY_VARIABLE, "0123456789abcdef0123");

    @Test
    void shouldDeriveOneSecretPerStepFromTheKey() throws IOException {
        JobSecret a = SlurmRendezvous.secret(step("7", "0"), KEY);
        assertEquals(a, SlurmRendezvous.secret(step("7", "0"), KEY));
        assertNotEquals(a, SlurmRendezvous.secret(step("7", "1"), KEY));
        assertNotEquals(a, SlurmRendezvous.secret(step("8", "0"), KEY));
        assertNotEquals(a, SlurmRendezvous.secret(step("7", "0"),
            Map.of(SlurmRendezvous.KEY_VARIABLE, "another key of enough length")));
        assertThrows(IOException.class, () -> SlurmRendezvous.secret(step("7", "0"),
            Map.of(SlurmRendezvous.KEY_VARIABLE, "short")));
    }

    @Test
    void shouldDrawDistinctCandidatePortsInRangeAndTheSameForTheSameSecret() throws IOException {
        JobSecret s = SlurmRendezvous.secret(step("7", "0"), KEY);
        int[] ports = SlurmRendezvous.candidatePorts(s);
        assertEquals(SlurmRendezvous.CANDIDATE_PORTS, ports.length);
        assertEquals(ports.length, Arrays.stream(ports).distinct().count());
        for (int p : ports) {
            assertTrue(p >= SlurmRendezvous.PORT_MIN && p < SlurmRendezvous.PORT_MIN + SlurmRendezvous.PORT_SPAN);
        }
        assertArrayEquals(ports, SlurmRendezvous.candidatePorts(s));
    }

    @Test
    void shouldMakeThePrivateKeyFileOnceAndRefuseOneOthersCanRead(@TempDir Path home) throws IOException {
        Path file = home.resolve(".spmd4j/slurm.key");
        byte[] first = SlurmRendezvous.keyFile(file);
        assertEquals(JobSecret.LENGTH_BYTES, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertArrayEquals(first, SlurmRendezvous.keyFile(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> SlurmRendezvous.keyFile(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
