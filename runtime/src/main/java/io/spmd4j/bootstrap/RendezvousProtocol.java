package io.spmd4j.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages on a rank's control connection to the rendezvous service, after the {@link Handshake}.
 * Every message is {@code type:byte length:int payload:length}; lengths are checked against the
 * reader's limit before anything is allocated, and a payload is read in pieces as its bytes arrive, so a
 * header that announces more than the peer sends costs no more memory than the bytes that did arrive.
 * Any malformed message throws an {@link IOException} (an {@link EOFException} when the stream ends
 * inside it), after which the reader closes the connection.
 *
 * <pre>
 *  rank -&gt; service  CARD   payload = the rank's card (opaque to the service)
 *  rank -&gt; service  ABORT  payload = exitCode:int messageLength:int message:UTF-8
 *  service -&gt; rank  TABLE  payload = n:int then n times (length:int card)
 *  rank -&gt; service  BYE    payload = empty; the rank has finalized, its connection may now close
 *  service -&gt; rank  END    payload = empty; another rank failed, end now (bare srun steps only)
 * </pre>
 */
final class RendezvousProtocol {
    static final byte CARD = 1;
    static final byte ABORT = 2;
    static final byte TABLE = 3;
    static final byte BYE = 4;
    static final byte END = 5;
    /** Upper bound of one card or abort message. */
    static final int MAX_CARD_BYTES = 64 * 1024;
    /** Upper bound of any message, a table of a large job included. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

    private RendezvousProtocol() {
    }

    static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
        }
    }

    /** Reads one message; the returned array's first byte is the type, the rest the payload. */
    static byte[] read(DataInputStream in, int maxPayload) throws IOException {
        byte type = in.readByte();
        int length = in.readInt();
        if (length < 0 || length > maxPayload) {
            throw new IOException("rendezvous message of type " + type + " has length " + length
                + " outside 0.." + maxPayload);
        }
        byte[] payload = in.readNBytes(length); // grows with the bytes that arrive, not with the claim
        if (payload.length != length) {
            throw new EOFException("rendezvous message of type " + type + " ended after " + payload.length
                + " of its " + length + " bytes");
        }
        byte[] msg = new byte[length + 1];
        msg[0] = type;
        System.arraycopy(payload, 0, msg, 1, length);
        return msg;
    }

    /** An abort request as decoded from an ABORT message. */
    record Abort(int exitCode, String message) {
    }

    /** Decodes an ABORT message as returned by {@link #read} (type byte first). */
    static Abort decodeAbort(byte[] msg) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(msg, 1, msg.length - 1);
        if (b.remaining() < 2 * Integer.BYTES) {
            throw new IOException("malformed abort message: " + b.remaining() + " bytes, expected at least 8");
        }
        int code = b.getInt();
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IOException("malformed abort message: text length " + len + " outside 0.." + b.remaining());
        }
        return new Abort(code, new String(msg, b.position(), len, StandardCharsets.UTF_8));
    }

    /**
     * Decodes a TABLE message as returned by {@link #read} (type byte first): exactly {@code size} cards of
     * at most {@link #MAX_CARD_BYTES} each, and nothing after them.
     */
    static List<byte[]> decodeTable(byte[] msg, int size) throws IOException {
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(msg, 1, msg.length - 1));
        int n = d.readInt();
        if (n != size) {
            throw new IOException("rendezvous table has " + n + " ranks, expected " + size);
        }
        List<byte[]> cards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = d.readInt();
            if (len < 0 || len > MAX_CARD_BYTES) {
                throw new IOException("card of rank " + i + " has length " + len + " outside 0.." + MAX_CARD_BYTES);
            }
            byte[] card = d.readNBytes(len);
            if (card.length != len) {
                throw new EOFException("rendezvous table ends inside the card of rank " + i);
            }
            cards.add(card);
        }
        if (d.available() > 0) {
            throw new IOException("rendezvous table has " + d.available() + " bytes after its last card");
        }
        return cards;
    }

    static byte[] abortPayload(int code, String message) {
        byte[] text = truncate(message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + text.length);
        b.putInt(code).putInt(text.length).put(text);
        return b.array();
    }

    private static String truncate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }
}
