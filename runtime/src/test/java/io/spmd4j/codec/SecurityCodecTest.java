package io.spmd4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The object codec refuses the shapes of known deserialization gadget chains: a collection from the
 * allow-list that calls into a foreign class while it is being rebuilt (PriorityQueue with a comparator,
 * HashMap whose key hashes), a dynamic proxy with an invocation handler, and a JDK class outside the
 * allow-list; none of their code runs. Messages that lie about their size are refused before they allocate.
 */
class SecurityCodecTest {
    private final JavaSerializationCodec codec = JavaSerializationCodec.create();

    /** Records whether any gadget code ran in this JVM. */
    static volatile boolean ran;

    /** A comparator from outside the allow-list; PriorityQueue.readObject would call it to heapify. */
    static final class EvilComparator implements Comparator<Object>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Object a, Object b) {
            ran = true;
            return 0;
        }
    }

    /** A key whose hashCode HashMap.readObject would call. */
    static final class EvilKey implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int hashCode() {
            ran = true;
            return 1;
        }
    }

    /** An invocation handler that a proxy would call for every method. */
    static final class EvilHandler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            ran = true;
            return 0;
        }
    }

    private static void assertRefused(JavaSerializationCodec codec, byte[] bytes) {
        ran = false;
        MpiException e = assertThrows(MpiException.class, () -> codec.decode(bytes));
        assertEquals(ErrorClass.ERR_CODEC, e.errorClass());
        assertFalse(ran, "gadget code ran during decoding");
    }

    /** Java serialization without the codec (the codec's encoder would do the same). */
    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    @Test
    void shouldRefuseAPriorityQueueWithAForeignComparator() throws IOException {
        PriorityQueue<Object> q = new PriorityQueue<>(new EvilComparator());
        q.add("a");
        q.add("b");
        ran = false;
        assertRefused(codec, serialize(q));
    }

    @Test
    void shouldRefuseAHashMapWithAForeignKey() throws IOException {
        Map<Object, String> m = new HashMap<>();
        m.put(new EvilKey(), "v");
        assertRefused(codec, serialize(m));
    }

    @Test
    void shouldRefuseADynamicProxyAndItsInvocationHandler() throws IOException {
        Comparator<?> proxy = (Comparator<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Comparator.class, Serializable.class}, new EvilHandler());
        ran = false;
        assertRefused(codec, serialize(proxy));
        // even inside an allowed collection, and even when the user allowed the handler's package
        assertRefused(codec.allowing("io.spmd4j.codec.*"), serialize(new PriorityQueue<>(proxy)));
    }

    @Test
    void shouldRefuseAJdkClassOutsideTheAllowList() throws IOException {
        assertRefused(codec, serialize(new javax.management.BadAttributeValueExpException("x")));
    }

    @Test
    void shouldRefuseAnArrayLongerThanItsMessageBeforeAllocatingIt() throws IOException {
        byte[] bytes = serialize(new long[4]);
        // the array length is the 4 bytes before the 32 bytes of elements
        int at = bytes.length - 4 * Long.BYTES - Integer.BYTES;
        assertEquals(4, java.nio.ByteBuffer.wrap(bytes, at, 4).getInt());
        java.nio.ByteBuffer.wrap(bytes).putInt(at, Integer.MAX_VALUE - 8);
        MpiException e = assertThrows(MpiException.class, () -> codec.decode(bytes));
        assertEquals(ErrorClass.ERR_CODEC, e.errorClass());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void shouldReportAMalformedImmutableMapAsACodecErrorNotAnInternalError() throws IOException {
        // found by FuzzCodecTest: the serial form of List.of("a", "b", "c") relabelled as a Map.of makes the
        // JDK throw InternalError("length is odd")
        byte[] bytes = serialize(List.of("a", "b", "c"));
        byte[] listOfThree = {0, 0, 0, 1, 0x77, 4, 0, 0, 0, 3}; // tag IMM_LIST, then a block with the length 3
        int at = indexOf(bytes, listOfThree);
        assertTrue(at > 0, "serial form of List.of changed");
        bytes[at + 3] = 3; // tag IMM_MAP
        MpiException e = assertThrows(MpiException.class, () -> codec.decode(bytes));
        assertEquals(ErrorClass.ERR_CODEC, e.errorClass());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
