package io.spmd4j.benchmarks.osu;

/**
 * The OSU-style tests of this package with their OSU default iteration counts and their table
 * headers.
 */
public enum OsuTest {
    /** Ping-pong latency, half the round trip ({@code osu_latency}). */
    LATENCY("Latency", "Latency (us)", 10_000, 100, 1_000, 10),
    /** Streaming bandwidth with a window of nonblocking messages ({@code osu_bw}). */
    BANDWIDTH("Bandwidth", "Bandwidth (MB/s)", 100, 10, 20, 2);

    private final String title;
    private final String column;
    private final int defaultIterations;
    private final int defaultWarmup;
    private final int defaultIterationsLarge;
    private final int defaultWarmupLarge;

    OsuTest(String title, String column, int iterations, int warmup, int iterationsLarge, int warmupLarge) {
        this.title = title;
        this.column = column;
        this.defaultIterations = iterations;
        this.defaultWarmup = warmup;
        this.defaultIterationsLarge = iterationsLarge;
        this.defaultWarmupLarge = warmupLarge;
    }

    /** Returns the word used in the table title, e.g. {@code Latency}. */
    public String title() {
        return title;
    }

    /** Returns the heading of the value column, e.g. {@code Latency (us)}. */
    public String column() {
        return column;
    }

    /** Returns OSU's timed iterations for sizes up to the large-message threshold. */
    public int defaultIterations() {
        return defaultIterations;
    }

    /** Returns OSU's untimed warm-up iterations for sizes up to the large-message threshold. */
    public int defaultWarmup() {
        return defaultWarmup;
    }

    /** Returns OSU's timed iterations above the large-message threshold. */
    public int defaultIterationsLarge() {
        return defaultIterationsLarge;
    }

    /** Returns OSU's warm-up iterations above the large-message threshold. */
    public int defaultWarmupLarge() {
        return defaultWarmupLarge;
    }
}
