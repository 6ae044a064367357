package io.spmd4j.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The {@code spmdrun} command line: its options (Apache Commons CLI), parsing into a {@link Command},
 * and the help text. Option parsing stops at the main class, so everything after it, {@code --n 5}
 * included, belongs to the program. Stateless and thread-safe.
 */
public final class SpmdrunCommandLine {
    /** The one-line usage hint printed after an error. */
    public static final String USAGE_HINT =
        "usage: spmdrun [options] MainClass [args...]  or  spmdrun [options] -jar FILE [args...]; "
            + "spmdrun --help lists the options";

    private static final String SYNTAX = "spmdrun [options] MainClass [args...]\n"
        + "       spmdrun [options] -jar FILE [args...]";
    private static final String HEADER = "Starts N ranks of a Java SPMD program on this host, on the hosts of a "
        + "hostfile or --host (a node agent per host, started over ssh), or on the nodes of the Slurm allocation it "
        + "runs in (node agents started through srun); forwards their output line by line, forwards stdin to rank 0, "
        + "and ends the whole job as soon as one rank fails. Each rank is a JVM of its own, or, with --threads, a "
        + "thread of one shared JVM.\n\n";
    private static final String FOOTER = "\nEnvironment: JAVA_HOME and SPMD4J_JAVA_OPTS choose the launcher's JVM "
        + "(bin/spmdrun); SPMD4J_JAVA names the java executable of the ranks (default: the launcher's). "
        + "Every rank gets SPMD4J_RANK, SPMD4J_SIZE, SPMD4J_JOB_ID, SPMD4J_RENDEZVOUS, SPMD4J_SECRET and "
        + "SPMD4J_JOB_DIR (the job's shared-memory directory under spmd4j.shm.dir / SPMD4J_SHM_DIR, default /dev/shm, "
        + "which spmdrun removes when the job ends), and SPMD4J_TRANSPORT when --transport is given.\n"
        + "Exit status: 0 when every rank exits 0; else the code of the first rank that failed or aborted "
        + "(128+N for a rank killed by signal N); 2 for a bad command line; 124 when --timeout expired.";
    private static final int HELP_WIDTH = 100;

    private static final Option NP = Option.builder("n").longOpt("np").hasArg().argName("N")
        .desc("number of ranks to start (default 1); -np N works as well").build();
    private static final Option CLASSPATH = Option.builder("cp").longOpt("classpath").hasArg().argName("CP")
        .desc("classpath of the program, entries separated by '" + java.io.File.pathSeparator
            + "' (default: $CLASSPATH, else the current directory)").build();
    private static final Option JAR = Option.builder("jar").hasArg().argName("FILE")
        .desc("run the Main-Class named in the manifest of FILE; all remaining arguments go to the program").build();
    private static final Option JVM_ARGS = Option.builder().longOpt("jvm-args").hasArg().argName("ARGS")
        .desc("arguments for every rank's JVM, split like a shell would, e.g. \"-Xmx2g -Dk='a b'\"").build();
    private static final Option EXPORT = Option.builder("x").hasArg().argName("NAME[=VALUE]")
        .desc("set NAME in every rank's environment to VALUE or to the launcher's value; repeatable").build();
    private static final Option WDIR = Option.builder().longOpt("wdir").hasArg().argName("DIR")
        .desc("working directory of the ranks (default: the current directory)").build();
    private static final Option TAG_OUTPUT = Option.builder().longOpt("tag-output")
        .desc("prefix every line of output with [rank]").build();
    private static final Option TIMEOUT = Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
        .desc("kill the job after SECONDS of wall-clock time and exit with 124").build();
    private static final Option TRANSPORT = Option.builder().longOpt("transport").hasArg().argName("auto|shm|tcp")
        .desc("how rank processes talk: auto (shared memory within a host, TCP between hosts; the default), "
            + "shm (shared memory only) or tcp (TCP only); sets SPMD4J_TRANSPORT in every rank").build();
    private static final Option THREADS = Option.builder().longOpt("threads")
        .desc("run the N ranks as threads of one JVM, each with a class loader of its own, talking through "
            + "memory; --jvm-args then apply to that JVM, its environment says rank 0 of 1 (ranks learn who they "
            + "are from the runtime), and a rank that calls System.exit ends the whole job")
        .build();
    private static final Option HOSTFILE = Option.builder().longOpt("hostfile").hasArg().argName("FILE")
        .desc("run on the hosts of FILE, one per line: 'host slots=N' (Open MPI), 'host:N' (MPICH) or 'host' "
            + "(one slot); '#' starts a comment; -np defaults to the number of slots").build();
    private static final Option MACHINEFILE = Option.builder().longOpt("machinefile").hasArg().argName("FILE")
        .desc("the same as --hostfile").build();
    private static final Option HOST = Option.builder("H").longOpt("host").hasArg().argName("H1,H2:N")
        .desc("run on these hosts, each with 1 slot or N after ':'").build();
    private static final Option MAP_BY = Option.builder().longOpt("map-by").hasArg().argName("slot|node")
        .desc("slot: fill each host's slots before the next host (default); node: one rank per host in turn")
        .build();
    private static final Option OVERSUBSCRIBE = Option.builder().longOpt("oversubscribe")
        .desc("allow more ranks than slots").build();
    private static final Option SSH = Option.builder().longOpt("ssh").hasArg().argName("COMMAND")
        .desc("the ssh command with its options, split like a shell would (default: $" + HostPlan.SSH_VARIABLE
            + ", else \"" + HostPlan.DEFAULT_SSH + "\")").build();
    private static final Option REMOTE = Option.builder().longOpt("remote").hasArg().argName("auto|ssh|srun")
        .desc("how node agents start on other hosts: srun inside a Slurm allocation when no hosts are given, else "
            + "ssh (auto, the default); ssh; or srun").build();
    private static final Option TCP_IF = Option.builder().longOpt("tcp-if").hasArg().argName("IF|CIDR")
        .desc("the network between hosts: an interface name (ib0) or an address block (10.1.0.0/16); sets "
            + "SPMD4J_TCP_BIND in every rank").build();
    private static final Option VERSION = Option.builder().longOpt("version")
        .desc("print the version and exit").build();
    private static final Option HELP = Option.builder("h").longOpt("help")
        .desc("print this help and exit").build();

