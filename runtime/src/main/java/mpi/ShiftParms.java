package mpi;

/** The result of {@link Cartcomm#Shift}: receive from {@link #rank_source}, send to {@link #rank_dest}. */
public class ShiftParms {
    /** The neighbour {@code disp} steps below, or {@link MPI#PROC_NULL}. */
    public int rank_source;
    /** The neighbour {@code disp} steps above, or {@link MPI#PROC_NULL}. */
    public int rank_dest;

    ShiftParms(int source, int dest) {
        this.rank_source = source;
        this.rank_dest = dest;
    }
}
