package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.systemtest.programs.FaultProgram;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security of real {@code bin/spmdrun} jobs: every listening socket (the launcher's rendezvous service
 * and node-agent service, each rank's TCP data socket and shared-memory connection socket) refuses a
 * client without the job secret and the job goes on; TCP sockets bind the chosen interface only; the
 * shared-memory directory is 0700 with 0600 files; the secret appears in no process's command line
 * (launcher, node agents, ranks) and in no line the job printed.
 */
@EnabledOnOs(OS.LINUX)
class SecuritySystemTest {
    private static final long READY_MS = 120_000;
    private static final int NP = 2;
    /** 127.0.0.1 as /proc/net/tcp writes a local address. */
    private static final String LOOPBACK_HEX = "0100007F";

    @Test
    void shouldRefuseStrangersOnEveryTcpSocketThatBindsOnlyTheChosenInterface() throws Exception {
        try (FaultJob job = FaultJob.start(FaultJob.options(Mode.TCP, NP, "--tcp-if", "127.0.0.1"),
            FaultProgram.class, "idle")) {
            awaitReady(job);
            String secret = secretOf(job);
            List<FaultJob.Listener> listeners = new ArrayList<>();
            for (ProcessHandle h : job.processes()) {
                listeners.addAll(FaultJob.listeners(h.pid()));
            }
            // the launcher's rendezvous service and one data socket per rank
            assertTrue(listeners.size() >= NP + 1, "listening sockets: " + listeners);
            for (FaultJob.Listener l : listeners) {
                assertEquals(LOOPBACK_HEX, l.address(), "socket of pid " + l.pid() + " on port " + l.port()
                    + " is not bound to 127.0.0.1 only");
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", l.port()), 5_000);
                    s.setSoTimeout(30_000);
                    assertThrows(Handshake.HandshakeException.class, () -> Handshake.initiate(s.getInputStream(),
                        s.getOutputStream(), JobSecret.generate(), purposeOf(job, l), 0),
                        "pid " + l.pid() + " port " + l.port() + " let in a client without the secret");
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", l.port()), 5_000);
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertClosed(s.getInputStream());
                }
            }
            assertEquals(NP + 1, job.processes().size(), "a refused stranger must not end the job:\n" + job.output());
            assertSecretHidden(job, secret);
        }
    }

    @Test
    void shouldKeepSharedMemoryPrivateAndRefuseStrangersOnItsSockets() throws Exception {
        try (FaultJob job = FaultJob.start(FaultJob.options(Mode.SHM, NP), FaultProgram.class, "idle")) {
            awaitReady(job);
            String secret = secretOf(job);
            List<Path> all = Jobs.contents(job.shmBase);
            assertFalse(all.isEmpty(), "no job directory in " + job.shmBase);
            List<Path> sockets = new ArrayList<>();
            for (Path p : all) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (Files.isDirectory(p)) {
                    assertEquals("rwx------", mode, p.toString());
                } else {
                    assertEquals("rw-------", mode, p.toString());
                    if (p.getFileName().toString().endsWith(".sock")) {
                        sockets.add(p);
                    }
                }
            }
            assertEquals(NP, sockets.size(), all.toString());
            for (Path sock : sockets) {
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                    InputStream in = Channels.newInputStream(ch);
                    assertThrows(Handshake.HandshakeException.class, () -> Handshake.initiate(in,
                        Channels.newOutputStream(ch), JobSecret.generate(), Handshake.PURPOSE_DATA, 0),
                        sock + " let in a client without the secret");
                }
            }
            assertEquals(NP + 1, job.processes().size(), "a refused stranger must not end the job:\n" + job.output());
            assertSecretHidden(job, secret);
        }
    }

    @Test
    void shouldRefuseStrangersAtTheNodeAgentServiceAndKeepTheSecretOffTheAgentsCommandLine(@TempDir Path dir)
        throws Exception {
        // an "ssh" that runs the agent command here: host 192.0.2.200 is not this host, so it gets an agent
        Path ssh = dir.resolve("fake-ssh");
        Files.writeString(ssh, "#!/bin/sh\nshift\nexec sh -c \"$1\"\n");
        assertTrue(ssh.toFile().setExecutable(true));
        try (FaultJob job = FaultJob.start(List.of("-np", String.valueOf(NP), "--transport", "tcp", "--host",
            "192.0.2.200:" + NP, "--ssh", ssh.toString()), FaultProgram.class, "idle")) {
            awaitReady(job);
            String secret = secretOf(job);
            List<FaultJob.Listener> launcher = FaultJob.listeners(job.launcher.pid());
            assertEquals(2, launcher.size(), "the launcher listens for ranks and for agents: " + launcher);
            for (FaultJob.Listener l : launcher) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(addressOf(l), l.port()), 5_000);
                    s.setSoTimeout(30_000);
                    assertThrows(Handshake.HandshakeException.class, () -> Handshake.initiate(s.getInputStream(),
                        s.getOutputStream(), JobSecret.generate(), Handshake.PURPOSE_AGENT, 0),
                        "port " + l.port() + " let in an agent without the secret");
                }
            }
            assertTrue(job.processes().stream().anyMatch(h -> FaultJob.commandLine(h.pid()).contains("NodeAgent")
                || FaultJob.commandLine(h.pid()).contains("agent")), "no node agent process");
            assertSecretHidden(job, secret);
        }
    }

    private static String addressOf(FaultJob.Listener l) {
        String h = l.address();
        if (h.length() != 8) {
            return "127.0.0.1";
        }
        int v = Integer.parseUnsignedInt(h, 16);
        return (v & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 24);
    }

    /** The purpose a stranger claims: rendezvous at the launcher, data at a rank. */
    private static byte purposeOf(FaultJob job, FaultJob.Listener l) {
        return l.pid() == job.launcher.pid() ? Handshake.PURPOSE_RENDEZVOUS : Handshake.PURPOSE_DATA;
    }

    private static void awaitReady(FaultJob job) throws InterruptedException {
        for (int r = 0; r < NP; r++) {
            String line = "ready " + r;
            assertTrue(job.awaitLine(l -> l.endsWith(line), READY_MS), "rank " + r + " never got ready:\n"
                + job.output());
        }
    }

    /** The job secret, as the launcher handed it to rank 0 through its environment. */
    private static String secretOf(FaultJob job) {
        String env = FaultJob.environment(job.rankPid(0));
        String secret = Stream.of(env.split("\0")).filter(e -> e.startsWith("SPMD4J_SECRET="))
            .map(e -> e.substring("SPMD4J_SECRET=".length())).findFirst().orElse("");
        assertEquals(64, secret.length(), "rank 0 has no job secret in its environment");
        return secret;
    }

    /** No process of the job shows the secret on its command line, and the job never prints it. */
    private static void assertSecretHidden(FaultJob job, String secret) throws Exception {
        List<ProcessHandle> processes = job.processes();
        for (ProcessHandle h : processes) {
            String cmd = FaultJob.commandLine(h.pid());
            assertFalse(cmd.contains(secret) || cmd.contains(secret.toUpperCase()),
                "the secret is on the command line of pid " + h.pid() + ": " + cmd);
        }
        long pid = job.launcher.pid();
        FaultJob.signal(pid, "TERM");
        job.awaitExit(60_000);
        String lines = job.output();
        assertFalse(lines.toLowerCase().contains(secret), "the job printed its secret:\n" + lines);
        assertEquals(List.of(), job.leftovers(10_000), job.output() + "\nprocesses: "
            + processes.stream().map(h -> h.pid() + " " + FaultJob.commandLine(h.pid())).collect(Collectors.joining("\n")));
    }

    private static void assertClosed(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // the acceptor may answer before it closes
            }
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }
}