    private SpmdrunCommandLine() {
    }

    /** What a command line asks for. */
    public sealed interface Command permits Help, Version, Launch {
    }

    /** {@code --help}. */
    public record Help() implements Command {
    }

    /** {@code --version}. */
    public record Version() implements Command {
    }

    /** Launch a job with the given options. */
    public record Launch(LaunchOptions options) implements Command {
    }

    /** All options, in help order. */
    public static Options options() {
        Options o = new Options();
        for (Option opt : List.of(NP, CLASSPATH, JAR, JVM_ARGS, EXPORT, WDIR, TAG_OUTPUT, TIMEOUT, TRANSPORT, THREADS,
            HOSTFILE, MACHINEFILE, HOST, MAP_BY, OVERSUBSCRIBE, SSH, REMOTE, TCP_IF, VERSION, HELP)) {
            o.addOption((Option) opt.clone());
        }
        return o;
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments after {@code spmdrun}
     * @param env the launcher's environment, for {@code -x NAME} and the {@code CLASSPATH} default
     * @throws UsageException naming the first bad value
     */
    public static Command parse(String[] args, Map<String, String> env) {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).setStripLeadingAndTrailingQuotes(false)
                .build().parse(options(), args, true);
        } catch (MissingArgumentException e) {
            Option o = e.getOption();
            throw new UsageException(optionName(o) + " needs a value: give " + optionName(o) + " " + o.getArgName());
        } catch (ParseException e) {
            throw new UsageException(e.getMessage() + "; spmdrun --help lists the options");
        }
        if (cl.hasOption(HELP)) {
            return new Help();
        }
        if (cl.hasOption(VERSION)) {
            return new Version();
        }
        LaunchOptions.Builder b = LaunchOptions.builder();
        if (cl.hasOption(NP)) {
            b.np(parseCount(cl.getOptionValue(NP)));
        }
        List<String> positional = cl.getArgList();
        if (cl.hasOption(JAR)) {
            b.jar(Path.of(cl.getOptionValue(JAR))).args(positional);
        } else if (!positional.isEmpty()) {
            b.mainClass(positional.get(0)).args(positional.subList(1, positional.size()));
        }
        if (cl.hasOption(CLASSPATH)) {
            String cp = cl.getOptionValue(CLASSPATH);
            if (cp.isEmpty()) {
                throw new UsageException("-cp \"\": the classpath is empty; give -cp with at least one directory or jar");
            }
            b.classpath(cp);
        } else if (!cl.hasOption(JAR)) {
            String fromEnv = env.get("CLASSPATH");
            b.classpath(fromEnv == null || fromEnv.isEmpty() ? "." : fromEnv);
        }
        if (cl.hasOption(JVM_ARGS)) {
            b.jvmArgs(ShellWords.split(cl.getOptionValue(JVM_ARGS)));
        }
        for (String x : cl.getOptionValues(EXPORT) == null ? new String[0] : cl.getOptionValues(EXPORT)) {
            export(b, x, env);
        }
        if (cl.hasOption(WDIR)) {
            b.workingDirectory(Path.of(cl.getOptionValue(WDIR)));
        }
        b.tagOutput(cl.hasOption(TAG_OUTPUT));
        if (cl.hasOption(TIMEOUT)) {
            b.timeout(parseTimeout(cl.getOptionValue(TIMEOUT)));
        }
        if (cl.hasOption(TRANSPORT)) {
            b.transport(cl.getOptionValue(TRANSPORT));
        }
        b.threads(cl.hasOption(THREADS));
        if (cl.hasOption(HOSTFILE) || cl.hasOption(MACHINEFILE)) {
            if (cl.hasOption(HOSTFILE) && cl.hasOption(MACHINEFILE)) {
                throw new UsageException("both --hostfile and --machinefile given; give one of them");
            }
            b.hostfile(Path.of(cl.getOptionValue(cl.hasOption(HOSTFILE) ? HOSTFILE : MACHINEFILE)));
        }
        if (cl.hasOption(HOST)) {
            b.hosts(cl.getOptionValue(HOST));
        }
        if (cl.hasOption(MAP_BY)) {
            b.mapBy(Placement.MapBy.parse(cl.getOptionValue(MAP_BY)));
        }
        b.oversubscribe(cl.hasOption(OVERSUBSCRIBE));
        if (cl.hasOption(SSH)) {
            b.ssh(cl.getOptionValue(SSH));
        }
        if (cl.hasOption(REMOTE)) {
            b.remote(parseRemote(cl.getOptionValue(REMOTE)));
        }
        if (cl.hasOption(TCP_IF)) {
            b.tcpInterface(cl.getOptionValue(TCP_IF));
        }
        return new Launch(b.build());
    }

    private static LaunchOptions.RemoteStart parseRemote(String value) {
        try {
            return LaunchOptions.RemoteStart.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--remote " + value + ": not a way to start node agents; give --remote auto, "
                + "ssh or srun");
        }
    }

    private static int parseCount(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("-np " + value + ": not a number of ranks; give -np N with a whole number N >= 1");
        }
    }

    private static Duration parseTimeout(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout " + value + ": not a number of seconds; give --timeout SECONDS "
                + "with a whole number >= 1");
        }
        if (seconds < 1) {
            throw new UsageException("--timeout " + value + ": the time limit must be at least 1 second; "
                + "give --timeout SECONDS with a whole number >= 1");
        }
        return Duration.ofSeconds(seconds);
    }

    private static void export(LaunchOptions.Builder b, String spec, Map<String, String> env) {
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            String name = spec.substring(0, eq);
            if (name.isEmpty()) {
                throw new UsageException("-x " + spec + ": no variable name before '='; give -x NAME=VALUE");
            }
            b.export(name, spec.substring(eq + 1));
            return;
        }
        String value = env.get(spec);
        if (value == null) {
            throw new UsageException("-x " + spec + ": the launcher's environment has no variable " + spec
                + "; set it or give a value with -x " + spec + "=VALUE");
        }
        b.export(spec, value);
    }

    private static String optionName(Option o) {
        return o.getOpt() != null ? "-" + (o.getOpt().equals("n") ? "np" : o.getOpt()) : "--" + o.getLongOpt();
    }

    /** Writes the help text. */
    public static void printHelp(PrintWriter out) {
        HelpFormatter f = new HelpFormatter();
        f.setOptionComparator(null);
        f.printHelp(out, HELP_WIDTH, SYNTAX, HEADER, options(), 2, 3, FOOTER, false);
        out.flush();
    }

    /** The version of spmd4j this launcher belongs to. */
    public static String version() {
        try (InputStream in = SpmdrunCommandLine.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
