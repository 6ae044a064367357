package io.spmd4j.farm;

import java.util.Locale;

/**
 * How far a farm map has got, as the coordinator sees it: tasks finished (successfully or not),
 * tasks failed, the number of tasks (unknown, {@code -1}, while a streamed input has more), and the
 * time since the map started. Immutable.
 *
 * <p>{@link #toString()} is the farm's progress line:
 * {@code farm: 40/100 tasks done, 1 failed, 12.0 s elapsed, ETA 18.0 s}.
 */
public final class Progress {
    private final int done;
    private final int failed;
    private final int total;
    private final double elapsedSeconds;

    Progress(int done, int failed, int total, double elapsedSeconds) {
        this.done = done;
        this.failed = failed;
        this.total = total;
        this.elapsedSeconds = elapsedSeconds;
    }

    /** Tasks finished, failed ones included. */
    public int done() {
        return done;
    }

    /** Tasks that failed. */
    public int failed() {
        return failed;
    }

    /** Number of tasks, or {@code -1} while a streamed input is not exhausted. */
    public int total() {
        return total;
    }

    /** Seconds since the map started. */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /**
     * Estimated seconds until every task is done, from the mean rate so far
     * ({@code elapsed / done * (total - done)}); {@link Double#NaN} while the total or the rate is unknown.
     */
    public double etaSeconds() {
        if (total < 0 || done == 0) {
            return Double.NaN;
        }
        return elapsedSeconds / done * (total - done);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("farm: ").append(done).append('/')
            .append(total < 0 ? "?" : Integer.toString(total)).append(" tasks done");
        if (failed > 0) {
            s.append(", ").append(failed).append(" failed");
        }
        s.append(String.format(Locale.ROOT, ", %.1f s elapsed", elapsedSeconds));
        double eta = etaSeconds();
        if (total >= 0 && done == total) {
            s.append(", finished");
        } else if (!Double.isNaN(eta)) {
            s.append(String.format(Locale.ROOT, ", ETA %.1f s", eta));
        }
        return s.toString();
    }
}
