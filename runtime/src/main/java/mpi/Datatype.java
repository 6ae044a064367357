package mpi;

import io.spmd4j.ErrorClass;
import java.util.ArrayList;
import java.util.List;

/**
 * A datatype (MPI_Datatype): a base type, the Java array type the buffer must have, and a type map
 * saying which elements of that array one item covers.
 *
 * <p>Every position and length here is in elements of the base type (mpiJava has no byte
 * addressing: the buffer is an array). An item whose map starts at its origin and covers
 * {@link #Extent()} elements without gaps is <em>contiguous</em> and travels straight from the
 * array; any other item is packed into a scratch array, run by run, and unpacked on arrival.
 *
 * <p>The basic types ({@link MPI#INT} ...) and the pair types for MINLOC/MAXLOC ({@link MPI#INT2}:
 * value then index) are committed. A derived type built by {@link #Contiguous}, {@link #Vector},
 * {@link #Hvector}, {@link #Indexed}, {@link #Hindexed} or {@link #Struct} must be committed with
 * {@link #Commit()} before use, as the MPI standard says. Immutable apart from the committed and
 * freed flags; may be shared between threads.
 */
public class Datatype {
    /** The element kinds a buffer can hold, with the array class that holds them. */
    enum Base {
        BYTE(byte[].class, Byte.BYTES), CHAR(char[].class, Character.BYTES), SHORT(short[].class, Short.BYTES),
        BOOLEAN(boolean[].class, 1), INT(int[].class, Integer.BYTES), LONG(long[].class, Long.BYTES),
        FLOAT(float[].class, Float.BYTES), DOUBLE(double[].class, Double.BYTES), OBJECT(Object[].class, 0);

        final Class<?> arrayClass;
        /** Bytes per element on the wire; 0 for objects, whose size depends on the codec. */
        final int bytes;

        Base(Class<?> arrayClass, int bytes) {
            this.arrayClass = arrayClass;
            this.bytes = bytes;
        }

        boolean accepts(Object buf) {
            return this == OBJECT ? buf instanceof Object[] : buf.getClass() == arrayClass;
        }
    }

    final Base base;
    final String name;
    /** Start of each run of the type map, relative to the item's origin, in base elements. */
    final int[] runStarts;
    /** Length of each run, in base elements. */
    final int[] runLengths;
    /** Base elements one item carries. */
    final int size;
    final int lb;
    final int extent;
    /** True when one item is {@code extent} elements from its origin without gaps. */
    final boolean contiguous;
    private volatile boolean committed;
    private volatile boolean freed;

    private Datatype(Base base, String name, int[] runStarts, int[] runLengths, int lb, int extent, boolean committed) {
        this.base = base;
        this.name = name;
        this.runStarts = runStarts;
        this.runLengths = runLengths;
        int s = 0;
        for (int len : runLengths) {
            s += len;
        }
        this.size = s;
        this.lb = lb;
        this.extent = extent;
        this.contiguous = lb == 0 && s == extent && (runStarts.length == 0 || runStarts.length == 1 && runStarts[0] == 0);
        this.committed = committed;
    }

    /** A predefined type of {@code count} consecutive base elements per item (1 for basic types, 2 for pairs). */
    static Datatype basic(Base base, String name, int count) {
        return new Datatype(base, name, new int[] {0}, new int[] {count}, 0, count, true);
    }

    // ================================================================ queries

    /** The extent of one item, from its lowest to past its highest element, in base elements (MPI_Type_extent). */
    public int Extent() {
        return extent;
    }

    /** The number of base elements one item carries (MPI_Type_size, in elements). */
    public int Size() {
        return size;
    }

    /** The lower bound of one item relative to its origin, in base elements (MPI_Type_lb). */
    public int Lb() {
        return lb;
    }

    /** The upper bound of one item relative to its origin, in base elements (MPI_Type_ub). */
    public int Ub() {
        return lb + extent;
    }

