package io.spmd4j;

import io.spmd4j.engine.Operation;
import io.spmd4j.engine.RecvOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A nonblocking operation in flight (MPI_Request), returned by {@code isend}, {@code irecv} and
 * friends. Complete it with {@link #await()} or poll it with {@link #test()}; until it completes,
 * the buffer it was given belongs to spmd4j: do not modify a send buffer or read a receive buffer.
 *
 * <p>Any thread may wait on a request; one request should be waited on by one thread at a time.
 */
public class Request {
    private final Operation op;
    private final Status fixedStatus;
    private final int elementSize;

    Request(Operation op, int elementSize) {
        this.op = op;
        this.fixedStatus = null;
        this.elementSize = elementSize;
    }

    private Request(Status completed) {
        this.op = null;
        this.fixedStatus = completed;
        this.elementSize = 1;
    }

    /** A request that is already complete (operations with PROC_NULL). */
    static Request completed(Status status) {
        return new Request(status);
    }

    /** True once complete; does not drive progress (see {@link #test()}). */
    public boolean isComplete() {
        return op == null || op.isDone();
    }

    /**
     * Waits for completion and returns the status (MPI_Wait).
     *
     * @throws MpiException the operation's error, e.g. ERR_TRUNCATE for a receive whose buffer was
     *     too small
     */
    public Status await() {
        if (op != null && !op.isDone()) {
            op.engine().await(op);
        }
        return status();
    }

    /** Drives progress once without blocking and returns true when complete (MPI_Test). */
    public boolean test() {
        if (op == null || op.isDone()) {
            if (op != null && op.error() != null) {
                throw op.error();
            }
            return true;
        }
        op.engine().progressOnce();
        if (op.isDone() && op.error() != null) {
            throw op.error();
        }
        return op.isDone();
    }

    /**
     * The status of a completed request.
     *
     * @throws IllegalStateException when the request has not completed
     * @throws MpiException the operation's error
     */
    public Status status() {
        if (op == null) {
            return fixedStatus;
        }
        if (!op.isDone()) {
            throw new IllegalStateException("request has not completed; call await() or test() first");
        }
        if (op.error() != null) {
            throw op.error();
        }
        return new Status(op.statusSource(), op.statusTag(), op.statusBytes(), elementSize, op.isCancelled());
    }

    /**
     * Cancels a receive that has not matched a message yet (MPI_Cancel); a cancelled request completes
     * with {@link Status#cancelled()} true. Sends cannot be cancelled.
     *
     * @return true when the receive was cancelled, false when it had already matched
     */
    public boolean cancel() {
        if (op instanceof RecvOp) {
            return op.engine().cancel((RecvOp) op);
        }
        return false;
    }

    Operation operation() {
        return op;
    }

    /** Waits for all requests and returns their statuses in order (MPI_Waitall). */
    public static Status[] awaitAll(Request... requests) {
        waitForAll(requests);
        Status[] out = new Status[requests.length];
        MpiException first = null;
        for (int i = 0; i < requests.length; i++) {
            try {
                out[i] = requests[i].await();
            } catch (MpiException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /** Waits in one go until every request has completed, so progress is driven without interruption. */
    private static void waitForAll(Request[] requests) {
        List<Operation> pending = new ArrayList<>();
        for (Request r : requests) {
            if (r.op != null && !r.op.isDone()) {
                pending.add(r.op);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        Operation[] ops = pending.toArray(new Operation[0]);
        ops[0].engine().awaitCondition(() -> {
            for (Operation op : ops) {
                if (!op.isDone()) {
                    return false;
                }
            }
            return true;
        }, ops);
    }

    /** Waits for all requests in the list (MPI_Waitall). */
    public static Status[] awaitAll(List<? extends Request> requests) {
        return awaitAll(requests.toArray(new Request[0]));
    }

    /** True when every request has completed, driving progress once (MPI_Testall). */
    public static boolean testAll(Request... requests) {
        boolean all = true;
        for (Request r : requests) {
            all &= r.test();
        }
        return all;
    }

    /**
     * Waits until at least one request completes and returns the index of one completed request
     * (MPI_Waitany); the lowest index wins when several have completed.
     */
    public static int awaitAny(Request... requests) {
        if (requests.length == 0) {
            throw new MpiException(ErrorClass.ERR_REQUEST, "awaitAny needs at least one request");
        }
        int found = firstComplete(requests);
        if (found < 0) {
            List<Operation> ops = new ArrayList<>();
            for (Request r : requests) {
                if (r.op != null) {
                    ops.add(r.op);
                }
            }
            ops.get(0).engine().awaitCondition(() -> firstComplete(requests) >= 0,
                ops.toArray(new Operation[0]));
            found = firstComplete(requests);
        }
        requests[found].status();
        return found;
    }

    /** Waits until at least one request completes and returns the indices of all completed ones (MPI_Waitsome). */
    public static int[] awaitSome(Request... requests) {
        awaitAny(requests);
        return java.util.stream.IntStream.range(0, requests.length).filter(i -> requests[i].isComplete()).toArray();
    }

    private static int firstComplete(Request[] requests) {
        for (int i = 0; i < requests.length; i++) {
            if (requests[i].isComplete()) {
                return i;
            }
        }
        return -1;
    }
}
