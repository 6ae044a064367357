package io.spmd4j;

/**
 * The one exception of spmd4j: unchecked, carrying an MPI error class, with a message that names
 * the offending values ({@code invalid dest: dest=7, size=4}).
 */
public class MpiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;

    /** Creates an exception of the given class. */
    public MpiException(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /** Creates an exception of the given class with a cause. */
    public MpiException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /** The MPI error class, e.g. {@link ErrorClass#ERR_TRUNCATE}. */
    public ErrorClass errorClass() {
        return errorClass;
    }
}
