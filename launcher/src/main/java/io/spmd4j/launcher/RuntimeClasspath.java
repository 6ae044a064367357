package io.spmd4j.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath every rank needs besides the user's: the spmd4j runtime, the SLF4J API and the
 * SLF4J binding. It is read from where the launcher itself loaded those classes, so it is right in
 * a built checkout ({@code target/classes}, {@code ~/.m2} jars), in the distribution ({@code lib/})
 * and in tests alike. Thread-safe.
 */
final class RuntimeClasspath {
    /** A class of the runtime that ranks start in. */
    static final String RANK_MAIN = "io.spmd4j.bootstrap.RankMain";
    /** The class of the runtime that the one JVM of a {@code --threads} job starts in. */
    static final String THREADS_MAIN = "io.spmd4j.bootstrap.ThreadsMain";
    /** The option of {@link #THREADS_MAIN} that tags every output line with its thread's rank. */
    static final String THREADS_TAG_OUTPUT = io.spmd4j.bootstrap.ThreadsMain.TAG_OUTPUT;
    /** Classes whose locations make up the rank classpath; the binding is optional. */
    private static final List<String> REQUIRED = List.of(RANK_MAIN, THREADS_MAIN, "io.spmd4j.bootstrap.LaunchInfo",
        "org.slf4j.Logger");
    private static final List<String> OPTIONAL = List.of("org.slf4j.simple.SimpleServiceProvider",
        "org.slf4j.simple.SimpleLogger");

    /** System properties that configure slf4j-simple in the ranks; {@code --jvm-args} can override them. */
    static final List<String> RANK_LOGGING_PROPERTIES = List.of(
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.logFile=System.err",
        "-Dorg.slf4j.simpleLogger.showShortLogName=true");

    private RuntimeClasspath() {
    }

    /** Returns the entries, without duplicates, in a fixed order. */
    static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String name : REQUIRED) {
            entries.add(locationOf(name, true));
        }
        for (String name : OPTIONAL) {
            Path p = locationOf(name, false);
            if (p != null) {
                entries.add(p);
            }
        }
        return new ArrayList<>(entries);
    }

    private static Path locationOf(String className, boolean required) {
        Class<?> c;
        try {
            c = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            if (required) {
                throw new IllegalStateException("the launcher's classpath lacks " + className
                    + "; start spmdrun through bin/spmdrun or put spmd4j-runtime and slf4j-api on its classpath");
            }
            return null;
        }
        return location(c);
    }

    /** The jar or class directory that {@code c} was loaded from, as an absolute path. */
    static String locationOf(Class<?> c) {
        return location(c).toString();
    }

    private static Path location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from");
        }
        try {
            return Path.of(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the location of " + c.getName() + ": " + cs.getLocation(), e);
        }
    }
}
