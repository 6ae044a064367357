package io.spmd4j.kernels;

import io.spmd4j.Comm;
import io.spmd4j.kernels.grid.Grid;
import io.spmd4j.kernels.output.Checkpoint;
import io.spmd4j.kernels.output.Field;
import io.spmd4j.kernels.output.PngImageWriter;
import io.spmd4j.kernels.output.VtkImageWriter;
import io.spmd4j.kernels.solve.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The files of one run in its {@code --out} directory: snapshots ({@code KERNEL_STEP.vti} and
 * {@code .png}, listed in {@code KERNEL.pvd}), the final state ({@code KERNEL.vti}, {@code KERNEL.png}),
 * checkpoints and the JSON summary; and reading a checkpoint back for {@code --restart}.
 *
 * <p>Every method is collective: the fields are gathered at rank 0, which alone touches the file
 * system, and its success or failure is broadcast so that a failed write ends the run on every rank
 * with the same one-line message ({@link KernelIoException}) instead of leaving ranks waiting.
 */
final class RunFiles {
    /** Digits of the step number in snapshot names. */
    private static final int STEP_DIGITS = 6;

    private final Comm comm;
    private final String kernel;
    private final Path dir;
    private final List<VtkImageWriter.Snapshot> snapshots = new ArrayList<>();

    /** Files of {@code kernel} in {@code dir} (may be {@code null}: then only restarts are read). */
    RunFiles(Comm comm, String kernel, Path dir) {
        this.comm = comm;
        this.kernel = kernel;
        this.dir = dir;
    }

    /** An action of rank 0 on the file system. */
    @FunctionalInterface
    private interface RootAction {
        void run() throws Exception;
    }

    /** Runs {@code action} on rank 0 and makes its failure every rank's; collective. */
    private void atRoot(String what, RootAction action) {
        atRoot(what, KernelsMain.EXIT_IO, action);
    }

    private void atRoot(String what, int exitCode, RootAction action) {
        String failure = null;
        if (comm.rank() == 0) {
            try {
                action.run();
            } catch (Exception e) {
                failure = "cannot " + what + ": " + e.getMessage();
            }
        }
        failure = comm.bcastObject(failure, 0);
        if (failure != null) {
            throw new KernelIoException(failure, exitCode);
        }
    }

    /** The state fields gathered at rank 0, the displayed field first; {@code null} elsewhere. */
    private List<Field> gather(Simulation sim) {
        Grid g = sim.grid();
        int[] dims = g.globalDims();
        List<Field> fields = new ArrayList<>();
        List<String> names = sim.stateNames();
        double[][] state = sim.state();
        for (int f = 0; f < state.length; f++) {
            double[] all = g.gather(state[f], 0);
            if (all != null) {
                Field field = new Field(names.get(f), dims, sim.origin(), sim.spacing(), all);
                fields.add(names.get(f).equals(sim.fieldName()) ? 0 : fields.size(), field);
            }
        }
        return comm.rank() == 0 ? fields : null;
    }

    /** Writes a snapshot of the current state, named by its step, and updates the collection. */
    void snapshot(Simulation sim) {
        String base = String.format(Locale.ROOT, "%s_%0" + STEP_DIGITS + "d", kernel, sim.steps());
        List<Field> fields = gather(sim);
        atRoot("write snapshot " + base + " into " + dir, () -> {
            Files.createDirectories(dir);
            VtkImageWriter.writeImage(dir.resolve(base + ".vti"), fields);
            PngImageWriter.write(dir.resolve(base + ".png"), fields.get(0));
            snapshots.add(new VtkImageWriter.Snapshot(base + ".vti", sim.time()));
            VtkImageWriter.writeCollection(dir.resolve(kernel + ".pvd"), snapshots);
        });
    }

    /** Writes the final state as {@code KERNEL.vti} and {@code KERNEL.png}. */
    void finalState(Simulation sim) {
        List<Field> fields = gather(sim);
        atRoot("write " + kernel + ".vti and .png into " + dir, () -> {
            Files.createDirectories(dir);
            VtkImageWriter.writeImage(dir.resolve(kernel + ".vti"), fields);
            PngImageWriter.write(dir.resolve(kernel + ".png"), fields.get(0));
        });
    }

    /** Writes {@code text} (and a newline) to {@code name} in the directory. */
    void text(String name, String text) {
        atRoot("write " + name + " into " + dir, () -> {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text + "\n", StandardCharsets.UTF_8);
        });
    }

    /** Writes a checkpoint of the current state into the directory. */
    void checkpoint(Simulation sim) {
        Grid g = sim.grid();
        double[][] state = sim.state();
        double[][] all = new double[state.length][];
        for (int f = 0; f < state.length; f++) {
            all[f] = g.gather(state[f], 0);
        }
        atRoot("write a checkpoint into " + dir, () -> new Checkpoint(kernel, g.globalDims(), sim.steps(), sim.dt(),
            sim.stateNames(), all).write(dir));
    }

    /**
     * Replaces the state of {@code sim} with the checkpoint in {@code from}: rank 0 reads and checks
     * it, broadcasts the step and scatters the fields, so each rank receives only its blocks.
     *
     * @throws KernelIoException when the checkpoint is missing or unreadable, or belongs to another
     *     kernel, grid or time step, or is already at or past {@code target} steps
     */
    void restore(Simulation sim, Path from, int target) {
        Grid g = sim.grid();
        Checkpoint[] read = new Checkpoint[1];
        atRoot("restart from " + from, KernelsMain.EXIT_USAGE, () -> {
            Checkpoint c = Checkpoint.read(from);
            String mismatch = null;
            if (!c.kernel().equals(kernel) || !Arrays.equals(c.global(), g.globalDims())) {
                mismatch = "it holds " + c.kernel() + " on " + Arrays.toString(c.global()) + ", this run is " + kernel
                    + " on " + Arrays.toString(g.globalDims()) + "; restart with the same kernel and --n";
            } else if (Double.doubleToLongBits(c.dt()) != Double.doubleToLongBits(sim.dt())) {
                mismatch = "it was run with dt=" + c.dt() + ", this run has dt=" + sim.dt() + "; restart with the same --dt";
            } else if (!c.names().equals(sim.stateNames())) {
                mismatch = "it holds fields " + c.names() + ", this solver needs " + sim.stateNames();
            } else if (c.steps() >= target) {
                mismatch = "it is at step " + c.steps() + ", at or past the " + target + " steps asked for; ask for more";
            }
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
            read[0] = c;
        });
        int[] steps = {comm.rank() == 0 ? read[0].steps() : 0};
        comm.bcast(steps, 0, 1, 0);
        sim.restore(steps[0], comm.rank() == 0 ? read[0].fields() : null, 0);
    }
}
