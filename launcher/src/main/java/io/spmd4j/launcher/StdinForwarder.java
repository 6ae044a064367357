package io.spmd4j.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies the launcher's stdin to rank 0's stdin and closes it at end of input, so that the rank
 * sees EOF. Stops quietly when rank 0 has exited (broken pipe). Runs on its own daemon thread
 * ({@link #run()}); the launcher's stdin may stay blocked in {@code read} after the job ends, which
 * is why the thread must not keep the JVM alive.
 */
final class StdinForwarder implements Runnable {
    private static final int BUFFER_BYTES = 8 * 1024;

    private final InputStream from;
    private final OutputStream to;

    StdinForwarder(InputStream from, OutputStream to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public void run() {
        byte[] buf = new byte[BUFFER_BYTES];
        try (OutputStream out = to) {
            int n;
            while ((n = from.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // rank 0 exited or the job is ending; nothing left to feed
        }
    }
}
