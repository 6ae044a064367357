package mpi;

import io.spmd4j.MpiException;
import java.util.function.Supplier;

/**
 * A persistent request (Send_init, Recv_init ...): created inactive with its arguments fixed;
 * {@link #Start()} begins one operation with them, and completing it makes the request inactive
 * again, ready for the next {@code Start}. Each start is a fresh spmd4j nonblocking operation, so
 * there is nothing to set up in advance.
 */
public class Prequest extends Request {
    private final Supplier<Request> operation;

    Prequest(Supplier<Request> operation) {
        super(false);
        this.operation = operation;
    }

    @Override
    boolean persistent() {
        return true;
    }

    /**
     * Starts the operation (MPI_Start).
     *
     * @throws MPIException ERR_REQUEST when the previous start has not completed
     */
    public void Start() {
        if (active()) {
            throw notActive("Start: the persistent request is still active; complete it with Wait or Test first");
        }
        if (Is_null()) {
            throw notActive("Start: the persistent request has been freed");
        }
        try {
            Request r = operation.get();
            start(r.inner, r.finisher);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Starts every request of the array (MPI_Startall). */
    public static void Startall(Prequest[] requests) {
        for (Prequest r : requests) {
            r.Start();
        }
    }
}
