package io.spmd4j.farm;

/**
 * How a map ended, as the coordinator tells every worker in its SUMMARY message (see {@link Wire}).
 *
 * <pre>
 * summary := outcome (1) | everywhere (1) | tasks (4) | completed (4) | failed (4) | wall ns (8)
 *            | ranks (4) | ranks x ( tasks run (4) | busy ns (8) )
 *            | outcome FAILED:    task index (4) | rank (4) | failure record (length + bytes)
 *            | outcome CANCELLED: reason (string)
 * </pre>
 */
final class Summary {
    static final byte OK = 0;
    static final byte FAILED = 1;
    static final byte CANCELLED = 2;

    byte outcome = OK;
    boolean everywhere;
    int taskCount;
    int completed;
    int failed;
    long wallNanos;
    int[] tasksPerRank;
    long[] busyNanosPerRank;
    int failedIndex = -1;
    int failedRank = -1;
    byte[] failureRecord;
    String cancelReason;

    Summary(int ranks) {
        tasksPerRank = new int[ranks];
        busyNanosPerRank = new long[ranks];
    }

    void writeTo(Wire.Out out) {
        out.writeByte(outcome).writeByte(everywhere ? 1 : 0).writeInt(taskCount).writeInt(completed)
            .writeInt(failed).writeLong(wallNanos).writeInt(tasksPerRank.length);
        for (int r = 0; r < tasksPerRank.length; r++) {
            out.writeInt(tasksPerRank[r]).writeLong(busyNanosPerRank[r]);
        }
        if (outcome == FAILED) {
            out.writeInt(failedIndex).writeInt(failedRank).writeBytes(failureRecord);
        } else if (outcome == CANCELLED) {
            out.writeString(cancelReason);
        }
    }

    static Summary readFrom(Wire.In in) {
        byte outcome = in.readByte();
        boolean everywhere = in.readByte() == 1;
        int tasks = in.readInt();
        int completed = in.readInt();
        int failed = in.readInt();
        long wall = in.readLong();
        int ranks = in.readInt();
        if (ranks < 0) {
            throw Wire.malformed("a negative rank count " + ranks);
        }
        Summary s = new Summary(ranks);
        s.outcome = outcome;
        s.everywhere = everywhere;
        s.taskCount = tasks;
        s.completed = completed;
        s.failed = failed;
        s.wallNanos = wall;
        for (int r = 0; r < ranks; r++) {
            s.tasksPerRank[r] = in.readInt();
            s.busyNanosPerRank[r] = in.readLong();
        }
        if (outcome == FAILED) {
            s.failedIndex = in.readInt();
            s.failedRank = in.readInt();
            s.failureRecord = in.readBytes();
        } else if (outcome == CANCELLED) {
            s.cancelReason = in.readString();
        } else if (outcome != OK) {
            throw Wire.malformed("an unknown outcome " + outcome);
        }
        return s;
    }
}
