package io.spmd4j.launcher;

import io.spmd4j.bootstrap.LaunchEnv;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the user asked {@code spmdrun} to do: how many ranks, which program with which arguments,
 * and how to run it. Immutable and thread-safe; made by {@link #builder()} (programs and tests) or by
 * {@link SpmdrunCommandLine} (the command line). {@link Builder#build()} checks everything that can
 * be checked without touching the file system; {@link Launcher} checks the rest before it starts a
 * single rank.
 */
public final class LaunchOptions {
    /** Environment variables the launcher sets itself and that {@code -x} may not override. */
    static final Set<String> RESERVED_VARIABLES = Set.of(LaunchEnv.RANK, LaunchEnv.SIZE, LaunchEnv.JOB_ID,
        LaunchEnv.RENDEZVOUS, LaunchEnv.SECRET, LaunchEnv.JOB_DIR);
    /** The transports {@code --transport} accepts, as the runtime's {@code spmd4j.transport} names them. */
    public static final List<String> TRANSPORTS = List.of("auto", "shm", "tcp");
    /** The rank environment variable that {@code --transport} sets (the runtime's {@code spmd4j.transport}). */
    static final String TRANSPORT_VARIABLE = "SPMD4J_TRANSPORT";
    /** The rank environment variable that {@code --tcp-if} sets (the runtime's {@code spmd4j.tcp.bind}). */
    static final String TCP_BIND_VARIABLE = "SPMD4J_TCP_BIND";
    private static final String TRANSPORT_PROPERTY_ARG = "-Dspmd4j.transport=";
    private static final Set<String> CLASSPATH_JVM_ARGS = Set.of("-cp", "-classpath", "--class-path", "-jar");

    private final int np;
    private final List<String> classpath;
    private final Path jar;
    private final String mainClass;
    private final List<String> args;
    private final List<String> jvmArgs;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final boolean tagOutput;
    private final Duration timeout;
    private final Path java;
    private final String transport;
    private final boolean threads;
    private final boolean npGiven;
    private final Path hostfile;
    private final String hosts;
    private final Placement.MapBy mapBy;
    private final boolean oversubscribe;
    private final String ssh;
    private final RemoteStart remote;
    private final String tcpInterface;

    /** How ranks on other hosts are started ({@code --remote}). */
    public enum RemoteStart {
        /** srun inside a Slurm allocation when no hosts are given, else ssh. */
        AUTO,
        /** One ssh connection per host. */
        SSH,
        /** One srun step with a task per host (inside a Slurm allocation). */
        SRUN
    }

    private LaunchOptions(Builder b) {
        this.np = b.np;
        this.classpath = List.copyOf(b.classpath);
        this.jar = b.jar;
        this.mainClass = b.mainClass;
        this.args = List.copyOf(b.args);
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.workingDirectory = b.workingDirectory;
        this.tagOutput = b.tagOutput;
        this.timeout = b.timeout;
        this.java = b.java;
        this.transport = b.transport == null ? null : normalizedTransport(b.transport);
        this.threads = b.threads;
        this.npGiven = b.npGiven;
        this.hostfile = b.hostfile;
        this.hosts = b.hosts;
        this.mapBy = b.mapBy;
        this.oversubscribe = b.oversubscribe;
        this.ssh = b.ssh;
        this.remote = b.remote;
        this.tcpInterface = b.tcpInterface;
    }

    /**
     * Returns a builder with the defaults: one rank, no classpath, no timeout, untagged output, one JVM
     * per rank, the runtime's default transport.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Number of ranks ({@code -np}), at least 1; when {@link #npGiven()} is false and hosts are given,
     * the launcher runs one rank per slot instead.
     */
    public int np() {
        return np;
    }

    /** Whether {@code -np} was given. */
    public boolean npGiven() {
        return npGiven;
    }

    /** The hostfile ({@code --hostfile}); see {@link HostList} for its formats. */
    public Optional<Path> hostfile() {
        return Optional.ofNullable(hostfile);
    }

    /** The hosts of {@code --host h1,h2:4}, as given. */
    public Optional<String> hosts() {
        return Optional.ofNullable(hosts);
    }

    /** How ranks are dealt to hosts ({@code --map-by}); default slot. */
    public Placement.MapBy mapBy() {
        return mapBy;
    }

    /** Whether more ranks than slots may run ({@code --oversubscribe}). */
    public boolean oversubscribe() {
        return oversubscribe;
    }

    /** The ssh command, split like a shell ({@code --ssh}); empty means {@code $SPMD4J_SSH}, else the default. */
    public Optional<String> ssh() {
        return Optional.ofNullable(ssh);
    }

    /** How ranks on other hosts are started ({@code --remote}). */
    public RemoteStart remote() {
        return remote;
    }

    /**
     * The network the ranks use between hosts ({@code --tcp-if}): an interface name or a CIDR block, set in
     * every rank as {@code SPMD4J_TCP_BIND}; empty means the interface that faces the launcher.
     */
    public Optional<String> tcpInterface() {
        return Optional.ofNullable(tcpInterface);
    }

    /** User classpath entries as given ({@code -cp}); relative ones are relative to the launcher's directory. */
    public List<String> classpath() {
        return classpath;
    }

    /** The application jar ({@code -jar}); its manifest names the main class. */
    public Optional<Path> jar() {
        return Optional.ofNullable(jar);
    }

    /** The main class; empty when {@link #jar()} names it. */
    public Optional<String> mainClass() {
        return Optional.ofNullable(mainClass);
    }

    /** The program's arguments, the same for every rank. */
    public List<String> args() {
        return args;
    }

    /** Arguments for every rank's JVM ({@code --jvm-args}), placed before the classpath. */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** Variables set in every rank's environment ({@code -x}), on top of the launcher's environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Working directory of the ranks ({@code --wdir}); empty means the launcher's. */
    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** Whether every output line is prefixed with {@code [rank] } ({@code --tag-output}). */
    public boolean tagOutput() {
        return tagOutput;
    }

    /** Wall-clock limit of the whole job ({@code --timeout}); empty means none. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The java executable for the ranks; empty means {@code $SPMD4J_JAVA}, else the launcher's own. */
    public Optional<Path> java() {
        return Optional.ofNullable(java);
    }

    /**
     * The transport between rank processes ({@code --transport}): {@code auto}, {@code shm} or
     * {@code tcp}, set in every rank as {@code SPMD4J_TRANSPORT}; empty leaves the runtime's default,
     * {@code auto} (shared memory within a host, TCP between hosts).
     */
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    /**
     * Whether the ranks run as threads of one JVM ({@code --threads}) instead of one JVM each. They
     * then talk through the runtime's in-memory transport, and {@link #jvmArgs()} apply to that one JVM.
     */
    public boolean threads() {
        return threads;
    }

    private static String normalizedTransport(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** A builder preset with this object's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.np = np;
        b.classpath.addAll(classpath);
        b.jar = jar;
        b.mainClass = mainClass;
        b.args.addAll(args);
        b.jvmArgs.addAll(jvmArgs);
        b.environment.putAll(environment);
        b.workingDirectory = workingDirectory;
        b.tagOutput = tagOutput;
        b.timeout = timeout;
        b.java = java;
        b.transport = transport;
        b.threads = threads;
        b.npGiven = npGiven;
        b.hostfile = hostfile;
        b.hosts = hosts;
        b.mapBy = mapBy;
        b.oversubscribe = oversubscribe;
        b.ssh = ssh;
        b.remote = remote;
        b.tcpInterface = tcpInterface;
        return b;
    }

    @Override
    public String toString() {
        return "LaunchOptions[np=" + np + ", classpath=" + classpath + ", jar=" + jar + ", mainClass=" + mainClass
            + ", args=" + args + ", jvmArgs=" + jvmArgs + ", environment=" + environment.keySet()
            + ", workingDirectory=" + workingDirectory + ", tagOutput=" + tagOutput + ", timeout=" + timeout
            + ", java=" + java + ", transport=" + transport + ", threads=" + threads + ", hostfile=" + hostfile
            + ", hosts=" + hosts + ", mapBy=" + mapBy + ", oversubscribe=" + oversubscribe + ", ssh=" + ssh
            + ", remote=" + remote + ", tcpInterface=" + tcpInterface + "]";
    }

    /** Collects option values; not thread-safe. {@link #build()} validates them. */
    public static final class Builder {
        private int np = 1;
        private final List<String> classpath = new ArrayList<>();
        private Path jar;
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private boolean tagOutput;
        private Duration timeout;
        private Path java;
        private String transport;
        private boolean threads;
        private boolean npGiven;
        private Path hostfile;
        private String hosts;
        private Placement.MapBy mapBy = Placement.MapBy.SLOT;
        private boolean oversubscribe;
        private String ssh;
        private RemoteStart remote = RemoteStart.AUTO;
        private String tcpInterface;

        private Builder() {
        }

        /** Sets the number of ranks. */
        public Builder np(int n) {
            this.np = n;
            this.npGiven = true;
            return this;
        }

        /** Reads hosts and slots from a hostfile. */
        public Builder hostfile(Path file) {
            this.hostfile = file;
            return this;
        }

        /** Sets the hosts as {@code h1,h2:4}. */
        public Builder hosts(String list) {
            this.hosts = list;
            return this;
        }

        /** Sets how ranks are dealt to hosts. */
        public Builder mapBy(Placement.MapBy how) {
            this.mapBy = Objects.requireNonNull(how, "how");
            return this;
        }

        /** Allows more ranks than slots. */
        public Builder oversubscribe(boolean allow) {
            this.oversubscribe = allow;
            return this;
        }

        /** Sets the ssh command line, split like a shell would; {@code null} for the default. */
        public Builder ssh(String command) {
            this.ssh = command;
            return this;
        }

        /** Sets how ranks on other hosts are started. */
        public Builder remote(RemoteStart how) {
            this.remote = Objects.requireNonNull(how, "how");
            return this;
        }

        /** Sets the network of the ranks: an interface name or a CIDR block; {@code null} for the default. */
        public Builder tcpInterface(String nameOrCidr) {
            this.tcpInterface = nameOrCidr;
            return this;
        }

        /** Appends the entries of a classpath string separated by the platform's path separator. */
        public Builder classpath(String path) {
            for (String entry : path.split(File.pathSeparator, -1)) {
                if (!entry.isEmpty()) {
                    classpath.add(entry);
                }
            }
            return this;
        }

        /** Appends classpath entries. */
        public Builder classpath(Path... entries) {
            for (Path p : entries) {
                classpath.add(p.toString());
            }
            return this;
        }

        /** Runs the jar's manifest Main-Class with the jar on the classpath. */
        public Builder jar(Path applicationJar) {
            this.jar = applicationJar;
            return this;
        }

        /** Sets the main class by name. */
        public Builder mainClass(String className) {
            this.mainClass = className;
            return this;
        }

        /** Sets the main class; its location is not added to the classpath. */
        public Builder mainClass(Class<?> c) {
            return mainClass(c.getName());
        }

        /** Appends program arguments. */
        public Builder args(String... programArgs) {
            return args(Arrays.asList(programArgs));
        }

        /** Appends program arguments. */
        public Builder args(List<String> programArgs) {
            args.addAll(programArgs);
            return this;
        }

        /** Appends JVM arguments for every rank. */
        public Builder jvmArgs(String... arguments) {
            return jvmArgs(Arrays.asList(arguments));
        }

        /** Appends JVM arguments for every rank. */
        public Builder jvmArgs(List<String> arguments) {
            jvmArgs.addAll(arguments);
            return this;
        }

        /** Sets an environment variable in every rank. */
        public Builder export(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the ranks' working directory. */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Prefixes every output line with {@code [rank] }. */
        public Builder tagOutput(boolean tag) {
            this.tagOutput = tag;
            return this;
        }

        /** Limits the job's wall-clock time; {@code null} for none. */
        public Builder timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        /** Sets the java executable of the ranks. */
        public Builder java(Path executable) {
            this.java = executable;
            return this;
        }

        /**
         * Sets the transport between rank processes: {@code auto}, {@code shm} or {@code tcp} (any case);
         * {@code null} leaves the runtime's default. {@link #build()} checks the name.
         */
        public Builder transport(String name) {
            this.transport = name;
            return this;
        }

        /** Runs the ranks as threads of one JVM ({@code true}) or as one JVM each ({@code false}, the default). */
        public Builder threads(boolean asThreads) {
            this.threads = asThreads;
            return this;
        }

        /**
         * Validates and returns the options.
         *
         * @throws UsageException naming the first bad value and what to do about it
         */
        public LaunchOptions build() {
            if (np < 1) {
                throw new UsageException("-np " + np + ": the number of ranks must be at least 1; give -np N with N >= 1");
            }
            if (jar == null && (mainClass == null || mainClass.isBlank())) {
                throw new UsageException("no main class given; name it after the options, "
                    + "as in: spmdrun -np 4 -cp CLASSPATH MainClass [args...]");
            }
            if (jar != null && mainClass != null) {
                throw new UsageException("both -jar " + jar + " and main class " + mainClass
                    + " given; use one: -jar takes the main class from the jar's manifest");
            }
            if (mainClass != null && mainClass.startsWith("-")) {
                throw new UsageException("unknown option " + mainClass + "; spmdrun --help lists the options");
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new UsageException("--timeout " + timeout.toSeconds()
                    + ": the time limit must be at least 1 second; give --timeout SECONDS");
            }
            for (String name : environment.keySet()) {
                checkVariableName(name);
            }
            checkTransport();
            checkHosts();
            for (String a : jvmArgs) {
                if (CLASSPATH_JVM_ARGS.contains(a)) {
                    throw new UsageException("--jvm-args contains " + a + "; give the classpath with spmdrun's -cp "
                        + "or -jar instead");
                }
            }
            return new LaunchOptions(this);
        }

        private void checkHosts() {
            if (hostfile != null && hosts != null) {
                throw new UsageException("both --hostfile " + hostfile + " and --host " + hosts
                    + " given; give one of them");
            }
            if (threads && (hostfile != null || hosts != null)) {
                throw new UsageException("--threads with " + (hostfile != null ? "--hostfile" : "--host")
                    + ": ranks that run as threads share one JVM on this host; drop one of the two");
            }
            if (ssh != null) {
                ShellWords.split(ssh); // reports unclosed quotes now
                if (ssh.isBlank()) {
                    throw new UsageException("--ssh \"\": no command; give --ssh \"ssh -p 2222\" or leave it out");
                }
            }
            if (tcpInterface != null && tcpInterface.isBlank()) {
                throw new UsageException("--tcp-if \"\": no interface; give a name such as ib0 or a block "
                    + "such as 10.1.0.0/16");
            }
            if (tcpInterface != null && (environment.containsKey(TCP_BIND_VARIABLE))) {
                throw new UsageException("-x " + TCP_BIND_VARIABLE + " and --tcp-if " + tcpInterface
                    + " both choose the network; give only --tcp-if");
            }
        }

        private void checkTransport() {
            if (transport == null) {
                return;
            }
            String name = normalizedTransport(transport);
            if (!TRANSPORTS.contains(name)) {
                throw new UsageException("--transport " + transport + ": not a transport; give --transport "
                    + String.join(", ", TRANSPORTS.subList(0, TRANSPORTS.size() - 1)) + " or "
                    + TRANSPORTS.get(TRANSPORTS.size() - 1));
            }
            if (threads && !name.equals("auto")) {
                throw new UsageException("--transport " + transport + " with --threads: ranks that run as threads "
                    + "always talk through the in-memory transport; drop --transport or give --transport auto");
            }
            if (environment.containsKey(TRANSPORT_VARIABLE)) {
                throw new UsageException("-x " + TRANSPORT_VARIABLE + " and --transport " + transport
                    + " both choose the transport; give only --transport");
            }
            for (String a : jvmArgs) {
                if (a.startsWith(TRANSPORT_PROPERTY_ARG)) {
                    throw new UsageException("--jvm-args contains " + a + ", which would override --transport "
                        + transport + " in the ranks; give only --transport");
                }
            }
        }

        private static void checkVariableName(String name) {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new UsageException("-x " + name + ": not a valid environment variable name; "
                    + "give -x NAME or -x NAME=VALUE");
            }
            if (RESERVED_VARIABLES.contains(name)) {
                throw new UsageException("-x " + name + ": spmdrun sets this variable itself; remove the -x option");
            }
        }
    }
}
