package io.spmd4j.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The entry point of the one JVM of a {@code spmdrun --threads} job:
 * {@code ThreadsMain [--tag-output] <np> <main class> [args...]} runs ranks 0 to np-1 of the program
 * as threads {@code rank-0}, {@code rank-1}, ... of this JVM.
 *
 * <p><b>Isolation.</b> Every rank has a class loader of its own over {@code java.class.path}, whose
 * parent is the platform class loader, so the runtime, the program's classes and all their static
 * fields exist once per rank, as they do in separate processes. The ranks share only the
 * <em>fabric</em>, a concurrent map of JDK types (see {@link ThreadsContext}): the runtime's in-memory
 * transport finds its peers there, and {@link ThreadsContext#ABORT} ends the job. Each rank runs
 * {@link ThreadRank#run} in its loader, on a thread whose context class loader is that loader.
 *
 * <p><b>Life cycle.</b> Like {@link RankMain}, it first connects to the launcher ({@link LauncherLink}),
 * so that this JVM dies with the launcher; to the launcher it is rank 0 of a world of one, and it
 * publishes an empty card at once so that the rendezvous service keeps its control connection for as
 * long as the job runs. It exits with 0 once the {@code main} of every rank has returned, through
 * {@code System.exit}, so that threads a rank left running do not keep the job alive. The whole JVM,
 * and so the whole job, ends early when:
 * <ul>
 * <li>a rank's {@code main} throws: {@code Exception in thread "rank-R" ...} and exit code 1;</li>
 * <li>the main class or its {@code main} method is missing: one line and exit code 2;</li>
 * <li>a rank calls {@code System.exit(n)}: exit code n, for every rank, since they share the JVM
 *     (a rank process would end the job with n as well);</li>
 * <li>a rank aborts ({@code Spmd.abort}): the launcher is told the code and the message, which this JVM
 *     prefixes with the rank ({@link #abortMessage}), and the JVM halts with the code.</li>
 * </ul>
 *
 * <p><b>Standard streams.</b> {@code System.out} and {@code System.err} are replaced by streams that
 * collect what each thread writes into whole lines before passing them on, so that lines of different
 * ranks never mix; with {@code --tag-output} each line starts with {@code [R] }, R being the rank of
 * the thread that wrote it. A thread's rank is inherited ({@link InheritableThreadLocal}), so threads
 * that a rank starts, the runtime's progress thread included, write as that rank; other threads write
 * untagged lines. A partial line is held until its newline (a flush does not pass it on, as the
 * launcher holds a partial line of a rank process) and is written with a newline when the JVM exits.
 * {@code System.in} belongs to rank 0: the other ranks read end of file, as they do as processes.
 * Output written around {@code System.out} (to {@code FileDescriptor.out}) is not collected.
 */
public final class ThreadsMain {
    /** Option that tags every output line with the rank of the thread that wrote it. */
    public static final String TAG_OUTPUT = "--tag-output";
    /** Lines longer than this many bytes are passed on in pieces of this size, as the launcher does. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    /** The rank of the current thread, inherited by the threads it starts; {@code null} outside ranks. */
    private static final InheritableThreadLocal<Integer> RANK = new InheritableThreadLocal<>();

    private ThreadsMain() {
    }

    /** Runs the job; see the class comment. Does not return. */
    public static void main(String[] args) {
        int first = args.length > 0 && args[0].equals(TAG_OUTPUT) ? 1 : 0;
        if (args.length - first < 2) {
            usage("expected the number of ranks and a main class");
        }
        int np = parseRanks(args[first]);
        String mainClass = args[first + 1];
        String[] programArgs = Arrays.copyOfRange(args, first + 2, args.length);

        LauncherLink link = connect();
        Streams streams = Streams.install(first == 1);
        Map<String, Object> fabric = new ConcurrentHashMap<>();
        BiConsumer<Integer, String> abort = (code, message) -> abort(link, streams, code, message);
        fabric.put(ThreadsContext.ABORT, abort);

        URL[] classpath = classpath();
        List<Thread> ranks = new ArrayList<>(np);
        for (int r = 0; r < np; r++) {
            int rank = r;
            URLClassLoader loader = new URLClassLoader("rank-" + r, classpath, ClassLoader.getPlatformClassLoader());
            Thread t = new Thread(() -> runRank(rank, np, fabric, loader, mainClass, programArgs), "rank-" + r);
            t.setContextClassLoader(loader);
            ranks.add(t);
        }
        ranks.forEach(Thread::start);
        ranks.forEach(ThreadsMain::joinUninterruptibly);
        streams.flushPartialLines();
        if (link != null) {
            link.close();
        }
        System.exit(0);
    }

    /**
     * The abort message the launcher receives when rank {@code rank} aborts: {@code "rank R: MESSAGE"},
     * since the launcher's control connection names only this JVM.
     */
    public static String abortMessage(int rank, String message) {
        return "rank " + rank + ": " + message;
    }

    private static void usage(String problem) {
        System.err.println("spmd4j: ThreadsMain: " + problem + "; usage: ThreadsMain [" + TAG_OUTPUT
            + "] <number of ranks> <main class> [args...] (spmdrun --threads runs it)");
        System.exit(RankMain.EXIT_USAGE);
    }

    private static int parseRanks(String value) {
        try {
            int np = Integer.parseInt(value.trim());
            if (np >= 1) {
                return np;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("number of ranks " + value + " is not a whole number >= 1");
        return 0; // unreachable: usage exits
    }

    /**
     * Connects to the launcher when there is one and publishes an empty card; {@code null} when this JVM
     * was started without a launcher (then it is a job of its own, handy for debugging).
     */
    private static LauncherLink connect() {
        try {
            LauncherLink link = LauncherLink.get();
            if (link != null) {
                if (link.info().size() != 1) {
                    System.err.println("spmd4j: ThreadsMain must be the only process of its job, but "
                        + LaunchEnv.SIZE + "=" + link.info().size() + "; start it with spmdrun --threads");
                    System.exit(RankMain.EXIT_USAGE);
                }
                link.exchangeCards(new byte[0]);
            }
            return link;
        } catch (IOException | RuntimeException e) {
            System.err.println("spmd4j: cannot reach the launcher: " + e.getMessage());
            System.exit(LauncherLink.EXIT_LAUNCHER_LOST);
            return null; // unreachable: System.exit does not return
        }
    }

    /** The URLs of {@code java.class.path}, the classpath of every rank's class loader. */
    private static URL[] classpath() {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                urls.add(Paths.get(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                System.err.println("spmd4j: classpath entry " + entry + " cannot be used by the ranks: " + e);
                System.exit(RankMain.EXIT_USAGE);
            }
        }
        return urls.toArray(new URL[0]);
    }

    /** The body of thread {@code rank-R}: {@link ThreadRank#run} in the rank's own class loader. */
    private static void runRank(int rank, int size, Map<String, Object> fabric, ClassLoader loader, String mainClass,
        String[] args) {
        RANK.set(rank);
        try {
            Class<?> entry = Class.forName(ThreadRank.class.getName(), true, loader);
            Method run = entry.getMethod("run", int.class, int.class, Map.class, String.class, String[].class);
            run.invoke(null, rank, size, fabric, mainClass, args.clone());
        } catch (InvocationTargetException e) {
            failRank(e.getCause()); // ThreadRank itself failed; the program's exceptions it handles itself
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("spmd4j: cannot start rank " + rank + ": " + e
                + "; the classpath must hold spmd4j-runtime (spmdrun adds it)");
            System.exit(ThreadRank.EXIT_UNCAUGHT);
        }
    }

    private static void failRank(Throwable t) {
        System.err.print("Exception in thread \"" + Thread.currentThread().getName() + "\" ");
        t.printStackTrace();
        System.err.flush();
        System.exit(ThreadRank.EXIT_UNCAUGHT);
    }

    /** The {@link ThreadsContext#ABORT} hook: tells the launcher, then halts this JVM with {@code code}. */
    private static void abort(LauncherLink link, Streams streams, int code, String message) {
        Integer rank = RANK.get();
        String text = message == null ? "" : message;
        streams.flushPartialLines();
        if (link != null) {
            try {
                link.abort(code, rank == null ? text : abortMessage(rank, text));
            } catch (IOException e) {
                System.err.println("spmd4j: could not reach the launcher to abort: " + e.getMessage());
            }
        } else {
            System.err.println("spmd4j: " + (rank == null ? "the job" : "rank " + rank) + " called abort with code "
                + code + (text.isEmpty() ? "" : ": " + text));
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replaced standard streams of this JVM. */
    private static final class Streams {
        private final LineCollector out;
        private final LineCollector err;

        private Streams(LineCollector out, LineCollector err) {
            this.out = out;
            this.err = err;
        }

        /**
         * Replaces {@code System.out}, {@code System.err} and {@code System.in}, and registers a shutdown
         * hook that passes on partial lines when the JVM exits.
         */
        static Streams install(boolean tag) {
            Streams s = new Streams(new LineCollector(System.out, tag), new LineCollector(System.err, tag));
            System.setOut(new PrintStream(s.out, true, charset("stdout")));
            System.setErr(new PrintStream(s.err, true, charset("stderr")));
            System.setIn(new RankZeroInput(System.in));
            Runtime.getRuntime().addShutdownHook(new Thread(s::flushPartialLines, "spmd4j-threads-flush"));
            return s;
        }

        /** The charset the JVM's own stream uses: {@code stdout.encoding} (JDK 18+), else as JDK 17 chooses. */
        private static Charset charset(String stream) {
            for (String property : List.of(stream + ".encoding", "sun." + stream + ".encoding")) {
                String name = System.getProperty(property);
                if (name != null && Charset.isSupported(name)) {
                    return Charset.forName(name);
                }
            }
            return Charset.defaultCharset();
        }

        /** Passes on every partial line, each with a newline. */
        void flushPartialLines() {
            out.flushPartialLines();
            err.flushPartialLines();
        }
    }

    /**
     * One of {@code System.out} and {@code System.err}: collects each thread's bytes into lines and writes
     * every complete line, prefixed with its thread's rank when tagging, to the JVM's original stream in
     * one write under that stream's lock. Bytes pass unchanged. Thread-safe.
     */
    private static final class LineCollector extends OutputStream {
        private final PrintStream target;
        private final boolean tag;
        private final ThreadLocal<Line> lines = ThreadLocal.withInitial(this::newLine);
        /** Lines of any thread that hold bytes without their newline yet. */
        private final Set<Line> partial = ConcurrentHashMap.newKeySet();

        LineCollector(PrintStream target, boolean tag) {
            this.target = target;
            this.tag = tag;
        }

        private Line newLine() {
            Integer rank = RANK.get();
            String prefix = tag && rank != null ? "[" + rank + "] " : "";
            return new Line(prefix.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            Line line = lines.get();
            synchronized (line) {
                int start = off;
                int end = off + len;
                for (int i = off; i < end; i++) {
                    if (b[i] == '\n') {
                        line.write(b, start, i - start);
                        line.end();
                        start = i + 1;
                    } else if (line.size() + (i + 1 - start) >= MAX_LINE_BYTES) {
                        line.write(b, start, i + 1 - start);
                        line.end();
                        start = i + 1;
                    }
                }
                line.write(b, start, end - start);
                if (line.size() > 0) {
                    partial.add(line);
                } else {
                    partial.remove(line);
                }
                line.writeCompleteTo(target);
            }
        }

        @Override
        public void flush() {
            // complete lines are written at once; a partial line waits for its newline
        }

        void flushPartialLines() {
            for (Line line : partial) {
                synchronized (line) {
                    if (line.size() > 0) {
                        line.end();
                        line.writeCompleteTo(target);
                    }
                    partial.remove(line);
                }
            }
            synchronized (target) {
                target.flush();
            }
        }
    }

    /** The bytes of one thread's current line, and its complete lines not yet written. Guarded by itself. */
    private static final class Line extends ByteArrayOutputStream {
        private final byte[] prefix;
        private final Block complete = new Block();

        Line(byte[] prefix) {
            this.prefix = prefix;
        }

        /** Moves the current line, with its prefix and a newline, to the complete lines. */
        void end() {
            complete.write(prefix, 0, prefix.length);
            complete.write(buf, 0, count);
            complete.write('\n');
            reset();
        }

        /** Writes the complete lines to {@code target} in one block under its lock. */
        void writeCompleteTo(PrintStream target) {
            if (complete.size() == 0) {
                return;
            }
            synchronized (target) {
                complete.writeTo(target);
                target.flush();
            }
            complete.reset();
        }
    }

    /** A byte buffer that writes itself out without a copy. */
    private static final class Block extends ByteArrayOutputStream {
        void writeTo(PrintStream target) {
            target.write(buf, 0, count);
        }
    }

    /** {@code System.in} of the threads JVM: the real one for rank 0 and for threads of no rank, end of file for other ranks. */
    private static final class RankZeroInput extends InputStream {
        private final InputStream in;

        RankZeroInput(InputStream in) {
            this.in = in;
        }

        private static boolean mine() {
            Integer rank = RANK.get();
            return rank == null || rank == 0;
        }

        @Override
        public int read() throws IOException {
            return mine() ? in.read() : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (!mine()) {
                return len == 0 ? 0 : -1;
            }
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return mine() ? in.available() : 0;
        }

        @Override
        public void close() throws IOException {
            if (mine()) {
                in.close();
            }
        }
    }
}
