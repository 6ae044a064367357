package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.engine.FrameDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Strangers and corrupt frames are refused; the job goes on. */
class HostileInputTest {

    @Test
    void shouldRejectAConnectionWithoutTheJobSecretAndGoOn() throws Exception {
        try (EnginePair p = new EnginePair(2)) {
            try (Socket s = new Socket()) {
                s.connect(p.address(1), 2000);
                s.setSoTimeout(5000);
                IOException e = assertThrows(IOException.class, () -> Handshake.initiate(s.getInputStream(),
                    s.getOutputStream(), JobSecret.generate(), Handshake.PURPOSE_DATA, 0));
                assertTrue(e.getMessage().contains("secret"), e.getMessage());
            }
            try (Socket s = new Socket()) {
                s.connect(p.address(1), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                assertClosedByPeer(p, s);
            }
            exchange(p);
        }
    }

    @Test
    void shouldCloseAConnectionThatSendsAHugeOrCorruptFrameWithoutAllocating() throws Exception {
        try (EnginePair p = new EnginePair(2)) {
            for (long length : new long[] {1L << 40, Integer.MAX_VALUE, -5}) {
                try (Socket s = new Socket()) {
                    s.connect(p.address(1), 2000);
                    s.setSoTimeout(5000);
                    initiateData(p, s);
                    ByteBuffer h = ByteBuffer.allocate(FrameDescriptor.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    h.put(FrameDescriptor.TYPE_OFFSET, FrameDescriptor.EAGER);
                    h.putLong(FrameDescriptor.LENGTH_OFFSET, length);
                    s.getOutputStream().write(h.array());
                    s.getOutputStream().flush();
                    assertClosedByPeer(p, s);
                }
            }
            try (Socket s = new Socket()) {
                s.connect(p.address(1), 2000);
                s.setSoTimeout(5000);
                initiateData(p, s);
                byte[] junk = new byte[FrameDescriptor.HEADER_BYTES];
                java.util.Arrays.fill(junk, (byte) 0x7f);
                s.getOutputStream().write(junk);
                assertClosedByPeer(p, s);
            }
            exchange(p);
        }
    }

    /** Opens a data connection to rank 1 as rank 0 would, up to its answer whether it sends on it too. */
    private static void initiateData(EnginePair p, Socket s) throws IOException {
        Handshake.initiate(s.getInputStream(), s.getOutputStream(), p.secret, Handshake.PURPOSE_DATA, 0);
        int answer = s.getInputStream().read();
        assertTrue(answer == 1 || answer == 2, "answer after the handshake: " + answer);
    }

    /** Drives rank 1's progress (as its next MPI call would) until it has closed the socket. */
    private static void assertClosedByPeer(EnginePair p, Socket s) throws IOException {
        InputStream in = s.getInputStream();
        s.setSoTimeout(20);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            p.engines.get(1).progressOnce();
            try {
                assertEquals(-1, in.read(), "the rank must close a connection that breaks the protocol");
                return;
            } catch (java.net.SocketTimeoutException notYet) {
                // keep driving progress
            } catch (java.net.SocketException reset) {
                return; // a reset is a close too
            }
        }
        throw new AssertionError("rank 1 did not close the connection within 5 s");
    }

    private static void exchange(EnginePair p) throws Exception {
        p.run(c -> {
            int[] v = {c.rank() + 40};
            c.sendrecvReplace(v, 0, 1, 1 - c.rank(), 0, 1 - c.rank(), 0);
            assertEquals(41 - c.rank(), v[0]);
        });
    }
}
