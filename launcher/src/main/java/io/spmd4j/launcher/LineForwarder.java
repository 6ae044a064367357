package io.spmd4j.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one rank's stdout or stderr to the launcher's stream in whole lines, so that lines of
 * different ranks never mix: each read is cut into complete lines, which are written as one block
 * while holding the target stream's lock. A partial line waits for its end; a final line without a
 * newline is written with one. Bytes pass through unchanged (no charset decoding); a line longer
 * than {@link #MAX_LINE_BYTES} is broken into pieces of that size.
 *
 * <p>Runs on its own thread ({@link #run()}) for a local rank's stream; for a rank on another host,
 * the thread that reads the node agent's connection feeds it ({@link #accept}, {@link #finish()}).
 * Tells {@code drain} of every block passed on and of the end of the rank's stream.
 */
final class LineForwarder implements Runnable {
    /** Longest line kept whole; longer ones are split. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final InputStream from;
    private final PrintStream to;
    private final byte[] prefix;
    private final OutputDrain drain;
    private final Bytes pending = new Bytes();
    private final Bytes block = new Bytes();

    /**
     * @param from the rank's stream
     * @param to the launcher's stream; its monitor orders whole blocks of lines
     * @param tag the prefix of every line ({@code "[3] "}) or {@code null}
     * @param drain told of the bytes passed on, and of the end once {@code from} is exhausted or broken
     */
    LineForwarder(InputStream from, PrintStream to, String tag, OutputDrain drain) {
        this.from = from;
        this.to = to;
        this.prefix = tag == null ? new byte[0] : tag.getBytes(StandardCharsets.UTF_8);
        this.drain = drain;
    }

    /**
     * A forwarder that is fed bytes rather than reading a stream.
     *
     * @see #LineForwarder(InputStream, PrintStream, String, OutputDrain)
     */
    LineForwarder(PrintStream to, String tag, OutputDrain drain) {
        this(null, to, tag, drain);
    }

    @Override
    public void run() {
        byte[] buf = new byte[READ_BUFFER_BYTES];
        try (InputStream in = from) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                accept(buf, 0, n);
            }
        } catch (IOException e) {
            // the stream was closed under us: the job is ending; keep what arrived
        } finally {
            finish();
        }
    }

    /** Forwards the complete lines in {@code n} more bytes of the stream; keeps a partial last line. */
    void accept(byte[] buf, int offset, int n) {
        cut(buf, offset, offset + n);
        flushBlock();
        drain.moved();
    }

    /** The stream has ended: forwards a partial last line with a newline and tells the drain. */
    void finish() {
        if (pending.size() > 0) {
            endLine();
            flushBlock();
        }
        drain.ended();
    }

    private void cut(byte[] buf, int from, int n) {
        int start = from;
        for (int i = from; i < n; i++) {
            if (buf[i] == '\n') {
                pending.write(buf, start, i - start);
                endLine();
                start = i + 1;
            } else if (pending.size() + (i + 1 - start) >= MAX_LINE_BYTES) {
                pending.write(buf, start, i + 1 - start);
                endLine();
                start = i + 1;
            }
        }
        pending.write(buf, start, n - start);
    }

    private void endLine() {
        block.write(prefix, 0, prefix.length);
        pending.appendTo(block);
        block.write('\n');
        pending.reset();
    }

    private void flushBlock() {
        if (block.size() == 0) {
            return;
        }
        synchronized (to) {
            block.appendTo(to);
            to.flush();
        }
        block.reset();
    }

    /** A byte buffer that copies out without a temporary array. */
    private static final class Bytes extends ByteArrayOutputStream {
        void appendTo(ByteArrayOutputStream other) {
            other.write(buf, 0, count);
        }

        void appendTo(PrintStream out) {
            out.write(buf, 0, count);
        }
    }
}
