package io.spmd4j.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits for the output streams of ranks to end once the ranks have exited, so that no line a rank
 * wrote is lost. A stream normally ends as soon as its process has exited and its last bytes are
 * read; it stays open only when a child process that the rank started still holds it. The wait
 * gives up when no stream has moved a byte for the idle time and at least {@link #GRACE_MS} have
 * passed (a stream held open by such a child), and never waits more than {@link #MAX_WAIT_MS}. A
 * loaded machine that schedules the copying threads late thus delays the end of the job a little,
 * but loses no output.
 *
 * <p>Thread-safe: the copying threads call {@link #moved} and {@link #ended}, one thread awaits.
 */
final class OutputDrain {
    /** The drain waits at least this long for a stream that does not move before giving up on it. */
    static final long GRACE_MS = 3_000;
    /** The longest the drain waits in all, however busy the streams are. */
    static final long MAX_WAIT_MS = 30_000;

    private final CountDownLatch open;
    private final AtomicLong moves = new AtomicLong();

    /** @param streams how many streams end before the drain is complete */
    OutputDrain(int streams) {
        this.open = new CountDownLatch(streams);
    }

    /** Some bytes of a stream were passed on. */
    void moved() {
        moves.incrementAndGet();
    }

    /** A stream reached its end (or broke). */
    void ended() {
        open.countDown();
    }

    /**
     * Waits until every stream has ended, or no stream moved for {@code idleMillis} once
     * {@link #GRACE_MS} have passed, or {@link #MAX_WAIT_MS} passed. Returns true when every stream
     * ended; keeps the interrupt status.
     */
    boolean await(long idleMillis) {
        long start = System.nanoTime();
        long graceEnd = start + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MS);
        long seen = moves.get();
        try {
            while (true) {
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(idleMillis), deadline - System.nanoTime());
                if (wait <= 0) {
                    return open.getCount() == 0;
                }
                if (open.await(wait, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                long now = moves.get();
                if (now == seen && System.nanoTime() - graceEnd >= 0) {
                    return false;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return open.getCount() == 0;
        }
    }
}
