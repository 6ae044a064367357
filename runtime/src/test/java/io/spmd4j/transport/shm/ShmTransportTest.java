package io.spmd4j.transport.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.engine.Buf;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.RecvOp;
import io.spmd4j.engine.SendOp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of the shared-memory transport: where they live, their modes, and that none stays behind. */
class ShmTransportTest {
    @TempDir
    Path base;

    private Config config() {
        Properties p = new Properties();
        p.setProperty("spmd4j.shm.dir", base.toString());
        return Config.from(p, Map.of());
    }

    /** Two engines over shared memory in {@code dir}, wired up as a launcher would. */
    private static List<Engine> startTwoRanks(Config config, Path dir) throws IOException {
        JobSecret secret = JobSecret.generate();
        List<Engine> engines = new ArrayList<>();
        List<ShmTransport> transports = new ArrayList<>();
        List<byte[]> cards = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            ShmTransport t = new ShmTransport(config, r, 2, secret, dir, null);
            Engine e = new Engine(r, 2, config, t);
            e.start();
            engines.add(e);
            transports.add(t);
            cards.add(t.card());
        }
        for (ShmTransport t : transports) {
            t.peers(cards);
        }
        return engines;
    }

    @Test
    void shouldKeepOnlySocketsWhileRunningAndLeaveNothingAfterClose() throws Exception {
        Config config = config();
        Path dir = ShmJobDirectory.forJob(config, "files");
        List<Engine> engines = startTwoRanks(config, dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        byte[] payload = new byte[300_000]; // rendezvous: uses both rings
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        byte[] got = new byte[payload.length];
        RecvOp recv = engines.get(1).irecv(Buf.of(got, 0, got.length), 0, 0, 5, true); // progressed in the background
        SendOp send = engines.get(0).isend(Buf.of(payload, 0, payload.length), 1, 0, 0, 5, false, false);
        engines.get(0).await(send);
        engines.get(1).await(recv);
        assertArrayEquals(payload, got);
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("rank-0.sock", "rank-1.sock"), names, "ring files are unlinked once both sides map them");
        for (String n : names) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(n))));
        }
        engines.forEach(Engine::close);
        assertFalse(Files.exists(dir), "the last rank out removes the job directory");
    }

    @Test
    void shouldFailTheSendAndLeaveNoRingFileWhenThePeerDiesMidTransfer() throws Exception {
        Properties p = new Properties();
        p.setProperty("spmd4j.shm.dir", base.toString());
        p.setProperty("spmd4j.shm.ring", "65536"); // the message passes through the ring a thousand times
        Config config = Config.from(p, Map.of());
        Path dir = ShmJobDirectory.forJob(config, "dies");
        List<Engine> engines = startTwoRanks(config, dir);
        try {
            int bytes = 64 << 20;
            ByteBuffer payload = ByteBuffer.allocateDirect(bytes);
            for (int i = 0; i < bytes; i += Long.BYTES) {
                payload.putLong(i, -1L);
            }
            ByteBuffer got = ByteBuffer.allocateDirect(bytes);
            RecvOp recv = engines.get(1).irecv(Buf.of(got, 0, bytes), 0, 0, 5, true);
            SendOp send = engines.get(0).isend(Buf.of(payload, 0, bytes), 1, 0, 0, 5, false, true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.get(0) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the progress thread of rank 1 copies the first bytes in
            }
            assertEquals(-1, got.get(0), "the transfer started within 30 s");
            Assumptions.assumeFalse(recv.isDone(), "rank 1 received all of 64 MiB before it could be stopped");
            engines.get(1).close(); // rank 1 is gone in the middle of the message
            engines.get(0).await(send);
            assertNotNull(send.error(), "the send cannot complete without its receiver");
            assertEquals(ErrorClass.ERR_TRANSPORT, send.error().errorClass());
            List<String> names;
            try (Stream<Path> s = Files.list(dir)) {
                names = s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
            }
            assertEquals(List.of("rank-0.sock"), names, "no ring file stays behind, only the live rank's socket");
        } finally {
            engines.forEach(Engine::close);
        }
        assertFalse(Files.exists(dir), "the last rank out removes the job directory");
    }

    @Test
    void shouldRefuseAJobDirectoryWithTheWrongMode() throws IOException {
        Path dir = base.resolve("spmd4j-open");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> ShmJobDirectory.create(dir));
        assertTrue(e.getMessage().contains("mode 0700") && e.getMessage().contains("rwxrwxrwx"), e.getMessage());
    }

    @Test
    void shouldNameTheSettingWhenTheBaseDirectoryIsMissing() {
        Path dir = base.resolve("missing").resolve("job");
        IOException e = assertThrows(IOException.class, () -> ShmJobDirectory.create(dir));
        assertTrue(e.getMessage().contains("spmd4j.shm.dir"), e.getMessage());
    }

    @Test
    void shouldRefuseRanksOnAnotherHostWhenSharedMemoryIsTheOnlyTransport() throws Exception {
        Config config = config();
        Path dir = ShmJobDirectory.forJob(config, "hosts");
        ShmTransport t = new ShmTransport(config, 0, 2, JobSecret.generate(), dir, null);
        Engine e = new Engine(0, 2, config, t);
        e.start();
        try {
            byte[] mine = t.card();
            java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream d = new java.io.DataOutputStream(other)) {
                d.writeUTF("elsewhere/boot");
                d.writeUTF(dir.toString());
                d.writeShort(0);
            }
            IOException err = assertThrows(IOException.class, () -> t.peers(List.of(mine, other.toByteArray())));
            assertTrue(err.getMessage().contains("rank 1 runs on host elsewhere/boot"), err.getMessage());
            assertTrue(err.getMessage().contains("--transport auto"), err.getMessage());
        } finally {
            e.close();
        }
        assertFalse(Files.exists(dir));
    }
}
