package io.spmd4j;

/** Result of comparing two communicators or two groups (MPI_Comm_compare, MPI_Group_compare). */
public enum Comparison {
    /** The same communicator, or groups with the same members in the same order (MPI_IDENT). */
    IDENT,
    /** Communicators with the same members in the same order but different contexts (MPI_CONGRUENT). */
    CONGRUENT,
    /** The same members in a different order (MPI_SIMILAR). */
    SIMILAR,
    /** Different members (MPI_UNEQUAL). */
    UNEQUAL
}
