package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import org.junit.jupiter.api.Test;

/** Type maps of derived datatypes and the packing of sections, without communication. */
class MpiDatatypeTest {
    private static Datatype committed(Datatype t) {
        t.Commit();
        return t;
    }

    @Test
    void shouldGiveVectorItsExtentAndSize() {
        Datatype v = Datatype.Vector(3, 2, 5, MPI.INT);
        assertEquals(12, v.Extent());
        assertEquals(6, v.Size());
        Datatype c = Datatype.Contiguous(4, MPI.DOUBLE);
        assertEquals(4, c.Extent());
        assertTrue(c.contiguous, "a contiguous type needs no packing");
    }

    @Test
    void shouldPackAndUnpackAVectorSectionRunByRun() {
        Datatype v = committed(Datatype.Vector(2, 1, 3, MPI.INT)); // elements 0 and 3 of each item, extent 4
        int[] buf = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Section s = Section.of("test", buf, 1, 2, v);
        assertArrayEquals(new int[] {1, 4, 5, 8}, (int[]) s.array, "items start at offset + k * extent");
        ((int[]) s.array)[3] = -8;
        s.store();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, -8, 9}, buf, "store writes back only the type map");
    }

    @Test
    void shouldUseTheUsersArrayForContiguousTypes() {
        int[] buf = new int[8];
        Section s = Section.of("test", buf, 2, 3, MPI.INT2);
        assertSame(buf, s.array);
        assertEquals(2, s.offset);
        assertEquals(6, s.elements);
    }

    @Test
    void shouldBuildIndexedAndStructTypeMaps() {
        Datatype idx = committed(Datatype.Indexed(new int[] {2, 1}, new int[] {1, 5}, MPI.LONG));
        assertEquals(3, idx.Size());
        assertEquals(1, idx.Lb());
        assertEquals(6, idx.Ub());
        long[] buf = {0, 1, 2, 3, 4, 5, 6};
        assertArrayEquals(new long[] {1, 2, 5}, (long[]) Section.of("t", buf, 0, 1, idx).array);
        Datatype st = committed(Datatype.Struct(new int[] {1, 2}, new int[] {0, 3}, new Datatype[] {MPI.INT, MPI.INT}));
        assertEquals(5, st.Extent());
        MPIException e = assertThrows(MPIException.class,
            () -> Datatype.Struct(new int[] {1, 1}, new int[] {0, 1}, new Datatype[] {MPI.INT, MPI.DOUBLE}));
        assertEquals(ErrorClass.ERR_TYPE, e.errorClass());
    }

    @Test
    void shouldRejectUncommittedTypesMismatchedArraysAndShortBuffers() {
        Datatype v = Datatype.Vector(2, 1, 2, MPI.INT);
        MPIException notCommitted = assertThrows(MPIException.class, () -> Section.of("Send", new int[8], 0, 1, v));
        assertTrue(notCommitted.getMessage().contains("Commit"), notCommitted.getMessage());
        MPIException wrongArray = assertThrows(MPIException.class,
            () -> Section.of("Send", new double[4], 0, 1, MPI.INT));
        assertEquals(ErrorClass.ERR_TYPE, wrongArray.errorClass());
        assertTrue(wrongArray.getMessage().contains("double[]"), wrongArray.getMessage());
        MPIException tooSmall = assertThrows(MPIException.class, () -> Section.of("Recv", new int[4], 2, 2, MPI.INT2));
        assertEquals(ErrorClass.ERR_BUFFER, tooSmall.errorClass());
        assertThrows(MPIException.class, () -> MPI.INT.free(), "predefined types cannot be freed");
    }
}
