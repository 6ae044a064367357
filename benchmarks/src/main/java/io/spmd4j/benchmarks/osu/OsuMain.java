package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What every OSU-style program does around its measurement: initialise spmd4j, parse the options,
 * check the world size ({@link OsuTest#worldSizeProblem(int)}), print the table header on rank 0,
 * run the test, finalise, and exit with 2 after a usage error (printed once, by rank 0). Runs on
 * each rank's main thread.
 */
final class OsuMain {
    /** Exit status for a bad command line. */
    static final int EXIT_USAGE = 2;
    /** Exit status of the job when a measurement fails. */
    static final int EXIT_FAILURE = 1;
    /** Rank that prints the table and receives the per-rank values to average. */
    static final int ROOT = 0;
    /** Width of the value column, OSU's FIELD_WIDTH. */
    static final int FIELD_WIDTH = 18;
    /** Row format: size left-aligned in 10 columns, value in 18 with 2 decimals (OSU's), printed in Locale.ROOT. */
    static final String ROW_FORMAT = "%-10d%" + FIELD_WIDTH + ".2f%n";
    private static final String HEADER_FORMAT = "# %-8s%" + FIELD_WIDTH + "s%n";

    /** One test's timed loops, run by every rank; only rank 0 prints rows. */
    interface Measurement {
        void run(Comm world, OsuOptions options, PrintStream out);
    }

    private OsuMain() {
    }

    static void main(OsuTest test, Class<?> program, String[] args, Measurement measurement) {
        int exitStatus = 0;
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = spmd.world();
            boolean root = world.rank() == 0;
            OsuOptions options;
            try {
                options = OsuOptions.parse(test, args);
                String problem = test.worldSizeProblem(world.size());
                if (!options.help() && problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            } catch (IllegalArgumentException e) {
                if (root) {
                    System.err.println(program.getSimpleName() + ": " + e.getMessage());
                    System.err.println(OsuOptions.usage(test, program.getName()));
                }
                options = null;
                exitStatus = EXIT_USAGE;
            }
            if (options != null && options.help()) {
                if (root) {
                    System.out.println(OsuOptions.usage(test, program.getName()));
                }
            } else if (options != null) {
                if (root) {
                    printHeader(System.out, test);
                }
                runOrDie(measurement, world, options);
            }
        }
        System.out.flush();
        if (exitStatus != 0) {
            System.exit(exitStatus);
        }
    }

    /**
     * Runs the measurement; a failure (wrong data, a communication error) aborts the whole job
     * with status 1 ({@link Spmd#abort(int, String)}) instead of finalising, which would leave the
     * peer waiting in a receive.
     */
    private static void runOrDie(Measurement measurement, Comm world, OsuOptions options) {
        try {
            measurement.run(world, options, System.out);
        } catch (RuntimeException e) {
            System.out.flush();
            System.err.print("rank " + world.rank() + ": ");
            e.printStackTrace();
            Spmd.abort(EXIT_FAILURE, "rank " + world.rank() + ": " + e.getMessage());
        }
    }

    static void printHeader(PrintStream out, OsuTest test) {
        out.println("# spmd4j OSU-style " + test.title() + " Test");
        out.printf(Locale.ROOT, HEADER_FORMAT, "Size", test.column());
        out.flush();
    }

    static void printRow(PrintStream out, int sizeBytes, double value) {
        out.printf(Locale.ROOT, ROW_FORMAT, sizeBytes, value);
        out.flush();
    }

    /**
     * Returns the average over the ranks of {@code value} on {@link #ROOT} (and an undefined value on
     * the others): a sum reduction to the root (MPI_Reduce), outside any timed loop. Collective.
     */
    static double averageOverRanks(Comm world, double value) {
        double[] mine = {value};
        double[] sum = new double[1];
        world.reduce(mine, 0, sum, 0, 1, Op.SUM, ROOT);
        return sum[0] / world.size();
    }

    /** Fails the run when a rank received bytes other than the ones its peer sent. */
    static void verify(MessageBuffer received, int sizeBytes, byte expected, int rank) {
        if (!received.holds(sizeBytes, expected)) {
            throw new IllegalStateException(
                "rank " + rank + " received wrong data at size " + sizeBytes + ": expected every byte to be " + expected);
        }
    }
}
