package mpi;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;

/**
 * An error of an mpiJava call: unchecked, as in MPJ Express, and an {@link MpiException}, so
 * {@link #errorClass()} names the MPI error class (ERR_RANK, ERR_TRUNCATE ...).
 */
public class MPIException extends MpiException {
    private static final long serialVersionUID = 1L;

    /** An error of class ERR_OTHER with no message. */
    public MPIException() {
        this("MPI error");
    }

    /** An error of class ERR_OTHER. */
    public MPIException(String message) {
        super(ErrorClass.ERR_OTHER, message);
    }

    /** An error of class ERR_OTHER caused by {@code cause}. */
    public MPIException(Throwable cause) {
        super(ErrorClass.ERR_OTHER, String.valueOf(cause), cause);
    }

    /** An error of the given class. */
    public MPIException(ErrorClass errorClass, String message) {
        super(errorClass, message);
    }

    private MPIException(MpiException cause) {
        super(cause.errorClass(), cause.getMessage(), cause);
    }

    /** The error as an MPIException: itself when it is one, else a wrapper with the same class and message. */
    static MPIException of(MpiException e) {
        return e instanceof MPIException ? (MPIException) e : new MPIException(e);
    }
}
