package io.spmd4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    /** Two in-memory pipes joined like a socket. */
    private static final class Pipe {
        final PipedInputStream aIn = new PipedInputStream(4096);
        final PipedOutputStream bOut;
        final PipedInputStream bIn = new PipedInputStream(4096);
        final PipedOutputStream aOut;

        Pipe() throws IOException {
            bOut = new PipedOutputStream(aIn);
            aOut = new PipedOutputStream(bIn);
        }
    }

    @Test
    void shouldAcceptAPeerThatKnowsTheSecret() throws Exception {
        JobSecret s = JobSecret.generate();
        Pipe p = new Pipe();
        CompletableFuture<Handshake.Peer> acceptor = CompletableFuture.supplyAsync(() -> {
            try {
                return Handshake.accept(p.bIn, p.bOut, s);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Handshake.initiate(p.aIn, p.aOut, s, Handshake.PURPOSE_DATA, 3);
        Handshake.Peer peer = acceptor.get(5, TimeUnit.SECONDS);
        assertEquals(3, peer.rank());
        assertEquals(Handshake.PURPOSE_DATA, peer.purpose());
    }

    @Test
    void shouldRefuseAPeerWithAnotherSecretOnBothSides() throws Exception {
        Pipe p = new Pipe();
        JobSecret mine = JobSecret.generate();
        CompletableFuture<Handshake.Peer> acceptor = CompletableFuture.supplyAsync(() -> {
            try {
                return Handshake.accept(p.bIn, p.bOut, mine);
            } catch (IOException e) {
                throw new RuntimeException(e);
            } finally {
                try {
                    p.bOut.close();
                } catch (IOException ignored) {
                    // test pipe
                }
            }
        });
        IOException initiatorSide = assertThrows(IOException.class,
            () -> Handshake.initiate(p.aIn, p.aOut, JobSecret.generate(), Handshake.PURPOSE_DATA, 0));
        assertTrue(initiatorSide.getMessage().contains("secret"), initiatorSide.getMessage());
        p.aOut.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> acceptor.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof Handshake.HandshakeException, e.toString());
    }

    @Test
    void shouldRejectBytesThatAreNotOurProtocol() throws Exception {
        Pipe p = new Pipe();
        p.aOut.write("GET / HTTP/1.1\r\n\r\n".getBytes());
        p.aOut.close();
        Handshake.HandshakeException e = assertThrows(Handshake.HandshakeException.class,
            () -> Handshake.accept(p.bIn, p.bOut, JobSecret.generate()));
        assertTrue(e.getMessage().contains("not an spmd4j peer"), e.getMessage());
    }

    @Test
    void shouldNeverPrintTheSecret() {
        JobSecret s = JobSecret.generate();
        assertEquals("JobSecret[redacted]", s.toString());
        assertEquals(s, JobSecret.fromHex(s.toHex()));
        assertThrows(IllegalArgumentException.class, () -> JobSecret.fromHex("abc"));
    }
}
