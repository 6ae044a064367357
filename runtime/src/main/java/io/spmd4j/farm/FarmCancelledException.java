package io.spmd4j.farm;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;

/**
 * A farm map was cancelled before every task completed: a {@link Cancellation} of some rank was
 * cancelled, or the map's deadline passed. Thrown by {@link Farm#map} on every rank, with the reason
 * and what had completed: {@link #partial()} holds the results of the tasks that finished (on the
 * ranks that hold results), {@code null} at the others, as {@link FarmResult} describes.
 */
public final class FarmCancelledException extends MpiException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final transient FarmResult<?> partial;

    FarmCancelledException(String reason, FarmResult<?> partial) {
        super(ErrorClass.ERR_OTHER, "farm map cancelled (" + reason + ") after " + partial.completedCount()
            + " of " + partial.taskCount() + " tasks completed");
        this.reason = reason;
        this.partial = partial;
    }

    /** Why the map was cancelled, as given to {@link Cancellation#cancel(String)}. */
    public String reason() {
        return reason;
    }

    /**
     * What completed before the cancellation; unfinished tasks have no result ({@code null}) and
     * are not failures. Not kept when the exception is serialized.
     */
    public FarmResult<?> partial() {
        return partial;
    }
}
