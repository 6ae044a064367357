package io.spmd4j.bootstrap;

import io.spmd4j.testing.Fuzzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the decoders of the bootstrap wire: both sides of the {@link Handshake}, the messages a rank
 * sends the rendezvous service (card, abort, bye) and the ones the service sends a rank (table, end).
 * The only allowed ends are a {@link Handshake.HandshakeException} (the handshake never succeeds
 * without the secret) and an {@link IOException} of the protocol, after which the reader closes the
 * connection; heap allocated stays proportional to the bytes that arrived, whatever the length fields claim.
 */
class FuzzBootstrapTest {
    private static final long QUICK_INPUTS = 5_000;
    /** Fixed heap of one decoding: a MAC instance, streams, messages. */
    private static final long OVERHEAD_BYTES = 256 * 1024;
    private static final int WORLD = 4;
    private static final JobSecret SECRET = JobSecret.generate();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRefuseEveryFuzzedHandshakeAtTheAcceptor() {
        Fuzzer.check(new HandshakeTarget(true), QUICK_INPUTS);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRefuseEveryFuzzedHandshakeAnswerAtTheInitiator() {
        Fuzzer.check(new HandshakeTarget(false), QUICK_INPUTS);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldDecodeOrRefuseEveryFuzzedMessageToTheRendezvousService() {
        Fuzzer.check(new RendezvousTarget(true), QUICK_INPUTS);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldDecodeOrRefuseEveryFuzzedMessageFromTheRendezvousService() {
        Fuzzer.check(new RendezvousTarget(false), QUICK_INPUTS);
    }

    /** One side of a handshake reading fuzzed bytes from its peer. */
    static final class HandshakeTarget implements Fuzzer.Target {
        private final boolean acceptor;

        HandshakeTarget(boolean acceptor) {
            this.acceptor = acceptor;
        }

        @Override
        public String name() {
            return acceptor ? "handshake(acceptor)" : "handshake(initiator)";
        }

        @Override
        public List<byte[]> seeds() {
            byte[] n1 = new byte[Handshake.NONCE_BYTES];
            byte[] n2 = new byte[Handshake.NONCE_BYTES];
            n2[0] = 1;
            ByteBuffer b = ByteBuffer.allocate(64 + Handshake.MAC_BYTES);
            if (acceptor) {
                b.putInt(Handshake.MAGIC).putShort(Handshake.VERSION).put(Handshake.PURPOSE_DATA).putInt(2).put(n1)
                    .put(Handshake.mac(SECRET, (byte) 'C', Handshake.PURPOSE_DATA, 2, n2, n1));
            } else {
                b.putInt(Handshake.MAGIC).putShort(Handshake.VERSION).put(n2)
                    .put(Handshake.mac(SECRET, (byte) 'S', Handshake.PURPOSE_DATA, 1, n1, n2)).put(Handshake.ACCEPTED);
            }
            return List.of(java.util.Arrays.copyOf(b.array(), b.position()));
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return OVERHEAD_BYTES;
        }

        @Override
        public String run(byte[] input) throws IOException {
            ByteArrayInputStream in = new ByteArrayInputStream(input);
            try {
                if (acceptor) {
                    Handshake.accept(in, OutputStream.nullOutputStream(), SECRET);
                } else {
                    Handshake.initiate(in, OutputStream.nullOutputStream(), SECRET, Handshake.PURPOSE_DATA, 1);
                }
            } catch (Handshake.HandshakeException e) {
                String m = e.getMessage();
                return m.contains("magic") ? "refused: not spmd4j" : m.contains("version") ? "refused: version"
                    : m.contains("closed") ? "refused: cut short" : "refused: no secret";
            }
            throw new AssertionError("a fuzzed peer passed the handshake without the secret");
        }
    }

    /** The reader of a control connection: the service's (cards, aborts) or a rank's (table, end). */
    static final class RendezvousTarget implements Fuzzer.Target {
        private final boolean service;

        RendezvousTarget(boolean service) {
            this.service = service;
        }

        @Override
        public String name() {
            return service ? "rendezvous(service)" : "rendezvous(rank)";
        }

        @Override
        public List<byte[]> seeds() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            try {
                if (service) {
                    RendezvousProtocol.write(out, RendezvousProtocol.CARD, new byte[] {4, 127, 0, 0, 1, 0x1F, 0x40});
                    RendezvousProtocol.write(out, RendezvousProtocol.ABORT, RendezvousProtocol.abortPayload(3, "bad"));
                    RendezvousProtocol.write(out, RendezvousProtocol.BYE, new byte[0]);
                } else {
                    ByteArrayOutputStream table = new ByteArrayOutputStream();
                    DataOutputStream t = new DataOutputStream(table);
                    t.writeInt(WORLD);
                    for (int r = 0; r < WORLD; r++) {
                        t.writeInt(7);
                        t.write(new byte[] {4, 127, 0, 0, 1, 0x1F, (byte) r});
                    }
                    RendezvousProtocol.write(out, RendezvousProtocol.TABLE, table.toByteArray());
                    RendezvousProtocol.write(out, RendezvousProtocol.END, new byte[0]);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return List.of(bytes.toByteArray());
        }

        @Override
        public long allocationLimitBytes(byte[] input) {
            return 8L * input.length + OVERHEAD_BYTES;
        }

        @Override
        public String run(byte[] input) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
            return Fuzzer.readToEnd(() -> {
                byte[] msg = RendezvousProtocol.read(in,
                    service ? RendezvousProtocol.MAX_CARD_BYTES : RendezvousProtocol.MAX_PAYLOAD_BYTES);
                if (service && msg[0] == RendezvousProtocol.ABORT) {
                    RendezvousProtocol.decodeAbort(msg);
                } else if (!service && msg[0] == RendezvousProtocol.TABLE) {
                    if (RendezvousProtocol.decodeTable(msg, WORLD).size() != WORLD) {
                        throw new AssertionError("a table of another size than the world's was accepted");
                    }
                } else {
                    return msg[0] == (service ? RendezvousProtocol.CARD : RendezvousProtocol.END)
                        || service && msg[0] == RendezvousProtocol.BYE;
                }
                return true;
            });
        }
    }
}
