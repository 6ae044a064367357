package io.spmd4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufTest {

    private static ByteBuffer wire(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(Buf.WIRE_ORDER);
    }

    @Test
    void shouldRoundTripEveryPrimitiveTypeWithOffsets() {
        double[] d = {0, 1.5, -2.25, Double.NaN, 7};
        double[] d2 = new double[6];
        roundTrip(Buf.of(d, 1, 3), Buf.of(d2, 2, 3));
        assertArrayEquals(new double[] {0, 0, 1.5, -2.25, Double.NaN, 0}, d2);

        int[] i = {5, -6, Integer.MIN_VALUE};
        int[] i2 = new int[3];
        roundTrip(Buf.of(i, 0, 3), Buf.of(i2, 0, 3));
        assertArrayEquals(i, i2);

        long[] l = {Long.MAX_VALUE, -1};
        long[] l2 = new long[2];
        roundTrip(Buf.of(l, 0, 2), Buf.of(l2, 0, 2));
        assertArrayEquals(l, l2);

        float[] f = {1f, -0f, Float.MAX_VALUE};
        float[] f2 = new float[3];
        roundTrip(Buf.of(f, 0, 3), Buf.of(f2, 0, 3));
        assertArrayEquals(f, f2);

        short[] s = {1, -2, Short.MIN_VALUE};
        short[] s2 = new short[3];
        roundTrip(Buf.of(s, 0, 3), Buf.of(s2, 0, 3));
        assertArrayEquals(s, s2);

        char[] c = {'a', '\u20ac', '\uffff'};
        char[] c2 = new char[3];
        roundTrip(Buf.of(c, 0, 3), Buf.of(c2, 0, 3));
        assertArrayEquals(c, c2);

        boolean[] b = {true, false, true};
        boolean[] b2 = new boolean[3];
        roundTrip(Buf.of(b, 0, 3), Buf.of(b2, 0, 3));
        assertArrayEquals(b, b2);

        byte[] y = {1, 2, 3, 4};
        byte[] y2 = new byte[4];
        roundTrip(Buf.of(y, 1, 2), Buf.of(y2, 0, 2));
        assertArrayEquals(new byte[] {2, 3, 0, 0}, y2);
    }

    @Test
    void shouldUseAbsoluteRegionOfByteBuffersAndLeavePositionAlone() {
        ByteBuffer src = ByteBuffer.allocate(8);
        for (int k = 0; k < 8; k++) {
            src.put(k, (byte) k);
        }
        src.position(5);
        ByteBuffer dst = ByteBuffer.allocateDirect(8);
        roundTrip(Buf.of(src, 2, 3), Buf.of(dst, 4, 3));
        assertEquals(5, src.position());
        assertEquals(0, dst.position());
        assertEquals(2, dst.get(4));
        assertEquals(4, dst.get(6));
        assertTrue(Buf.of(dst, 0, 8).byteView(2, 4) != null);
        assertEquals(null, Buf.of(src, 0, 8).byteView(0, 8));
    }

    @Test
    void shouldEncodeInLittleEndian() {
        ByteBuffer w = wire(4);
        Buf.of(new int[] {0x01020304}, 0, 1).encode(0, 1, w);
        assertEquals(0x04, w.get(0));
        assertEquals(0x01, w.get(3));
    }

    @Test
    void shouldReportBadRegionsWithTheirValues() {
        MpiException e = assertThrows(MpiException.class, () -> Buf.of(new int[4], 2, 3));
        assertEquals(ErrorClass.ERR_BUFFER, e.errorClass());
        assertTrue(e.getMessage().contains("offset=2, count=3, length=4"), e.getMessage());
        MpiException n = assertThrows(MpiException.class, () -> Buf.of(new int[4], 0, -1));
        assertEquals(ErrorClass.ERR_COUNT, n.errorClass());
        assertThrows(MpiException.class, () -> Buf.of((double[]) null, 0, 0));
    }

    @Test
    void shouldCountBytesBeyondTwoGibibytes() {
        Buf big = Buf.of(new byte[0], 0, 0);
        assertEquals(0, big.byteLength());
        assertEquals(300_000_000L * 8, (long) 300_000_000 * ElementType.DOUBLE.sizeBytes());
    }

    private static void roundTrip(Buf from, Buf to) {
        ByteBuffer w = wire((int) from.byteLength());
        from.encode(0, from.count(), w);
        w.flip();
        to.decode(0, to.count(), w);
        assertEquals(0, w.remaining());
    }
}
