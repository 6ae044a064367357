package io.spmd4j.examples;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.farm.Farm;
import io.spmd4j.farm.TaskFunction;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The experiment of the Dask tutorial ({@code dask.delayed}): 8 tasks that each sleep 1 second and
 * return {@code x + 1}, summed. {@code FarmSleep [tasks] [seconds]}.
 *
 * <p>Every rank works on tasks, the coordinating root included, so with N ranks there are N workers
 * and the ideal wall time is {@code ceil(tasks / N) * seconds}: 8 s on 1 rank, 4 s on 2, 2 s on 4,
 * 1 s on 8. The map runs twice and rank 0 prints both wall times against that ideal.
 *
 * <p><b>What is timed.</b> On rank 0, from the end of a barrier just before the {@code Farm.map} call
 * until that call returns with every result (so until the root has every rank's result and has sent
 * every rank its summary and the results). The inputs and the task function (the tutorial's
 * {@code def inc}) are made before the timer starts, as a program defines them before it runs them;
 * everything the map itself does is inside: the <em>cold</em> map is the job's first, which also pays
 * for making the connections between the root and every rank (all at once, as the map starts), for
 * starting every rank's task thread and for loading the farm's code in every JVM; the <em>warm</em> one
 * runs in the started job, as the Dask tutorial times {@code compute()} on a started cluster. Starting
 * the JVMs and {@code Spmd.init} are outside both. {@code examples/farm-sleep-table.sh} runs it on 1,
 * 2, 4 and 8 ranks and prints the table.
 */
public final class FarmSleep {
    private FarmSleep() {
    }

    /** Times one map from a barrier to its return, and checks the sum. */
    private static double timeMap(Comm world, List<Integer> inputs, TaskFunction<Integer, Integer> task) {
        world.barrier();
        double start = Spmd.wtime();
        List<Integer> results = Farm.map(world, inputs, task);
        double wall = Spmd.wtime() - start;
        int sum = results.stream().mapToInt(Integer::intValue).sum();
        int expected = inputs.size() * (inputs.size() + 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException("sum " + sum + " but expected " + expected);
        }
        return wall;
    }

    /** Runs the example. */
    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        long sleepMs = Math.round(seconds * 1000);
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            List<Integer> inputs = IntStream.range(0, tasks).boxed().collect(Collectors.toList());
            TaskFunction<Integer, Integer> inc = x -> {
                Thread.sleep(sleepMs);
                return x + 1;
            };
            double cold = timeMap(world, inputs, inc);
            double warm = timeMap(world, inputs, inc);
            if (world.rank() == 0) {
                int workers = world.size();
                double ideal = Math.ceil((double) tasks / workers) * seconds;
                System.out.printf(Locale.ROOT, "farm-sleep: ranks=%d workers=%d tasks=%d sum=%d ideal=%.3f s"
                    + " cold=%.3f s (%+.1f%%) warm=%.3f s (%+.1f%%)%n", world.size(), workers, tasks,
                    tasks * (tasks + 1) / 2, ideal, cold, 100 * (cold - ideal) / ideal, warm,
                    100 * (warm - ideal) / ideal);
            }
        }
    }
}
