package mpi;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A nonblocking operation (MPI_Request) over a spmd4j {@link io.spmd4j.Request}. Completing it
 * ({@link #Wait}, a successful {@link #Test}, or one of the array forms) finishes the receive
 * (unpacks a derived datatype, stores received objects) and makes the request null, as in MPI: a
 * later {@code Wait} returns an empty status at once, and the array forms skip it. A
 * {@link Prequest} becomes inactive instead and may be started again.
 *
 * <p>One thread at a time may complete a request.
 */
public class Request {
    /** Builds the status of a completed spmd4j request, finishing the receive. */
    interface Finisher {
        Status finish(io.spmd4j.Request inner);
    }

    io.spmd4j.Request inner;
    Finisher finisher;
    private boolean active;
    private boolean isNull;

    /**
     * An inactive request: null (MPI.REQUEST_NULL) when {@code isNull}, else an inactive persistent
     * one; completing either returns an empty status at once.
     */
    Request(boolean isNull) {
        this.isNull = isNull;
    }

    /** An active request over {@code inner}; {@code inner} null means complete at once with an empty status. */
    Request(io.spmd4j.Request inner, Finisher finisher) {
        start(inner, finisher);
    }

    final void start(io.spmd4j.Request newInner, Finisher newFinisher) {
        this.inner = newInner;
        this.finisher = newFinisher;
        this.active = true;
        this.isNull = false;
    }

    final boolean active() {
        return active;
    }

    /** True when the request can be completed without waiting. */
    private boolean ready() {
        return !active || inner == null || inner.isComplete();
    }

    /** Drives progress once and returns true when the request can be completed without waiting. */
    private boolean poll() {
        return !active || inner == null || inner.test();
    }

    /** Finishes a ready request and releases it (null, or inactive for a persistent one). */
    private Status complete() {
        if (!active) {
            return new Status();
        }
        io.spmd4j.Request done = inner;
        active = false;
        inner = null;
        isNull = !persistent();
        return done == null ? new Status() : finisher.finish(done);
    }

    /** True for requests that become inactive rather than null on completion. */
    boolean persistent() {
        return false;
    }

    /** Waits for the operation to complete and returns its status (MPI_Wait). */
    public Status Wait() {
        try {
            if (active && inner != null) {
                inner.await();
            }
            return complete();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Returns the status when the operation has completed, else null, driving progress once (MPI_Test). */
    public Status Test() {
        try {
            return poll() ? complete() : null;
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** True for a null request: one that has completed or was freed (MPI_REQUEST_NULL). */
    public boolean Is_null() {
        return isNull;
    }

    /**
     * Cancels a pending receive (MPI_Cancel); completing the request then gives a status whose
     * {@link Status#Test_cancelled()} is true. A send, or a receive that has matched, is not cancelled.
     */
    public void Cancel() {
        if (active && inner != null) {
            inner.cancel();
        }
    }

    /**
     * Releases the request (MPI_Request_free): an operation in flight still completes, but its
     * status is lost. The request becomes null.
     */
    public void Free() {
        active = false;
        inner = null;
        isNull = true;
    }

    // ================================================================ arrays of requests

    /**
     * Waits until one active request completes and returns its status, with {@link Status#index}
     * its position (MPI_Waitany); the lowest index wins among completed ones. With no active
     * request, returns an empty status with index {@link MPI#UNDEFINED}.
     */
    public static Status Waitany(Request[] requests) {
        try {
            List<io.spmd4j.Request> pending = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < requests.length; i++) {
                Request r = requests[i];
                if (r == null || !r.active) {
                    continue;
                }
                if (r.ready()) {
                    return r.complete().withIndex(i);
                }
                pending.add(r.inner);
                where.add(i);
            }
            if (pending.isEmpty()) {
                return new Status().withIndex(MPI.UNDEFINED);
            }
            int i = where.get(io.spmd4j.Request.awaitAny(pending.toArray(new io.spmd4j.Request[0])));
            return requests[i].complete().withIndex(i);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Waits for every request and returns their statuses in order (MPI_Waitall); null and inactive
     * requests give empty statuses.
     */
    public static Status[] Waitall(Request[] requests) {
        try {
            List<io.spmd4j.Request> pending = new ArrayList<>();
            for (Request r : requests) {
                if (r != null && !r.ready()) {
                    pending.add(r.inner);
                }
            }
            MpiException failure = null;
            try {
                io.spmd4j.Request.awaitAll(pending);
            } catch (MpiException e) {
                failure = e; // every request has completed; finish the others first
            }
            Status[] out = new Status[requests.length];
            for (int i = 0; i < requests.length; i++) {
                try {
                    out[i] = requests[i] == null ? new Status() : requests[i].complete().withIndex(i);
                } catch (MpiException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Waits until at least one active request completes and returns the statuses of all that have,
     * each with its {@link Status#index} (MPI_Waitsome); an empty array when none is active.
     */
    public static Status[] Waitsome(Request[] requests) {
        Status first = Waitany(requests);
        if (first.index == MPI.UNDEFINED) {
            return new Status[0];
        }
        List<Status> out = new ArrayList<>();
        out.add(first);
        out.addAll(List.of(Testsome(requests)));
        return out.toArray(new Status[0]);
    }

    /**
     * Drives progress once and returns the status of one completed active request, with its index
     * (MPI_Testany); null when none has completed; an empty status with index
     * {@link MPI#UNDEFINED} when none is active.
     */
    public static Status Testany(Request[] requests) {
        boolean anyActive = false;
        try {
            for (int i = 0; i < requests.length; i++) {
                Request r = requests[i];
                if (r != null && r.active) {
                    anyActive = true;
                    if (r.poll()) {
                        return r.complete().withIndex(i);
                    }
                }
            }
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
        return anyActive ? null : new Status().withIndex(MPI.UNDEFINED);
    }

    /**
     * Returns every request's status when all have completed, else null without completing any,
     * driving progress once (MPI_Testall).
     */
    public static Status[] Testall(Request[] requests) {
        try {
            boolean all = true;
            for (Request r : requests) {
                all &= r == null || r.poll();
            }
            return all ? Waitall(requests) : null;
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Completes every active request that has completed and returns their statuses with their
     * indices, possibly none, driving progress once (MPI_Testsome).
     */
    public static Status[] Testsome(Request[] requests) {
        try {
            List<Status> out = new ArrayList<>();
            for (int i = 0; i < requests.length; i++) {
                Request r = requests[i];
                if (r != null && r.active && r.poll()) {
                    out.add(r.complete().withIndex(i));
                }
            }
            return out.toArray(new Status[0]);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    static MPIException notActive(String what) {
        return new MPIException(ErrorClass.ERR_REQUEST, what);
    }
}
