import java.util.Locale;

/**
 * Command-line options and shared output of the MPJ Express peers of the spmd4j OSU-style benchmarks.
 *
 * <p>These programs use only the mpiJava 1.2 API ({@code import mpi.*}), so the same sources compile
 * unchanged against MPJ Express' mpj.jar and against spmd4j's runtime jar; {@code run-peers.sh
 * --mpj-api} runs them on both (spmd4j-mpi-* against mpj-*).
 *
 * <p>The options, defaults and output format match those of {@code io.spmd4j.benchmarks.osu} and of
 * the Open MPI peers in {@code ../c}, so that {@code run-peers.sh} can put all of them side by side.
 * Parsed once into an immutable object; a bad command line throws {@link IllegalArgumentException}
 * with a one-line message.
 */
final class MpjOsuOptions {
    static final int MIN_SIZE_BYTES = 1;
    static final int MAX_SIZE_BYTES = 4 * 1024 * 1024;
    static final int ALLREDUCE_MAX_SIZE_BYTES = 1024 * 1024;
    /** Messages above this size use the "large" iteration and warm-up counts, as in OSU. */
    static final int LARGE_SIZE_BYTES = 8192;
    static final int WINDOW = 64;
    static final int ACK_BYTES = 4;
    static final int TAG_DATA = 100;
    static final int TAG_ACK = 101;
    static final int ROOT = 0;
    static final int DOUBLE_BYTES = 8;
    static final double NANOS_PER_MICRO = 1e3;
    static final double NANOS_PER_SECOND = 1e9;
    static final double BYTES_PER_MB = 1e6;
    /** Largest {@code --warmup-seconds}: an hour per size is surely a mistake. */
    static final double MAX_WARMUP_SECONDS = 3600.0;

    /** The tests of this suite, with their OSU defaults, world sizes and options. */
    enum Test {
        LATENCY("Latency", "Latency (us)", "test between ranks 0 and 1", Ranks.EXACTLY_TWO, true, false,
                MIN_SIZE_BYTES, MAX_SIZE_BYTES, 10000, 100, 1000, 10),
        BANDWIDTH("Bandwidth", "Bandwidth (MB/s)", "test from rank 0 to rank 1", Ranks.EXACTLY_TWO, true, true,
                MIN_SIZE_BYTES, MAX_SIZE_BYTES, 100, 10, 20, 2),
        BIBW("Bi-Directional Bandwidth", "Bandwidth (MB/s)", "test between ranks 0 and 1, both sending at once",
                Ranks.EXACTLY_TWO, true, true, MIN_SIZE_BYTES, MAX_SIZE_BYTES, 100, 10, 20, 2),
        MULTI_LATENCY("Multi Latency", "Latency (us)", "test of all pairs (i, i + np/2) at once, averaged over ranks",
                Ranks.PAIRS, true, false, MIN_SIZE_BYTES, MAX_SIZE_BYTES, 10000, 100, 1000, 10),
        ALLREDUCE("Allreduce Latency", "Avg Latency (us)", "test (doubles, SUM) over all ranks, averaged over ranks",
                Ranks.AT_LEAST_TWO, true, false, DOUBLE_BYTES, ALLREDUCE_MAX_SIZE_BYTES, 1000, 200, 100, 10),
        BARRIER("Barrier Latency", "Avg Latency (us)", "test over all ranks, averaged over ranks",
                Ranks.AT_LEAST_TWO, false, false, MIN_SIZE_BYTES, MAX_SIZE_BYTES, 1000, 200, 1000, 200);

        final String title;
        final String column;
        final String scope;
        final Ranks ranks;
        final boolean hasSizes;
        final boolean hasWindow;
        /** Defaults in the order of {@link #NAMES}. */
        final int[] defaults;

