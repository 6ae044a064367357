package mpi;

/**
 * What a completed receive, probe or request learned (MPI_Status): the public fields
 * {@link #source}, {@link #tag} and {@link #index} (the position of the completed request in a
 * {@code Waitany}/{@code Waitsome} array), as in MPJ Express, and the size of the message through
 * {@link #Get_count}.
 */
public class Status {
    /** Rank of the sender in the communicator; {@link MPI#PROC_NULL} for a receive from PROC_NULL. */
    public int source;
    /** Tag of the message. */
    public int tag;
    /** Index of the completed request in the array given to Waitany, Testany, Waitsome or Testsome; else -1. */
    public int index = -1;
    /** Base elements (or objects, for {@link MPI#OBJECT}) the message carried. */
    private final long elements;
    private final boolean cancelled;

    /** An empty status: source ANY_SOURCE, tag ANY_TAG, no elements. */
    public Status() {
        this(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, false);
    }

    Status(int source, int tag, long elements, boolean cancelled) {
        this.source = source;
        this.tag = tag;
        this.elements = elements;
        this.cancelled = cancelled;
    }

    /** The status of a spmd4j operation that moved elements of {@code base}. */
    static Status of(io.spmd4j.Status s) {
        return new Status(s.source(), s.tag(), s.count(), s.cancelled());
    }

    /**
     * Number of items of {@code datatype} received (MPI_Get_count): the base elements divided by
     * the datatype's size, or {@link MPI#UNDEFINED} when they do not make whole items.
     */
    public int Get_count(Datatype datatype) {
        if (datatype.size == 0) {
            return elements == 0 ? 0 : MPI.UNDEFINED;
        }
        return elements % datatype.size == 0 ? (int) (elements / datatype.size) : MPI.UNDEFINED;
    }

    /** Number of base elements received (MPI_Get_elements). */
    public int Get_elements(Datatype datatype) {
        return (int) elements;
    }

    /** True when the request was cancelled (MPI_Test_cancelled). */
    public boolean Test_cancelled() {
        return cancelled;
    }

    /** Statuses are plain values; nothing to free (kept for MPJ Express compatibility). */
    public void free() {
        // nothing is held
    }

    Status withIndex(int i) {
        index = i;
        return this;
    }

    @Override
    public String toString() {
        return "Status[source=" + source + ", tag=" + tag + ", elements=" + elements + (index >= 0 ? ", index=" + index
            : "") + (cancelled ? ", cancelled" : "") + "]";
    }
}
