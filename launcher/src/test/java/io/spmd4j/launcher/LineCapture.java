package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** An output stream that keeps what is written and lets a test wait for a line. Thread-safe. */
final class LineCapture extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream printStream = new PrintStream(this, true, StandardCharsets.UTF_8);

    /** A print stream writing into this capture. */
    PrintStream printStream() {
        return printStream;
    }

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    /** Everything written so far. */
    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The complete lines written so far. */
    List<String> lines() {
        String t = text();
        int end = t.lastIndexOf('\n');
        return end < 0 ? List.of() : Arrays.asList(t.substring(0, end).split("\n", -1));
    }

    /** Waits until a complete line matches and returns it; fails the test after {@code timeout}. */
    synchronized String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (matching.test(line)) {
                    return line;
                }
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return fail("no matching line within " + timeout + "; got:\n" + text());
            }
            wait(leftMs);
        }
    }
}
