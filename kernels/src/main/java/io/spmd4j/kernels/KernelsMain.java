package io.spmd4j.kernels;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.solve.Burgers2D;
import io.spmd4j.kernels.solve.FokkerPlanck1D;
import io.spmd4j.kernels.solve.Heat;
import io.spmd4j.kernels.solve.KuramotoSivashinsky1D;
import io.spmd4j.kernels.solve.Poisson;
import io.spmd4j.kernels.solve.Simulation;
import io.spmd4j.kernels.solve.Wave2D;
import io.spmd4j.kernels.stencil.Stencils;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Runs one finite-difference kernel as an SPMD program:
 * {@code spmdrun -np 4 -cp spmd4j-kernels.jar io.spmd4j.kernels.KernelsMain heat2d --n 2048 --steps 500 --out run/}.
 *
 * <p>Rank 0 prints a progress line about every tenth of the run (step, percentage, elapsed time and
 * ETA from the rate so far), then a JSON summary and one human line. The summary holds the grid, the
 * process grid, ranks, steps, the time step and simulated time, {@code wallSeconds} (the whole
 * time-stepping loop including output, maximum over ranks), {@code stepSeconds} (time inside the
 * steps after the {@code --warmup} ones, maximum over ranks), {@code mlups} = grid points x timed
 * steps / stepSeconds / 10^6, whether the heat stencils ran {@code vectorized}
 * ({@link Stencils#vectorized}), and the error norms against the exact solution. With {@code --out DIR} it also writes
 * {@code DIR/summary.json}, the final state as {@code DIR/KERNEL.vti} (ParaView) and a picture
 * {@code DIR/KERNEL.png}; {@code --every K} adds snapshots and {@code --checkpoint-every K} /
 * {@code --restart DIR} let a batch job cut by its wall-time limit resume with exactly the field an
 * uninterrupted run would have (see {@link RunFiles}).
 *
 * <p>A bad command line or value (unknown kernel or option, non-positive size, more ranks than
 * points in a dimension, an unstable time step, an unusable checkpoint) gives one line on rank 0's
 * standard error and exit code {@link #EXIT_USAGE}; a file that cannot be written gives
 * {@link #EXIT_IO}.
 */
public final class KernelsMain {
    /** Exit code for a bad command line or value. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when an output file cannot be written. */
    public static final int EXIT_IO = 1;
    /** Fraction of the stability limit used when no {@code --dt} is given. */
    public static final double DEFAULT_CFL_FRACTION = 0.8;
    /** Viscosity of the burgers2d run. */
    public static final double BURGERS_NU = 0.05;
    /** Progress lines per run. */
    private static final int PROGRESS_LINES = 10;
    private static final double NS_PER_S = 1e9;
    private static final String HEADLESS = "java.awt.headless";
    private static final double POINTS_PER_MEGA = 1e6;

    private KernelsMain() {
    }

    /** Entry point: every rank runs it. */
    public static void main(String[] args) {
        if (System.getProperty(HEADLESS) == null) {
            System.setProperty(HEADLESS, "true"); // pictures are drawn off screen; batch nodes have no display
        }
        int code;
        try (Spmd spmd = Spmd.init(args)) {
            code = run(Spmd.world(), args, System.out, System.err);
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line on {@code comm}; rank 0 prints to {@code out} and {@code err}. Returns the exit code. */
    public static int run(Comm comm, String[] args, PrintStream out, PrintStream err) {
        boolean root = comm.rank() == 0;
        RunOptions opts;
        try {
            opts = RunOptions.parse(args);
        } catch (RunOptions.UsageException e) {
            if (root) {
                err.println("kernels: " + e.getMessage() + " (--help lists the options)");
            }
            return EXIT_USAGE;
        }
        if (opts == null) {
            if (root) {
                out.println(RunOptions.wantsVersion(args) ? "spmd4j kernels " + version() : RunOptions.USAGE);
            }
            return 0;
        }
        return run(comm, opts, out, err);
    }

    /** Runs {@code opts} (validated first) on {@code comm}; rank 0 prints to {@code out} and {@code err}. */
    public static int run(Comm comm, RunOptions opts, PrintStream out, PrintStream err) {
        boolean root = comm.rank() == 0;
        try {
            opts.validate();
            RunFiles files = new RunFiles(comm, opts.kernel(), opts.out());
            String json = opts.steady() ? runPoisson(comm, opts, out) : runTimeStepping(comm, opts, files, out);
            if (opts.out() != null) {
                files.text("summary.json", json);
            }
            return 0;
        } catch (RunOptions.UsageException e) {
            if (root) {
                err.println("kernels: " + e.getMessage() + " (--help lists the options)");
            }
            return EXIT_USAGE;
        } catch (MpiException e) {
            if (e.errorClass() != ErrorClass.ERR_ARG) {
                throw e;
            }
            if (root) {
                err.println("kernels: " + e.getMessage());
            }
            return EXIT_USAGE;
        } catch (KernelIoException e) {
            if (root) {
                err.println("kernels: " + e.getMessage());
            }
            return e.exitCode();
        }
    }

    /** Builds the time-stepping solver the options name. */
    static Simulation simulation(Comm comm, RunOptions o) {
        double frac = DEFAULT_CFL_FRACTION;
        int n = o.n();
        return switch (o.kernel()) {
            case "heat2d" -> new Heat(comm, 2, n, 1.0, o.dt() > 0 ? o.dt() : frac * Heat.stableDt(2, n, 1.0));
            case "heat3d" -> new Heat(comm, 3, n, 1.0, o.dt() > 0 ? o.dt() : frac * Heat.stableDt(3, n, 1.0));
            case "wave2d" -> new Wave2D(comm, n, 1.0, o.dt() > 0 ? o.dt() : frac * Wave2D.stableDt(n, 1.0));
            case "burgers2d" -> new Burgers2D(comm, n, BURGERS_NU,
                o.dt() > 0 ? o.dt() : frac * Burgers2D.stableDt(n, BURGERS_NU));
            case "ks1d" -> new KuramotoSivashinsky1D(comm, n, o.dt() > 0 ? o.dt() : frac * KuramotoSivashinsky1D.stableDt(n));
            case "fp1d" -> new FokkerPlanck1D(comm, n, 1.0, 1.0,
                o.dt() > 0 ? o.dt() : frac * FokkerPlanck1D.stableDt(n, 1.0, 1.0));
            default -> throw new MpiException(ErrorClass.ERR_ARG, "unknown kernel " + o.kernel());
        };
    }

    /** Steps to run: {@code --steps}, or {@code ceil(--time / dt)} (a relative 1e-12 forgiven). */
    static int targetSteps(RunOptions o, double dt) {
        if (o.steps() > 0) {
            return o.steps();
        }
        double s = Math.ceil(o.time() / dt * (1 - 1e-12));
        if (s > Integer.MAX_VALUE) {
            throw new MpiException(ErrorClass.ERR_ARG, "--time " + o.time() + " with dt=" + dt + " needs " + s
                + " steps, more than " + Integer.MAX_VALUE + "; shorten the time or raise --dt");
        }
        return Math.max(1, (int) s);
    }

    private static String runTimeStepping(Comm comm, RunOptions o, RunFiles files, PrintStream out) {
        Simulation sim = simulation(comm, o);
        int target = targetSteps(o, sim.dt());
        if (o.restart() != null) {
            files.restore(sim, o.restart(), target);
        }
        boolean root = comm.rank() == 0;
        int first = sim.steps();
        int every = Math.max(1, (target - first) / PROGRESS_LINES);
        comm.barrier();
        long t0 = System.nanoTime();
        long inSteps = 0;
        int timedFrom = first + o.warmup();
        if (timedFrom >= target) {
            throw new MpiException(ErrorClass.ERR_ARG, "--warmup " + o.warmup() + " leaves none of the "
                + (target - first) + " steps to run timed; lower it or run more steps");
        }
        while (sim.steps() < target) {
            long s0 = System.nanoTime();
            sim.step();
            if (sim.steps() > timedFrom) {
                inSteps += System.nanoTime() - s0;
            }
            int k = sim.steps();
            if (o.every() > 0 && k % o.every() == 0) {
                files.snapshot(sim);
            }
            if (o.checkpointEvery() > 0 && k % o.checkpointEvery() == 0) {
                files.checkpoint(sim);
            }
            if (root && ((k - first) % every == 0 || k == target)) {
                double elapsed = (System.nanoTime() - t0) / NS_PER_S;
                double done = (k - first) / (double) (target - first);
                out.printf(Locale.ROOT, "step %d/%d  %5.1f%%  elapsed %.1f s  ETA %.1f s%n", k, target,
                    100.0 * k / target, elapsed, elapsed / done * (1 - done));
            }
        }
        double wall = maxOverRanks(comm, (System.nanoTime() - t0) / NS_PER_S);
        double stepSeconds = maxOverRanks(comm, inSteps / NS_PER_S);
        if (o.out() != null) {
            files.finalState(sim);
        }
        ErrorNorms err = sim.error();
        Grid g = sim.grid();
        int ran = sim.steps() - first;
        int timed = sim.steps() - timedFrom;
        double mlups = stepSeconds > 0 ? g.globalPoints() * (double) timed / stepSeconds / POINTS_PER_MEGA : 0;
        String json = String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"grid\":%s,\"processGrid\":%s,\"ranks\":%d,"
            + "\"steps\":%d,\"startStep\":%d,\"warmupSteps\":%d,\"vectorized\":%b,\"dt\":%.17g,\"time\":%.9g,"
            + "\"wallSeconds\":%.6f,\"stepSeconds\":%.6f,\"mlups\":%.2f,\"errorRms\":%.6e,\"errorMax\":%.6e}",
            o.kernel(), dims(g), Arrays.toString(g.comm().dims()), comm.size(), sim.steps(), first, o.warmup(),
            Stencils.vectorized(), sim.dt(), sim.time(), wall, stepSeconds, mlups, err.rms(), err.max());
        if (root) {
            out.println(json);
            out.printf(Locale.ROOT, "%s %s on %d ranks: %d steps in %.3f s, %.1f MLUPS, max error %.3e vs exact%s%n",
                o.kernel(), dims(g), comm.size(), ran, wall, mlups, err.max(),
                o.restart() != null ? " (resumed at step " + first + ")" : "");
        }
        return json;
    }

    private static String runPoisson(Comm comm, RunOptions o, PrintStream out) {
        Poisson p = new Poisson(comm, o.kernel().equals("poisson3d") ? 3 : 2, o.n());
        comm.barrier();
        long t0 = System.nanoTime();
        Poisson.Result r = p.solveCg(o.tol(), o.steps());
        double wall = maxOverRanks(comm, (System.nanoTime() - t0) / NS_PER_S);
        ErrorNorms err = p.error();
        Grid g = p.grid();
        String json = String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"grid\":%s,\"processGrid\":%s,"
            + "\"ranks\":%d,\"iterations\":%d,\"converged\":%b,\"relativeResidual\":%.3e,\"wallSeconds\":%.6f,"
            + "\"errorRms\":%.6e,\"errorMax\":%.6e}", o.kernel(), dims(g), Arrays.toString(g.comm().dims()), comm.size(),
            r.iterations(), r.converged(), r.relativeResidual(), wall, err.rms(), err.max());
        if (comm.rank() == 0) {
            out.println(json);
            out.printf(Locale.ROOT, "%s %s on %d ranks: CG %s in %d iterations (residual %.2e), %.3f s, "
                + "max error %.3e vs exact%n", o.kernel(), dims(g), comm.size(),
                r.converged() ? "converged" : "did NOT converge", r.iterations(), r.relativeResidual(), wall, err.max());
        }
        return json;
    }

    /** The version from the jar's Maven metadata, or "(development build)". */
    static String version() {
        try (InputStream in = KernelsMain.class.getResourceAsStream(
            "/META-INF/maven/io.spmd4j/spmd4j-kernels/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(development build)");
            }
        } catch (IOException e) {
            // fall through: no metadata
        }
        return "(development build)";
    }

    private static String dims(Grid g) {
        return Arrays.toString(g.globalDims());
    }

    private static double maxOverRanks(Comm comm, double v) {
        double[] in = {v};
        double[] res = new double[1];
        comm.allreduce(in, 0, res, 0, 1, Op.MAX);
        return res[0];
    }
}
