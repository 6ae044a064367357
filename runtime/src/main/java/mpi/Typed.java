package mpi;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Request;
import io.spmd4j.Status;

/**
 * Calls the typed overload of {@link Comm} that matches a section's base type: one method per
 * operation, one case per primitive element type. The sections have been checked against their
 * datatypes already ({@link Section#of}), so the casts cannot fail; objects never come here.
 */
final class Typed {
    private Typed() {
    }

    private static MPIException objects(String what) {
        return new MPIException(io.spmd4j.ErrorClass.ERR_TYPE, what + " does not take MPI.OBJECT here");
    }

    /** MPI_Send on the section's element type. */
    static void send(Comm c, Datatype.Base base, Section s, int dest, int tag) {
        switch (base) {
            case BYTE:
                c.send((byte[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case CHAR:
                c.send((char[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case SHORT:
                c.send((short[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case BOOLEAN:
                c.send((boolean[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case INT:
                c.send((int[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case LONG:
                c.send((long[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case FLOAT:
                c.send((float[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case DOUBLE:
                c.send((double[]) s.array, s.offset, s.elements, dest, tag);
                return;
            default:
                throw objects("send");
        }
    }

    /** MPI_Ssend on the section's element type. */
    static void ssend(Comm c, Datatype.Base base, Section s, int dest, int tag) {
        switch (base) {
            case BYTE:
                c.ssend((byte[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case CHAR:
                c.ssend((char[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case SHORT:
                c.ssend((short[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case BOOLEAN:
                c.ssend((boolean[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case INT:
                c.ssend((int[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case LONG:
                c.ssend((long[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case FLOAT:
                c.ssend((float[]) s.array, s.offset, s.elements, dest, tag);
                return;
            case DOUBLE:
                c.ssend((double[]) s.array, s.offset, s.elements, dest, tag);
                return;
            default:
                throw objects("ssend");
        }
    }

    /** MPI_Recv on the section's element type. */
    static Status recv(Comm c, Datatype.Base base, Section s, int source, int tag) {
        switch (base) {
            case BYTE:
                return c.recv((byte[]) s.array, s.offset, s.elements, source, tag);
            case CHAR:
                return c.recv((char[]) s.array, s.offset, s.elements, source, tag);
            case SHORT:
                return c.recv((short[]) s.array, s.offset, s.elements, source, tag);
            case BOOLEAN:
                return c.recv((boolean[]) s.array, s.offset, s.elements, source, tag);
            case INT:
                return c.recv((int[]) s.array, s.offset, s.elements, source, tag);
            case LONG:
                return c.recv((long[]) s.array, s.offset, s.elements, source, tag);
            case FLOAT:
                return c.recv((float[]) s.array, s.offset, s.elements, source, tag);
            case DOUBLE:
                return c.recv((double[]) s.array, s.offset, s.elements, source, tag);
            default:
                throw objects("recv");
        }
    }

    /** MPI_Isend on the section's element type. */
    static Request isend(Comm c, Datatype.Base base, Section s, int dest, int tag) {
        switch (base) {
            case BYTE:
                return c.isend((byte[]) s.array, s.offset, s.elements, dest, tag);
            case CHAR:
                return c.isend((char[]) s.array, s.offset, s.elements, dest, tag);
            case SHORT:
                return c.isend((short[]) s.array, s.offset, s.elements, dest, tag);
            case BOOLEAN:
                return c.isend((boolean[]) s.array, s.offset, s.elements, dest, tag);
            case INT:
                return c.isend((int[]) s.array, s.offset, s.elements, dest, tag);
            case LONG:
                return c.isend((long[]) s.array, s.offset, s.elements, dest, tag);
            case FLOAT:
                return c.isend((float[]) s.array, s.offset, s.elements, dest, tag);
            case DOUBLE:
                return c.isend((double[]) s.array, s.offset, s.elements, dest, tag);
            default:
                throw objects("isend");
        }
    }

    /** MPI_Issend on the section's element type. */
    static Request issend(Comm c, Datatype.Base base, Section s, int dest, int tag) {
        switch (base) {
            case BYTE:
                return c.issend((byte[]) s.array, s.offset, s.elements, dest, tag);
            case CHAR:
                return c.issend((char[]) s.array, s.offset, s.elements, dest, tag);
            case SHORT:
                return c.issend((short[]) s.array, s.offset, s.elements, dest, tag);
            case BOOLEAN:
                return c.issend((boolean[]) s.array, s.offset, s.elements, dest, tag);
            case INT:
                return c.issend((int[]) s.array, s.offset, s.elements, dest, tag);
            case LONG:
                return c.issend((long[]) s.array, s.offset, s.elements, dest, tag);
            case FLOAT:
                return c.issend((float[]) s.array, s.offset, s.elements, dest, tag);
            case DOUBLE:
                return c.issend((double[]) s.array, s.offset, s.elements, dest, tag);
            default:
                throw objects("issend");
        }
    }

    /** MPI_Irecv on the section's element type. */
    static Request irecv(Comm c, Datatype.Base base, Section s, int source, int tag) {
        switch (base) {
            case BYTE:
                return c.irecv((byte[]) s.array, s.offset, s.elements, source, tag);
            case CHAR:
                return c.irecv((char[]) s.array, s.offset, s.elements, source, tag);
            case SHORT:
                return c.irecv((short[]) s.array, s.offset, s.elements, source, tag);
            case BOOLEAN:
                return c.irecv((boolean[]) s.array, s.offset, s.elements, source, tag);
            case INT:
                return c.irecv((int[]) s.array, s.offset, s.elements, source, tag);
            case LONG:
                return c.irecv((long[]) s.array, s.offset, s.elements, source, tag);
            case FLOAT:
                return c.irecv((float[]) s.array, s.offset, s.elements, source, tag);
            case DOUBLE:
                return c.irecv((double[]) s.array, s.offset, s.elements, source, tag);
            default:
                throw objects("irecv");
        }
    }

    /** MPI_Bcast on the section's element type. */
    static void bcast(Comm c, Datatype.Base base, Section s, int root) {
        switch (base) {
            case BYTE:
                c.bcast((byte[]) s.array, s.offset, s.elements, root);
                return;
            case CHAR:
                c.bcast((char[]) s.array, s.offset, s.elements, root);
                return;
            case SHORT:
                c.bcast((short[]) s.array, s.offset, s.elements, root);
                return;
            case BOOLEAN:
                c.bcast((boolean[]) s.array, s.offset, s.elements, root);
                return;
            case INT:
                c.bcast((int[]) s.array, s.offset, s.elements, root);
                return;
            case LONG:
                c.bcast((long[]) s.array, s.offset, s.elements, root);
                return;
            case FLOAT:
                c.bcast((float[]) s.array, s.offset, s.elements, root);
                return;
            case DOUBLE:
                c.bcast((double[]) s.array, s.offset, s.elements, root);
                return;
            default:
                throw objects("bcast");
        }
    }

    /** MPI_Reduce on the section's element type. */
    static void reduce(Comm c, Datatype.Base base, Section s, Section r, int n, Op op, int root) {
        switch (base) {
            case BYTE:
                c.reduce((byte[]) s.array, s.offset, (byte[]) r.array, r.offset, n, op, root);
                return;
            case CHAR:
                c.reduce((char[]) s.array, s.offset, (char[]) r.array, r.offset, n, op, root);
                return;
            case SHORT:
                c.reduce((short[]) s.array, s.offset, (short[]) r.array, r.offset, n, op, root);
                return;
            case BOOLEAN:
                c.reduce((boolean[]) s.array, s.offset, (boolean[]) r.array, r.offset, n, op, root);
                return;
            case INT:
                c.reduce((int[]) s.array, s.offset, (int[]) r.array, r.offset, n, op, root);
                return;
            case LONG:
                c.reduce((long[]) s.array, s.offset, (long[]) r.array, r.offset, n, op, root);
                return;
            case FLOAT:
                c.reduce((float[]) s.array, s.offset, (float[]) r.array, r.offset, n, op, root);
                return;
            case DOUBLE:
                c.reduce((double[]) s.array, s.offset, (double[]) r.array, r.offset, n, op, root);
                return;
            default:
                throw objects("reduce");
        }
    }

    /** MPI_Allreduce on the section's element type. */
    static void allreduce(Comm c, Datatype.Base base, Section s, Section r, int n, Op op) {
        switch (base) {
            case BYTE:
                c.allreduce((byte[]) s.array, s.offset, (byte[]) r.array, r.offset, n, op);
                return;
            case CHAR:
                c.allreduce((char[]) s.array, s.offset, (char[]) r.array, r.offset, n, op);
                return;
            case SHORT:
                c.allreduce((short[]) s.array, s.offset, (short[]) r.array, r.offset, n, op);
                return;
            case BOOLEAN:
                c.allreduce((boolean[]) s.array, s.offset, (boolean[]) r.array, r.offset, n, op);
                return;
            case INT:
                c.allreduce((int[]) s.array, s.offset, (int[]) r.array, r.offset, n, op);
                return;
            case LONG:
                c.allreduce((long[]) s.array, s.offset, (long[]) r.array, r.offset, n, op);
                return;
            case FLOAT:
                c.allreduce((float[]) s.array, s.offset, (float[]) r.array, r.offset, n, op);
                return;
            case DOUBLE:
                c.allreduce((double[]) s.array, s.offset, (double[]) r.array, r.offset, n, op);
                return;
            default:
                throw objects("allreduce");
        }
    }

    /** MPI_Gather on the section's element type. */
    static void gather(Comm c, Datatype.Base base, Section s, Section r, int root) {
        switch (base) {
            case BYTE:
                c.gather((byte[]) s.array, s.offset, s.elements, (byte[]) r.array, r.offset, root);
                return;
            case CHAR:
                c.gather((char[]) s.array, s.offset, s.elements, (char[]) r.array, r.offset, root);
                return;
            case SHORT:
                c.gather((short[]) s.array, s.offset, s.elements, (short[]) r.array, r.offset, root);
                return;
            case BOOLEAN:
                c.gather((boolean[]) s.array, s.offset, s.elements, (boolean[]) r.array, r.offset, root);
                return;
            case INT:
                c.gather((int[]) s.array, s.offset, s.elements, (int[]) r.array, r.offset, root);
                return;
            case LONG:
                c.gather((long[]) s.array, s.offset, s.elements, (long[]) r.array, r.offset, root);
                return;
            case FLOAT:
                c.gather((float[]) s.array, s.offset, s.elements, (float[]) r.array, r.offset, root);
                return;
            case DOUBLE:
                c.gather((double[]) s.array, s.offset, s.elements, (double[]) r.array, r.offset, root);
                return;
            default:
                throw objects("gather");
        }
    }

    /** MPI_Gatherv on the section's element type. */
    static void gatherv(Comm c, Datatype.Base base, Section s, Section r, int[] counts, int[] displs, int root) {
        switch (base) {
            case BYTE:
                c.gatherv((byte[]) s.array, s.offset, s.elements, (byte[]) r.array, r.offset, counts, displs, root);
                return;
            case CHAR:
                c.gatherv((char[]) s.array, s.offset, s.elements, (char[]) r.array, r.offset, counts, displs, root);
                return;
            case SHORT:
                c.gatherv((short[]) s.array, s.offset, s.elements, (short[]) r.array, r.offset, counts, displs, root);
                return;
            case BOOLEAN:
                c.gatherv((boolean[]) s.array, s.offset, s.elements, (boolean[]) r.array, r.offset, counts, displs, root);
                return;
            case INT:
                c.gatherv((int[]) s.array, s.offset, s.elements, (int[]) r.array, r.offset, counts, displs, root);
                return;
            case LONG:
                c.gatherv((long[]) s.array, s.offset, s.elements, (long[]) r.array, r.offset, counts, displs, root);
                return;
            case FLOAT:
                c.gatherv((float[]) s.array, s.offset, s.elements, (float[]) r.array, r.offset, counts, displs, root);
                return;
            case DOUBLE:
                c.gatherv((double[]) s.array, s.offset, s.elements, (double[]) r.array, r.offset, counts, displs, root);
                return;
            default:
                throw objects("gatherv");
        }
    }

    /** MPI_Scatter on the section's element type. */
    static void scatter(Comm c, Datatype.Base base, Section s, Section r, int root) {
        switch (base) {
            case BYTE:
                c.scatter((byte[]) s.array, s.offset, r.elements, (byte[]) r.array, r.offset, root);
                return;
            case CHAR:
                c.scatter((char[]) s.array, s.offset, r.elements, (char[]) r.array, r.offset, root);
                return;
            case SHORT:
                c.scatter((short[]) s.array, s.offset, r.elements, (short[]) r.array, r.offset, root);
                return;
            case BOOLEAN:
                c.scatter((boolean[]) s.array, s.offset, r.elements, (boolean[]) r.array, r.offset, root);
                return;
            case INT:
                c.scatter((int[]) s.array, s.offset, r.elements, (int[]) r.array, r.offset, root);
                return;
            case LONG:
                c.scatter((long[]) s.array, s.offset, r.elements, (long[]) r.array, r.offset, root);
                return;
            case FLOAT:
                c.scatter((float[]) s.array, s.offset, r.elements, (float[]) r.array, r.offset, root);
                return;
            case DOUBLE:
                c.scatter((double[]) s.array, s.offset, r.elements, (double[]) r.array, r.offset, root);
                return;
            default:
                throw objects("scatter");
        }
    }

    /** MPI_Scatterv on the section's element type. */
    static void scatterv(Comm c, Datatype.Base base, Section s, int[] counts, int[] displs, Section r, int root) {
        switch (base) {
            case BYTE:
                c.scatterv((byte[]) s.array, s.offset, counts, displs, (byte[]) r.array, r.offset, r.elements, root);
                return;
            case CHAR:
                c.scatterv((char[]) s.array, s.offset, counts, displs, (char[]) r.array, r.offset, r.elements, root);
                return;
            case SHORT:
                c.scatterv((short[]) s.array, s.offset, counts, displs, (short[]) r.array, r.offset, r.elements, root);
                return;
            case BOOLEAN:
                c.scatterv((boolean[]) s.array, s.offset, counts, displs, (boolean[]) r.array, r.offset, r.elements, root);
                return;
            case INT:
                c.scatterv((int[]) s.array, s.offset, counts, displs, (int[]) r.array, r.offset, r.elements, root);
                return;
            case LONG:
                c.scatterv((long[]) s.array, s.offset, counts, displs, (long[]) r.array, r.offset, r.elements, root);
                return;
            case FLOAT:
                c.scatterv((float[]) s.array, s.offset, counts, displs, (float[]) r.array, r.offset, r.elements, root);
                return;
            case DOUBLE:
                c.scatterv((double[]) s.array, s.offset, counts, displs, (double[]) r.array, r.offset, r.elements, root);
                return;
            default:
                throw objects("scatterv");
        }
    }

    /** MPI_Allgather on the section's element type. */
    static void allgather(Comm c, Datatype.Base base, Section s, Section r) {
        switch (base) {
            case BYTE:
                c.allgather((byte[]) s.array, s.offset, s.elements, (byte[]) r.array, r.offset);
                return;
            case CHAR:
                c.allgather((char[]) s.array, s.offset, s.elements, (char[]) r.array, r.offset);
                return;
            case SHORT:
                c.allgather((short[]) s.array, s.offset, s.elements, (short[]) r.array, r.offset);
                return;
            case BOOLEAN:
                c.allgather((boolean[]) s.array, s.offset, s.elements, (boolean[]) r.array, r.offset);
                return;
            case INT:
                c.allgather((int[]) s.array, s.offset, s.elements, (int[]) r.array, r.offset);
                return;
            case LONG:
                c.allgather((long[]) s.array, s.offset, s.elements, (long[]) r.array, r.offset);
                return;
            case FLOAT:
                c.allgather((float[]) s.array, s.offset, s.elements, (float[]) r.array, r.offset);
                return;
            case DOUBLE:
                c.allgather((double[]) s.array, s.offset, s.elements, (double[]) r.array, r.offset);
                return;
            default:
                throw objects("allgather");
        }
    }

    /** MPI_Allgatherv on the section's element type. */
    static void allgatherv(Comm c, Datatype.Base base, Section s, Section r, int[] counts, int[] displs) {
        switch (base) {
            case BYTE:
                c.allgatherv((byte[]) s.array, s.offset, s.elements, (byte[]) r.array, r.offset, counts, displs);
                return;
            case CHAR:
                c.allgatherv((char[]) s.array, s.offset, s.elements, (char[]) r.array, r.offset, counts, displs);
                return;
            case SHORT:
                c.allgatherv((short[]) s.array, s.offset, s.elements, (short[]) r.array, r.offset, counts, displs);
                return;
            case BOOLEAN:
                c.allgatherv((boolean[]) s.array, s.offset, s.elements, (boolean[]) r.array, r.offset, counts, displs);
                return;
            case INT:
                c.allgatherv((int[]) s.array, s.offset, s.elements, (int[]) r.array, r.offset, counts, displs);
                return;
            case LONG:
                c.allgatherv((long[]) s.array, s.offset, s.elements, (long[]) r.array, r.offset, counts, displs);
                return;
            case FLOAT:
                c.allgatherv((float[]) s.array, s.offset, s.elements, (float[]) r.array, r.offset, counts, displs);
                return;
            case DOUBLE:
                c.allgatherv((double[]) s.array, s.offset, s.elements, (double[]) r.array, r.offset, counts, displs);
                return;
            default:
                throw objects("allgatherv");
        }
    }

    /** MPI_Alltoall on the section's element type. */
    static void alltoall(Comm c, Datatype.Base base, Section s, Section r, int n) {
        switch (base) {
            case BYTE:
                c.alltoall((byte[]) s.array, s.offset, n, (byte[]) r.array, r.offset);
                return;
            case CHAR:
                c.alltoall((char[]) s.array, s.offset, n, (char[]) r.array, r.offset);
                return;
            case SHORT:
                c.alltoall((short[]) s.array, s.offset, n, (short[]) r.array, r.offset);
                return;
            case BOOLEAN:
                c.alltoall((boolean[]) s.array, s.offset, n, (boolean[]) r.array, r.offset);
                return;
            case INT:
                c.alltoall((int[]) s.array, s.offset, n, (int[]) r.array, r.offset);
                return;
            case LONG:
                c.alltoall((long[]) s.array, s.offset, n, (long[]) r.array, r.offset);
                return;
            case FLOAT:
                c.alltoall((float[]) s.array, s.offset, n, (float[]) r.array, r.offset);
                return;
            case DOUBLE:
                c.alltoall((double[]) s.array, s.offset, n, (double[]) r.array, r.offset);
                return;
            default:
                throw objects("alltoall");
        }
    }

    /** MPI_Alltoallv on the section's element type. */
    static void alltoallv(Comm c, Datatype.Base base, Section s, int[] sc, int[] sd, Section r, int[] rc, int[] rd) {
        switch (base) {
            case BYTE:
                c.alltoallv((byte[]) s.array, s.offset, sc, sd, (byte[]) r.array, r.offset, rc, rd);
                return;
            case CHAR:
                c.alltoallv((char[]) s.array, s.offset, sc, sd, (char[]) r.array, r.offset, rc, rd);
                return;
            case SHORT:
                c.alltoallv((short[]) s.array, s.offset, sc, sd, (short[]) r.array, r.offset, rc, rd);
                return;
            case BOOLEAN:
                c.alltoallv((boolean[]) s.array, s.offset, sc, sd, (boolean[]) r.array, r.offset, rc, rd);
                return;
            case INT:
                c.alltoallv((int[]) s.array, s.offset, sc, sd, (int[]) r.array, r.offset, rc, rd);
                return;
            case LONG:
                c.alltoallv((long[]) s.array, s.offset, sc, sd, (long[]) r.array, r.offset, rc, rd);
                return;
            case FLOAT:
                c.alltoallv((float[]) s.array, s.offset, sc, sd, (float[]) r.array, r.offset, rc, rd);
                return;
            case DOUBLE:
                c.alltoallv((double[]) s.array, s.offset, sc, sd, (double[]) r.array, r.offset, rc, rd);
                return;
            default:
                throw objects("alltoallv");
        }
    }

    /** MPI_Reduce_scatter on the section's element type. */
    static void reduceScatter(Comm c, Datatype.Base base, Section s, Section r, int[] counts, Op op) {
        switch (base) {
            case BYTE:
                c.reduceScatter((byte[]) s.array, s.offset, (byte[]) r.array, r.offset, counts, op);
                return;
            case CHAR:
                c.reduceScatter((char[]) s.array, s.offset, (char[]) r.array, r.offset, counts, op);
                return;
            case SHORT:
                c.reduceScatter((short[]) s.array, s.offset, (short[]) r.array, r.offset, counts, op);
                return;
            case BOOLEAN:
                c.reduceScatter((boolean[]) s.array, s.offset, (boolean[]) r.array, r.offset, counts, op);
                return;
            case INT:
                c.reduceScatter((int[]) s.array, s.offset, (int[]) r.array, r.offset, counts, op);
                return;
            case LONG:
                c.reduceScatter((long[]) s.array, s.offset, (long[]) r.array, r.offset, counts, op);
                return;
            case FLOAT:
                c.reduceScatter((float[]) s.array, s.offset, (float[]) r.array, r.offset, counts, op);
                return;
            case DOUBLE:
                c.reduceScatter((double[]) s.array, s.offset, (double[]) r.array, r.offset, counts, op);
                return;
            default:
                throw objects("reduceScatter");
        }
    }

    /** MPI_Scan on the section's element type. */
    static void scan(Comm c, Datatype.Base base, Section s, Section r, int n, Op op) {
        switch (base) {
            case BYTE:
                c.scan((byte[]) s.array, s.offset, (byte[]) r.array, r.offset, n, op);
                return;
            case CHAR:
                c.scan((char[]) s.array, s.offset, (char[]) r.array, r.offset, n, op);
                return;
            case SHORT:
                c.scan((short[]) s.array, s.offset, (short[]) r.array, r.offset, n, op);
                return;
            case BOOLEAN:
                c.scan((boolean[]) s.array, s.offset, (boolean[]) r.array, r.offset, n, op);
                return;
            case INT:
                c.scan((int[]) s.array, s.offset, (int[]) r.array, r.offset, n, op);
                return;
            case LONG:
                c.scan((long[]) s.array, s.offset, (long[]) r.array, r.offset, n, op);
                return;
            case FLOAT:
                c.scan((float[]) s.array, s.offset, (float[]) r.array, r.offset, n, op);
                return;
            case DOUBLE:
                c.scan((double[]) s.array, s.offset, (double[]) r.array, r.offset, n, op);
                return;
            default:
                throw objects("scan");
        }
    }
}
