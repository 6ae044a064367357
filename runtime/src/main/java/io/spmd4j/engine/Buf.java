package io.spmd4j.engine;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A typed slice of user memory that a message is sent from or received into: a primitive array
 * with element offset and count, or a ByteBuffer region. Copies to and from the wire format
 * (little-endian) happen in element-aligned chunks through {@link #encode} and {@link #decode}, so a
 * message of more than 2 GiB (an array of 300 million doubles) streams through bounded buffers.
 *
 * <p>Immutable; the memory it points at is the user's and must not be touched while an operation
 * on it is in progress (MPI's rule for nonblocking buffers).
 */
public final class Buf {
    /** The wire byte order. */
    public static final ByteOrder WIRE_ORDER = ByteOrder.LITTLE_ENDIAN;

    private final ElementType type;
    private final Object array;
    private final ByteBuffer buffer;
    private final int offset;
    private final int count;

    private Buf(ElementType type, Object array, ByteBuffer buffer, int offset, int count) {
        this.type = type;
        this.array = array;
        this.buffer = buffer;
        this.offset = offset;
        this.count = count;
    }

    private static void check(Object array, int length, int offset, int count) {
        if (array == null) {
            throw new MpiException(ErrorClass.ERR_BUFFER, "buffer is null");
        }
        if (count < 0) {
            throw new MpiException(ErrorClass.ERR_COUNT, "invalid count: count=" + count);
        }
        if (offset < 0 || (long) offset + count > length) {
            throw new MpiException(ErrorClass.ERR_BUFFER, "buffer region outside the array: offset=" + offset
                + ", count=" + count + ", length=" + length);
        }
    }

    /** A slice of a byte array. */
    public static Buf of(byte[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.BYTE, a, null, offset, count);
    }

    /** A slice of a char array. */
    public static Buf of(char[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.CHAR, a, null, offset, count);
    }

    /** A slice of a short array. */
    public static Buf of(short[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.SHORT, a, null, offset, count);
    }

    /** A slice of an int array. */
    public static Buf of(int[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.INT, a, null, offset, count);
    }

    /** A slice of a long array. */
    public static Buf of(long[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.LONG, a, null, offset, count);
    }

    /** A slice of a float array. */
    public static Buf of(float[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.FLOAT, a, null, offset, count);
    }

    /** A slice of a double array. */
    public static Buf of(double[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.DOUBLE, a, null, offset, count);
    }

    /** A slice of a boolean array. */
    public static Buf of(boolean[] a, int offset, int count) {
        check(a, a == null ? 0 : a.length, offset, count);
        return new Buf(ElementType.BOOLEAN, a, null, offset, count);
    }

    /** Bytes {@code [offset, offset+count)} of a ByteBuffer (absolute; its position is not used or moved). */
    public static Buf of(ByteBuffer b, int offset, int count) {
        check(b, b == null ? 0 : b.capacity(), offset, count);
        return new Buf(ElementType.BYTE, null, b, offset, count);
    }

    /** Serialized object bytes (whole array). */
    public static Buf ofObjectBytes(byte[] bytes) {
        return new Buf(ElementType.OBJECT, bytes, null, 0, bytes.length);
    }

    /** A zero-length buffer of the given type, for PROC_NULL and empty messages. */
    public static Buf empty(ElementType type) {
        return new Buf(type, type.newArray(0), null, 0, 0);
    }

    /**
     * Elements {@code [index, index+n)} of this slice, as a slice of the same memory (for collectives
     * that send parts of one buffer).
     */
    public Buf slice(int index, int n) {
        if (index < 0 || n < 0 || (long) index + n > count) {
            throw new MpiException(ErrorClass.ERR_BUFFER, "slice outside the buffer: index=" + index + ", n=" + n
                + ", count=" + count);
        }
        return new Buf(type, array, buffer, offset + index, n);
    }

    /** The element type. */
    public ElementType type() {
        return type;
    }

    /** Number of elements. */
    public int count() {
        return count;
    }

    /** The backing array (null for a ByteBuffer slice). */
    public Object array() {
        return array;
    }

    /** Element offset into the backing array (byte offset for a ByteBuffer slice). */
    public int offset() {
        return offset;
    }

    /** Length in bytes on the wire; may exceed 2 GiB. */
    public long byteLength() {
        return (long) count * type.sizeBytes();
    }

    /**
     * A ByteBuffer view of bytes {@code [bytePos, bytePos+len)} of this slice for channel I/O without a
     * copy, or null when the slice is an array and must go through {@link #encode}/{@link #decode}.
     */
    public ByteBuffer byteView(long bytePos, int len) {
        if (buffer == null || !buffer.isDirect()) {
            return null;
        }
        int start = offset + (int) bytePos;
        return buffer.duplicate().limit(start + len).position(start);
    }

    /** Up to this many elements, typed arrays are copied element by element rather than through a view buffer. */
    private static final int SMALL_ELEMENTS = 16;

    /** Copies elements {@code [index, index+n)} into {@code dst} in wire format, advancing its position. */
    public void encode(int index, int n, ByteBuffer dst) {
        int i = offset + index;
        int p = dst.position();
        switch (type) {
            case BYTE:
            case OBJECT:
                if (buffer != null) {
                    dst.put(p, buffer, i, n);
                } else {
                    dst.put(p, (byte[]) array, i, n);
                }
                break;
            case CHAR:
                dst.asCharBuffer().put((char[]) array, i, n);
                break;
            case SHORT:
                dst.asShortBuffer().put((short[]) array, i, n);
                break;
            case INT:
                if (n <= SMALL_ELEMENTS) {
                    int[] a = (int[]) array;
                    for (int k = 0; k < n; k++) {
                        dst.putInt(p + k * Integer.BYTES, a[i + k]);
                    }
                } else {
                    dst.asIntBuffer().put((int[]) array, i, n);
                }
                break;
            case LONG:
                if (n <= SMALL_ELEMENTS) {
                    long[] a = (long[]) array;
                    for (int k = 0; k < n; k++) {
                        dst.putLong(p + k * Long.BYTES, a[i + k]);
                    }
                } else {
                    dst.asLongBuffer().put((long[]) array, i, n);
                }
                break;
            case FLOAT:
                if (n <= SMALL_ELEMENTS) {
                    float[] a = (float[]) array;
                    for (int k = 0; k < n; k++) {
                        dst.putFloat(p + k * Float.BYTES, a[i + k]);
                    }
                } else {
                    dst.asFloatBuffer().put((float[]) array, i, n);
                }
                break;
            case DOUBLE:
                if (n <= SMALL_ELEMENTS) {
                    double[] a = (double[]) array;
                    for (int k = 0; k < n; k++) {
                        dst.putDouble(p + k * Double.BYTES, a[i + k]);
                    }
                } else {
                    dst.asDoubleBuffer().put((double[]) array, i, n);
                }
                break;
            case BOOLEAN: {
                boolean[] a = (boolean[]) array;
                for (int k = 0; k < n; k++) {
                    dst.put(p + k, a[i + k] ? (byte) 1 : (byte) 0);
                }
                break;
            }
            default:
                throw new AssertionError(type);
        }
        dst.position(p + n * type.sizeBytes());
    }

    /** Copies {@code n} elements from {@code src} (wire format) into elements {@code [index, index+n)}. */
    public void decode(int index, int n, ByteBuffer src) {
        int i = offset + index;
        int p = src.position();
        switch (type) {
            case BYTE:
            case OBJECT:
                if (buffer != null) {
                    buffer.put(i, src, p, n);
                } else {
                    src.get(p, (byte[]) array, i, n);
                }
                break;
            case CHAR:
                src.asCharBuffer().get((char[]) array, i, n);
                break;
            case SHORT:
                src.asShortBuffer().get((short[]) array, i, n);
                break;
            case INT:
                if (n <= SMALL_ELEMENTS) {
                    int[] a = (int[]) array;
                    for (int k = 0; k < n; k++) {
                        a[i + k] = src.getInt(p + k * Integer.BYTES);
                    }
                } else {
                    src.asIntBuffer().get((int[]) array, i, n);
                }
                break;
            case LONG:
                if (n <= SMALL_ELEMENTS) {
                    long[] a = (long[]) array;
                    for (int k = 0; k < n; k++) {
                        a[i + k] = src.getLong(p + k * Long.BYTES);
                    }
                } else {
                    src.asLongBuffer().get((long[]) array, i, n);
                }
                break;
            case FLOAT:
                if (n <= SMALL_ELEMENTS) {
                    float[] a = (float[]) array;
                    for (int k = 0; k < n; k++) {
                        a[i + k] = src.getFloat(p + k * Float.BYTES);
                    }
                } else {
                    src.asFloatBuffer().get((float[]) array, i, n);
                }
                break;
            case DOUBLE:
                if (n <= SMALL_ELEMENTS) {
                    double[] a = (double[]) array;
                    for (int k = 0; k < n; k++) {
                        a[i + k] = src.getDouble(p + k * Double.BYTES);
                    }
                } else {
                    src.asDoubleBuffer().get((double[]) array, i, n);
                }
                break;
            case BOOLEAN: {
                boolean[] a = (boolean[]) array;
                for (int k = 0; k < n; k++) {
                    a[i + k] = src.get(p + k) != 0;
                }
                break;
            }
            default:
                throw new AssertionError(type);
        }
        src.position(p + n * type.sizeBytes());
    }

    /** Copies this slice's contents into {@code dst} (same element count is not required; copies min). */
    public void copyTo(Buf dst) {
        long bytes = Math.min(byteLength(), dst.byteLength());
        int chunkBytes = 1 << 20;
        ByteBuffer staging = ByteBuffer.allocate((int) Math.min(bytes, chunkBytes)).order(WIRE_ORDER);
        long done = 0;
        while (done < bytes) {
            int n = (int) Math.min(bytes - done, chunkBytes);
            staging.clear();
            encode((int) (done / type.sizeBytes()), n / type.sizeBytes(), staging);
            staging.flip();
            dst.decode((int) (done / dst.type.sizeBytes()), n / dst.type.sizeBytes(), staging);
            done += n;
        }
    }

    @Override
    public String toString() {
        return count + " " + type.name().toLowerCase() + (count == 1 ? "" : "s");
    }
}
