package io.spmd4j.examples;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;
import io.spmd4j.farm.Farm;
import io.spmd4j.farm.FarmResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Uneven work: tasks whose durations follow a heavy-tailed Pareto distribution, split three ways over
 * the ranks, each timed from a barrier to the end of the last task:
 * <ul>
 * <li>static block split: rank r runs tasks {@code [r*n/p, (r+1)*n/p)};</li>
 * <li>static cyclic split: rank r runs tasks r, r+p, r+2p, ...;</li>
 * <li>the dynamic farm: {@link Farm} hands tasks out one at a time as ranks finish, with one chunk
 *     outstanding per rank (the default) and with two (a rank finds its next task queued).</li>
 * </ul>
 * The lower bound is {@code max(total work / ranks, longest task)}. The busy seconds per rank that
 * the farm reports show the balance it reached (and how much a loaded machine stretched the tasks).
 *
 * <p>{@code FarmUneven [tasks] [min ms] [alpha] [seed] [sleep|spin]}, defaults 400 tasks, 5 ms,
 * 1.5, 42, sleep. With {@code sleep} a task waits its duration (as the Dask tutorial's tasks do), so
 * the comparison shows scheduling alone even with more ranks than cores; with {@code spin} it
 * computes, which is faithful only with a core per rank. Every rank draws the same durations from the
 * seed; each task returns its duration in microseconds, and the three sums must agree.
 */
public final class FarmUneven {
    private FarmUneven() {
    }

    /** Runs the example. */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        double minMs = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double alpha = args.length > 2 ? Double.parseDouble(args[2]) : 1.5;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        boolean spin = args.length > 4 && args[4].equals("spin");
        long[] micros = pareto(n, minMs * 1000, alpha, seed);
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            int p = world.size();
            int r = world.rank();

            long[] block = IntStream.range(n * r / p, n * (r + 1) / p).mapToLong(i -> i).toArray();
            double blockWall = timeStatic(world, block, micros, spin);
            long[] cyclic = IntStream.iterate(r, i -> i < n, i -> i + p).mapToLong(i -> i).toArray();
            double cyclicWall = timeStatic(world, cyclic, micros, spin);

            List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
            FarmResult<Long>[] farms = new FarmResult[2];
            double[] farmWalls = new double[2];
            for (int prefetch = 1; prefetch <= 2; prefetch++) {
                world.barrier();
                double start = Spmd.wtime();
                farms[prefetch - 1] = Farm.builder(world).prefetch(prefetch).build()
                    .map(inputs, i -> work(micros[i], spin));
                farmWalls[prefetch - 1] = Spmd.wtime() - start;
            }

            if (r == 0) {
                long total = Arrays.stream(micros).sum();
                long longest = Arrays.stream(micros).max().orElse(0);
                for (FarmResult<Long> farm : farms) {
                    long farmSum = farm.results().stream().mapToLong(Long::longValue).sum();
                    if (farmSum != total) {
                        throw new IllegalStateException("the farm's results sum to " + farmSum + " µs, not " + total);
                    }
                }
                double ideal = Math.max(total / 1e6 / p, longest / 1e6);
                System.out.printf(Locale.ROOT, "uneven work: %d tasks, Pareto(alpha=%.2f, min=%.1f ms), seed %d, %s,"
                    + " on %d ranks: total %.3f s, longest task %.3f s%n", n, alpha, minMs, seed,
                    spin ? "spinning" : "sleeping", p, total / 1e6, longest / 1e6);
                row("lower bound max(total/ranks, longest)", ideal, ideal);
                row("static block split", blockWall, ideal);
                row("static cyclic split", cyclicWall, ideal);
                for (int k = 0; k < 2; k++) {
                    row("dynamic farm (chunk 1, prefetch " + (k + 1) + ")", farmWalls[k], ideal);
                }
                for (int k = 0; k < 2; k++) {
                    System.out.printf(Locale.ROOT, "  farm with prefetch %d: tasks per rank %s, busy seconds per rank %s%n",
                        k + 1, Arrays.toString(farms[k].tasksPerRank()), Arrays.toString(Arrays.stream(
                            farms[k].busySecondsPerRank()).mapToObj(b -> String.format(Locale.ROOT, "%.2f", b)).toArray()));
                }
            }
        }
    }

    private static void row(String what, double seconds, double ideal) {
        System.out.printf(Locale.ROOT, "  %-40s %7.3f s  %5.2f x the lower bound%n", what, seconds, seconds / ideal);
    }

    /** Runs this rank's tasks and returns the time from a barrier until every rank has finished. */
    private static double timeStatic(Comm world, long[] mine, long[] micros, boolean spin) throws RuntimeException {
        world.barrier();
        double start = Spmd.wtime();
        long sum = 0;
        for (long i : mine) {
            sum += work(micros[(int) i], spin);
        }
        long[] total = new long[1];
        world.allreduce(new long[] {sum}, 0, total, 0, 1, Op.SUM); // also waits for the slowest rank
        double wall = Spmd.wtime() - start;
        if (total[0] != Arrays.stream(micros).sum()) {
            throw new IllegalStateException("the static split's results sum to " + total[0] + " µs");
        }
        return wall;
    }

    /** Pareto(alpha) durations in microseconds with minimum {@code minMicros}, from a fixed seed. */
    static long[] pareto(int n, double minMicros, double alpha, long seed) {
        Random random = new Random(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round(minMicros / Math.pow(1 - random.nextDouble(), 1 / alpha));
        }
        return out;
    }

    /** One task: takes {@code micros} microseconds (sleeping or spinning) and returns that duration. */
    static long work(long micros, boolean spin) {
        long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        if (spin) {
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                throw new IllegalStateException(); // keeps the loop from being optimised away
            }
        } else {
            try {
                TimeUnit.MICROSECONDS.sleep(micros);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return micros;
    }
}
