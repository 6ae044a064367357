package io.spmd4j.benchmarks.osu;

import java.util.Locale;

/**
 * The settings of one OSU-style test run, immutable. Built from a command line with
 * {@link #parse(OsuTest, String...)} or programmatically with {@link #builder(OsuTest)}; both
 * validate, and a bad setting throws {@link IllegalArgumentException} with a one-line message that
 * names the option and the value.
 *
 * <p>Sizes run over the powers of two from {@link #minSizeBytes()} to {@link #maxSizeBytes()}.
 * As in OSU, sizes above {@link #largeSizeBytes()} use fewer iterations and warm-up iterations.
 * A test takes only the options that mean something to it ({@link OsuTest#hasSizes()},
 * {@link OsuTest#hasWindow()}, {@link OsuTest#hasBufferKind()}); the barrier has no sizes, the
 * allreduce sends doubles and so starts at 8 bytes.
 *
 * <p>Every test takes {@code --warmup-seconds S}: the untimed warm-up of each size then runs at least
 * its warm-up count and at least {@code S} seconds ({@link Warmup}); 0, the default, keeps OSU's
 * count-only warm-up.
 */
public final class OsuOptions {
    /** OSU's smallest message size of the point-to-point tests. */
    public static final int DEFAULT_MIN_SIZE_BYTES = 1;
    /** OSU's largest message size of the point-to-point tests: 4 MiB. */
    public static final int DEFAULT_MAX_SIZE_BYTES = OsuTest.POINT_TO_POINT_DEFAULT_MAX_SIZE_BYTES;
    /** OSU's threshold above which the large iteration counts apply. */
    public static final int DEFAULT_LARGE_SIZE_BYTES = 8 * 1024;
    /** OSU's bandwidth window: messages in flight per iteration. */
    public static final int DEFAULT_WINDOW = 64;
    /** Default minimum warm-up time per size: none, the warm-up counts alone decide (OSU's behaviour). */
    public static final double DEFAULT_WARMUP_SECONDS = 0.0;
    /** Largest {@code --warmup-seconds}: an hour per size is surely a mistake. */
    public static final double MAX_WARMUP_SECONDS = 3600.0;

    private static final long KIB = 1024L;
    private static final int TEXT_COLUMN = 26;

    private final OsuTest test;
    private final int minSizeBytes;
    private final int maxSizeBytes;
    private final int iterations;
    private final int warmup;
    private final int iterationsLarge;
    private final int warmupLarge;
    private final int largeSizeBytes;
    private final int window;
    private final double warmupSeconds;
    private final BufferKind buffer;
    private final boolean help;

    private OsuOptions(Builder b) {
        this.test = b.test;
        this.minSizeBytes = b.minSizeBytes;
        this.maxSizeBytes = b.maxSizeBytes;
        this.iterations = b.iterations;
        this.warmup = b.warmup;
        this.iterationsLarge = b.iterationsLarge;
        this.warmupLarge = b.warmupLarge;
        this.largeSizeBytes = b.largeSizeBytes;
        this.window = b.window;
        this.warmupSeconds = b.warmupSeconds;
        this.buffer = b.buffer;
        this.help = b.help;
    }

    /** Returns a builder holding OSU's defaults for {@code test}. */
    public static Builder builder(OsuTest test) {
        return new Builder(test);
    }

