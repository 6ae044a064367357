package mpi;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.ObjectRequest;
import io.spmd4j.Spmd;

/**
 * A communicator (MPI_Comm) with mpiJava's point-to-point operations, over a spmd4j
 * {@link io.spmd4j.Comm}. Buffers are arrays with an element offset and a count of datatype items
 * (see {@link Datatype} and the package description).
 *
 * <p><b>Modes.</b> {@code Send} is standard mode; {@code Ssend} completes only once the receive
 * has matched; {@code Bsend} copies the message into the buffer attached with
 * {@link MPI#Buffer_attach} and returns at once (ERR_BUFFER when it does not fit); {@code Rsend}
 * (ready mode, whose receive must already be posted) is sent as a standard send, which the
 * standard allows. {@link MPI#PROC_NULL} as source or destination completes at once.
 *
 * <p><b>Objects.</b> With {@link MPI#OBJECT} the buffer is an {@code Object[]}; the items are
 * serialized by spmd4j's codec and stored into the receiver's array from its offset. A probe of an
 * object message counts its bytes, not its objects.
 */
public class Comm {
    final io.spmd4j.Comm comm;

    Comm(io.spmd4j.Comm comm) {
        this.comm = comm;
    }

    /** Number of processes in the communicator (MPI_Comm_size). */
    public int Size() {
        return comm.size();
    }

    /** This process's rank in the communicator (MPI_Comm_rank). */
    public int Rank() {
        return comm.rank();
    }

    /** The communicator's group (MPI_Comm_group). */
    public Group Group() {
        return new Group(guard(comm::group));
    }

    /** {@link MPI#IDENT}, {@link MPI#CONGRUENT}, {@link MPI#SIMILAR} or {@link MPI#UNEQUAL} (MPI_Comm_compare). */
    public static int Compare(Comm comm1, Comm comm2) {
        return Group.code(guard(() -> comm1.comm.compare(comm2.comm)));
    }

    /** Frees the communicator (MPI_Comm_free); later use raises ERR_COMM. */
    public void Free() {
        guard(() -> {
            comm.free();
            return null;
        });
    }

    /** False: spmd4j has intracommunicators only (MPI_Comm_test_inter). */
    public boolean Test_inter() {
        return false;
    }

    /** {@link MPI#UNDEFINED} (no topology); {@link Cartcomm} answers {@link MPI#CART} (MPI_Topo_test). */
    public int Topo_test() {
        return MPI.UNDEFINED;
    }

    /** Ends the whole job with {@code errorcode} as its exit status (MPI_Abort); does not return. */
    public void Abort(int errorcode) {
        Spmd.abort(errorcode, "MPI.COMM_WORLD.Abort(" + errorcode + ") called on rank " + comm.rank());
    }

    /** A duplicate: same group, new context (MPI_Comm_dup); collective. */
    @Override
    public Object clone() {
        return new Comm(guard(comm::dup));
    }

    /** Runs a spmd4j call, turning its errors into {@link MPIException}. */
    static <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    // ================================================================ blocking sends

