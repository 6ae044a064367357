package io.spmd4j.launcher;

/**
 * A launch request that cannot run as given: a bad option value, a missing class or classpath
 * entry. The message is one line that names the value and says what to do; {@code spmdrun} prints
 * it with a usage hint and exits with {@link Launcher#EXIT_USAGE}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} is the complete line shown to the user. */
    public UsageException(String message) {
        super(message);
    }
}
