package io.spmd4j.benchmarks.osu;

import io.spmd4j.bootstrap.ThreadsContext;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program on {@code np} ranks as threads of this JVM, as {@code spmdrun --threads} does: every
 * rank has a class loader of its own over {@code java.class.path} (so the runtime's static state is
 * per rank), made that rank by {@link ThreadsContext#install}, and the ranks meet through a shared
 * fabric map. Unlike the launcher's runner it never exits the JVM: a rank's exception is rethrown
 * here. The program reports what it measured by putting JDK-typed values into the fabric
 * ({@code ThreadsContext.current().fabric()}), which {@link #run} returns.
 */
final class ThreadRanks {
    private ThreadRanks() {
    }

    /** Runs {@code mainClass} on {@code np} thread ranks; returns the fabric after every rank's main returned. */
    static Map<String, Object> run(int np, Class<?> mainClass, long timeoutSeconds, String... args) throws Exception {
        Map<String, Object> fabric = new ConcurrentHashMap<>();
        URL[] classpath = classpath();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        for (int r = 0; r < np; r++) {
            int rank = r;
            URLClassLoader loader = new URLClassLoader("rank-" + r, classpath, ClassLoader.getPlatformClassLoader());
            loaders.add(loader);
            Thread t = new Thread(() -> {
                try {
                    loader.loadClass(ThreadsContext.class.getName())
                        .getMethod("install", int.class, int.class, Map.class).invoke(null, rank, np, fabric);
                    Method main = loader.loadClass(mainClass.getName()).getMethod("main", String[].class);
                    main.invoke(null, (Object) args.clone());
                } catch (InvocationTargetException e) {
                    synchronized (failures) {
                        failures.add(e.getCause());
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "rank-" + r);
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String late = null;
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive() && late == null) {
                late = t.getName();
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError("a rank failed: " + failures.get(0), failures.get(0));
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
        }
        if (late != null) {
            throw new AssertionError(late + " did not finish within " + timeoutSeconds + " s");
        }
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
        return fabric;
    }

    private static URL[] classpath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }
}
