package io.spmd4j.farm;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Spmd;
import io.spmd4j.codec.JavaSerializationCodec;
import io.spmd4j.codec.ObjectCodec;

/**
 * Failure records: how a task's exception crosses from the worker to the other ranks.
 *
 * <pre>
 * record      := serialized length (4, -1 for none) | codec bytes of the Throwable | description
 * description := class name (string) | message (string) | frames (4) | frames x frame
 *                | has cause (1) | [description of the cause]
 * frame       := declaring class (string) | method (string) | file (string) | line (4)
 * </pre>
 *
 * Every {@link Throwable} is {@link java.io.Serializable}, so the exception itself travels by Java
 * serialization whatever codec the process uses, and a receiving rank decodes it when it can, so that
 * a {@code java.lang.IllegalArgumentException} arrives as one. The class filter is the process
 * codec's when that is a {@link JavaSerializationCodec} (else the default one), extended with the
 * runtime's own exceptions and common I/O exceptions ({@link #EXCEPTIONS_ALLOWED}).
 * When the exception could not be encoded (a field that is not serializable) or the filter refuses
 * its class (the default allows {@code java.*} only), the description stands in for it as a
 * {@link RemoteTaskFailure} with the same class name, message, stack trace and causes.
 */
final class Failures {
    /** Causes deeper than this are left out of a description (guards against cycles). */
    static final int MAX_CAUSE_DEPTH = 16;

    /**
     * Exception classes that decode as themselves whatever the process allows: the runtime's own, and
     * the I/O exceptions that tasks and the codec commonly throw (the default filter has no
     * {@code java.io}).
     */
    static final String[] EXCEPTIONS_ALLOWED = {
        MpiException.class.getName(), ErrorClass.class.getName(), TaskException.class.getName(),
        RemoteTaskFailure.class.getName(), FarmCancelledException.class.getName(),
        "java.io.IOException", "java.io.UncheckedIOException", "java.io.EOFException", "java.io.FileNotFoundException",
        "java.io.ObjectStreamException", "java.io.InvalidClassException", "java.io.NotSerializableException",
        "java.io.InvalidObjectException", "java.io.StreamCorruptedException", "java.nio.file.FileSystemException",
        "java.nio.file.NoSuchFileException", "java.nio.file.AccessDeniedException"};

    private Failures() {
    }

    private static JavaSerializationCodec exceptionCodec() {
        ObjectCodec process = Spmd.codec();
        JavaSerializationCodec base = process instanceof JavaSerializationCodec
            ? (JavaSerializationCodec) process : JavaSerializationCodec.create();
        return base.allowing(EXCEPTIONS_ALLOWED);
    }

    /** The record of {@code failure}. */
    static byte[] encode(Throwable failure) {
        Wire.Out out = new Wire.Out();
        byte[] serialized = null;
        try {
            serialized = exceptionCodec().encode(failure);
        } catch (RuntimeException e) {
            // not serializable: the description alone crosses
        }
        out.writeOptionalBytes(serialized);
        describe(out, failure, 0);
        return out.toByteArray();
    }

    private static void describe(Wire.Out out, Throwable t, int depth) {
        out.writeString(t.getClass().getName());
        out.writeString(t.getMessage());
        StackTraceElement[] frames = t.getStackTrace();
        out.writeInt(frames.length);
        for (StackTraceElement f : frames) {
            out.writeString(f.getClassName());
            out.writeString(f.getMethodName());
            out.writeString(f.getFileName());
            out.writeInt(f.getLineNumber());
        }
        Throwable cause = t.getCause();
        boolean more = cause != null && cause != t && depth + 1 < MAX_CAUSE_DEPTH;
        out.writeByte(more ? 1 : 0);
        if (more) {
            describe(out, cause, depth + 1);
        }
    }

    /** The exception a record stands for: the original when this rank's codec can decode it. */
    static Throwable decode(byte[] record) {
        Wire.In in = new Wire.In(record);
        byte[] serialized = in.readOptionalBytes();
        RemoteTaskFailure described = readDescription(in);
        if (serialized != null) {
            try {
                Object decoded = exceptionCodec().decode(serialized);
                if (decoded instanceof Throwable) {
                    return (Throwable) decoded;
                }
            } catch (RuntimeException e) {
                // refused by the class filter, or a class this rank lacks: the description stands in
            }
        }
        return described;
    }

    private static RemoteTaskFailure readDescription(Wire.In in) {
        String className = in.readString();
        String message = in.readString();
        int frames = in.readInt();
        if (frames < 0) {
            throw Wire.malformed("a negative frame count " + frames);
        }
        StackTraceElement[] trace = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            String cls = in.readString();
            String method = in.readString();
            String file = in.readString();
            trace[i] = new StackTraceElement(cls, method, file, in.readInt());
        }
        RemoteTaskFailure cause = in.readByte() == 1 ? readDescription(in) : null;
        RemoteTaskFailure f = new RemoteTaskFailure(className, message, cause);
        f.setStackTrace(trace);
        return f;
    }
}
