package io.spmd4j.kernels;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.solve.Heat;
import io.spmd4j.kernels.solve.Burgers2D;
import io.spmd4j.kernels.solve.FokkerPlanck1D;
import io.spmd4j.kernels.solve.KuramotoSivashinsky1D;
import io.spmd4j.kernels.solve.Poisson;
import io.spmd4j.kernels.solve.Simulation;
import io.spmd4j.kernels.solve.Wave2D;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one finite-difference kernel as an SPMD program:
 * {@code spmdrun -np 4 -cp spmd4j-kernels.jar io.spmd4j.kernels.KernelsMain heat2d --n 2048 --steps 500 --out run/}.
 * Rank 0 prints a progress line about every tenth of the run (step, percentage, ETA), then a JSON
 * summary (grid, process grid, ranks, steps, wall time as the maximum over ranks, MLUPS = grid
 * points x steps / wall time / 10^6, error norms against the exact solution) and one human line.
 * A bad command line or value gives one line on rank 0 and exit code 2.
 */
public final class KernelsMain {
    /** Exit code for a bad command line or value. */
    public static final int EXIT_USAGE = 2;
    /** Fraction of the stability limit used when no {@code --dt} is given. */
    public static final double DEFAULT_CFL_FRACTION = 0.8;
    /** Viscosity of the burgers2d run. */
    public static final double BURGERS_NU = 0.05;
    /** Progress lines per run. */
    private static final int PROGRESS_LINES = 10;

    private KernelsMain() {
    }

    /** Entry point: every rank runs it. */
    public static void main(String[] args) {
        int code;
        try (Spmd spmd = Spmd.init(args)) {
            code = run(Spmd.world(), args, System.out);
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line on {@code comm}; rank 0 prints to {@code out}. Returns the exit code. */
    public static int run(Comm comm, String[] args, PrintStream out) {
        boolean root = comm.rank() == 0;
        RunOptions opts;
        try {
            opts = RunOptions.parse(args);
        } catch (RunOptions.UsageException e) {
            if (root) {
                System.err.println("kernels: " + e.getMessage() + " (--help lists the options)");
            }
            return EXIT_USAGE;
        }
        if (opts == null) {
            if (root) {
                out.println(RunOptions.USAGE);
            }
            return 0;
        }
        try {
            String json = opts.kernel().startsWith("poisson") ? runPoisson(comm, opts, out) : runTimeStepping(comm, opts, out);
            if (root && opts.out() != null) {
                Files.createDirectories(opts.out());
                Files.writeString(opts.out().resolve("summary.json"), json + "\n", StandardCharsets.UTF_8);
            }
            return 0;
        } catch (MpiException e) {
            if (e.errorClass() != ErrorClass.ERR_ARG) {
                throw e;
            }
            if (root) {
                System.err.println("kernels: " + e.getMessage());
            }
            return EXIT_USAGE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + opts.out() + ": " + e.getMessage(), e);
        }
    }

    /** Builds the time-stepping solver the options name. */
    static Simulation simulation(Comm comm, RunOptions o) {
        double frac = DEFAULT_CFL_FRACTION;
        return switch (o.kernel()) {
            case "heat2d" -> new Heat(comm, 2, o.n(), 1.0, o.dt() > 0 ? o.dt() : frac * Heat.stableDt(2, o.n(), 1.0));
            case "heat3d" -> new Heat(comm, 3, o.n(), 1.0, o.dt() > 0 ? o.dt() : frac * Heat.stableDt(3, o.n(), 1.0));
            case "wave2d" -> new Wave2D(comm, o.n(), 1.0, o.dt() > 0 ? o.dt() : frac * Wave2D.stableDt(o.n(), 1.0));
            case "burgers2d" -> new Burgers2D(comm, o.n(), BURGERS_NU,
                o.dt() > 0 ? o.dt() : frac * Burgers2D.stableDt(o.n(), BURGERS_NU));
            case "ks1d" -> new KuramotoSivashinsky1D(comm, o.n(),
                o.dt() > 0 ? o.dt() : frac * KuramotoSivashinsky1D.stableDt(o.n()));
            case "fp1d" -> new FokkerPlanck1D(comm, o.n(), 1.0, 1.0,
                o.dt() > 0 ? o.dt() : frac * FokkerPlanck1D.stableDt(o.n(), 1.0, 1.0));
            default -> throw new MpiException(ErrorClass.ERR_ARG, "unknown kernel " + o.kernel());
        };
    }

    private static String runTimeStepping(Comm comm, RunOptions o, PrintStream out) {
        Simulation sim = simulation(comm, o);
        boolean root = comm.rank() == 0;
        int every = Math.max(1, o.steps() / PROGRESS_LINES);
        comm.barrier();
        long t0 = System.nanoTime();
        while (sim.steps() < o.steps()) {
            sim.step();
            if (root && (sim.steps() % every == 0 || sim.steps() == o.steps())) {
                double elapsed = (System.nanoTime() - t0) * 1e-9;
                double frac = sim.steps() / (double) o.steps();
                out.printf(Locale.ROOT, "step %d/%d  %5.1f%%  elapsed %.1f s  ETA %.1f s%n", sim.steps(), o.steps(),
                    100 * frac, elapsed, elapsed / frac * (1 - frac));
            }
        }
        double wall = maxOverRanks(comm, (System.nanoTime() - t0) * 1e-9);
        ErrorNorms err = sim.error();
        Grid g = sim.grid();
        double mlups = g.globalPoints() * (double) sim.steps() / wall / 1e6;
        String json = String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"grid\":%s,\"processGrid\":%s,\"ranks\":%d,"
            + "\"steps\":%d,\"time\":%.9g,\"wallSeconds\":%.6f,\"mlups\":%.2f,\"errorRms\":%.6e,\"errorMax\":%.6e}",
            o.kernel(), dims(g), Arrays.toString(g.comm().dims()), comm.size(), sim.steps(), sim.time(), wall, mlups,
            err.rms(), err.max());
        if (root) {
            out.println(json);
            out.printf(Locale.ROOT, "%s %s on %d ranks: %d steps in %.3f s, %.1f MLUPS, max error %.3e vs exact%n",
                o.kernel(), dims(g), comm.size(), sim.steps(), wall, mlups, err.max());
        }
        return json;
    }