        Test(String title, String column, String scope, Ranks ranks, boolean hasSizes, boolean hasWindow,
                int minSize, int maxSize, int iterations, int warmup, int iterationsLarge, int warmupLarge) {
            this.title = title;
            this.column = column;
            this.scope = scope;
            this.ranks = ranks;
            this.hasSizes = hasSizes;
            this.hasWindow = hasWindow;
            this.defaults = new int[] {minSize, maxSize, iterations, warmup, iterationsLarge, warmupLarge,
                LARGE_SIZE_BYTES, WINDOW};
        }

        boolean takes(String option) {
            switch (option) {
                case "--iterations":
                case "--warmup":
                case "--warmup-seconds":
                    return true;
                case "--window":
                    return hasWindow;
                default:
                    return hasSizes;
            }
        }

        /** Returns why the test cannot run on {@code worldSize} ranks, or null when it can. */
        String worldSizeProblem(int worldSize) {
            switch (ranks) {
                case EXACTLY_TWO:
                    return worldSize == 2 ? null : "this test needs exactly 2 ranks: size=" + worldSize;
                case PAIRS:
                    return worldSize >= 2 && worldSize % 2 == 0 ? null
                            : "this test needs an even number of ranks, at least 2: size=" + worldSize;
                default:
                    return worldSize >= 2 ? null : "this test needs at least 2 ranks: size=" + worldSize;
            }
        }
    }

    /** Which world sizes a test runs on. */
    enum Ranks {
        EXACTLY_TWO, PAIRS, AT_LEAST_TWO
    }

    final Test test;
    final int minSize;
    final int maxSize;
    final int iterations;
    final int warmup;
    final int iterationsLarge;
    final int warmupLarge;
    final int largeSize;
    final int window;
    /** Minimum warm-up per size in seconds, on rank 0's clock; 0: the counts alone (OSU). */
    final double warmupSeconds;
    final boolean help;

    private MpjOsuOptions(Test test, int[] v, double warmupSeconds, boolean help) {
        this.test = test;
        this.minSize = v[0];
        this.maxSize = v[1];
        this.iterations = v[2];
        this.warmup = v[3];
        this.iterationsLarge = v[4];
        this.warmupLarge = v[5];
        this.largeSize = v[6];
        this.window = v[7];
        this.warmupSeconds = warmupSeconds;
        this.help = help;
    }

    private static final String[] NAMES = {
        "--min-size", "--max-size", "--iterations", "--warmup",
        "--iterations-large", "--warmup-large", "--large-size", "--window"
    };

