package io.spmd4j.codec;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The default object codec: Java serialization, with deserialization restricted by an
 * {@link ObjectInputFilter} allow-list, so a message can never instantiate a class the program did
 * not agree to receive (the classic deserialization-gadget attack).
 *
 * <p>Allowed by default: {@code java.lang}, {@code java.util} (not subpackages such as
 * {@code java.util.concurrent}... except those listed), {@code java.time}, {@code java.math},
 * records and enums of those, and arrays of anything allowed, including primitive arrays. Extend the list
 * with {@link #allowing(String...)} ({@code "com.example.model.*"} for a package,
 * {@code "com.example.**"} for a package and its subpackages, or a class name), or on the command line
 * with {@code -Dspmd4j.codec.allow=com.example.**;org.acme.Point}. Depth, array length and total
 * bytes are bounded too. Immutable and thread-safe.
 */
public final class JavaSerializationCodec implements ObjectCodec {
    /** Packages and classes allowed without configuration. */
    public static final List<String> DEFAULT_ALLOWED = List.of(
        "java.lang.*", "java.util.*", "java.util.concurrent.*", "java.time.*", "java.math.*",
        "java.util.concurrent.atomic.*");
    /** Classes refused even when a pattern would allow them. */
    public static final List<String> ALWAYS_REFUSED = List.of(
        "java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.reflect.**", "java.lang.invoke.**",
        "java.lang.Thread", "java.lang.ClassLoader");
    /** Property holding extra allowed patterns separated by ';'. */
    public static final String ALLOW_PROPERTY = "spmd4j.codec.allow";
    /** Maximum depth of an object graph. */
    public static final int MAX_DEPTH = 100;
    /** Maximum array length in a message. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final List<String> allowed;
    private final ObjectInputFilter filter;

    private JavaSerializationCodec(List<String> allowed) {
        this.allowed = Collections.unmodifiableList(allowed);
        this.filter = buildFilter(allowed);
    }

    /** The default codec, with the allow-list extended by the {@value #ALLOW_PROPERTY} property. */
    public static JavaSerializationCodec create() {
        List<String> all = new ArrayList<>(DEFAULT_ALLOWED);
        String extra = System.getProperty(ALLOW_PROPERTY, System.getenv("SPMD4J_CODEC_ALLOW"));
        if (extra != null) {
            for (String p : extra.split(";")) {
                if (!p.isBlank()) {
                    all.add(p.trim());
                }
            }
        }
        return new JavaSerializationCodec(all);
    }

    /** A codec that also allows the given patterns (package.*, package.**, or class names). */
    public JavaSerializationCodec allowing(String... patterns) {
        List<String> all = new ArrayList<>(allowed);
        for (String p : patterns) {
            if (p == null || p.isBlank() || p.contains(";") || p.startsWith("!")) {
                throw new IllegalArgumentException("invalid allow pattern '" + p
                    + "': use a class name, package.* or package.**");
            }
            all.add(p.trim());
        }
        return new JavaSerializationCodec(all);
    }

    /** The allowed patterns. */
    public List<String> allowed() {
        return allowed;
    }

    private static ObjectInputFilter buildFilter(List<String> allowed) {
        StringBuilder spec = new StringBuilder("maxdepth=" + MAX_DEPTH + ";maxarray=" + MAX_ARRAY_LENGTH);
        for (String refused : ALWAYS_REFUSED) {
            spec.append(";!").append(refused);
        }
        for (String a : allowed) {
            spec.append(';').append(a);
        }
        ObjectInputFilter patterns = ObjectInputFilter.Config.createFilter(spec.toString());
        return info -> {
            ObjectInputFilter.Status s = patterns.checkInput(info);
            if (s != ObjectInputFilter.Status.UNDECIDED) {
                return s;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.ALLOWED; // a limits-only check, already passed above
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new MpiException(ErrorClass.ERR_CODEC, "cannot serialize " + describe(value) + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new FilteredStream(new ByteArrayInputStream(bytes), boundedBy(bytes.length))) {
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new MpiException(ErrorClass.ERR_CODEC, "object message refused: " + e.getMessage()
                + "; if the class is yours, allow it with -D" + ALLOW_PROPERTY + "=<package>.** or "
                + "JavaSerializationCodec.create().allowing(...)", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new MpiException(ErrorClass.ERR_CODEC, "cannot deserialize object message: " + e, e);
        } catch (RuntimeException | InternalError e) {
            // a malformed stream can make the JDK's decoder or an allowed class's readObject throw anything, even an
            // InternalError (the immutable collections' serial proxy given an odd number of map entries)
            throw new MpiException(ErrorClass.ERR_CODEC, "malformed object message of " + bytes.length + " bytes: " + e,
                e);
        }
    }

    /**
     * The allow-list filter, plus limits from the message's own size: every array element and every
     * object takes at least one byte of the stream, so an array longer than the message, or a stream
     * read past it, is a lie that must not make the decoder allocate (a 20-byte message announcing a
     * {@code long[Integer.MAX_VALUE - 8]} would otherwise take 16 GiB).
     */
    private ObjectInputFilter boundedBy(int messageBytes) {
        return info -> info.arrayLength() > messageBytes || info.streamBytes() > messageBytes
            ? ObjectInputFilter.Status.REJECTED : filter.checkInput(info);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** An ObjectInputStream with the filter installed before the first read. */
    private static final class FilteredStream extends ObjectInputStream {
        FilteredStream(ByteArrayInputStream in, ObjectInputFilter filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
