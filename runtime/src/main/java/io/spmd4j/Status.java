package io.spmd4j;

/**
 * What a completed receive (or probe) learned about its message: source, tag, size in bytes and
 * in elements, and whether it was cancelled. Immutable.
 */
public final class Status {
    private final int source;
    private final int tag;
    private final long bytes;
    private final int elementSize;
    private final boolean cancelled;

    Status(int source, int tag, long bytes, int elementSize, boolean cancelled) {
        this.source = source;
        this.tag = tag;
        this.bytes = bytes;
        this.elementSize = elementSize;
        this.cancelled = cancelled;
    }

    static Status procNull() {
        return new Status(Spmd.PROC_NULL, Spmd.ANY_TAG, 0, 1, false);
    }

    /** Rank of the sender in the communicator ({@link Spmd#PROC_NULL} for a receive from PROC_NULL). */
    public int source() {
        return source;
    }

    /** Tag of the message. */
    public int tag() {
        return tag;
    }

    /** Number of elements received, in the receive buffer's element type (MPI_Get_count). */
    public int count() {
        return (int) (bytes / elementSize);
    }

    /** Number of bytes received. */
    public long bytes() {
        return bytes;
    }

    /** True when the operation was cancelled (MPI_Test_cancelled). */
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Status[source=" + source + ", tag=" + tag + ", bytes=" + bytes + (cancelled ? ", cancelled" : "")
            + "]";
    }
}
