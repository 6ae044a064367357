import java.util.Locale;

/**
 * Command-line options of the MPJ Express peers of the spmd4j OSU-style benchmarks.
 *
 * <p>The options, defaults and output format match those of {@code io.spmd4j.benchmarks.osu} and of
 * the Open MPI peers in {@code ../c}, so that {@code run-peers.sh} can put all of them side by side.
 * Parsed once into an immutable object; a bad command line throws {@link IllegalArgumentException}
 * with a one-line message.
 */
final class MpjOsuOptions {
    static final int MIN_SIZE_BYTES = 1;
    static final int MAX_SIZE_BYTES = 4 * 1024 * 1024;
    /** Messages above this size use the "large" iteration and warm-up counts, as in OSU. */
    static final int LARGE_SIZE_BYTES = 8192;
    static final int WINDOW = 64;
    static final int ACK_BYTES = 4;
    static final int TAG_DATA = 100;
    static final int TAG_ACK = 101;
    static final double NANOS_PER_MICRO = 1e3;
    static final double NANOS_PER_SECOND = 1e9;
    static final double BYTES_PER_MB = 1e6;

    final int minSize;
    final int maxSize;
    final int iterations;
    final int warmup;
    final int iterationsLarge;
    final int warmupLarge;
    final int largeSize;
    final int window;
    final boolean help;

    private MpjOsuOptions(int[] v, boolean help) {
        this.minSize = v[0];
        this.maxSize = v[1];
        this.iterations = v[2];
        this.warmup = v[3];
        this.iterationsLarge = v[4];
        this.warmupLarge = v[5];
        this.largeSize = v[6];
        this.window = v[7];
        this.help = help;
    }

    private static final String[] NAMES = {
        "--min-size", "--max-size", "--iterations", "--warmup",
        "--iterations-large", "--warmup-large", "--large-size", "--window"
    };

    /** OSU defaults: latency 10000/100 iterations/warm-up (1000/10 above 8 KiB), bandwidth 100/10 (20/2). */
    static MpjOsuOptions parse(String[] args, boolean bandwidth) {
        int[] v = bandwidth
                ? new int[] {MIN_SIZE_BYTES, MAX_SIZE_BYTES, 100, 10, 20, 2, LARGE_SIZE_BYTES, WINDOW}
                : new int[] {MIN_SIZE_BYTES, MAX_SIZE_BYTES, 10000, 100, 1000, 10, LARGE_SIZE_BYTES, WINDOW};
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return new MpjOsuOptions(v, true);
            }
            int index = -1;
            for (int k = 0; k < NAMES.length; k++) {
                if (NAMES[k].equals(name) && (bandwidth || !name.equals("--window"))) {
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
        if (v[2] < 1 || v[4] < 1 || v[7] < 1) {
            throw new IllegalArgumentException("iterations and window must be at least 1");
        }
        return new MpjOsuOptions(v, false);
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

    static String usage(String program, boolean bandwidth) {
        MpjOsuOptions d = parse(new String[0], bandwidth);
        return "Usage: java -jar $MPJ_HOME/lib/starter.jar -np 2 -dev niodev|multicore " + program + " [options]\n"
                + "  --min-size BYTES          smallest message size, power of two (default 1)\n"
                + "  --max-size BYTES          largest message size, power of two (default 4M)\n"
                + "  --iterations N            timed iterations per size up to --large-size (default " + d.iterations + ")\n"
                + "  --warmup N                untimed warm-up iterations up to --large-size (default " + d.warmup + ")\n"
                + "  --iterations-large N      timed iterations above --large-size (default " + d.iterationsLarge + ")\n"
                + "  --warmup-large N          warm-up iterations above --large-size (default " + d.warmupLarge + ")\n"
                + "  --large-size BYTES        threshold for the large counts (default 8K)\n"
                + (bandwidth ? "  --window N                messages in flight per iteration (default 64)\n" : "")
                + "  --help                    print this help and exit\n"
                + "Sizes accept the binary suffixes K, M and G.";
    }
    /**
     * Parses the program's arguments on every rank and checks for exactly 2 ranks. Returns the
     * options when the test should run. After --help, rank 0 prints the usage, MPI is finalized and
     * null is returned; after a bad command line, rank 0 prints the error and the usage and the
     * process exits with status 2.
     */
    static MpjOsuOptions start(String program, String[] appArgs, boolean bandwidth) throws Exception {
        int rank = mpi.MPI.COMM_WORLD.Rank();
        int worldSize = mpi.MPI.COMM_WORLD.Size();
        MpjOsuOptions options;
        try {
            options = parse(appArgs, bandwidth);
            if (worldSize != 2) {
                throw new IllegalArgumentException("this test needs exactly 2 ranks: size=" + worldSize);
            }
        } catch (IllegalArgumentException e) {
            if (rank == 0) {
                System.err.println(program + ": " + e.getMessage());
                System.err.println(usage(program, bandwidth));
            }
            mpi.MPI.Finalize();
            System.exit(2);
            return null;
        }
        if (options.help) {
            if (rank == 0) {
                System.out.println(usage(program, bandwidth));
            }
            mpi.MPI.Finalize();
            return null;
        }
        return options;
    }
}
