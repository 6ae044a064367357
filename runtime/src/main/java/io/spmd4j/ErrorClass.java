package io.spmd4j;

/** MPI error classes, named as in the MPI standard without the {@code MPI_} prefix. */
public enum ErrorClass {
    /** Invalid buffer (null array, offset or count outside it). */
    ERR_BUFFER,
    /** Invalid count argument. */
    ERR_COUNT,
    /** Invalid datatype or element type mismatch. */
    ERR_TYPE,
    /** Invalid tag. */
    ERR_TAG,
    /** Invalid communicator. */
    ERR_COMM,
    /** Invalid group. */
    ERR_GROUP,
    /** Invalid rank (source, dest). */
    ERR_RANK,
    /** Invalid root. */
    ERR_ROOT,
    /** Invalid operation. */
    ERR_OP,
    /** Invalid argument of another kind. */
    ERR_ARG,
    /** Message truncated on receive. */
    ERR_TRUNCATE,
    /** Invalid request. */
    ERR_REQUEST,
    /** Error in an object codec (serialization refused or failed). */
    ERR_CODEC,
    /** Error of the communication layer (connection lost, protocol violation). */
    ERR_TRANSPORT,
    /** Operation attempted before init or after finalize. */
    ERR_NOT_INITIALIZED,
    /** Other error. */
    ERR_OTHER
}
