package io.spmd4j.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of payload decodes to an equal value of the same class. */
class PayloadsTest {
    record Refused(int x) implements Serializable {
    }

    private static Object roundTrip(Object v) {
        return Payloads.decode(Payloads.encode(v));
    }

    @Test
    void shouldCarryTheCompactKindsExactly() {
        for (Object v : List.of(true, false, 0, -7, Integer.MIN_VALUE, Long.MAX_VALUE, -0.0, Double.NaN, 1e-300, "",
            "sweep \u00e9\ud83d\ude00", "lone \ud800 surrogate")) {
            Object back = roundTrip(v);
            assertEquals(v, back);
            assertEquals(v.getClass(), back.getClass());
        }
        assertEquals(null, roundTrip(null));
        assertArrayEquals(new byte[] {1, -2, 3}, (byte[]) roundTrip(new byte[] {1, -2, 3}));
        assertArrayEquals(new int[] {}, (int[]) roundTrip(new int[] {}));
        assertArrayEquals(new int[] {4, -5}, (int[]) roundTrip(new int[] {4, -5}));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 9}, (long[]) roundTrip(new long[] {Long.MIN_VALUE, 9}));
        assertArrayEquals(new double[] {0.5, -1e10}, (double[]) roundTrip(new double[] {0.5, -1e10}));
        assertEquals(5, Payloads.encode(42).length);
    }

    @Test
    void shouldCarryOtherObjectsThroughTheCodec() {
        Object v = Map.of("n", List.of(BigInteger.TEN, new float[] {1f}.length), "s", Arrays.asList(1.5, null));
        assertEquals(v, roundTrip(v));
        assertEquals(Payloads.CODEC, Payloads.encode(v)[0]);
        MpiException e = assertThrows(MpiException.class, () -> roundTrip(new Refused(1)));
        assertEquals(ErrorClass.ERR_CODEC, e.errorClass());
    }

    @Test
    void shouldRejectMalformedPayloads() {
        assertThrows(MpiException.class, () -> Payloads.decode(new byte[0]));
        assertThrows(MpiException.class, () -> Payloads.decode(new byte[] {Payloads.INTEGER, 1}));
        assertThrows(MpiException.class, () -> Payloads.decode(new byte[] {Payloads.INTS, 1, 2, 3}));
        assertThrows(MpiException.class, () -> Payloads.decode(new byte[] {99}));
    }
}
