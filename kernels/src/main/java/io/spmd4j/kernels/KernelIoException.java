package io.spmd4j.kernels;

/**
 * A file the run needs could not be read or written (output directory, checkpoint). Thrown on every
 * rank of the job with the root's message, so that no rank waits for a collective the others left.
 */
final class KernelIoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    KernelIoException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code of the run: {@link KernelsMain#EXIT_USAGE} for a bad restart, else {@link KernelsMain#EXIT_IO}. */
    int exitCode() {
        return exitCode;
    }
}
