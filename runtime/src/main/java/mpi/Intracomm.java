package mpi;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An intracommunicator with mpiJava's collectives and communicator constructors, over a spmd4j
 * {@link io.spmd4j.Comm}: every collective is spmd4j's (algorithms chosen by size, reductions in
 * rank order, see {@code io.spmd4j.collective}), with counts and displacements in items of the
 * datatype, scaled to elements on the way in.
 *
 * <p>The send and receive datatypes of a collective must have the same base type and the same
 * number of elements per rank (ERR_TYPE / ERR_COUNT otherwise). With {@link MPI#OBJECT} the items
 * travel through spmd4j's object collectives, and reductions need a user {@link Op}.
 */
public class Intracomm extends Comm {
    Intracomm(io.spmd4j.Comm comm) {
        super(comm);
    }

    /** A duplicate with the same group and a new context (MPI_Comm_dup); collective. */
    @Override
    public Object clone() {
        return Dup();
    }

    /** A duplicate with the same group and a new context (MPI_Comm_dup); collective. */
    public Intracomm Dup() {
        return new Intracomm(guard(comm::dup));
    }

    /**
     * Splits by {@code color}, ordering by {@code key} then rank (MPI_Comm_split); collective.
     *
     * @return the new communicator, or null for color {@link MPI#UNDEFINED}
     */
    public Intracomm Split(int color, int key) {
        io.spmd4j.Comm c = guard(() -> comm.split(color, key));
        return c == null ? null : new Intracomm(c);
    }

    /** A communicator of {@code group}'s members (MPI_Comm_create); null on other ranks; collective. */
    public Intracomm Create(Group group) {
        io.spmd4j.Comm c = guard(() -> comm.create(group.group));
        return c == null ? null : new Intracomm(c);
    }

    /**
     * A Cartesian communicator (MPI_Cart_create) over the first {@code product(dims)} ranks, which
     * keep their order; null on the other ranks; collective.
     */
    public Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder) {
        io.spmd4j.CartComm c = guard(() -> comm.createCart(dims, periods, reorder));
        return c == null ? null : new Cartcomm(c);
    }

    // ================================================================ collectives

    /** Waits until every rank has called it (MPI_Barrier). */
    public void Barrier() {
        guard(() -> {
            comm.barrier();
            return null;
        });
    }

    /** Sends {@code count} items from {@code root} to every rank (MPI_Bcast). */
    public void Bcast(Object buf, int offset, int count, Datatype type, int root) {
        try {
            Section s = Section.of("Bcast", buf, offset, count, type);
            if (type.base == Datatype.Base.OBJECT) {
                Object[] got = comm.bcastObject(comm.rank() == root ? (Object[]) s.copy() : null, root);
                place("Bcast", s, got, 0, s.elements);
            } else {
                Typed.bcast(comm, type.base, s, root);
            }
            s.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Gathers {@code sendcount} items from every rank into the root's buffer, rank i's at item {@code i*recvcount} (MPI_Gather). */
    public void Gather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int recvcount, Datatype recvtype, int root) {
        try {
            boolean atRoot = comm.rank() == root;
            Section s = Section.of("Gather", sendbuf, sendoffset, sendcount, sendtype);
            Section r = atRoot ? Section.of("Gather", recvbuf, recvoffset, perRank(recvcount), recvtype) : none(sendtype);
            if (atRoot) {
                match("Gather", sendtype, s.elements, recvtype, recvcount);
            }
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> all = comm.gatherObject((Object[]) s.copy(), root);
                if (atRoot) {
                    int per = recvcount * recvtype.size;
                    for (int i = 0; i < all.size(); i++) {
                        place("Gather", r, all.get(i), i * per, per);
                    }
                }
            } else {
                Typed.gather(comm, sendtype.base, s, r, root);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Gathers {@code recvcounts[i]} items from rank i into the root's buffer at item {@code displs[i]} (MPI_Gatherv). */
    public void Gatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int[] recvcount, int[] displs, Datatype recvtype, int root) {
        try {
            boolean atRoot = comm.rank() == root;
            Section s = Section.of("Gatherv", sendbuf, sendoffset, sendcount, sendtype);
            Section r = atRoot ? Section.of("Gatherv", recvbuf, recvoffset, extent("Gatherv", recvcount, displs), recvtype)
                : none(sendtype);
            if (atRoot) {
                match("Gatherv", sendtype, s.elements, recvtype, recvcount[comm.rank()]);
            }
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> all = comm.gatherObject((Object[]) s.copy(), root);
                if (atRoot) {
                    for (int i = 0; i < all.size(); i++) {
                        place("Gatherv", r, all.get(i), displs[i] * recvtype.size, recvcount[i] * recvtype.size);
                    }
                }
            } else {
                Typed.gatherv(comm, sendtype.base, s, r, Section.scale(recvcount, recvtype),
                    Section.scale(displs, recvtype), root);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Sends item block i ({@code sendcount} items from item {@code i*sendcount}) of the root's buffer to rank i (MPI_Scatter). */
    public void Scatter(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int recvcount, Datatype recvtype, int root) {
        try {
            boolean atRoot = comm.rank() == root;
            Section s = atRoot ? Section.of("Scatter", sendbuf, sendoffset, perRank(sendcount), sendtype) : none(recvtype);
            Section r = Section.of("Scatter", recvbuf, recvoffset, recvcount, recvtype);
            if (atRoot) {
                match("Scatter", recvtype, r.elements, sendtype, sendcount);
            }
            if (recvtype.base == Datatype.Base.OBJECT) {
                int per = sendcount * sendtype.size;
                List<Object[]> parts = atRoot ? slices(s, per, null, null) : null;
                place("Scatter", r, comm.scatterObject(parts, root), 0, r.elements);
            } else {
                Typed.scatter(comm, recvtype.base, s, r, root);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Sends {@code sendcount[i]} items from item {@code displs[i]} of the root's buffer to rank i (MPI_Scatterv). */
    public void Scatterv(Object sendbuf, int sendoffset, int[] sendcount, int[] displs, Datatype sendtype,
        Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int root) {
        try {
            boolean atRoot = comm.rank() == root;
            Section s = atRoot ? Section.of("Scatterv", sendbuf, sendoffset, extent("Scatterv", sendcount, displs),
                sendtype) : none(recvtype);
            Section r = Section.of("Scatterv", recvbuf, recvoffset, recvcount, recvtype);
            if (atRoot && sendcount[root] * sendtype.size > r.elements) {
                throw new MPIException(ErrorClass.ERR_TRUNCATE, "Scatterv: the root sends " + sendcount[root]
                    + " items of " + sendtype + " to itself but receives only " + recvcount + " items of " + recvtype);
            }
            if (recvtype.base == Datatype.Base.OBJECT) {
                List<Object[]> parts = atRoot ? slices(s, 0, Section.scale(sendcount, sendtype),
                    Section.scale(displs, sendtype)) : null;
                place("Scatterv", r, comm.scatterObject(parts, root), 0, r.elements);
            } else {
                Typed.scatterv(comm, recvtype.base, s, Section.scale(sendcount, sendtype), Section.scale(displs, sendtype),
                    r, root);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Gathers {@code sendcount} items from every rank on every rank, rank i's at item {@code i*recvcount} (MPI_Allgather). */
    public void Allgather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int recvcount, Datatype recvtype) {
        try {
            Section s = Section.of("Allgather", sendbuf, sendoffset, sendcount, sendtype);
            Section r = Section.of("Allgather", recvbuf, recvoffset, perRank(recvcount), recvtype);
            match("Allgather", sendtype, s.elements, recvtype, recvcount);
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> all = comm.allgatherObject((Object[]) s.copy());
                int per = recvcount * recvtype.size;
                for (int i = 0; i < all.size(); i++) {
                    place("Allgather", r, all.get(i), i * per, per);
                }
            } else {
                Typed.allgather(comm, sendtype.base, s, r);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Gathers {@code recvcount[i]} items from rank i on every rank, at item {@code displs[i]} (MPI_Allgatherv). */
    public void Allgatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int[] recvcount, int[] displs, Datatype recvtype) {
        try {
            Section s = Section.of("Allgatherv", sendbuf, sendoffset, sendcount, sendtype);
            Section r = Section.of("Allgatherv", recvbuf, recvoffset, extent("Allgatherv", recvcount, displs), recvtype);
            match("Allgatherv", sendtype, s.elements, recvtype, recvcount[comm.rank()]);
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> all = comm.allgatherObject((Object[]) s.copy());
                for (int i = 0; i < all.size(); i++) {
                    place("Allgatherv", r, all.get(i), displs[i] * recvtype.size, recvcount[i] * recvtype.size);
                }
            } else {
                Typed.allgatherv(comm, sendtype.base, s, r, Section.scale(recvcount, recvtype),
                    Section.scale(displs, recvtype));
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Sends item block j of every rank to rank j, {@code sendcount} items each (MPI_Alltoall). */
    public void Alltoall(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
        int recvoffset, int recvcount, Datatype recvtype) {
        try {
            Section s = Section.of("Alltoall", sendbuf, sendoffset, perRank(sendcount), sendtype);
            Section r = Section.of("Alltoall", recvbuf, recvoffset, perRank(recvcount), recvtype);
            match("Alltoall", sendtype, sendcount * sendtype.size, recvtype, recvcount);
            int per = sendcount * sendtype.size;
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> got = comm.alltoallObject(slices(s, per, null, null));
                for (int i = 0; i < got.size(); i++) {
                    place("Alltoall", r, got.get(i), i * per, per);
                }
            } else {
                Typed.alltoall(comm, sendtype.base, s, r, per);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Sends {@code sendcount[j]} items from item {@code sdispls[j]} to rank j, receiving rank i's at item {@code rdispls[i]} (MPI_Alltoallv). */
    public void Alltoallv(Object sendbuf, int sendoffset, int[] sendcount, int[] sdispls, Datatype sendtype,
        Object recvbuf, int recvoffset, int[] recvcount, int[] rdispls, Datatype recvtype) {
        try {
            Section s = Section.of("Alltoallv", sendbuf, sendoffset, extent("Alltoallv", sendcount, sdispls), sendtype);
            Section r = Section.of("Alltoallv", recvbuf, recvoffset, extent("Alltoallv", recvcount, rdispls), recvtype);
            sameBase("Alltoallv", sendtype, recvtype);
            if (sendtype.base == Datatype.Base.OBJECT) {
                List<Object[]> got = comm.alltoallObject(slices(s, 0, Section.scale(sendcount, sendtype),
                    Section.scale(sdispls, sendtype)));
                for (int i = 0; i < got.size(); i++) {
                    place("Alltoallv", r, got.get(i), rdispls[i] * recvtype.size, recvcount[i] * recvtype.size);
                }
            } else {
                Typed.alltoallv(comm, sendtype.base, s, Section.scale(sendcount, sendtype), Section.scale(sdispls, sendtype),
                    r, Section.scale(recvcount, recvtype), Section.scale(rdispls, recvtype));
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    // ================================================================ reductions

    /** Combines {@code count} items of every rank with {@code op}, in rank order, into the root's buffer (MPI_Reduce). */
    public void Reduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
        Op op, int root) {
        try {
            boolean atRoot = comm.rank() == root;
            Section s = Section.of("Reduce", sendbuf, sendoffset, count, datatype);
            Section r = atRoot ? Section.of("Reduce", recvbuf, recvoffset, count, datatype) : none(datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                Object[] out = comm.reduceObject((Object[]) s.copy(), op.forObjects(count, datatype),
                    root);
                if (atRoot) {
                    place("Reduce", r, out, 0, r.elements);
                }
            } else {
                Typed.reduce(comm, datatype.base, s, r, s.elements, op.forType(datatype), root);
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Combines {@code count} items of every rank with {@code op}, in rank order, on every rank (MPI_Allreduce). */
    public void Allreduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count,
        Datatype datatype, Op op) {
        try {
            Section s = Section.of("Allreduce", sendbuf, sendoffset, count, datatype);
            Section r = Section.of("Allreduce", recvbuf, recvoffset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                place("Allreduce", r, comm.allreduceObject((Object[]) s.copy(),
                    op.forObjects(count, datatype)), 0, r.elements);
            } else {
                Typed.allreduce(comm, datatype.base, s, r, s.elements, op.forType(datatype));
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Combines the ranks' buffers of {@code sum(recvcounts)} items with {@code op} and leaves block
     * i ({@code recvcounts[i]} items) on rank i (MPI_Reduce_scatter).
     */
    public void Reduce_scatter(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int[] recvcounts,
        Datatype datatype, Op op) {
        try {
            int total = total("Reduce_scatter", recvcounts);
            Section s = Section.of("Reduce_scatter", sendbuf, sendoffset, total, datatype);
            Section r = Section.of("Reduce_scatter", recvbuf, recvoffset, recvcounts[comm.rank()], datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                Object[] all = comm.allreduceObject((Object[]) s.copy(), op.forObjects(total, datatype));
                int from = 0;
                for (int i = 0; i < comm.rank(); i++) {
                    from += recvcounts[i];
                }
                place("Reduce_scatter", r, Arrays.copyOfRange(all, from, from + recvcounts[comm.rank()]), 0, r.elements);
            } else {
                Typed.reduceScatter(comm, datatype.base, s, r, Section.scale(recvcounts, datatype), op.forType(datatype));
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Leaves on rank i the combination of ranks 0..i's {@code count} items, in rank order (MPI_Scan). */
    public void Scan(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
        Op op) {
        try {
            Section s = Section.of("Scan", sendbuf, sendoffset, count, datatype);
            Section r = Section.of("Scan", recvbuf, recvoffset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                place("Scan", r, comm.scanObject((Object[]) s.copy(), op.forObjects(count, datatype)),
                    0, r.elements);
            } else {
                Typed.scan(comm, datatype.base, s, r, s.elements, op.forType(datatype));
            }
            r.store();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    // ================================================================ helpers

    private static Section none(Datatype type) {
        return Section.of("", null, 0, 0, type);
    }

    private int perRank(int count) {
        if (count < 0) {
            throw new MPIException(ErrorClass.ERR_COUNT, "invalid count: count=" + count);
        }
        return Math.multiplyExact(count, comm.size());
    }

    /** Items that per-rank counts and displacements cover, {@code max(displs[i] + counts[i])}. */
    private int extent(String what, int[] counts, int[] displs) {
        int size = comm.size();
        if (counts == null || displs == null || counts.length != size || displs.length != size) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": counts and displacements need one entry per rank: "
                + (counts == null ? "null" : counts.length) + " counts, " + (displs == null ? "null" : displs.length)
                + " displacements, size=" + size);
        }
        int extent = 0;
        for (int i = 0; i < size; i++) {
            if (counts[i] < 0 || displs[i] < 0) {
                throw new MPIException(ErrorClass.ERR_COUNT, what + ": invalid count or displacement for rank " + i
                    + ": count=" + counts[i] + ", displ=" + displs[i]);
            }
            extent = Math.max(extent, Math.addExact(displs[i], counts[i]));
        }
        return extent;
    }

    private int total(String what, int[] counts) {
        if (counts == null || counts.length != comm.size()) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": counts need one entry per rank: "
                + (counts == null ? "null" : counts.length) + ", size=" + comm.size());
        }
        int sum = 0;
        for (int c : counts) {
            if (c < 0) {
                throw new MPIException(ErrorClass.ERR_COUNT, what + ": invalid count " + c);
            }
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    private static void sameBase(String what, Datatype a, Datatype b) {
        if (a.base != b.base) {
            throw new MPIException(ErrorClass.ERR_TYPE, what + ": send datatype " + a + " and receive datatype " + b
                + " have different base types");
        }
    }

    /** Checks that {@code elements} sent per rank are exactly {@code items} of {@code type}. */
    private static void match(String what, Datatype sent, int elements, Datatype type, int items) {
        sameBase(what, sent, type);
        if ((long) items * type.size != elements) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": " + elements + " elements of " + sent
                + " per rank do not match " + items + " items of " + type);
        }
    }

    /** Copies received objects into a section from element {@code at}; ERR_TRUNCATE when they exceed {@code room}. */
    private static void place(String what, Section r, Object[] part, int at, int room) {
        if (part.length > room) {
            throw new MPIException(ErrorClass.ERR_TRUNCATE, what + ": " + part.length + " objects arrived for room of "
                + room);
        }
        System.arraycopy(part, 0, r.array, r.offset + at, part.length);
    }

    /** The per-rank slices of a packed object section: regular blocks of {@code per}, or given counts and displacements in elements. */
    private List<Object[]> slices(Section s, int per, int[] counts, int[] displs) {
        List<Object[]> out = new ArrayList<>(comm.size());
        for (int i = 0; i < comm.size(); i++) {
            int from = s.offset + (counts == null ? i * per : displs[i]);
            out.add(Arrays.copyOfRange((Object[]) s.array, from, from + (counts == null ? per : counts[i])));
        }
        return out;
    }
}