    /** The MPJ Express code of the base type (0 BYTE ... 7 DOUBLE, 8 OBJECT), for programs that switch on it. */
    public int getType() {
        return base.ordinal();
    }

    /** Bytes one item occupies in a message (0 for objects). */
    public int getByteSize() {
        return size * base.bytes;
    }

    /** Makes a derived type usable in communication (MPI_Type_commit). Idempotent. */
    public void Commit() {
        checkNotFreed();
        committed = true;
    }

    /**
     * Frees a derived type (MPI_Type_free): using it afterwards raises ERR_TYPE. Predefined types
     * cannot be freed.
     */
    public void free() {
        if (name.startsWith("MPI.")) {
            throw new MPIException(ErrorClass.ERR_TYPE, "the predefined datatype " + name + " cannot be freed");
        }
        freed = true;
    }

    /** Same as {@link #free()} (mpiJava 1.2 spelling). */
    public void Free() {
        free();
    }

    @Override
    public String toString() {
        return name;
    }

    private void checkNotFreed() {
        if (freed) {
            throw new MPIException(ErrorClass.ERR_TYPE, "datatype " + name + " has been freed");
        }
    }

    /** Checks that the type may be used for {@code buf} and returns it. */
    Datatype checkUsable(Object buf, String what) {
        checkNotFreed();
        if (!committed) {
            throw new MPIException(ErrorClass.ERR_TYPE, what + ": datatype " + name
                + " is not committed; call Commit() on it first");
        }
        if (buf != null && !base.accepts(buf)) {
            throw new MPIException(ErrorClass.ERR_TYPE, what + ": the buffer is a " + buf.getClass().getSimpleName()
                + " but datatype " + name + " needs a " + base.arrayClass.getSimpleName());
        }
        return this;
    }

    // ================================================================ constructors of derived types

    /** {@code count} copies of {@code oldtype} one after another (MPI_Type_contiguous). */
    public static Datatype Contiguous(int count, Datatype oldtype) {
        checkCount("Contiguous", "count", count);
        return derive("Contiguous(" + count + ", " + oldtype + ")", oldtype, new int[] {0}, new int[] {count});
    }

    /**
     * {@code count} blocks of {@code blocklength} items of {@code oldtype}, the starts of
     * consecutive blocks {@code stride} items of {@code oldtype} apart (MPI_Type_vector).
     */
    public static Datatype Vector(int count, int blocklength, int stride, Datatype oldtype) {
        return Hvector(count, blocklength, stride * oldtype.extent, oldtype, "Vector");
    }

    /** As {@link #Vector}, with {@code stride} in base elements rather than items of {@code oldtype} (MPI_Type_hvector). */
    public static Datatype Hvector(int count, int blocklength, int stride, Datatype oldtype) {
        return Hvector(count, blocklength, stride, oldtype, "Hvector");
    }

