package io.spmd4j.farm;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;

/**
 * A way to cancel a running farm map from any thread of any rank: give it to
 * {@link Farm.Builder#cancellation}, then call {@link #cancel(String)}. The rank tells the
 * coordinator, which stops handing out tasks and interrupts the running ones; the map then throws
 * {@link FarmCancelledException} on every rank, holding what had completed.
 *
 * <p>Cancelled stays cancelled: a map started with a cancelled {@code Cancellation} is cancelled at
 * once. One {@code Cancellation} serves one running map at a time. Thread-safe.
 */
public final class Cancellation {
    private final Object lock = new Object();
    private String reason;
    private Listener listener;

    /** Tells the rank's running map that it was cancelled. */
    interface Listener {
        void cancelled(String reason);
    }

    /** Creates a cancellation that is not cancelled. */
    public Cancellation() {
    }

    /** Cancels with the reason {@code "cancelled"}; see {@link #cancel(String)}. */
    public void cancel() {
        cancel("cancelled");
    }

    /**
     * Cancels the map that runs with this cancellation on this rank, or the next one to start;
     * idempotent (the first reason stays). Returns once the coordinator has been told (a message to
     * the farm's root); the map ends when the tasks running then have stopped.
     */
    public void cancel(String reason) {
        synchronized (lock) {
            if (this.reason != null) {
                return;
            }
            this.reason = reason == null ? "cancelled" : reason;
            if (listener != null) {
                listener.cancelled(this.reason);
            }
        }
    }

    /** True once {@link #cancel} was called. */
    public boolean isCancelled() {
        synchronized (lock) {
            return reason != null;
        }
    }

    /** The reason given to the first {@link #cancel(String)}, or null while not cancelled. */
    public String reason() {
        synchronized (lock) {
            return reason;
        }
    }

    /** Connects a starting map; tells it at once when already cancelled. */
    void attach(Listener l) {
        synchronized (lock) {
            if (listener != null) {
                throw new MpiException(ErrorClass.ERR_ARG,
                    "this Cancellation already belongs to a running farm map; use one per concurrent map");
            }
            listener = l;
            if (reason != null) {
                l.cancelled(reason);
            }
        }
    }

    /**
     * Disconnects the map; once this returns no {@link Listener#cancelled} call is under way or will
     * come, so the map may send its last message.
     */
    void detach() {
        synchronized (lock) {
            listener = null;
        }
    }
}
