package io.spmd4j.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * One rank of a {@code spmdrun --threads} job, on its own thread and in its own class loader: makes
 * that loader's copy of the runtime the given rank ({@link ThreadsContext#install}), then runs the
 * program's {@code main} as {@link RankMain} does in a rank process.
 *
 * <p>{@link ThreadsMain} loads this class once per rank, in the rank's class loader, and calls
 * {@link #run} reflectively; only JDK types cross between the loaders. Not for direct use.
 */
public final class ThreadRank {
    /** Exit code of the job when a rank's {@code main} ends with an uncaught exception, as {@code java Main} exits. */
    public static final int EXIT_UNCAUGHT = 1;

    private ThreadRank() {
    }

    /**
     * Runs rank {@code rank} of {@code size} on the calling thread and returns when the program's
     * {@code main} returns. A missing main class or {@code main} method prints one line and ends the
     * JVM, and with it the job, with {@link RankMain#EXIT_USAGE}; an uncaught exception prints
     * {@code Exception in thread "rank-R" ...} with its stack trace and ends it with
     * {@link #EXIT_UNCAUGHT}, as a failing rank process ends a job of processes.
     *
     * @param fabric the map every rank of the job shares (a {@link java.util.concurrent.ConcurrentMap}
     *     holding JDK types only)
     * @param mainClass the binary name of the program's main class, found through this class's loader
     * @param args the program's arguments
     */
    public static void run(int rank, int size, Map<String, Object> fabric, String mainClass, String[] args) {
        ThreadsContext.install(rank, size, fabric);
        Method main = RankMain.findMain(mainClass, ThreadRank.class.getClassLoader());
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            System.err.print("Exception in thread \"" + Thread.currentThread().getName() + "\" ");
            e.getCause().printStackTrace();
            System.err.flush();
            System.exit(EXIT_UNCAUGHT);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("main of " + mainClass + " is not accessible", e); // made accessible
        }
    }
}
