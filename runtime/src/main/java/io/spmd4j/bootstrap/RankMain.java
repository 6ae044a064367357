package io.spmd4j.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The entry point the launcher runs in every rank's JVM: {@code RankMain <main class> [args...]}.
 * It connects the rank to its launcher first (so the rank dies with the launcher even before the
 * user's code calls {@code Spmd.init}), then runs the user's {@code main}. An uncaught exception
 * prints its stack trace and exits 1, as {@code java Main} would.
 */
public final class RankMain {
    /** Exit code for a usage error (no such class, no main method). */
    public static final int EXIT_USAGE = 2;

    private RankMain() {
    }

    /** Runs the user's main class; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: RankMain <main class> [args...]");
            System.exit(EXIT_USAGE);
        }
        try {
            LauncherLink.get();
        } catch (Exception e) {
            System.err.println("spmd4j: " + e.getMessage());
            System.exit(LauncherLink.EXIT_LAUNCHER_LOST);
        }
        Method main = findMain(args[0], Thread.currentThread().getContextClassLoader());
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            System.err.print("Exception in thread \"main\" ");
            cause.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
    }

    /**
     * The static {@code main(String[])} of {@code className} in {@code loader}; prints what is missing and
     * exits with {@link #EXIT_USAGE} when there is none.
     */
    static Method findMain(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            Method m = c.getMethod("main", String[].class);
            if (!Modifier.isStatic(m.getModifiers())) {
                throw new NoSuchMethodException();
            }
            m.setAccessible(true);
            return m;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            System.err.println("spmd4j: main class " + className + " not found on the classpath");
        } catch (NoSuchMethodException e) {
            System.err.println("spmd4j: class " + className + " has no public static void main(String[])");
        }
        System.err.flush();
        System.exit(EXIT_USAGE);
        throw new IllegalStateException("unreachable: System.exit returned");
    }
}
