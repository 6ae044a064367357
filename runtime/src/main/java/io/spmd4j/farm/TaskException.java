package io.spmd4j.farm;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;

/**
 * A task of a farm map failed: it threw (its exception is the cause), ran past the task timeout (the
 * cause is a {@link java.util.concurrent.TimeoutException}), or its input or result could not cross
 * between ranks (the cause is the codec's {@link MpiException} with {@link ErrorClass#ERR_CODEC}).
 * Names the task by its index in the inputs and the rank that ran it.
 *
 * <p>Thrown by {@link Farm#map} on every rank when a task fails and failures are not collected; listed
 * by {@link FarmResult#failures()} when they are. The cause is the task's own exception when the
 * receiving rank can decode it, else a {@link RemoteTaskFailure} describing it.
 */
public final class TaskException extends MpiException {
    private static final long serialVersionUID = 1L;

    private final int taskIndex;
    private final int rank;

    TaskException(int taskIndex, int rank, Throwable cause) {
        super(ErrorClass.ERR_OTHER, "task " + taskIndex + " failed on rank " + rank + ": " + cause, cause);
        this.taskIndex = taskIndex;
        this.rank = rank;
    }

    /** Index of the task in the map's inputs (0-based, in input order). */
    public int taskIndex() {
        return taskIndex;
    }

    /** Rank, in the farm's communicator, that ran the task. */
    public int rank() {
        return rank;
    }
}
