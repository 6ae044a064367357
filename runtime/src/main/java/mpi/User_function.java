package mpi;

/**
 * The function of a user-defined reduction (MPI_User_function): combines {@code count} elements,
 * {@code inoutvec[inoutoffset+i] = invec[inoffset+i] op inoutvec[inoutoffset+i]}, where the arrays
 * have the datatype's array class and {@code invec} holds the contribution of lower ranks.
 */
public abstract class User_function {
    /** Creates the function. */
    public User_function() {
    }

    /**
     * Combines {@code count} elements (items for {@link MPI#OBJECT}) of {@code invec} into
     * {@code inoutvec}; may be called on any part of the buffers, in any number of pieces.
     */
    public abstract void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count,
        Datatype datatype);
}
