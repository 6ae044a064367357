package io.spmd4j.bootstrap;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Messages on a rank's control connection to the rendezvous service, after the {@link Handshake}.
 * Every message is {@code type:byte length:int payload:length}; lengths are checked against
 * {@link #MAX_PAYLOAD_BYTES} before anything is allocated.
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
        byte[] msg = new byte[length + 1];
        msg[0] = type;
        in.readFully(msg, 1, length);
        return msg;
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
