package io.spmd4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaSerializationCodecTest {

    /** A user class that is not on the default allow-list. */
    record Point(double x, double y) implements Serializable {
    }

    /**
     * Shape of a deserialization gadget: a Serializable class whose readObject does something
     * with side effects. The filter must refuse it before readObject ever runs.
     */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean fired;
        final String command = "touch /tmp/pwned";

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            fired = true;
        }
    }

    private final JavaSerializationCodec codec = JavaSerializationCodec.create();

    @Test
    void shouldRoundTripAllowedJdkTypesAndPrimitiveArrays() {
        Map<String, List<Integer>> m = new HashMap<>();
        m.put("a", new ArrayList<>(List.of(1, 2, 3)));
        assertEquals(m, codec.decode(codec.encode(m)));
        assertArrayEquals(new double[] {1, 2}, (double[]) codec.decode(codec.encode(new double[] {1, 2})));
        assertArrayEquals(new int[][] {{1}, {2, 3}}, (int[][]) codec.decode(codec.encode(new int[][] {{1}, {2, 3}})));
        assertEquals("text", codec.decode(codec.encode("text")));
        assertEquals(null, codec.decode(codec.encode(null)));
    }

    @Test
    void shouldRefuseClassesOutsideTheAllowList() {
        byte[] bytes = codec.encode(new Point(1, 2));
        MpiException e = assertThrows(MpiException.class, () -> codec.decode(bytes));
        assertEquals(ErrorClass.ERR_CODEC, e.errorClass());
        assertTrue(e.getMessage().contains(JavaSerializationCodec.ALLOW_PROPERTY), e.getMessage());
    }

    @Test
    void shouldRefuseAGadgetBeforeItsReadObjectRuns() {
        Gadget.fired = false;
        byte[] bytes = codec.encode(new Gadget());
        assertThrows(MpiException.class, () -> codec.decode(bytes));
        assertEquals(false, Gadget.fired);
        List<Object> wrapped = new ArrayList<>(List.of(new Gadget()));
        byte[] nested = codec.encode(wrapped);
        assertThrows(MpiException.class, () -> codec.decode(nested));
        assertEquals(false, Gadget.fired);
    }

    @Test
    void shouldAcceptUserClassesOnceAllowed() {
        JavaSerializationCodec extended = codec.allowing(Point.class.getName());
        assertEquals(new Point(1, 2), extended.decode(extended.encode(new Point(1, 2))));
        JavaSerializationCodec pkg = codec.allowing("io.spmd4j.codec.*");
        assertEquals(new Point(3, 4), pkg.decode(pkg.encode(new Point(3, 4))));
        assertThrows(IllegalArgumentException.class, () -> codec.allowing("!*"));
    }
}