    /**
     * Parses a command line. {@code --help} wins over everything after it and yields options whose
     * {@link #help()} is true.
     *
     * @throws IllegalArgumentException with a one-line message when an option is unknown, lacks its
     *     value or has an invalid one
     */
    public static OsuOptions parse(OsuTest test, String... args) {
        Builder b = builder(test);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return b.help(true).build();
            }
            if (!isOption(test, name)) {
                throw new IllegalArgumentException("unknown option: " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--warmup-seconds":
                    b.warmupSeconds(parseSeconds(name, value));
                    break;
                case "--min-size":
                    b.minSizeBytes(parseInt(name, value));
                    break;
                case "--max-size":
                    b.maxSizeBytes(parseInt(name, value));
                    break;
                case "--iterations":
                    b.iterations(parseInt(name, value));
                    break;
                case "--warmup":
                    b.warmup(parseInt(name, value));
                    break;
                case "--iterations-large":
                    b.iterationsLarge(parseInt(name, value));
                    break;
                case "--warmup-large":
                    b.warmupLarge(parseInt(name, value));
                    break;
                case "--large-size":
                    b.largeSizeBytes(parseInt(name, value));
                    break;
                case "--window":
                    b.window(parseInt(name, value));
                    break;
                case "--buffer":
                    b.buffer(BufferKind.fromOption(value));
                    break;
                default:
                    throw new AssertionError(name);
            }
        }
        return b.build();
    }

    private static boolean isOption(OsuTest test, String name) {
        switch (name) {
            case "--iterations":
            case "--warmup":
            case "--warmup-seconds":
                return true;
            case "--min-size":
            case "--max-size":
            case "--iterations-large":
            case "--warmup-large":
            case "--large-size":
                return test.hasSizes();
            case "--buffer":
                return test.hasBufferKind();
            case "--window":
                return test.hasWindow();
            default:
                return false;
        }
    }

    /** Parses a non-negative int with an optional binary suffix K, M or G. */
    static int parseInt(String name, String text) {
        String digits = text.toUpperCase(Locale.ROOT);
        long multiplier = 1;
        if (digits.endsWith("K")) {
            multiplier = KIB;
        } else if (digits.endsWith("M")) {
            multiplier = KIB * KIB;
        } else if (digits.endsWith("G")) {
            multiplier = KIB * KIB * KIB;
        }
        if (multiplier != 1) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long value = Long.parseLong(digits);
            if (value < 0 || value > Integer.MAX_VALUE / multiplier) {
                throw new NumberFormatException();
            }
            return (int) (value * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + text);
        }
    }

    /**
     * Parses a duration in seconds written as plain decimal digits with an optional fraction, e.g.
     * {@code 0.5} or {@code 2}; the range is checked by {@link Builder#build()}.
     */
    static double parseSeconds(String name, String text) {
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}")) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + text
                + " (seconds, a decimal number such as 0.5, from 0 to " + (int) MAX_WARMUP_SECONDS + ")");
        }
        return Double.parseDouble(text);
    }

    /** Returns the usage text for {@code program}, listing every option with its default. */
    public static String usage(OsuTest test, String program) {
        StringBuilder s = new StringBuilder();
        s.append("Usage: bin/spmdrun -np ").append(test.npInUsage())
            .append(" -cp benchmarks/target/spmd4j-benchmarks.jar ").append(program).append(" [options]\n");
        s.append("OSU-style ").append(test.title().toLowerCase(Locale.ROOT)).append(' ').append(test.scope()).append(".\n");
        if (!test.hasSizes()) {
            line(s, "--iterations N", "timed iterations (default " + test.defaultIterations() + ")");
            line(s, "--warmup N", "untimed warm-up iterations (default " + test.defaultWarmup() + ")");
            warmupSecondsLine(s);
            line(s, "--help", "print this help and exit");
            return s.toString().stripTrailing();
        }
        String unit = test.smallestSizeBytes() > 1 ? ", a multiple of " + test.smallestSizeBytes() + " bytes" : "";
        line(s, "--min-size BYTES", "smallest message size, power of two" + unit
            + " (default " + sizeText(test.defaultMinSizeBytes()) + ")");
        line(s, "--max-size BYTES", "largest message size, power of two (default " + sizeText(test.defaultMaxSizeBytes()) + ")");
        line(s, "--iterations N", "timed iterations up to --large-size (default " + test.defaultIterations() + ")");
        line(s, "--warmup N", "untimed warm-up iterations up to --large-size (default " + test.defaultWarmup() + ")");
        line(s, "--iterations-large N", "timed iterations above --large-size (default "
            + test.defaultIterationsLarge() + ")");
        line(s, "--warmup-large N", "warm-up iterations above --large-size (default " + test.defaultWarmupLarge() + ")");
        line(s, "--large-size BYTES", "threshold for the large counts (default 8K)");
        warmupSecondsLine(s);
        if (test.hasWindow()) {
            line(s, "--window N", "messages in flight per iteration (default " + DEFAULT_WINDOW + ")");
        }
        if (test.hasBufferKind()) {
            line(s, "--buffer KIND", "direct or heap ByteBuffer, or bytes (byte[]) (default direct)");
        }
        line(s, "--help", "print this help and exit");
        s.append("Sizes accept the binary suffixes K, M and G.");
        return s.toString();
    }

    private static void warmupSecondsLine(StringBuilder s) {
        line(s, "--warmup-seconds S", "warm up each size also for at least S seconds of rank 0's clock");
        line(s, "", "(default 0: the warm-up counts alone, as OSU)");
    }

    /** Writes a size the way the options accept it: 4M, 8K or plain bytes. */
    private static String sizeText(int bytes) {
        if (bytes >= KIB * KIB && bytes % (KIB * KIB) == 0) {
            return bytes / (KIB * KIB) + "M";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + "K";
        }
        return Integer.toString(bytes);
    }

    private static void line(StringBuilder s, String option, String text) {
        s.append("  ").append(option);
        for (int i = option.length() + 2; i < TEXT_COLUMN; i++) {
            s.append(' ');
        }
        s.append(text).append('\n');
    }

    /** Returns the test these options are for. */
    public OsuTest test() {
        return test;
    }

    /** Returns the smallest message size in bytes, a power of two. */
    public int minSizeBytes() {
        return minSizeBytes;
    }

    /** Returns the largest message size in bytes, a power of two. */
    public int maxSizeBytes() {
        return maxSizeBytes;
    }

    /** Returns the timed iterations for sizes up to {@link #largeSizeBytes()}. */
    public int iterations() {
        return iterations;
    }

    /** Returns the untimed warm-up iterations for sizes up to {@link #largeSizeBytes()}. */
    public int warmup() {
        return warmup;
    }

    /** Returns the timed iterations for sizes above {@link #largeSizeBytes()}. */
    public int iterationsLarge() {
        return iterationsLarge;
    }

    /** Returns the warm-up iterations for sizes above {@link #largeSizeBytes()}. */
    public int warmupLarge() {
        return warmupLarge;
    }

    /** Returns the size above which the large iteration counts apply. */
    public int largeSizeBytes() {
        return largeSizeBytes;
    }

    /** Returns the number of messages in flight per bandwidth iteration. */
    public int window() {
        return window;
    }

    /**
     * Returns the minimum duration of the untimed warm-up at each size, in seconds (on rank 0's
     * clock); 0 when only the warm-up counts apply.
     */
    public double warmupSeconds() {
        return warmupSeconds;
    }

    /** Returns where the message bytes live. */
    public BufferKind buffer() {
        return buffer;
    }

    /** Returns true when the user asked for the usage text instead of a run. */
    public boolean help() {
        return help;
    }

    /** Returns the timed iterations for a message of {@code sizeBytes}. */
    public int iterationsFor(int sizeBytes) {
        return sizeBytes > largeSizeBytes ? iterationsLarge : iterations;
    }

    /** Returns the warm-up iterations for a message of {@code sizeBytes}. */
    public int warmupFor(int sizeBytes) {
        return sizeBytes > largeSizeBytes ? warmupLarge : warmup;
    }

    /** Mutable builder of {@link OsuOptions}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final OsuTest test;
        private int minSizeBytes;
        private int maxSizeBytes;
        private int iterations;
        private int warmup;
        private int iterationsLarge;
        private int warmupLarge;
        private int largeSizeBytes = DEFAULT_LARGE_SIZE_BYTES;
        private int window = DEFAULT_WINDOW;
        private double warmupSeconds = DEFAULT_WARMUP_SECONDS;
        private BufferKind buffer = BufferKind.DIRECT;
        private boolean help;

        private Builder(OsuTest test) {
            this.test = test;
            this.minSizeBytes = test.defaultMinSizeBytes();
            this.maxSizeBytes = test.defaultMaxSizeBytes();
            this.iterations = test.defaultIterations();
            this.warmup = test.defaultWarmup();
            this.iterationsLarge = test.defaultIterationsLarge();
            this.warmupLarge = test.defaultWarmupLarge();
        }

        /** Sets the smallest message size in bytes (a power of two). */
        public Builder minSizeBytes(int v) {
            minSizeBytes = v;
            return this;
        }

        /** Sets the largest message size in bytes (a power of two). */
        public Builder maxSizeBytes(int v) {
            maxSizeBytes = v;
            return this;
        }

        /** Sets the timed iterations up to the large-message threshold. */
        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        /** Sets the warm-up iterations up to the large-message threshold. */
        public Builder warmup(int v) {
            warmup = v;
            return this;
        }

        /** Sets the timed iterations above the large-message threshold. */
        public Builder iterationsLarge(int v) {
            iterationsLarge = v;
            return this;
        }

        /** Sets the warm-up iterations above the large-message threshold. */
        public Builder warmupLarge(int v) {
            warmupLarge = v;
            return this;
        }

        /** Sets the large-message threshold in bytes. */
        public Builder largeSizeBytes(int v) {
            largeSizeBytes = v;
            return this;
        }

        /** Sets the bandwidth window (bandwidth tests). */
        public Builder window(int v) {
            window = v;
            return this;
        }

        /** Sets the minimum warm-up time per size in seconds, from 0 (none) to {@link #MAX_WARMUP_SECONDS}. */
        public Builder warmupSeconds(double v) {
            warmupSeconds = v;
            return this;
        }

        /** Sets where the message bytes live. */
        public Builder buffer(BufferKind v) {
            buffer = java.util.Objects.requireNonNull(v, "buffer");
            return this;
        }

        /** Marks the options as a request for the usage text. */
        public Builder help(boolean v) {
            help = v;
            return this;
        }

        /** Validates and returns the options. */
        public OsuOptions build() {
            if (!help) {
                requirePowerOfTwo("--min-size", minSizeBytes);
                requirePowerOfTwo("--max-size", maxSizeBytes);
                if (minSizeBytes > maxSizeBytes) {
                    throw new IllegalArgumentException(
                        "--min-size exceeds --max-size: min-size=" + minSizeBytes + ", max-size=" + maxSizeBytes);
                }
                if (minSizeBytes < test.smallestSizeBytes()) {
                    throw new IllegalArgumentException("--min-size must be at least " + test.smallestSizeBytes()
                        + " (one double): min-size=" + minSizeBytes);
                }
                requireAtLeast("--iterations", iterations, 1);
                requireAtLeast("--iterations-large", iterationsLarge, 1);
                requireAtLeast("--warmup", warmup, 0);
                requireAtLeast("--warmup-large", warmupLarge, 0);
                requireAtLeast("--large-size", largeSizeBytes, 0);
                requireAtLeast("--window", window, 1);
                if (!(warmupSeconds >= 0.0 && warmupSeconds <= MAX_WARMUP_SECONDS)) {
                    throw new IllegalArgumentException("--warmup-seconds must be from 0 to " + (int) MAX_WARMUP_SECONDS
                        + ": warmup-seconds=" + warmupSeconds);
                }
            }
            return new OsuOptions(this);
        }

        private static void requirePowerOfTwo(String name, int v) {
            if (Integer.bitCount(v) != 1 || v < 0) {
                throw new IllegalArgumentException(name + " must be a power of two: " + name.substring(2) + "=" + v);
            }
        }

        private static void requireAtLeast(String name, int v, int min) {
            if (v < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ": " + name.substring(2) + "=" + v);
            }
        }
    }
}
