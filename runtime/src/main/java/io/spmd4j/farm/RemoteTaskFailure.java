package io.spmd4j.farm;

/**
 * Stands in for a task's exception that could not cross to this rank as itself: its class was not
 * serializable, or this rank's object codec refused it (the default class filter allows only
 * {@code java.*} classes and those you allow, see {@link io.spmd4j.codec.JavaSerializationCodec}).
 * It carries the original class name, message, stack trace and chain of causes, and prints like the
 * original: {@code com.example.SolverException: diverged at step 12}.
 */
public final class RemoteTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    RemoteTaskFailure(String className, String message, Throwable cause) {
        super(message, cause);
        this.className = className;
    }

    /** The binary name of the original exception's class. */
    public String className() {
        return className;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message != null ? className + ": " + message : className;
    }
}
