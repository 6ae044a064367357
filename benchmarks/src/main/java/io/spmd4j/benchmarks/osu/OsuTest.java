package io.spmd4j.benchmarks.osu;

/**
 * The OSU-style tests of this package with their OSU default iteration counts and sizes, the ranks
 * they run on, the options they take and their table headers.
 */
public enum OsuTest {
    /** Ping-pong latency, half the round trip ({@code osu_latency}). */
    LATENCY("Latency", "Latency (us)", "test between ranks 0 and 1", Ranks.EXACTLY_TWO, Kind.POINT_TO_POINT,
        10_000, 100, 1_000, 10),
    /** Streaming bandwidth with a window of nonblocking messages ({@code osu_bw}). */
    BANDWIDTH("Bandwidth", "Bandwidth (MB/s)", "test from rank 0 to rank 1", Ranks.EXACTLY_TWO, Kind.STREAMING,
        100, 10, 20, 2),
    /** Bidirectional bandwidth: both ranks stream a window at once ({@code osu_bibw}). */
    BIBW("Bi-Directional Bandwidth", "Bandwidth (MB/s)", "test between ranks 0 and 1, both sending at once",
        Ranks.EXACTLY_TWO, Kind.STREAMING, 100, 10, 20, 2),
    /** Ping-pong latency of all pairs (i, i + np/2) at once, averaged over ranks ({@code osu_multi_lat}). */
    MULTI_LATENCY("Multi Latency", "Latency (us)", "test of all pairs (i, i + np/2) at once, averaged over ranks",
        Ranks.PAIRS, Kind.POINT_TO_POINT, 10_000, 100, 1_000, 10),
    /** Latency of an allreduce of doubles with SUM, averaged over ranks ({@code osu_allreduce}). */
    ALLREDUCE("Allreduce Latency", "Avg Latency (us)", "test (doubles, SUM) over all ranks, averaged over ranks",
        Ranks.AT_LEAST_TWO, Kind.SIZED_COLLECTIVE, 1_000, 200, 100, 10),
    /** Latency of a broadcast of bytes from rank 0, averaged over ranks ({@code osu_bcast}). */
    BCAST("Broadcast Latency", "Avg Latency (us)", "test (bytes, root 0) over all ranks, averaged over ranks",
        Ranks.AT_LEAST_TWO, Kind.BYTE_COLLECTIVE, 1_000, 200, 100, 10),
    /** Latency of an allgather of bytes, size per rank, averaged over ranks ({@code osu_allgather}). */
    ALLGATHER("Allgather Latency", "Avg Latency (us)", "test (bytes per rank) over all ranks, averaged over ranks",
        Ranks.AT_LEAST_TWO, Kind.BYTE_COLLECTIVE, 1_000, 200, 100, 10),
    /** Latency of an alltoall of bytes, size per pair, averaged over ranks ({@code osu_alltoall}). */
    ALLTOALL("All-to-All Personalized Exchange Latency", "Avg Latency (us)",
        "test (bytes per pair of ranks) over all ranks, averaged over ranks", Ranks.AT_LEAST_TWO,
        Kind.BYTE_COLLECTIVE, 1_000, 200, 100, 10),
    /** Latency of a barrier, averaged over ranks ({@code osu_barrier}). */
    BARRIER("Barrier Latency", "Avg Latency (us)", "test over all ranks, averaged over ranks",
        Ranks.AT_LEAST_TWO, Kind.COLLECTIVE, 1_000, 200, 1_000, 200);

    /** Bytes of one allreduce element: a double. */
    public static final int DOUBLE_BYTES = Double.BYTES;
    /** OSU's largest allreduce message: 1 MiB. */
    public static final int ALLREDUCE_DEFAULT_MAX_SIZE_BYTES = 1024 * 1024;
    /** Point-to-point tests run up to 4 MiB, as OSU's do. */
    public static final int POINT_TO_POINT_DEFAULT_MAX_SIZE_BYTES = 4 * 1024 * 1024;

    /** Which world sizes a test runs on. */
    enum Ranks {
        /** Ranks 0 and 1 only, as OSU's two-process tests. */
        EXACTLY_TWO,
        /** An even number of ranks, at least 2: pairs (i, i + np/2). */
        PAIRS,
        /** Any number of ranks from 2, as OSU's collective tests. */
        AT_LEAST_TWO
    }

