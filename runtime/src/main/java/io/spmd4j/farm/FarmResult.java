package io.spmd4j.farm;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.Arrays;
import java.util.List;

/**
 * What a farm map produced: the results in input order and the failed tasks (on the ranks that hold
 * results: the root, or every rank with {@link Farm.Builder#resultsEverywhere()}), and on every rank
 * a summary: how many tasks ran, how many failed, and how the work spread over the ranks. Immutable.
 *
 * @param <R> the result type
 */
public final class FarmResult<R> {
    private final List<R> results;
    private final List<TaskException> failures;
    private final int taskCount;
    private final int completedCount;
    private final int failedCount;
    private final int[] tasksPerRank;
    private final long[] busyNanosPerRank;
    private final double wallSeconds;
    private final int root;

    FarmResult(List<R> results, List<TaskException> failures, Summary summary, int root) {
        this.results = results;
        this.failures = failures;
        this.taskCount = summary.taskCount;
        this.completedCount = summary.completed;
        this.failedCount = summary.failed;
        this.tasksPerRank = summary.tasksPerRank.clone();
        this.busyNanosPerRank = summary.busyNanosPerRank.clone();
        this.wallSeconds = summary.wallNanos * 1e-9;
        this.root = root;
    }

    /** True on the ranks that hold the results and failures: the root, or all with resultsEverywhere. */
    public boolean holdsResults() {
        return results != null;
    }

    /**
     * The results in input order, one per task; {@code null} at a task that failed or did not run
     * (and for a task whose function returned null). Unmodifiable.
     *
     * @throws MpiException ERR_ROOT on a rank that does not hold the results
     */
    public List<R> results() {
        checkHolds();
        return results;
    }

    /**
     * The failed tasks, by task index; empty when every task succeeded. Unmodifiable.
     *
     * @throws MpiException ERR_ROOT on a rank that does not hold the results
     */
    public List<TaskException> failures() {
        checkHolds();
        return failures;
    }

    private void checkHolds() {
        if (results == null) {
            throw new MpiException(ErrorClass.ERR_ROOT, "the farm's results are held on its root, rank " + root
                + ", only; build the farm with resultsEverywhere() to have them on every rank");
        }
    }

    /** Number of tasks: the inputs' size, or the inputs read from a stream before the map ended. */
    public int taskCount() {
        return taskCount;
    }

    /** Tasks that ran to the end, successfully or not (fewer than {@link #taskCount()} after a cancellation). */
    public int completedCount() {
        return completedCount;
    }

    /** Tasks that failed. */
    public int failedCount() {
        return failedCount;
    }

    /** True when every task completed without failure. */
    public boolean ok() {
        return failedCount == 0 && completedCount == taskCount;
    }

    /** Tasks each rank ran (index = rank in the farm's communicator); a copy. */
    public int[] tasksPerRank() {
        return tasksPerRank.clone();
    }

    /** Seconds each rank spent in the task function (and decoding and encoding), by rank; a copy. */
    public double[] busySecondsPerRank() {
        return Arrays.stream(busyNanosPerRank).mapToDouble(n -> n * 1e-9).toArray();
    }

    /** Wall-clock seconds of the map at the coordinator, from its start until the last task finished. */
    public double wallSeconds() {
        return wallSeconds;
    }
}
