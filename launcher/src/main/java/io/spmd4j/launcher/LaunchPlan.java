package io.spmd4j.launcher;

import io.spmd4j.bootstrap.LaunchEnv;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A launch resolved against the file system: the java executable, the absolute classpath of the
 * ranks, the main class (checked to exist), the working directory. Everything that can make a launch
 * fail before the first rank starts fails here, with a {@link UsageException} naming the value.
 * Immutable and thread-safe.
 *
 * @param np number of ranks
 * @param java the java executable of the ranks
 * @param mainClass the program's main class
 * @param rankCommand the command of every rank, without the variables that differ per rank
 * @param environment variables to set in every rank (from {@code -x}), without the per-rank ones
 * @param workingDirectory the ranks' working directory
 * @param tagOutput whether output lines get a {@code [rank] } prefix
 * @param timeout the job's wall-clock limit, if any
 */
record LaunchPlan(int np, Path java, String mainClass, List<String> rankCommand, Map<String, String> environment,
                  Path workingDirectory, boolean tagOutput, Optional<Duration> timeout) {
    /** Environment variable naming the java executable of the ranks. */
    static final String JAVA_VARIABLE = "SPMD4J_JAVA";

    LaunchPlan {
        rankCommand = List.copyOf(rankCommand);
        environment = Map.copyOf(environment);
    }

    /**
     * Resolves and checks {@code options}.
     *
     * @param env the launcher's environment (for {@link #JAVA_VARIABLE})
     * @throws UsageException naming the first value that does not work
     */
    static LaunchPlan resolve(LaunchOptions options, Map<String, String> env) {
        Path java = resolveJava(options, env);
        Path wdir = resolveWorkingDirectory(options);
        List<String> userClasspath = new ArrayList<>();
        String mainClass;
        if (options.jar().isPresent()) {
            Path jar = options.jar().get().toAbsolutePath().normalize();
            mainClass = mainClassOfJar(options.jar().get(), jar);
            userClasspath.add(jar.toString());
        } else {
            mainClass = options.mainClass().orElseThrow();
        }
        for (String entry : options.classpath()) {
            userClasspath.add(checkClasspathEntry(entry));
        }
        List<String> classpath = new ArrayList<>();
        for (Path p : RuntimeClasspath.entries()) {
            classpath.add(p.toString());
        }
        classpath.addAll(userClasspath);
        checkMainClass(mainClass, classpath, options.jar().isPresent() ? "-jar " + options.jar().get() : "-cp");

        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(RuntimeClasspath.RANK_LOGGING_PROPERTIES);
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(RuntimeClasspath.RANK_MAIN);
        command.add(mainClass);
        command.addAll(options.args());
        return new LaunchPlan(options.np(), java, mainClass, command, new LinkedHashMap<>(options.environment()),
            wdir, options.tagOutput(), options.timeout());
    }

    private static Path resolveJava(LaunchOptions options, Map<String, String> env) {
        String what;
        Path java;
        if (options.java().isPresent()) {
            java = options.java().get();
            what = "java executable " + java;
        } else if (env.get(JAVA_VARIABLE) != null && !env.get(JAVA_VARIABLE).isEmpty()) {
            java = Path.of(env.get(JAVA_VARIABLE));
            what = JAVA_VARIABLE + "=" + java;
        } else {
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
            what = "java executable " + java;
        }
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new UsageException(what + ": not an executable file; point " + JAVA_VARIABLE
                + " at a java executable or unset it");
        }
        return java.toAbsolutePath();
    }

    private static Path resolveWorkingDirectory(LaunchOptions options) {
        if (options.workingDirectory().isEmpty()) {
            return Path.of("").toAbsolutePath();
        }
        Path dir = options.workingDirectory().get();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--wdir " + dir + ": no such directory; create it or give an existing one");
        }
        return dir.toAbsolutePath().normalize();
    }

    private static String mainClassOfJar(Path given, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("-jar " + given + ": no such file; check the path or build the jar first");
        }
        if (!Files.isReadable(jar)) {
            throw new UsageException("-jar " + given + ": not readable; fix its permissions");
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            String main = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null || main.isBlank()) {
                throw new UsageException("-jar " + given + ": the manifest names no Main-Class; "
                    + "run it with -cp " + given + " MainClass instead");
            }
            return main.trim();
        } catch (IOException e) {
            throw new UsageException("-jar " + given + ": not a readable jar (" + e.getMessage() + ")");
        }
    }

    /** Returns the absolute form of a classpath entry after checking that it can be read. */
    private static String checkClasspathEntry(String entry) {
        boolean wildcard = entry.equals("*") || entry.endsWith(File.separator + "*");
        Path path = Path.of(wildcard ? entry.substring(0, entry.length() - 1) + "." : entry);
        String shown = "classpath entry " + entry;
        if (!Files.exists(path)) {
            throw new UsageException(shown + ": no such " + (wildcard ? "directory" : "file or directory")
                + "; fix -cp or build the program first");
        }
        if (wildcard && !Files.isDirectory(path)) {
            throw new UsageException(shown + ": not a directory; a '*' entry must end a directory path");
        }
        if (!Files.isReadable(path)) {
            throw new UsageException(shown + ": not readable; fix its permissions or remove it from -cp");
        }
        if (!wildcard && Files.isRegularFile(path)) {
            try (JarFile ignored = new JarFile(path.toFile())) {
                // opened: a readable jar or zip
            } catch (IOException e) {
                throw new UsageException(shown + ": not a readable jar or zip (" + e.getMessage()
                    + "); rebuild it or remove it from -cp");
            }
        }
        Path abs = path.toAbsolutePath().normalize();
        return wildcard ? abs + File.separator + "*" : abs.toString();
    }

    /** Loads the main class without initializing it, through the ranks' classpath. */
    private static void checkMainClass(String mainClass, List<String> classpath, String where) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath) {
            try {
                if (entry.endsWith(File.separator + "*")) {
                    Path dir = Path.of(entry.substring(0, entry.length() - 1));
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                        for (Path j : jars) {
                            urls.add(j.toUri().toURL());
                        }
                    }
                } else {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            } catch (IOException e) {
                throw new UsageException("classpath entry " + entry + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
            ClassLoader.getPlatformClassLoader())) {
            Class<?> c = Class.forName(mainClass, false, loader);
            checkMainMethod(c);
        } catch (ClassNotFoundException e) {
            throw new UsageException("main class " + mainClass + " not found on the classpath given by " + where
                + "; check the class name (with its package) and the classpath");
        } catch (LinkageError e) {
            throw new UsageException("main class " + mainClass + " cannot be loaded (" + e
                + "); check that -cp holds everything it needs");
        } catch (IOException e) {
            throw new IllegalStateException(e); // closing a URLClassLoader over files does not fail in practice
        }
    }

    private static void checkMainMethod(Class<?> c) {
        Method main;
        try {
            main = c.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            main = null;
        } catch (LinkageError e) {
            return; // a signature type is missing; the rank will say so if it matters
        }
        if (main == null || !Modifier.isStatic(main.getModifiers())) {
            throw new UsageException("class " + c.getName() + " has no public static void main(String[] args); "
                + "name the class that has one");
        }
    }

    /** The environment variables of one rank that come from the plan. */
    Map<String, String> environmentOf(int rank, String jobId, String rendezvous, String secretHex) {
        Map<String, String> e = new LinkedHashMap<>(environment);
        e.put(LaunchEnv.RANK, Integer.toString(rank));
        e.put(LaunchEnv.SIZE, Integer.toString(np));
        e.put(LaunchEnv.JOB_ID, jobId);
        e.put(LaunchEnv.RENDEZVOUS, rendezvous);
        e.put(LaunchEnv.SECRET, secretHex);
        return e;
    }
}