    /** What a test sends, which decides the options it takes. */
    enum Kind {
        /** Messages of a size from a buffer of a chosen kind. */
        POINT_TO_POINT,
        /** Like {@link #POINT_TO_POINT}, with a window of messages in flight. */
        STREAMING,
        /** A collective over arrays of doubles; sizes are multiples of 8 bytes. */
        SIZED_COLLECTIVE,
        /** A collective over byte arrays; any power-of-two size from 1 byte. */
        BYTE_COLLECTIVE,
        /** A collective without data: no sizes. */
        COLLECTIVE
    }

    private final String title;
    private final String column;
    private final String scope;
    private final Ranks ranks;
    private final Kind kind;
    private final int defaultIterations;
    private final int defaultWarmup;
    private final int defaultIterationsLarge;
    private final int defaultWarmupLarge;

    OsuTest(String title, String column, String scope, Ranks ranks, Kind kind, int iterations, int warmup,
        int iterationsLarge, int warmupLarge) {
        this.title = title;
        this.column = column;
        this.scope = scope;
        this.ranks = ranks;
        this.kind = kind;
        this.defaultIterations = iterations;
        this.defaultWarmup = warmup;
        this.defaultIterationsLarge = iterationsLarge;
        this.defaultWarmupLarge = warmupLarge;
    }

    /** Returns the words used in the table title, e.g. {@code Latency}. */
    public String title() {
        return title;
    }

    /** Returns the heading of the value column, e.g. {@code Latency (us)}. */
    public String column() {
        return column;
    }

    /** Returns what the usage text says the test measures, e.g. {@code test between ranks 0 and 1}. */
    String scope() {
        return scope;
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

    /** Returns true when the test runs over a range of message sizes ({@code --min-size} and so on). */
    public boolean hasSizes() {
        return kind != Kind.COLLECTIVE;
    }

    /** Returns true when the test keeps a window of messages in flight ({@code --window}). */
    public boolean hasWindow() {
        return kind == Kind.STREAMING;
    }

    /** Returns true when the message bytes live in a buffer of a chosen kind ({@code --buffer}). */
    public boolean hasBufferKind() {
        return kind == Kind.POINT_TO_POINT || kind == Kind.STREAMING;
    }

    /** Returns the smallest message size the test can send: one double for an allreduce, else 1. */
    public int smallestSizeBytes() {
        return kind == Kind.SIZED_COLLECTIVE ? DOUBLE_BYTES : 1;
    }

    /** Returns the default smallest message size. */
    public int defaultMinSizeBytes() {
        return smallestSizeBytes();
    }

    /** Returns the default largest message size: OSU's, 1 MiB for a collective and 4 MiB otherwise. */
    public int defaultMaxSizeBytes() {
        return kind == Kind.SIZED_COLLECTIVE || kind == Kind.BYTE_COLLECTIVE ? ALLREDUCE_DEFAULT_MAX_SIZE_BYTES
            : POINT_TO_POINT_DEFAULT_MAX_SIZE_BYTES;
    }

    /** Returns true when the reported value is the average of every rank's own measurement. */
    public boolean averagedOverRanks() {
        return ranks != Ranks.EXACTLY_TWO;
    }

    /** Returns the {@code -np} argument the usage text shows: {@code 2} or {@code N}. */
    String npInUsage() {
        return ranks == Ranks.EXACTLY_TWO ? "2" : "N";
    }

    /** Returns why the test cannot run on {@code worldSize} ranks, or null when it can. */
    public String worldSizeProblem(int worldSize) {
        switch (ranks) {
            case EXACTLY_TWO:
                return worldSize == 2 ? null : "this test needs exactly 2 ranks: size=" + worldSize;
            case PAIRS:
                return worldSize >= 2 && worldSize % 2 == 0 ? null
                    : "this test needs an even number of ranks, at least 2: size=" + worldSize;
            case AT_LEAST_TWO:
                return worldSize >= 2 ? null : "this test needs at least 2 ranks: size=" + worldSize;
            default:
                throw new AssertionError(ranks);
        }
    }
}
