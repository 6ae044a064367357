package io.spmd4j.engine;

import io.spmd4j.MpiException;
import java.util.concurrent.locks.LockSupport;

/**
 * An engine-level point-to-point operation: a send or a receive in flight. Completion is published
 * by a volatile write of {@link #done} after every result field has been set, so a thread that reads
 * {@code done == true} sees the status fields (release/acquire through the volatile).
 */
public abstract class Operation {
    /** The engine that owns the operation. */
    final Engine engine;
    /** Set once, last, by the completing thread (release); read by waiters (acquire). */
    private volatile boolean done;
    /** A thread parked waiting for this operation, to unpark on completion. */
    volatile Thread waiter;
    /** Whether this operation counts towards the engine's background-progress work. */
    boolean tracked;

    MpiException error;
    int statusSource;
    int statusTag;
    long statusBytes;
    boolean cancelled;

    Operation(Engine engine) {
        this.engine = engine;
    }

    /** The engine that progresses this operation. */
    public final Engine engine() {
        return engine;
    }

    /** True once the operation has completed (successfully, with an error, or cancelled). */
    public final boolean isDone() {
        return done;
    }

    /** The error the operation completed with, or null. Valid after {@link #isDone()}. */
    public final MpiException error() {
        return error;
    }

    /** Source rank (in the communicator) of a completed receive; the destination of a send. */
    public final int statusSource() {
        return statusSource;
    }

    /** Tag of the message. */
    public final int statusTag() {
        return statusTag;
    }

    /** Bytes of the message received or sent. */
    public final long statusBytes() {
        return statusBytes;
    }

    /** True when a receive was cancelled before it matched. */
    public final boolean isCancelled() {
        return cancelled;
    }

    /** Completes the operation; called at most once, under the engine lock. */
    final void complete() {
        done = true; // release: publishes the status fields written above
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        engine.onCompleted(this);
    }

    /** Completes the operation with an error. */
    final void fail(MpiException e) {
        this.error = e;
        complete();
    }
}
