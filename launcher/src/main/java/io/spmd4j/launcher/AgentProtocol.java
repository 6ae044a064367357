package io.spmd4j.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames between the launcher and a node agent ({@link NodeAgent}) on the agent's TCP connection,
 * after the {@code Handshake} with purpose AGENT (rank field = the host's index, or -1 under srun).
 * Every frame is {@code type:byte rank:int length:int payload}; lengths are checked before anything
 * is allocated, and a payload is read in pieces as its bytes arrive, so a header that announces more
 * than the peer sends costs no more memory than the bytes that did arrive. A malformed frame throws an
 * {@link IOException} ({@link java.io.EOFException} when the stream ends inside it), and the reader closes
 * the connection.
 *
 * <pre>
 *  agent    -&gt; launcher  HELLO     rank=index   payload = node name (UTF-8)
 *  launcher -&gt; agent     SPAWN     rank=-1      payload = {@link Spawn}
 *  agent    -&gt; launcher  STARTED   rank         payload = pid:long
 *  agent    -&gt; launcher  OUT, ERR  rank         payload = bytes the rank wrote
 *  agent    -&gt; launcher  EXIT      rank         payload = code:int  (after the rank's last output)
 *  agent    -&gt; launcher  FAILED    rank         payload = message (UTF-8): the rank could not start
 *  launcher -&gt; agent     STDIN     rank         payload = bytes for the rank's stdin; empty = end of input
 *  launcher -&gt; agent     SIGNAL    rank=-1      payload = signal:int, forwarded to every rank
 *  launcher -&gt; agent     TERMINATE rank=-1      end every rank: SIGTERM, SIGKILL after a grace time
 * </pre>
 * The agent closes the connection once every rank has exited and been reported; when the connection
 * closes under it, it kills its ranks at once.
 */
final class AgentProtocol {
    static final byte HELLO = 1;
    static final byte SPAWN = 2;
    static final byte STARTED = 3;
    static final byte OUT = 4;
    static final byte ERR = 5;
    static final byte EXIT = 6;
    static final byte FAILED = 7;
    static final byte STDIN = 8;
    static final byte SIGNAL = 9;
    static final byte TERMINATE = 10;
    /** Largest payload of any frame. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private AgentProtocol() {
    }

    /** One frame as read. */
    record Frame(byte type, int rank, byte[] payload) {
    }

    static void write(DataOutputStream out, byte type, int rank, byte[] payload, int offset, int length)
        throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(rank);
            out.writeInt(length);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    static void write(DataOutputStream out, byte type, int rank, byte[] payload) throws IOException {
        write(out, type, rank, payload, 0, payload.length);
    }

    static Frame read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        int rank = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            throw new IOException("agent frame of type " + type + " has length " + length);
        }
        byte[] payload = in.readNBytes(length); // grows with the bytes that arrive, not with the claim
        if (payload.length != length) {
            throw new java.io.EOFException("agent frame of type " + type + " ended after " + payload.length
                + " of its " + length + " bytes");
        }
        return new Frame(type, rank, payload);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ofInt(int v) {
        return java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(v).array();
    }

    static byte[] ofLong(long v) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    /** The int that is the whole of {@code b}; an IOException when {@code b} is not 4 bytes. */
    static int intOf(byte[] b) throws IOException {
        checkLength(b, Integer.BYTES);
        return java.nio.ByteBuffer.wrap(b).getInt();
    }

    /** The long that is the whole of {@code b}; an IOException when {@code b} is not 8 bytes. */
    static long longOf(byte[] b) throws IOException {
        checkLength(b, Long.BYTES);
        return java.nio.ByteBuffer.wrap(b).getLong();
    }

    private static void checkLength(byte[] b, int expected) throws IOException {
        if (b.length != expected) {
            throw new IOException("agent frame payload of " + b.length + " bytes where " + expected + " were expected");
        }
    }

    /**
     * What an agent starts: one command for every rank, in one working directory, with variables common
     * to all and variables per rank; and which directory it removes when its ranks are gone.
     *
     * @param command the rank command
     * @param workingDirectory the ranks' working directory
     * @param environment variables of every rank
     * @param ranks the ranks and each one's own variables
     * @param stdinRank the rank whose stdin the launcher feeds, or -1
     */
    record Spawn(List<String> command, String workingDirectory, Map<String, String> environment,
                 Map<Integer, Map<String, String>> ranks, int stdinRank) {
        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(bytes)) {
                writeStrings(d, command);
                writeString(d, workingDirectory);
                writeMap(d, environment);
                d.writeInt(ranks.size());
                for (Map.Entry<Integer, Map<String, String>> e : ranks.entrySet()) {
                    d.writeInt(e.getKey());
                    writeMap(d, e.getValue());
                }
                d.writeInt(stdinRank);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Spawn decode(byte[] payload) throws IOException {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(payload));
            List<String> command = readStrings(d);
            String wdir = readString(d);
            Map<String, String> env = readMap(d);
            int n = readCount(d);
            Map<Integer, Map<String, String>> ranks = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                ranks.put(d.readInt(), readMap(d));
            }
            int stdinRank = d.readInt();
            if (d.available() > 0) {
                throw new IOException("malformed spawn frame: " + d.available() + " bytes after its end");
            }
            return new Spawn(command, wdir, env, ranks, stdinRank);
        }

        /** A count of entries; each takes at least 4 bytes, so a count the payload cannot hold is refused. */
        private static int readCount(DataInputStream d) throws IOException {
            int n = d.readInt();
            if (n < 0 || n > d.available() / Integer.BYTES) {
                throw new IOException("malformed spawn frame: count " + n + " with " + d.available() + " bytes left");
            }
            return n;
        }

        private static void writeString(DataOutputStream d, String s) throws IOException {
            byte[] b = utf8(s);
            d.writeInt(b.length);
            d.write(b);
        }

        private static String readString(DataInputStream d) throws IOException {
            int n = d.readInt();
            if (n < 0 || n > d.available()) {
                throw new IOException("malformed spawn frame: string of " + n + " bytes with " + d.available()
                    + " bytes left");
            }
            return new String(d.readNBytes(n), StandardCharsets.UTF_8);
        }

        private static void writeStrings(DataOutputStream d, List<String> list) throws IOException {
            d.writeInt(list.size());
            for (String s : list) {
                writeString(d, s);
            }
        }

        private static List<String> readStrings(DataInputStream d) throws IOException {
            int n = readCount(d);
            List<String> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(readString(d));
            }
            return list;
        }

        private static void writeMap(DataOutputStream d, Map<String, String> map) throws IOException {
            d.writeInt(map.size());
            for (Map.Entry<String, String> e : map.entrySet()) {
                writeString(d, e.getKey());
                writeString(d, e.getValue());
            }
        }

        private static Map<String, String> readMap(DataInputStream d) throws IOException {
            int n = readCount(d);
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(readString(d), readString(d));
            }
            return map;
        }
    }
}
