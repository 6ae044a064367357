package io.spmd4j.launcher;

import io.spmd4j.bootstrap.LaunchEnv;
import io.spmd4j.engine.Config;
import io.spmd4j.transport.shm.ShmJobDirectory;
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
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A launch resolved against the file system: the java executable, the absolute classpath of the
 * ranks, the main class (checked to exist), the working directory, the settings that place the job's
 * shared-memory directory. Everything that can make a launch fail before the first rank starts fails
 * here, with a {@link UsageException} naming the value. Immutable and thread-safe.
 *
 * <p>Every rank JVM gets {@link #EXIT_ON_OUT_OF_MEMORY} before the user's JVM arguments.
 *
 * <p>The launcher starts {@link #processes()} JVMs: one per rank, or, with {@link #threads()}, one
 * JVM that runs {@code io.spmd4j.bootstrap.ThreadsMain} and all ranks as its threads. The rendezvous
 * service and the supervision see that JVM as rank 0 of a world of one.
 *
 * @param np number of ranks
 * @param java the java executable of the ranks
 * @param mainClass the program's main class
 * @param rankCommand the command of every rank process, without the variables that differ per rank
 * @param environment variables to set in every rank (from {@code -x} and {@code --transport}), without
 *     the per-rank ones
 * @param workingDirectory the ranks' working directory
 * @param tagOutput whether output lines get a {@code [rank] } prefix
 * @param timeout the job's wall-clock limit, if any
 * @param threads whether the ranks run as threads of one JVM
 * @param shmConfig the runtime settings that place the job's shared-memory directory, as the ranks see them
 * @param hosts which host runs which rank, and how remote hosts are reached
 */
record LaunchPlan(int np, Path java, String mainClass, List<String> rankCommand, Map<String, String> environment,
                  Path workingDirectory, boolean tagOutput, Optional<Duration> timeout, boolean threads,
                  Config shmConfig, HostPlan hosts) {
    /** Environment variable naming the java executable of the ranks. */
    static final String JAVA_VARIABLE = "SPMD4J_JAVA";
    /** The runtime setting of the shared-memory base directory, as a system property ... */
    static final String SHM_DIR_PROPERTY = "spmd4j.shm.dir";
    /** ... and as an environment variable. */
    static final String SHM_DIR_VARIABLE = "SPMD4J_SHM_DIR";
    /**
     * JVM option of every rank JVM: a rank that runs out of heap exits at once with
     * {@link ExitCodes#OUT_OF_MEMORY}, wherever the error struck (the user's code, a reduction
     * operation, a runtime thread), so that the launcher ends the job instead of the other ranks waiting
     * for ever on one whose thread died. {@code --jvm-args -XX:-ExitOnOutOfMemoryError} turns it off.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    LaunchPlan {
        rankCommand = List.copyOf(rankCommand);
        environment = Map.copyOf(environment);
    }

    /** Number of JVMs the launcher starts: {@link #np()}, or 1 when the ranks are {@link #threads()}. */
    int processes() {
        return threads ? 1 : np;
    }

    /**
     * The shared-memory directory of job {@code jobId}, as {@link ShmJobDirectory#forJob} computes it
     * from the settings the ranks see.
     */
    Path jobDirectory(String jobId) {
        return ShmJobDirectory.forJob(shmConfig, jobId);
    }

    /** The prefix of the output lines of rank process {@code process}, or {@code null} for none. */
    String outputTag(int process) {
        // ranks that are threads share one process, whose ThreadsMain tags each line by its thread's rank
        return tagOutput && !threads ? "[" + process + "] " : null;
    }

    /**
     * Resolves and checks {@code options}.
     *
     * @param env the launcher's environment (for {@link #JAVA_VARIABLE})
     * @throws UsageException naming the first value that does not work
     */
    static LaunchPlan resolve(LaunchOptions options, Map<String, String> env) {
        Path java = resolveJava(options, env);
        HostPlan hosts = HostPlan.resolve(options, options.npGiven() ? options.np() : 0, java, env);
        int np = options.threads() ? options.np() : hosts.placement().np();
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
        command.add(EXIT_ON_OUT_OF_MEMORY); // before the user's arguments, so that -XX:-ExitOnOutOfMemoryError wins
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        if (options.threads()) {
            command.add(RuntimeClasspath.THREADS_MAIN);
            if (options.tagOutput()) {
                command.add(RuntimeClasspath.THREADS_TAG_OUTPUT);
            }
            command.add(Integer.toString(np));
        } else {
            command.add(RuntimeClasspath.RANK_MAIN);
        }
        command.add(mainClass);
        command.addAll(options.args());
        Map<String, String> environment = new LinkedHashMap<>(options.environment());
        options.transport().ifPresent(t -> environment.put(LaunchOptions.TRANSPORT_VARIABLE, t));
        options.tcpInterface().ifPresent(t -> environment.put(LaunchOptions.TCP_BIND_VARIABLE, t));
        return new LaunchPlan(np, java, mainClass, command, environment, wdir, options.tagOutput(),
            options.timeout(), options.threads(), shmConfig(options, env), hosts);
    }

    /**
     * The runtime settings that decide where the job's shared-memory directory goes, as the ranks will
     * see them: {@code -Dspmd4j.shm.dir=} in the JVM arguments (the last one wins, as in the JVM), else
     * {@code SPMD4J_SHM_DIR} from {@code -x}, else from the launcher's environment, which the ranks inherit.
     */
    private static Config shmConfig(LaunchOptions options, Map<String, String> env) {
        Properties props = new Properties();
        String propertyArg = "-D" + SHM_DIR_PROPERTY + "=";
        for (String a : options.jvmArgs()) {
            if (a.startsWith(propertyArg)) {
                props.setProperty(SHM_DIR_PROPERTY, a.substring(propertyArg.length()));
            }
        }
        Map<String, String> rankEnv = new LinkedHashMap<>();
        String dir = options.environment().getOrDefault(SHM_DIR_VARIABLE, env.get(SHM_DIR_VARIABLE));
        if (dir != null) {
            rankEnv.put(SHM_DIR_VARIABLE, dir);
        }
        try {
            return Config.from(props, rankEnv);
        } catch (IllegalArgumentException e) {
            throw new UsageException("shared-memory setting: " + e.getMessage() + "; fix " + propertyArg
                + " in --jvm-args or " + SHM_DIR_VARIABLE);
        }
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

    /**
     * The environment variables of rank process {@code process} that come from the plan. Its rank and
     * world size are those of the rendezvous: {@code process} of {@link #processes()}.
     */
    Map<String, String> environmentOf(int process, String jobId, Path jobDirectory, String rendezvous,
        String secretHex) {
        Map<String, String> e = new LinkedHashMap<>(environment);
        e.put(LaunchEnv.RANK, Integer.toString(process));
        e.put(LaunchEnv.SIZE, Integer.toString(processes()));
        e.put(LaunchEnv.JOB_ID, jobId);
        e.put(LaunchEnv.JOB_DIR, jobDirectory.toString());
        e.put(LaunchEnv.RENDEZVOUS, rendezvous);
        e.put(LaunchEnv.SECRET, secretHex);
        return e;
    }
}
