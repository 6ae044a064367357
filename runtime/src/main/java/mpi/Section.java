package mpi;

import io.spmd4j.ErrorClass;
import java.lang.reflect.Array;

/**
 * {@code count} items of a datatype in a user array from an element offset, as the contiguous
 * elements spmd4j moves: for a contiguous type the user's array itself (no copy); for a type with
 * gaps a scratch array into which the items are packed run by run with {@code System.arraycopy},
 * and from which {@link #store()} unpacks them again after a receive. Item {@code k} of the user
 * buffer starts at element {@code offset + k * extent}; packed, it starts at {@code k * size}.
 *
 * <p>A receive section is packed too, so that items the operation does not write (a block of a
 * {@code Gatherv} nobody sends) keep their values when the whole section is unpacked.
 */
final class Section {
    /** The array spmd4j reads or writes. */
    final Object array;
    /** Element offset into {@link #array}. */
    final int offset;
    /** Base elements in the section. */
    final int elements;
    private final Object user;
    private final int userOffset;
    private final int items;
    private final Datatype type;

    private Section(Object array, int offset, int elements, Object user, int userOffset, int items, Datatype type) {
        this.array = array;
        this.offset = offset;
        this.elements = elements;
        this.user = user;
        this.userOffset = userOffset;
        this.items = items;
        this.type = type;
    }

    /**
     * The section of {@code count} items of {@code type} in {@code buf} from {@code offset}.
     *
     * @throws MPIException ERR_TYPE for a datatype that does not match the array or is not
     *     committed, ERR_COUNT for a negative count, ERR_BUFFER when the items do not fit the array
     */
    static Section of(String what, Object buf, int offset, int count, Datatype type) {
        if (type == null) {
            throw new MPIException(ErrorClass.ERR_TYPE, what + ": datatype is null");
        }
        type.checkUsable(buf, what);
        if (count < 0) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": invalid count: count=" + count);
        }
        if (buf == null) {
            if (count > 0) {
                throw new MPIException(ErrorClass.ERR_BUFFER, what + ": buffer is null but count=" + count);
            }
            return new Section(null, 0, 0, null, 0, 0, type);
        }
        long elements = (long) count * type.size;
        if (elements > Integer.MAX_VALUE) {
            throw new MPIException(ErrorClass.ERR_COUNT, what + ": " + count + " items of " + type + " exceed "
                + Integer.MAX_VALUE + " elements");
        }
        int length = Array.getLength(buf);
        if (count > 0) {
            long lo = (long) offset + type.lb;
            long hi = (long) offset + (long) (count - 1) * type.extent + type.lb + type.extent;
            if (offset < 0 || lo < 0 || hi > length) {
                throw new MPIException(ErrorClass.ERR_BUFFER, what + ": buffer too small: " + count + " items of "
                    + type + " from offset " + offset + " need elements " + lo + ".." + (hi - 1) + ", but the array has "
                    + length);
            }
        } else if (offset < 0 || offset > length) {
            throw new MPIException(ErrorClass.ERR_BUFFER, what + ": invalid offset " + offset + " for an array of "
                + length);
        }
        if (type.contiguous) {
            return new Section(buf, offset, (int) elements, null, 0, 0, type);
        }
        Object packed = Array.newInstance(buf.getClass().getComponentType(), (int) elements);
        int at = 0;
        for (int k = 0; k < count; k++) {
            int origin = offset + k * type.extent;
            for (int r = 0; r < type.runStarts.length; r++) {
                System.arraycopy(buf, origin + type.runStarts[r], packed, at, type.runLengths[r]);
                at += type.runLengths[r];
            }
        }
        return new Section(packed, 0, (int) elements, buf, offset, count, type);
    }

    /** Unpacks the scratch array into the user's buffer after a receive; nothing to do for a contiguous type. */
    void store() {
        if (user == null) {
            return;
        }
        int at = 0;
        for (int k = 0; k < items; k++) {
            int origin = userOffset + k * type.extent;
            for (int r = 0; r < type.runStarts.length; r++) {
                System.arraycopy(array, at, user, origin + type.runStarts[r], type.runLengths[r]);
                at += type.runLengths[r];
            }
        }
    }

    /** A packed copy of this section's elements, owned by the caller (for buffered sends). */
    Object copy() {
        Object out = Array.newInstance(array.getClass().getComponentType(), elements);
        System.arraycopy(array, offset, out, 0, elements);
        return out;
    }

    /** Scales per-rank item counts or displacements to base elements of the packed layout. */
    static int[] scale(int[] items, Datatype type) {
        if (items == null) {
            return null;
        }
        int[] out = new int[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.multiplyExact(items[i], type.size);
        }
        return out;
    }
}
