package io.spmd4j.bootstrap;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual challenge-response authentication that opens every connection of a job: the rendezvous
 * service, rank-to-rank data connections and (later) node agents. Neither side ever sends the
 * secret; each proves knowledge of it with an HMAC-SHA256 over both sides' fresh nonces.
 *
 * <pre>
 *  initiator                                              acceptor
 *  MAGIC:int VERSION:short purpose:byte rank:int nC:16  --&gt;
 *                                   &lt;--  MAGIC:int VERSION:short nS:16 macS:32
 *      macS = HMAC(secret, 'S' purpose rank nC nS), checked by the initiator
 *  macC:32                                              --&gt;
 *      macC = HMAC(secret, 'C' purpose rank nS nC), checked by the acceptor
 *                                   &lt;--  ACCEPTED:byte
 * </pre>
 *
 * Both methods block; callers set a read timeout on the socket first so that a silent peer cannot
 * stall them. Any failure throws {@link HandshakeException} and the caller closes the connection.
 */
public final class Handshake {
    /** "SPMD" in ASCII. */
    public static final int MAGIC = 0x53504D44;
    /** Protocol version; bumped on any incompatible wire change (2: the answer byte after a data connection's handshake). */
    public static final short VERSION = 2;
    /** Purpose: a rank's control connection to the rendezvous service. */
    public static final byte PURPOSE_RENDEZVOUS = 1;
    /** Purpose: a rank-to-rank data connection. */
    public static final byte PURPOSE_DATA = 2;
    /** Purpose: a node agent's connection to its launcher. */
    public static final byte PURPOSE_AGENT = 3;
    /** Default time a handshake may take, in milliseconds. */
    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    /**
     * Time a control connection (rank to rendezvous service, node agent to launcher) may take to connect
     * and authenticate: longer than {@link #DEFAULT_TIMEOUT_MS}, since it includes the cold start of a JVM's
     * cryptography on a host that may be busy starting many JVMs at once.
     */
    public static final int CONTROL_TIMEOUT_MS = 60_000;

    static final int NONCE_BYTES = 16;
    static final int MAC_BYTES = 32;
    static final byte ACCEPTED = 0x5A;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** What the acceptor learns about an authenticated initiator. */
    public record Peer(byte purpose, int rank) {
    }

    /** Raised when a peer fails to authenticate or speaks another protocol. */
    public static final class HandshakeException extends IOException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception with a message that says what was wrong. */
        public HandshakeException(String message) {
            super(message);
        }
    }

    /** Runs the initiator side; returns normally only when the acceptor has accepted. */
    public static void initiate(InputStream in, OutputStream out, JobSecret secret, byte purpose, int rank)
        throws IOException {
        DataOutputStream o = new DataOutputStream(out);
        DataInputStream i = new DataInputStream(in);
        byte[] nc = nonce();
        o.writeInt(MAGIC);
        o.writeShort(VERSION);
        o.writeByte(purpose);
        o.writeInt(rank);
        o.write(nc);
        o.flush();
        try {
            checkMagicAndVersion(i.readInt(), i.readShort());
            byte[] ns = i.readNBytes(NONCE_BYTES);
            byte[] macS = i.readNBytes(MAC_BYTES);
            if (ns.length != NONCE_BYTES || macS.length != MAC_BYTES) {
                throw new EOFException();
            }
            if (!JobSecret.macEquals(macS, mac(secret, (byte) 'S', purpose, rank, nc, ns))) {
                throw new HandshakeException("acceptor does not know the job secret");
            }
            o.write(mac(secret, (byte) 'C', purpose, rank, ns, nc));
            o.flush();
            if (i.readByte() != ACCEPTED) {
                throw new HandshakeException("acceptor refused the connection");
            }
        } catch (EOFException e) {
            throw new HandshakeException("connection closed during handshake (wrong job secret?)");
        }
    }

    /** Runs the acceptor side; returns the initiator's identity once it has proven the secret. */
    public static Peer accept(InputStream in, OutputStream out, JobSecret secret) throws IOException {
        DataOutputStream o = new DataOutputStream(out);
        DataInputStream i = new DataInputStream(in);
        try {
            checkMagicAndVersion(i.readInt(), i.readShort());
            byte purpose = i.readByte();
            int rank = i.readInt();
            byte[] nc = i.readNBytes(NONCE_BYTES);
            if (nc.length != NONCE_BYTES) {
                throw new EOFException();
            }
            byte[] ns = nonce();
            o.writeInt(MAGIC);
            o.writeShort(VERSION);
            o.write(ns);
            o.write(mac(secret, (byte) 'S', purpose, rank, nc, ns));
            o.flush();
            byte[] macC = i.readNBytes(MAC_BYTES);
            if (macC.length != MAC_BYTES) {
                throw new EOFException();
            }
            if (!JobSecret.macEquals(macC, mac(secret, (byte) 'C', purpose, rank, ns, nc))) {
                throw new HandshakeException("initiator does not know the job secret");
            }
            o.writeByte(ACCEPTED);
            o.flush();
            return new Peer(purpose, rank);
        } catch (EOFException e) {
            throw new HandshakeException("connection closed during handshake");
        }
    }

    private static void checkMagicAndVersion(int magic, short version) throws HandshakeException {
        if (magic != MAGIC) {
            throw new HandshakeException(String.format("not an spmd4j peer (magic 0x%08x)", magic));
        }
        if (version != VERSION) {
            throw new HandshakeException("protocol version " + version + " differs from ours (" + VERSION
                + "); run every rank with the same spmd4j version");
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    static byte[] mac(JobSecret secret, byte role, byte purpose, int rank, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            ByteBuffer b = ByteBuffer.allocate(1 + 1 + 4 + first.length + second.length);
            b.put(role).put(purpose).putInt(rank).put(first).put(second);
            return mac.doFinal(b.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