    /** Standard-mode send (MPI_Send). */
    public void Send(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        try {
            Section s = Section.of("Send", buf, offset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                comm.sendObject(s.copy(), dest, tag);
            } else {
                Typed.send(comm, datatype.base, s, dest, tag);
            }
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Synchronous-mode send: returns once the receive has matched (MPI_Ssend). */
    public void Ssend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        try {
            Section s = Section.of("Ssend", buf, offset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                comm.ssendObject(s.copy(), dest, tag);
            } else {
                Typed.ssend(comm, datatype.base, s, dest, tag);
            }
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Buffered-mode send: copies into the attached buffer and returns (MPI_Bsend). */
    public void Bsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        Ibsend(buf, offset, count, datatype, dest, tag);
    }

    /** Ready-mode send, sent in standard mode (MPI_Rsend). */
    public void Rsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        Send(buf, offset, count, datatype, dest, tag);
    }

    /**
     * Blocking receive (MPI_Recv). The calling thread drives the transfer itself, so the receive never
     * involves the rank's progress thread (which a nonblocking receive wakes).
     */
    public Status Recv(Object buf, int offset, int count, Datatype datatype, int source, int tag) {
        if (datatype != null && datatype.base == Datatype.Base.OBJECT) {
            return Irecv(buf, offset, count, datatype, source, tag).Wait();
        }
        try {
            Section s = Section.of("Recv", buf, offset, count, datatype);
            io.spmd4j.Status st = Typed.recv(comm, datatype.base, s, source, tag);
            s.store();
            return Status.of(st);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    // ================================================================ nonblocking

    /** Starts a standard-mode send (MPI_Isend). */
    public Request Isend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        try {
            Section s = Section.of("Isend", buf, offset, count, datatype);
            io.spmd4j.Request r = datatype.base == Datatype.Base.OBJECT ? comm.isendObject(s.copy(), dest, tag)
                : Typed.isend(comm, datatype.base, s, dest, tag);
            return new Request(r, Comm::sendStatus);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Starts a synchronous-mode send (MPI_Issend); not for {@link MPI#OBJECT}. */
    public Request Issend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        try {
            Section s = Section.of("Issend", buf, offset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                throw new MPIException(ErrorClass.ERR_TYPE, "Issend does not take MPI.OBJECT; use Ssend or Isend");
            }
            return new Request(Typed.issend(comm, datatype.base, s, dest, tag), Comm::sendStatus);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Starts a buffered-mode send (MPI_Ibsend): the message is copied into the attached buffer's
     * space and the request is complete at once; the copy travels on its own.
     */
    public Request Ibsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        try {
            Section s = Section.of("Bsend", buf, offset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                MPI.buffered(comm.isendObject(s.copy(), dest, tag), 0);
            } else {
                long bytes = (long) s.elements * datatype.base.bytes + MPI.BSEND_OVERHEAD;
                MPI.reserve(bytes, "Bsend of " + count + " items of " + datatype);
                Section copy = Section.of("Bsend", s.copy(), 0, s.elements, MPI.basic(datatype.base));
                MPI.buffered(Typed.isend(comm, datatype.base, copy, dest, tag), bytes);
            }
            return new Request(null, null);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** Starts a ready-mode send, sent in standard mode (MPI_Irsend). */
    public Request Irsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        return Isend(buf, offset, count, datatype, dest, tag);
    }

    /** Starts a receive (MPI_Irecv); the buffer is filled when the request completes. */
    public Request Irecv(Object buf, int offset, int count, Datatype datatype, int source, int tag) {
        try {
            Section s = Section.of("Recv", buf, offset, count, datatype);
            if (datatype.base == Datatype.Base.OBJECT) {
                if (source == MPI.PROC_NULL) {
                    comm.iprobe(source, tag); // validates the tag
                    return new Request(null, null);
                }
                ObjectRequest<Object> r = comm.irecvObject(source, tag);
                return new Request(r, done -> storeObjects(s, r));
            }
            io.spmd4j.Request r = Typed.irecv(comm, datatype.base, s, source, tag);
            return new Request(r, done -> {
                io.spmd4j.Status st = done.status();
                s.store();
                return Status.of(st);
            });
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    private static Status sendStatus(io.spmd4j.Request done) {
        return Status.of(done.status());
    }

    private static Status storeObjects(Section s, ObjectRequest<Object> r) {
        io.spmd4j.Status st = r.status();
        Object got = r.object();
        if (!(got instanceof Object[])) {
            throw new MPIException(ErrorClass.ERR_TYPE, "received a " + (got == null ? "null" : got.getClass().getName())
                + " where MPI.OBJECT items were expected; the sender did not send MPI.OBJECT");
        }
        Object[] items = (Object[]) got;
        if (items.length > s.elements) {
            throw new MPIException(ErrorClass.ERR_TRUNCATE, "message truncated: " + items.length
                + " objects arrived from rank " + st.source() + " but the receive has room for " + s.elements);
        }
        System.arraycopy(items, 0, s.array, s.offset, items.length);
        s.store();
        return new Status(st.source(), st.tag(), items.length, st.cancelled());
    }

    // ================================================================ persistent requests

    /** A persistent standard-mode send (MPI_Send_init); start it with {@link Prequest#Start()}. */
    public Prequest Send_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        Section.of("Send_init", buf, offset, count, datatype);
        return new Prequest(() -> Isend(buf, offset, count, datatype, dest, tag));
    }

    /** A persistent synchronous-mode send (MPI_Ssend_init). */
    public Prequest Ssend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        Section.of("Ssend_init", buf, offset, count, datatype);
        return new Prequest(() -> Issend(buf, offset, count, datatype, dest, tag));
    }

    /** A persistent buffered-mode send (MPI_Bsend_init). */
    public Prequest Bsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        Section.of("Bsend_init", buf, offset, count, datatype);
        return new Prequest(() -> Ibsend(buf, offset, count, datatype, dest, tag));
    }

    /** A persistent ready-mode send (MPI_Rsend_init). */
    public Prequest Rsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) {
        return Send_init(buf, offset, count, datatype, dest, tag);
    }

    /** A persistent receive (MPI_Recv_init). */
    public Prequest Recv_init(Object buf, int offset, int count, Datatype datatype, int source, int tag) {
        Section.of("Recv_init", buf, offset, count, datatype);
        return new Prequest(() -> Irecv(buf, offset, count, datatype, source, tag));
    }

    // ================================================================ combined and probes

    /** Sends one message and receives another without deadlock (MPI_Sendrecv). */
    public Status Sendrecv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, int dest, int sendtag,
        Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int source, int recvtag) {
        Request r = Irecv(recvbuf, recvoffset, recvcount, recvtype, source, recvtag);
        Request s = Isend(sendbuf, sendoffset, sendcount, sendtype, dest, sendtag);
        Status st = r.Wait();
        s.Wait();
        return st;
    }

    /** Sends the buffer and replaces it with the message received (MPI_Sendrecv_replace). */
    public Status Sendrecv_replace(Object buf, int offset, int count, Datatype datatype, int dest, int sendtag,
        int source, int recvtag) {
        Section s = Section.of("Sendrecv_replace", buf, offset, count, datatype);
        Object copy = s.copy();
        Request r = Irecv(buf, offset, count, datatype, source, recvtag);
        Request w = Isend(copy, 0, s.elements, MPI.basic(datatype.base), dest, sendtag);
        Status st = r.Wait();
        w.Wait();
        return st;
    }

    /** Waits for a matching message and returns its status without receiving it (MPI_Probe). */
    public Status Probe(int source, int tag) {
        return Status.of(guard(() -> comm.probe(source, tag)));
    }

    /** The status of a matching message that has arrived, or null (MPI_Iprobe). */
    public Status Iprobe(int source, int tag) {
        io.spmd4j.Status st = guard(() -> comm.iprobe(source, tag));
        return st == null ? null : Status.of(st);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[rank " + comm.rank() + " of " + comm.size() + "]";
    }
}
