package io.spmd4j.kernels;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of one kernel run, parsed from the command line ({@link #parse}) or built directly
 * ({@link #defaults} and the record constructor). Immutable; {@link #validate} checks the values.
 *
 * @param kernel one of {@link #KERNELS}
 * @param n grid points per dimension (interior points for the Dirichlet kernels, cells for fp1d)
 * @param steps time steps to reach (for poisson: the CG iteration limit), or 0 to derive them from
 *     {@code time}
 * @param time simulated time to reach when {@code steps} is 0 (the steps are {@code ceil(time / dt)})
 * @param dt time step, or 0 for the default (a safe fraction of the stability limit)
 * @param tol relative residual for poisson
 * @param out directory for the summary, VTK files, pictures and checkpoints, or {@code null}
 * @param every steps between snapshots (VTK and PNG) in {@code out}, or 0 for the final state only
 * @param checkpointEvery steps between checkpoints in {@code out}, or 0 for none
 * @param restart directory of the checkpoint to resume from, or {@code null}
 * @param warmup leading steps left out of {@code stepSeconds} and MLUPS (they are run and count
 *     towards the steps, while the JIT compiles the kernel), 0 for none
 */
public record RunOptions(String kernel, int n, int steps, double time, double dt, double tol, Path out, int every,
    int checkpointEvery, Path restart, int warmup) {
    /** The kernels this program runs. */
    public static final List<String> KERNELS = List.of("heat2d", "heat3d", "wave2d", "burgers2d", "ks1d", "fp1d",
        "poisson2d", "poisson3d");
    /** Default grid points per dimension. */
    public static final int DEFAULT_N = 512;
    /** Default number of steps. */
    public static final int DEFAULT_STEPS = 200;
    /** Default relative residual of poisson. */
    public static final double DEFAULT_TOL = 1e-10;

    /** The usage text. */
    public static final String USAGE = String.join("\n",
        "usage: KernelsMain KERNEL [options]",
        "  KERNEL                 one of " + String.join(", ", KERNELS),
        "  --n N                  grid points per dimension (default " + DEFAULT_N + ")",
        "  --steps S              time steps; for poisson the CG iteration limit (default " + DEFAULT_STEPS + ")",
        "  --time T               simulated time to reach instead of --steps",
        "  --dt DT                time step (default: 0.8 of the stability limit)",
        "  --tol TOL              poisson: relative residual to reach (default " + DEFAULT_TOL + ")",
        "  --out DIR              write summary.json, KERNEL.vti (ParaView) and KERNEL.png into DIR",
        "  --every K              also write a snapshot KERNEL_STEP.vti/.png every K steps, listed in KERNEL.pvd",
        "  --checkpoint-every K   write DIR/" + "checkpoint.bin every K steps (needs --out)",
        "  --restart DIR          resume from DIR/checkpoint.bin (same kernel, --n and --dt; any rank count)",
        "  --warmup W             leave the first W steps out of the timing (stepSeconds, MLUPS); for benchmarks",
        "  --help                 print this text",
        "  --version              print the version");

    /** A command line that cannot be run; the message is one line saying what is wrong. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The options of a plain run of {@code kernel}: default size and steps, no output. */
    public static RunOptions defaults(String kernel) {
        return new RunOptions(kernel, DEFAULT_N, DEFAULT_STEPS, 0, 0, DEFAULT_TOL, null, 0, 0, null, 0);
    }

    /** Whether the kernel is a steady solve (poisson) rather than time stepping. */
    public boolean steady() {
        return kernel.startsWith("poisson");
    }

    /**
     * Parses {@code KERNEL [--n N] [--steps S | --time T] [--dt DT] [--tol TOL] [--out DIR] [--every K]
     * [--checkpoint-every K] [--restart DIR] [--warmup W]}; returns {@code null} for {@code --help} or
     * {@code --version} (the caller prints {@link #USAGE} or the version: see {@link #wantsVersion}).
     *
     * @throws UsageException for an unknown kernel or option, a missing or malformed value, or a
     *     value out of range
     */
    public static RunOptions parse(String[] args) {
        String kernel = null;
        int n = DEFAULT_N;
        Integer steps = null;
        Double time = null;
        double dt = 0;
        double tol = DEFAULT_TOL;
        Path out = null;
        int every = 0;
        int checkpointEvery = 0;
        Path restart = null;
        int warmup = 0;
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version")) {
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
                case "--steps" -> steps = positive(arg, parseInt(arg, v));
                case "--time" -> time = parseDouble(arg, v);
                case "--dt" -> dt = parseDouble(arg, v);
                case "--tol" -> tol = parseDouble(arg, v);
                case "--out" -> out = Path.of(v);
                case "--every" -> every = positive(arg, parseInt(arg, v));
                case "--checkpoint-every" -> checkpointEvery = positive(arg, parseInt(arg, v));
                case "--restart" -> restart = Path.of(v);
                case "--warmup" -> warmup = parseInt(arg, v);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (kernel == null) {
            throw new UsageException("no kernel given; choose one of " + String.join(", ", KERNELS));
        }
        if (steps != null && time != null) {
            throw new UsageException("--steps " + steps + " and --time " + time + ": give one of them, not both");
        }
        return new RunOptions(kernel, n, time != null ? 0 : steps != null ? steps : DEFAULT_STEPS,
            time != null ? time : 0, dt, tol, out, every, checkpointEvery, restart, warmup).validate();
    }

    /** True when {@code args} ask for the version rather than the usage. */
    public static boolean wantsVersion(String[] args) {
        return List.of(args).contains("--version") && !List.of(args).contains("--help") && !List.of(args).contains("-h");
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
        if (steps < 0 || steps == 0 && !(time > 0 && Double.isFinite(time))) {
            throw new UsageException(steps == 0 ? "--time " + time + ": the end time must be positive"
                : "--steps " + steps + ": the number of steps must be positive");
        }
        if (dt < 0 || Double.isNaN(dt) || Double.isInfinite(dt)) {
            throw new UsageException("--dt " + dt + ": the time step must be positive");
        }
        if (!(tol > 0 && tol < 1)) {
            throw new UsageException("--tol " + tol + ": the tolerance must lie in (0, 1)");
        }
        if (every < 0 || checkpointEvery < 0) {
            throw new UsageException("--every " + every + ", --checkpoint-every " + checkpointEvery
                + ": intervals must be positive");
        }
        if ((every > 0 || checkpointEvery > 0) && out == null) {
            throw new UsageException((every > 0 ? "--every " + every : "--checkpoint-every " + checkpointEvery)
                + " needs --out DIR to write into");
        }
        if (warmup < 0 || steps > 0 && warmup >= steps) {
            throw new UsageException("--warmup " + warmup + ": it must lie in [0, steps) so that some steps are timed");
        }
        if (steady() && (every > 0 || checkpointEvery > 0 || restart != null || steps == 0 || warmup > 0)) {
            throw new UsageException(kernel + " is a steady solve: --time, --every, --checkpoint-every, --restart "
                + "and --warmup "
                + "apply to the time-stepping kernels only");
        }
        return this;
    }

    private static int positive(String opt, int v) {
        if (v < 1) {
            throw new UsageException(opt + " " + v + ": it must be positive");
        }
        return v;
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
