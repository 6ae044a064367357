package io.spmd4j.farm;

import io.spmd4j.Spmd;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How one input or result is written into a farm message: the common JDK value types of parameter
 * sweeps in a compact form of their own, anything else through the process's object codec.
 *
 * <pre>
 * payload := kind (1) | body
 *   NULL    | (nothing)
 *   BOOLEAN | 0 or 1 (1)          INTEGER | int (4)       LONG | long (8)       DOUBLE | double (8)
 *   STRING  | UTF-16 chars (2 each, so every String, lone surrogates included, comes back equal)
 *   BYTES, INTS, LONGS, DOUBLES | the array's elements, big-endian
 *   CODEC   | the codec's bytes ({@link Spmd#codec()})
 * </pre>
 *
 * The compact form decodes to an equal value of the same class, as serialization would, at a fraction
 * of the size (5 bytes for an {@code Integer} instead of 81), and without Java serialization's
 * start-up cost in every rank's JVM (about 0.1 s of processor time at its first use); it needs no
 * class filter, since it can only make these types. Thread-safe.
 */
final class Payloads {
    static final byte NULL = 0;
    static final byte BOOLEAN = 1;
    static final byte INTEGER = 2;
    static final byte LONG = 3;
    static final byte DOUBLE = 4;
    static final byte STRING = 5;
    static final byte BYTES = 6;
    static final byte INTS = 7;
    static final byte LONGS = 8;
    static final byte DOUBLES = 9;
    static final byte CODEC = 10;

    private Payloads() {
    }

    static byte[] encode(Object v) {
        if (v == null) {
            return new byte[] {NULL};
        }
        Class<?> c = v.getClass();
        if (c == Integer.class) {
            return ByteBuffer.allocate(5).put(INTEGER).putInt((Integer) v).array();
        } else if (c == Long.class) {
            return ByteBuffer.allocate(9).put(LONG).putLong((Long) v).array();
        } else if (c == Double.class) {
            return ByteBuffer.allocate(9).put(DOUBLE).putDouble((Double) v).array();
        } else if (c == Boolean.class) {
            return new byte[] {BOOLEAN, (byte) ((Boolean) v ? 1 : 0)};
        } else if (c == String.class) {
            String s = (String) v;
            ByteBuffer b = ByteBuffer.allocate(1 + 2 * s.length()).put(STRING);
            b.asCharBuffer().put(s);
            return b.array();
        } else if (c == byte[].class) {
            byte[] a = (byte[]) v;
            return ByteBuffer.allocate(1 + a.length).put(BYTES).put(a).array();
        } else if (c == int[].class) {
            int[] a = (int[]) v;
            ByteBuffer b = ByteBuffer.allocate(1 + 4 * a.length).put(INTS);
            b.asIntBuffer().put(a);
            return b.array();
        } else if (c == long[].class) {
            long[] a = (long[]) v;
            ByteBuffer b = ByteBuffer.allocate(1 + 8 * a.length).put(LONGS);
            b.asLongBuffer().put(a);
            return b.array();
        } else if (c == double[].class) {
            double[] a = (double[]) v;
            ByteBuffer b = ByteBuffer.allocate(1 + 8 * a.length).put(DOUBLES);
            b.asDoubleBuffer().put(a);
            return b.array();
        }
        byte[] codec = Spmd.codec().encode(v);
        byte[] out = new byte[1 + codec.length];
        out[0] = CODEC;
        System.arraycopy(codec, 0, out, 1, codec.length);
        return out;
    }

    /**
     * The value {@link #encode} wrote.
     *
     * @throws io.spmd4j.MpiException ERR_CODEC when the codec refuses the bytes, ERR_OTHER when they are
     *     malformed
     */
    static Object decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw Wire.malformed("an empty payload");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice();
        int n = b.remaining();
        int element = bytes[0] == STRING ? 2 : bytes[0] == INTS ? 4 : bytes[0] == LONGS || bytes[0] == DOUBLES ? 8 : 1;
        if (n % element != 0) {
            throw Wire.malformed("a payload of kind " + bytes[0] + " with " + n + " bytes");
        }
        try {
            switch (bytes[0]) {
                case NULL:
                    return null;
                case BOOLEAN:
                    return b.get() != 0;
                case INTEGER:
                    return b.getInt();
                case LONG:
                    return b.getLong();
                case DOUBLE:
                    return b.getDouble();
                case STRING:
                    return b.asCharBuffer().toString();
                case BYTES:
                    return Arrays.copyOfRange(bytes, 1, bytes.length);
                case INTS: {
                    int[] a = new int[n / 4];
                    b.asIntBuffer().get(a);
                    return a;
                }
                case LONGS: {
                    long[] a = new long[n / 8];
                    b.asLongBuffer().get(a);
                    return a;
                }
                case DOUBLES: {
                    double[] a = new double[n / 8];
                    b.asDoubleBuffer().get(a);
                    return a;
                }
                case CODEC:
                    return Spmd.codec().decode(Arrays.copyOfRange(bytes, 1, bytes.length));
                default:
                    throw Wire.malformed("an unknown payload kind " + bytes[0]);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw Wire.malformed("a truncated payload of kind " + bytes[0]);
        }
    }
}
