package io.spmd4j.kernels;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of one kernel run, parsed from the command line ({@link #parse}) or built directly.
 * Immutable; {@link #validate} checks the values.
 *
 * @param kernel one of {@link #KERNELS}
 * @param n interior grid points per dimension
 * @param steps time steps (for poisson2d: the CG iteration limit)
 * @param dt time step, or 0 for the default (a safe fraction of the stability limit)
 * @param tol relative residual for poisson2d
 * @param out directory for the JSON summary, or {@code null}
 */
public record RunOptions(String kernel, int n, int steps, double dt, double tol, Path out) {
    /** The kernels this program runs. */
    public static final List<String> KERNELS = List.of("heat2d", "heat3d", "wave2d", "burgers2d", "ks1d", "fp1d", "poisson2d",
        "poisson3d");
    /** Default grid points per dimension. */
    public static final int DEFAULT_N = 512;
    /** Default number of steps. */
    public static final int DEFAULT_STEPS = 200;
    /** Default relative residual of poisson2d. */
    public static final double DEFAULT_TOL = 1e-10;

    /** The usage text. */
    public static final String USAGE = String.join("\n",
        "usage: KernelsMain KERNEL [options]",
        "  KERNEL           one of " + String.join(", ", KERNELS),
        "  --n N            interior grid points per dimension (default " + DEFAULT_N + ")",
        "  --steps S        time steps; for poisson2d the iteration limit (default " + DEFAULT_STEPS + ")",
        "  --dt DT          time step (default: 0.8 of the stability limit)",
        "  --tol TOL        poisson2d: relative residual to reach (default " + DEFAULT_TOL + ")",
        "  --out DIR        write summary.json into DIR",
        "  --help           print this text");

    /** A command line that cannot be run; the message is one line saying what is wrong. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code KERNEL [--n N] [--steps S] [--dt DT] [--tol TOL] [--out DIR]}; returns
     * {@code null} for {@code --help}.
     *
     * @throws UsageException for an unknown kernel or option, a missing or malformed value, or a
     *     value out of range
     */
    public static RunOptions parse(String[] args) {
        String kernel = null;
        int n = DEFAULT_N;
        int steps = DEFAULT_STEPS;
        double dt = 0;
        double tol = DEFAULT_TOL;
        Path out = null;
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                if (kernel != null) {
                    throw new UsageException("unexpected argument '" + arg + "' after kernel " + kernel);
                }
                kernel = arg;
                continue;
            }
            if (a + 1 >= args.length) {
                throw new UsageException("option " + arg + " needs a value");
            }
            String v = args[++a];
            switch (arg) {
                case "--n" -> n = parseInt(arg, v);
                case "--steps" -> steps = parseInt(arg, v);
                case "--dt" -> dt = parseDouble(arg, v);
                case "--tol" -> tol = parseDouble(arg, v);
                case "--out" -> out = Path.of(v);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (kernel == null) {
            throw new UsageException("no kernel given; choose one of " + String.join(", ", KERNELS));
        }
        return new RunOptions(kernel, n, steps, dt, tol, out).validate();
    }

    /**
     * Checks the values.
     *
     * @throws UsageException naming the bad value
     */
    public RunOptions validate() {
        if (!KERNELS.contains(kernel)) {
            throw new UsageException("unknown kernel '" + kernel + "'; choose one of " + String.join(", ", KERNELS));
        }
        if (n < 1) {
            throw new UsageException("--n " + n + ": the grid size must be positive");
        }
        if (steps < 1) {
            throw new UsageException("--steps " + steps + ": the number of steps must be positive");
        }
        if (dt < 0 || Double.isNaN(dt)) {
            throw new UsageException("--dt " + dt + ": the time step must be positive");
        }
        if (!(tol > 0 && tol < 1)) {
            throw new UsageException("--tol " + tol + ": the tolerance must lie in (0, 1)");
        }
        return this;
    }

    private static int parseInt(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " '" + v + "': not an integer");
        }
    }

    private static double parseDouble(String opt, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " '" + v + "': not a number");
        }
    }
}