    private static Datatype Hvector(int count, int blocklength, int stride, Datatype oldtype, String what) {
        checkCount(what, "count", count);
        checkCount(what, "blocklength", blocklength);
        int[] starts = new int[count];
        int[] lens = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = i * stride;
            lens[i] = blocklength;
        }
        return derive(what + "(" + count + ", " + blocklength + ", " + stride + ", " + oldtype + ")", oldtype, starts,
            lens);
    }

    /**
     * Blocks of {@code blocklengths[i]} items of {@code oldtype} starting at item
     * {@code displacements[i]} (MPI_Type_indexed).
     */
    public static Datatype Indexed(int[] blocklengths, int[] displacements, Datatype oldtype) {
        checkBlocks("Indexed", blocklengths, displacements);
        int[] starts = new int[displacements.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = displacements[i] * oldtype.extent;
        }
        return derive("Indexed", oldtype, starts, blocklengths.clone());
    }

    /** As {@link #Indexed}, with displacements in base elements (MPI_Type_hindexed). */
    public static Datatype Hindexed(int[] blocklengths, int[] displacements, Datatype oldtype) {
        checkBlocks("Hindexed", blocklengths, displacements);
        return derive("Hindexed", oldtype, displacements.clone(), blocklengths.clone());
    }

    /**
     * Blocks of {@code blocklengths[i]} items of {@code types[i]} at base-element displacement
     * {@code displacements[i]} (MPI_Type_struct). A Java array holds one element type, so every
     * type must have the same base type.
     *
     * @throws MPIException ERR_TYPE when the types have different base types
     */
    public static Datatype Struct(int[] blocklengths, int[] displacements, Datatype[] types) {
        checkBlocks("Struct", blocklengths, displacements);
        if (types == null || types.length != blocklengths.length || types.length == 0) {
            throw new MPIException(ErrorClass.ERR_ARG, "Struct: needs one type per block: " + blocklengths.length
                + " blocks, " + (types == null ? "null" : types.length + " types"));
        }
        List<int[]> runs = new ArrayList<>();
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int b = 0; b < types.length; b++) {
            if (types[b].base != types[0].base) {
                throw new MPIException(ErrorClass.ERR_TYPE, "Struct: block " + b + " has base type " + types[b].base
                    + " but block 0 has " + types[0].base + "; a Java array holds one element type");
            }
            if (blocklengths[b] > 0) {
                addRuns(runs, types[b], displacements[b], blocklengths[b]);
                lo = Math.min(lo, displacements[b] + types[b].lb);
                hi = Math.max(hi, displacements[b] + (blocklengths[b] - 1) * types[b].extent + types[b].lb
                    + types[b].extent);
            }
        }
        return build("Struct", types[0].base, runs, lo, hi);
    }

    private static Datatype derive(String name, Datatype old, int[] starts, int[] blockItems) {
        old.checkNotFreed();
        List<int[]> runs = new ArrayList<>();
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int b = 0; b < starts.length; b++) {
            if (blockItems[b] > 0) {
                addRuns(runs, old, starts[b], blockItems[b]);
                lo = Math.min(lo, starts[b] + old.lb);
                hi = Math.max(hi, starts[b] + (blockItems[b] - 1) * old.extent + old.lb + old.extent);
            }
        }
        return build(name, old.base, runs, lo, hi);
    }

    /** Appends the runs of {@code items} consecutive items of {@code old} from {@code start}, merging adjacent runs. */
    private static void addRuns(List<int[]> runs, Datatype old, int start, int items) {
        for (int i = 0; i < items; i++) {
            for (int r = 0; r < old.runStarts.length; r++) {
                int s = start + i * old.extent + old.runStarts[r];
                int len = old.runLengths[r];
                int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last[0] + last[1] == s) {
                    last[1] += len;
                } else if (len > 0) {
                    runs.add(new int[] {s, len});
                }
            }
        }
    }

    private static Datatype build(String name, Base base, List<int[]> runs, int lo, int hi) {
        if (runs.isEmpty()) {
            return new Datatype(base, name, new int[0], new int[0], 0, 0, false);
        }
        int[] starts = new int[runs.size()];
        int[] lens = new int[runs.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = runs.get(i)[0];
            lens[i] = runs.get(i)[1];
        }
        return new Datatype(base, name, starts, lens, lo, hi - lo, false);
    }

    private static void checkCount(String what, String arg, int n) {
        if (n < 0) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": invalid " + arg + ": " + n + " (must be >= 0)");
        }
    }

    private static void checkBlocks(String what, int[] blocklengths, int[] displacements) {
        if (blocklengths == null || displacements == null || blocklengths.length != displacements.length) {
            throw new MPIException(ErrorClass.ERR_ARG, what + ": blocklengths and displacements must have the same "
                + "length: " + (blocklengths == null ? "null" : blocklengths.length) + " and "
                + (displacements == null ? "null" : displacements.length));
        }
        for (int b : blocklengths) {
            checkCount(what, "blocklength", b);
        }
    }
}
