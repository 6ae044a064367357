package io.spmd4j.engine;

/**
 * The element types a message buffer can hold, with their size on the wire (little-endian, as
 * the Java primitive; boolean as one byte 0 or 1).
 */
public enum ElementType {
    /** {@code byte}, and raw ByteBuffer contents. */
    BYTE(1),
    /** {@code char}. */
    CHAR(2),
    /** {@code short}. */
    SHORT(2),
    /** {@code int}. */
    INT(4),
    /** {@code long}. */
    LONG(8),
    /** {@code float}. */
    FLOAT(4),
    /** {@code double}. */
    DOUBLE(8),
    /** {@code boolean}, one byte per element. */
    BOOLEAN(1),
    /** A serialized object (bytes made by the object codec). */
    OBJECT(1);

    private static final ElementType[] VALUES = values();

    private final int sizeBytes;

    ElementType(int sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    /** Size of one element in bytes. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** The type with the given ordinal, or null when out of range (for wire decoding). */
    public static ElementType ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }

    /** A new array of this type with {@code length} elements. */
    public Object newArray(int length) {
        switch (this) {
            case BYTE:
            case OBJECT:
                return new byte[length];
            case CHAR:
                return new char[length];
            case SHORT:
                return new short[length];
            case INT:
                return new int[length];
            case LONG:
                return new long[length];
            case FLOAT:
                return new float[length];
            case DOUBLE:
                return new double[length];
            case BOOLEAN:
                return new boolean[length];
            default:
                throw new AssertionError(this);
        }
    }
}