    /** Parses the program's arguments over the test's OSU defaults. */
    static MpjOsuOptions parse(String[] args, Test test) {
        int[] v = test.defaults.clone();
        double warmupSeconds = 0.0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return new MpjOsuOptions(test, v, warmupSeconds, true);
            }
            if (name.equals("--warmup-seconds")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                warmupSeconds = parseSeconds(name, args[++i]);
                continue;
            }
            int index = -1;
            for (int k = 0; k < NAMES.length; k++) {
                if (NAMES[k].equals(name) && test.takes(name)) {
                    index = k;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("unknown option: " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            v[index] = parseSize(name, args[++i]);
        }
        if (Integer.bitCount(v[0]) != 1 || Integer.bitCount(v[1]) != 1) {
            throw new IllegalArgumentException(
                    "sizes must be powers of two: min-size=" + v[0] + ", max-size=" + v[1]);
        }
        if (v[0] > v[1]) {
            throw new IllegalArgumentException(
                    "min-size exceeds max-size: min-size=" + v[0] + ", max-size=" + v[1]);
        }
        if (v[0] < test.defaults[0] && test == Test.ALLREDUCE) {
            throw new IllegalArgumentException("min-size must be at least " + DOUBLE_BYTES + " (one double): min-size=" + v[0]);
        }
        if (v[2] < 1 || v[4] < 1 || v[7] < 1) {
            throw new IllegalArgumentException("iterations and window must be at least 1");
        }
        return new MpjOsuOptions(test, v, warmupSeconds, false);
    }

    /** Parses seconds written as decimal digits with an optional fraction (0.5, 2, .25), at most an hour. */
    private static double parseSeconds(String name, String text) {
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{0,9})?|\\.[0-9]{1,9}") || Double.parseDouble(text) > MAX_WARMUP_SECONDS) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + text
                    + " (seconds, a decimal number such as 0.5, from 0 to " + (int) MAX_WARMUP_SECONDS + ")");
        }
        return Double.parseDouble(text);
    }

    private static int parseSize(String name, String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long multiplier = 1;
        if (t.endsWith("K")) {
            multiplier = 1L << 10;
        } else if (t.endsWith("M")) {
            multiplier = 1L << 20;
        } else if (t.endsWith("G")) {
            multiplier = 1L << 30;
        }
        if (multiplier != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = Long.parseLong(t) * multiplier;
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + text);
        }
    }

    int iterationsFor(int size) {
        return size > largeSize ? iterationsLarge : iterations;
    }

    int warmupFor(int size) {
        return size > largeSize ? warmupLarge : warmup;
    }

    private static final String WARMUP_SECONDS_USAGE =
            "  --warmup-seconds S        warm up each size also for at least S seconds of rank 0's clock\n"
            + "                            (default 0: the warm-up counts alone, as OSU)\n";

    static String usage(String program, Test test) {
        MpjOsuOptions d = parse(new String[0], test);
        String head = "Usage: java -jar $MPJ_HOME/lib/starter.jar -np " + (test.ranks == Ranks.EXACTLY_TWO ? "2" : "N")
                + " -dev niodev|multicore " + program + " [options]\n"
                + "OSU-style " + test.title.toLowerCase(Locale.ROOT) + " " + test.scope + ".\n";
        if (!test.hasSizes) {
            return head
                    + "  --iterations N            timed iterations (default " + d.iterations + ")\n"
                    + "  --warmup N                untimed warm-up iterations (default " + d.warmup + ")\n"
                    + WARMUP_SECONDS_USAGE
                    + "  --help                    print this help and exit";
        }
        return head
                + "  --min-size BYTES          smallest message size, power of two"
                + (test == Test.ALLREDUCE ? ", a multiple of 8 bytes" : "") + " (default " + d.minSize + ")\n"
                + "  --max-size BYTES          largest message size, power of two (default " + (d.maxSize >> 20) + "M)\n"
                + "  --iterations N            timed iterations per size up to --large-size (default " + d.iterations + ")\n"
                + "  --warmup N                untimed warm-up iterations up to --large-size (default " + d.warmup + ")\n"
                + "  --iterations-large N      timed iterations above --large-size (default " + d.iterationsLarge + ")\n"
                + "  --warmup-large N          warm-up iterations above --large-size (default " + d.warmupLarge + ")\n"
                + "  --large-size BYTES        threshold for the large counts (default 8K)\n"
                + WARMUP_SECONDS_USAGE
                + (test.hasWindow ? "  --window N                messages in flight per iteration (default 64)\n" : "")
                + "  --help                    print this help and exit\n"
                + "Sizes accept the binary suffixes K, M and G.";
    }

    /**
     * Parses the program's arguments on every rank and checks the world size. Returns the options
     * when the test should run. After --help, rank 0 prints the usage, MPI is finalized and null is
     * returned; after a bad command line, rank 0 prints the error and the usage and the process
     * exits with status 2.
     */
    static MpjOsuOptions start(String program, String[] appArgs, Test test) throws Exception {
        int rank = mpi.MPI.COMM_WORLD.Rank();
        int worldSize = mpi.MPI.COMM_WORLD.Size();
        MpjOsuOptions options;
        try {
            options = parse(appArgs, test);
            String problem = test.worldSizeProblem(worldSize);
            if (!options.help && problem != null) {
                throw new IllegalArgumentException(problem);
            }
        } catch (IllegalArgumentException e) {
            if (rank == 0) {
                System.err.println(program + ": " + e.getMessage());
                System.err.println(usage(program, test));
            }
            mpi.MPI.Finalize();
            System.exit(2);
            return null;
        }
        if (options.help) {
            if (rank == 0) {
                System.out.println(usage(program, test));
            }
            mpi.MPI.Finalize();
            return null;
        }
        return options;
    }

    /** Prints the table title and header (rank 0 only). */
    static void printHeader(Test test) {
        System.out.println("# mpiJava OSU-style " + test.title + " Test");
        System.out.printf(Locale.ROOT, "# %-8s%18s%n", "Size", test.column);
        System.out.flush();
    }

    /** Prints one row, size left-aligned in 10 columns and the value in 18 (OSU's format). */
    static void printRow(long size, double value) {
        System.out.printf(Locale.ROOT, "%-10d%18.2f%n", size, value);
        System.out.flush();
    }

    /** Returns, on {@link #ROOT}, the average over all ranks of {@code value} (a sum reduction); collective. */
    static double averageOverRanks(double value) throws Exception {
        double[] mine = {value};
        double[] sum = new double[1];
        mpi.MPI.COMM_WORLD.Reduce(mine, 0, sum, 0, 1, mpi.MPI.DOUBLE, mpi.MPI.SUM, ROOT);
        return sum[0] / mpi.MPI.COMM_WORLD.Size();
    }

    /**
     * The untimed warm-up of one size, as {@code io.spmd4j.benchmarks.osu.Warmup} and the C peers'
     * {@code osu_warmup_extend}: at least the warm-up count and, with {@code --warmup-seconds S}, at
     * least S seconds. A program's loop calls {@link #extend} when its counter reaches the warm-up
     * count and goes on warming up until the call returns its argument, then starts its clock. Rank 0
     * alone reads its clock ({@link System#nanoTime()}) and broadcasts the length of the next block of
     * warm-up iterations, 0 when S seconds have passed, so every rank runs the same iterations; a
     * block is estimated at rank 0's rate so far to last at most as long as the warm-up has lasted and
     * at most the time still missing. With S = 0 there is no communication (OSU's warm-up).
     * Collective over {@code MPI.COMM_WORLD}.
     */
    static final class Warmup {
        /** The warm-up never exceeds this many iterations, far from overflowing the loop counter. */
        static final int MAX_ITERATIONS = 1 << 30;

        private final double seconds;
        private final long startNanos;
        private final int[] block = new int[1];

        /** The first size of a program warms up this many times --warmup-seconds (the JIT's compilation). */
        static final double FIRST_SIZE_FACTOR = 3.0;

        /** Whether this program has warmed up a size already. */
        private static boolean warmedBefore;

        /** Starts the warm-up of one size now: rank 0's clock of --warmup-seconds runs from here. */
        Warmup(MpjOsuOptions options) {
            this.seconds = options.warmupSeconds * (warmedBefore ? 1.0 : FIRST_SIZE_FACTOR);
            this.startNanos = System.nanoTime();
            warmedBefore = true;
        }

        /**
         * Called by every rank after {@code done} warm-up iterations (the warm-up count, then what the
         * previous call returned); returns {@code done} when the warm-up is over, else its new end.
         */
        int extend(int done) throws Exception {
            if (seconds <= 0.0) {
                return done;
            }
            if (mpi.MPI.COMM_WORLD.Rank() == ROOT) {
                block[0] = nextBlock(done, (System.nanoTime() - startNanos) / NANOS_PER_SECOND, seconds);
            }
            mpi.MPI.COMM_WORLD.Bcast(block, 0, 1, mpi.MPI.INT, ROOT);
            return done + block[0];
        }

        /** More warm-up iterations after {@code done} took {@code elapsed} seconds; 0 when the time is up. */
        static int nextBlock(int done, double elapsed, double seconds) {
            if (elapsed >= seconds || done >= MAX_ITERATIONS) {
                return 0;
            }
            if (done == 0 || elapsed <= 0.0) {
                return Math.max(1, Math.min(done, MAX_ITERATIONS - done));
            }
            double estimate = Math.ceil(done * Math.min(elapsed, seconds - elapsed) / elapsed);
            return (int) Math.max(1.0, Math.min(estimate, (double) (MAX_ITERATIONS - done)));
        }
    }
}
