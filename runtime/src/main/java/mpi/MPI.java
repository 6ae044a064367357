package mpi;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Spmd;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The process's MPI state and constants, as MPJ Express 0.44 has them: {@link #Init} and
 * {@link #Finalize}, {@link #COMM_WORLD} and {@link #COMM_SELF}, the datatypes, the predefined
 * operations, the wildcards and the timers.
 *
 * <p>Under {@code spmdrun --threads} every rank has a class loader of its own, so these statics
 * are per rank there as in a process per rank. Call {@code Init} and {@code Finalize} once, from
 * one thread.
 */
public class MPI {
    /** Wildcard source (MPI_ANY_SOURCE). */
    public static final int ANY_SOURCE = Spmd.ANY_SOURCE;
    /** Wildcard tag (MPI_ANY_TAG). */
    public static final int ANY_TAG = Spmd.ANY_TAG;
    /** The null process: communication with it completes at once and moves nothing (MPI_PROC_NULL). */
    public static final int PROC_NULL = Spmd.PROC_NULL;
    /** "No value" (MPI_UNDEFINED): a split color giving no communicator, a rank outside a group. */
    public static final int UNDEFINED = Spmd.UNDEFINED;
    /** Largest tag (MPI_TAG_UB). */
    public static final int TAG_UB = Spmd.TAG_UB;
    /** Bytes of attached-buffer space a buffered send needs beyond its data. */
    public static final int BSEND_OVERHEAD = 64;
    /** Results of Comm.Compare and Group.Compare, with MPJ Express' values. */
    public static final int IDENT = 0;
    /** Same members in the same order, another context. */
    public static final int CONGRUENT = 3;
    /** Same members in another order. */
    public static final int SIMILAR = 1;
    /** Different members. */
    public static final int UNEQUAL = 2;
    /** Topology kinds (Comm.Topo_test). */
    public static final int CART = 1;
    /** A graph topology (not created by spmd4j). */
    public static final int GRAPH = 2;
    /** Processors available to this JVM. */
    public static final int NUM_OF_PROCESSORS = Runtime.getRuntime().availableProcessors();

    /** Bytes. */
    public static final Datatype BYTE = Datatype.basic(Datatype.Base.BYTE, "MPI.BYTE", 1);
    /** Chars. */
    public static final Datatype CHAR = Datatype.basic(Datatype.Base.CHAR, "MPI.CHAR", 1);
    /** Shorts. */
    public static final Datatype SHORT = Datatype.basic(Datatype.Base.SHORT, "MPI.SHORT", 1);
    /** Booleans. */
    public static final Datatype BOOLEAN = Datatype.basic(Datatype.Base.BOOLEAN, "MPI.BOOLEAN", 1);
    /** Ints. */
    public static final Datatype INT = Datatype.basic(Datatype.Base.INT, "MPI.INT", 1);
    /** Longs. */
    public static final Datatype LONG = Datatype.basic(Datatype.Base.LONG, "MPI.LONG", 1);
    /** Floats. */
    public static final Datatype FLOAT = Datatype.basic(Datatype.Base.FLOAT, "MPI.FLOAT", 1);
    /** Doubles. */
    public static final Datatype DOUBLE = Datatype.basic(Datatype.Base.DOUBLE, "MPI.DOUBLE", 1);
    /** Serializable objects in an {@code Object[]}. */
    public static final Datatype OBJECT = Datatype.basic(Datatype.Base.OBJECT, "MPI.OBJECT", 1);
    /** Value/index pairs of shorts for MINLOC/MAXLOC: element 2i the value, 2i+1 the index. */
    public static final Datatype SHORT2 = Datatype.basic(Datatype.Base.SHORT, "MPI.SHORT2", 2);
    /** Value/index pairs of ints for MINLOC/MAXLOC. */
    public static final Datatype INT2 = Datatype.basic(Datatype.Base.INT, "MPI.INT2", 2);
    /** Value/index pairs of longs for MINLOC/MAXLOC. */
    public static final Datatype LONG2 = Datatype.basic(Datatype.Base.LONG, "MPI.LONG2", 2);
    /** Value/index pairs of floats for MINLOC/MAXLOC (the index is a float). */
    public static final Datatype FLOAT2 = Datatype.basic(Datatype.Base.FLOAT, "MPI.FLOAT2", 2);
    /** Value/index pairs of doubles for MINLOC/MAXLOC (the index is a double). */
    public static final Datatype DOUBLE2 = Datatype.basic(Datatype.Base.DOUBLE, "MPI.DOUBLE2", 2);

    private static final Datatype[] BASIC = {BYTE, CHAR, SHORT, BOOLEAN, INT, LONG, FLOAT, DOUBLE, OBJECT};

    /** Maximum (MPI_MAX). */
    public static final Op MAX = new Op(io.spmd4j.Op.MAX);
    /** Minimum (MPI_MIN). */
    public static final Op MIN = new Op(io.spmd4j.Op.MIN);
    /** Sum (MPI_SUM). */
    public static final Op SUM = new Op(io.spmd4j.Op.SUM);
    /** Product (MPI_PROD). */
    public static final Op PROD = new Op(io.spmd4j.Op.PROD);
    /** Logical and (MPI_LAND). */
    public static final Op LAND = new Op(io.spmd4j.Op.LAND);
    /** Bitwise and (MPI_BAND). */
    public static final Op BAND = new Op(io.spmd4j.Op.BAND);
    /** Logical or (MPI_LOR). */
    public static final Op LOR = new Op(io.spmd4j.Op.LOR);
    /** Bitwise or (MPI_BOR). */
    public static final Op BOR = new Op(io.spmd4j.Op.BOR);
    /** Logical exclusive or (MPI_LXOR). */
    public static final Op LXOR = new Op(io.spmd4j.Op.LXOR);
    /** Bitwise exclusive or (MPI_BXOR). */
    public static final Op BXOR = new Op(io.spmd4j.Op.BXOR);
    /** Largest value of pairs, smallest index among ties (MPI_MAXLOC); use a pair datatype. */
    public static final Op MAXLOC = new Op(io.spmd4j.Op.MAXLOC);
    /** Smallest value of pairs, smallest index among ties (MPI_MINLOC); use a pair datatype. */
    public static final Op MINLOC = new Op(io.spmd4j.Op.MINLOC);

    /** Every process of the job; set by {@link #Init}. */
    public static Intracomm COMM_WORLD;
    /** This process alone; set by {@link #Init}. */
    public static Intracomm COMM_SELF;
    /** The group with no members; set by {@link #Init}. */
    public static Group GROUP_EMPTY;
    /** An empty status. */
    public static final Status EMPTY_STATUS = new Status();
    /** A null request: completing it returns an empty status at once. */
    public static final Request REQUEST_NULL = new Request(true);

    private static Spmd spmd;
    /** The attached buffer's capacity in bytes; -1 when none is attached. */
    private static long attachedBytes = -1;
    private static long usedBytes;
    private static final List<Buffered> BUFFERED = new ArrayList<>();

    /** A buffered send in flight and the attached-buffer bytes it holds. */
    private record Buffered(io.spmd4j.Request request, long bytes) {
    }

    /** Not instantiable in practice; public only because MPJ Express' class is. */
    public MPI() {
    }

    /**
     * Initialises the process (MPI_Init) and returns the application's arguments (under
     * {@code spmdrun} and {@code mpjrun} the program's own arguments, a copy of {@code args}).
     *
     * @throws MPIException when already initialised or when the job cannot be wired up
     */
    public static String[] Init(String[] args) {
        try {
            spmd = Spmd.init(args);
            COMM_WORLD = new Intracomm(Spmd.world());
            COMM_SELF = new Intracomm(Spmd.self());
            GROUP_EMPTY = new Group(Spmd.self().group().incl());
            return args == null ? new String[0] : args.clone();
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /**
     * Finalizes (MPI_Finalize): completes pending buffered sends, waits for every rank and closes
     * the connections. Every other request must be complete.
     */
    public static void Finalize() {
        if (spmd == null) {
            throw new MPIException(ErrorClass.ERR_NOT_INITIALIZED, "Finalize: MPI.Init has not been called");
        }
        try {
            drainBuffered();
            spmd.close();
        } catch (MpiException e) {
            throw MPIException.of(e);
        } finally {
            spmd = null;
        }
    }

    /** True between Init and Finalize (MPI_Initialized). */
    public static boolean Initialized() {
        return Spmd.initialized();
    }

    /** Elapsed time in seconds from an arbitrary origin, with nanosecond resolution (MPI_Wtime). */
    public static double Wtime() {
        return Spmd.wtime();
    }

    /** Resolution of {@link #Wtime()}: 1e-9 seconds (MPI_Wtick). */
    public static double Wtick() {
        return Spmd.wtick();
    }

    /** Name of the host (MPI_Get_processor_name). */
    public static String Get_processor_name() {
        return Comm.guard(Spmd::processorName);
    }

    /**
     * Provides {@code buffer.capacity()} bytes of space for buffered sends (MPI_Buffer_attach). The
     * messages are copied into memory spmd4j owns, accounted against this capacity (data plus
     * {@link #BSEND_OVERHEAD} per message), so the buffer's contents are not used.
     *
     * @throws MPIException ERR_BUFFER when a buffer is already attached
     */
    public static synchronized void Buffer_attach(ByteBuffer buffer) {
        if (attachedBytes >= 0) {
            throw new MPIException(ErrorClass.ERR_BUFFER, "Buffer_attach: a buffer of " + attachedBytes
                + " bytes is already attached; call Buffer_detach first");
        }
        if (buffer == null) {
            throw new MPIException(ErrorClass.ERR_BUFFER, "Buffer_attach: buffer is null");
        }
        attachedBytes = buffer.capacity();
    }

    /** Waits until every buffered send has been delivered to the transport, then detaches the buffer (MPI_Buffer_detach). */
    public static void Buffer_detach() {
        drainBuffered();
        synchronized (MPI.class) {
            attachedBytes = -1;
        }
    }

    /** The predefined datatype of a base type. */
    static Datatype basic(Datatype.Base base) {
        return BASIC[base.ordinal()];
    }

    /**
     * Reserves attached-buffer space for a buffered send, after releasing the space of buffered
     * sends that have completed.
     *
     * @throws MPIException ERR_BUFFER when no buffer is attached or the message does not fit
     */
    static synchronized void reserve(long bytes, String what) {
        if (attachedBytes < 0) {
            throw new MPIException(ErrorClass.ERR_BUFFER, what + ": no buffer is attached; call MPI.Buffer_attach "
                + "with at least " + bytes + " bytes first");
        }
        for (Iterator<Buffered> it = BUFFERED.iterator(); it.hasNext();) {
            Buffered b = it.next();
            if (b.request().test()) {
                usedBytes -= b.bytes();
                it.remove();
            }
        }
        if (usedBytes + bytes > attachedBytes) {
            throw new MPIException(ErrorClass.ERR_BUFFER, what + " needs " + bytes + " bytes of the attached buffer, but "
                + usedBytes + " of its " + attachedBytes + " bytes are in use; attach a larger buffer");
        }
        usedBytes += bytes;
    }

    /** Records a buffered send in flight holding {@code bytes} of the attached buffer. */
    static synchronized void buffered(io.spmd4j.Request request, long bytes) {
        BUFFERED.add(new Buffered(request, bytes));
    }

    private static void drainBuffered() {
        List<Buffered> pending;
        synchronized (MPI.class) {
            pending = new ArrayList<>(BUFFERED);
            BUFFERED.clear();
            usedBytes = 0;
        }
        for (Buffered b : pending) {
            b.request().await();
        }
    }
}