    private static String runPoisson(Comm comm, RunOptions o, PrintStream out) {
        Poisson p = new Poisson(comm, o.kernel().equals("poisson3d") ? 3 : 2, o.n());
        comm.barrier();
        long t0 = System.nanoTime();
        Poisson.Result r = p.solveCg(o.tol(), o.steps());
        double wall = maxOverRanks(comm, (System.nanoTime() - t0) * 1e-9);
        ErrorNorms err = p.error();
        Grid g = p.grid();
        String json = String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"grid\":%s,\"processGrid\":%s,"
            + "\"ranks\":%d,\"iterations\":%d,\"converged\":%b,\"relativeResidual\":%.3e,\"wallSeconds\":%.6f,"
            + "\"errorRms\":%.6e,\"errorMax\":%.6e}", o.kernel(), dims(g), Arrays.toString(g.comm().dims()), comm.size(),
            r.iterations(), r.converged(), r.relativeResidual(), wall, err.rms(), err.max());
        if (comm.rank() == 0) {
            out.println(json);
            out.printf(Locale.ROOT, "%s %s on %d ranks: CG %s in %d iterations (residual %.2e), %.3f s, "
                + "max error %.3e vs exact%n", o.kernel(), dims(g), comm.size(), r.converged() ? "converged" : "did NOT converge",
                r.iterations(), r.relativeResidual(), wall, err.max());
        }
        return json;
    }

    private static String dims(Grid g) {
        int[] d = new int[g.ndims()];
        for (int i = 0; i < d.length; i++) {
            d[i] = g.global(i);
        }
        return Arrays.toString(d);
    }

    private static double maxOverRanks(Comm comm, double v) {
        double[] in = {v};
        double[] res = new double[1];
        comm.allreduce(in, 0, res, 0, 1, Op.MAX);
        return res[0];
    }
}
