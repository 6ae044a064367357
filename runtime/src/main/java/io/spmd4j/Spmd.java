package io.spmd4j;

import io.spmd4j.bootstrap.BindAddress;
import io.spmd4j.bootstrap.LaunchInfo;
import io.spmd4j.bootstrap.LauncherLink;
import io.spmd4j.bootstrap.ThreadsContext;
import io.spmd4j.codec.JavaSerializationCodec;
import io.spmd4j.codec.ObjectCodec;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import io.spmd4j.transport.SelfTransport;
import io.spmd4j.transport.local.LocalTransport;
import io.spmd4j.transport.shm.ShmJobDirectory;
import io.spmd4j.transport.shm.ShmTransport;
import io.spmd4j.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of an SPMD program: initialisation and shutdown (MPI_Init / MPI_Finalize), the world
 * communicator, timers and process information.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     try (Spmd spmd = Spmd.init(args)) {
 *         Comm world = Spmd.world();
 *         System.out.println("hello from " + world.rank() + " of " + world.size());
 *     }
 * }
 * }</pre>
 *
 * A program started by {@code spmdrun} joins its job; one started as a task of {@code srun -n N}
 * without spmdrun joins its job step (see {@link io.spmd4j.bootstrap.SlurmRendezvous}); one started
 * with plain {@code java} is a world of size 1. {@link #init} and {@link #close} are called once per process, from any one thread.
 */
public final class Spmd implements AutoCloseable {
    /** Wildcard source for receives and probes (MPI_ANY_SOURCE). */
    public static final int ANY_SOURCE = Engine.ANY_SOURCE;
    /** Wildcard tag for receives and probes (MPI_ANY_TAG). */
    public static final int ANY_TAG = Engine.ANY_TAG;
    /** The null process: sends to it and receives from it complete at once (MPI_PROC_NULL). */
    public static final int PROC_NULL = Engine.PROC_NULL;
    /** "No value": the color that gives no communicator in a split, a rank outside a group (MPI_UNDEFINED). */
    public static final int UNDEFINED = -32766;
    /** Largest valid tag (MPI_TAG_UB). */
    public static final int TAG_UB = Integer.MAX_VALUE;
    /** Time for orderly shutdown to flush queued data before closing connections. */
    static final long FINALIZE_FLUSH_MS = 30_000;
    /** Exit code of a job that a rank ends because it cannot finalize after a communication failure. */
    static final int FAILURE_EXIT_CODE = 1;

    private static Spmd current;
    private static volatile boolean finalized;
    private static volatile ObjectCodec codec = JavaSerializationCodec.create();

    private final Engine engine;
    private final Comm world;
    private final Comm self;
    private final LauncherLink link;
    private final String processorName;
    private boolean closed;

    private Spmd(Engine engine, LauncherLink link) {
        this.engine = engine;
        this.link = link;
        this.world = Comm.world(engine);
        this.self = world.self();
        this.processorName = hostName();
    }

    /**
     * Initialises spmd4j (MPI_Init) and returns the handle that finalizes it when closed.
     *
     * @param args the program's arguments (unchanged; accepted for symmetry with MPI_Init)
     * @throws MpiException ERR_OTHER when already initialised or when wire-up fails
     */
    public static synchronized Spmd init(String[] args) {
        if (current != null) {
            throw new MpiException(ErrorClass.ERR_OTHER, "spmd4j is already initialized in this process");
        }
        if (finalized) {
            throw new MpiException(ErrorClass.ERR_OTHER, "spmd4j was finalized and cannot be initialized again");
        }
        Config config;
        try {
            config = Config.fromSystem();
        } catch (IllegalArgumentException e) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid setting: " + e.getMessage(), e);
        }
        try {
            ThreadsContext threads = ThreadsContext.current();
            LauncherLink link = threads != null ? null : LauncherLink.get();
            Engine engine;
            if (threads != null) {
                LocalTransport transport = new LocalTransport(config, threads.rank(), threads.size(), threads.fabric());
                engine = new Engine(threads.rank(), threads.size(), config, transport);
                engine.start();
                transport.awaitPeers();
            } else if (link == null) {
                engine = new Engine(0, 1, config, new SelfTransport());
                engine.start();
            } else {
                LaunchInfo info = link.info();
                Transport transport = transport(config, link, info);
                engine = new Engine(info.rank(), info.size(), config, transport);
                engine.start();
                List<byte[]> cards = link.exchangeCards(transport.card());
                transport.peers(cards);
            }
            engine.oversubscribed(engine.transportRanksOnThisHost() > Runtime.getRuntime().availableProcessors());
            current = new Spmd(engine, link);
            return current;
        } catch (IOException | IllegalStateException e) {
            throw new MpiException(ErrorClass.ERR_OTHER, "spmd4j initialization failed: " + e.getMessage(), e);
        }
    }

    /** The transport that {@code spmd4j.transport} selects for a launched rank. */
    private static Transport transport(Config config, LauncherLink link, LaunchInfo info) throws IOException {
        TcpTransport tcp = null;
        if (config.transport() != Config.TransportKind.SHM) {
            InetAddress bind = config.tcpBind() != null ? BindAddress.resolve("spmd4j.tcp.bind", config.tcpBind())
                : link.localAddress();
            tcp = new TcpTransport(config, info.rank(), info.size(), info.secret(), bind);
            if (config.transport() == Config.TransportKind.TCP) {
                return tcp;
            }
        }
        Path dir = ShmJobDirectory.ofRank(config, System.getenv(), info.jobId());
        return new ShmTransport(config, info.rank(), info.size(), info.secret(), dir, tcp);
    }

    /** Initialises with no arguments. */
    public static Spmd init() {
        return init(new String[0]);
    }

    /** True between {@link #init} and {@link #close} (MPI_Initialized). */
    public static synchronized boolean initialized() {
        return current != null;
    }

    /** True after {@link #close} (MPI_Finalized). */
    public static boolean isFinalized() {
        return finalized;
    }

    private static synchronized Spmd current() {
        if (current == null) {
            throw new MpiException(ErrorClass.ERR_NOT_INITIALIZED, finalized
                ? "spmd4j has been finalized" : "spmd4j is not initialized; call Spmd.init(args) first");
        }
        return current;
    }

    /** The world communicator: every rank of the job (MPI_COMM_WORLD). */
    public static Comm world() {
        return current().world;
    }

    /** The communicator of this rank alone (MPI_COMM_SELF). */
    public static Comm self() {
        return current().self;
    }

    /** Wall-clock time in seconds with nanosecond resolution, for intervals (MPI_Wtime). */
    public static double wtime() {
        return System.nanoTime() * 1e-9;
    }

    /** Resolution of {@link #wtime()} in seconds (MPI_Wtick). */
    public static double wtick() {
        return 1e-9;
    }

    /** Name of the host this rank runs on (MPI_Get_processor_name). */
    public static String processorName() {
        return current().processorName;
    }

    /** The object codec used by object messages on this rank. */
    public static ObjectCodec codec() {
        return codec;
    }

    /** Replaces the object codec; every rank must use a compatible one. */
    public static void codec(ObjectCodec newCodec) {
        if (newCodec == null) {
            throw new IllegalArgumentException("codec must not be null");
        }
        codec = newCodec;
    }

    /**
     * Ends the whole job with {@code exitCode} (MPI_Abort): the launcher stops every rank and exits
     * with this code. Does not return.
     */
    public static void abort(int exitCode, String message) {
        System.out.flush();
        System.err.flush();
        try {
            ThreadsContext threads = ThreadsContext.current();
            LauncherLink link = threads != null ? null : LauncherLink.get();
            if (threads != null) {
                threads.abort(exitCode, message); // the runner ends the whole JVM
            } else if (link != null) {
                link.abort(exitCode, message);
            }
        } catch (IOException e) {
            System.err.println("spmd4j: could not reach the launcher to abort: " + e.getMessage());
        }
        Runtime.getRuntime().halt(exitCode);
    }

    /** Ends the whole job with {@code exitCode}; see {@link #abort(int, String)}. */
    public static void abort(int exitCode) {
        abort(exitCode, "abort called");
    }

    /**
     * Finalizes (MPI_Finalize): waits for every rank at a barrier, flushes queued data and closes
     * connections. Every request must be complete. Idempotent.
     *
     * <p>After a communication failure of this rank (a connection that could not be made or broke; the
     * operation that met it raised an {@link MpiException} of class {@link ErrorClass#ERR_TRANSPORT}),
     * the job cannot finalize in order, and waiting at the barrier would hang while the other ranks wait
     * for this one. Then close, where the failure arose in this rank (a connection it could not make, a
     * protocol error), asks the launcher to end the job with exit code {@value #FAILURE_EXIT_CODE} and a
     * message naming the failure, as MPI's default error handler would (where a peer closed or reset a
     * connection, that peer's end is what the launcher reports); it releases the rank's resources without
     * telling the launcher that the rank finalized and throws an {@link MpiException} with that message (in a
     * {@code try (Spmd s = Spmd.init(args))} block the failure that ended the block propagates, with this
     * one suppressed).
     */
    @Override
    public void close() {
        synchronized (Spmd.class) {
            if (closed) {
                return;
            }
            closed = true;
        }
        MpiException failure = engine.failure();
        if (failure != null) {
            String why = "rank " + world.rank() + " cannot finalize after a communication failure: "
                + failure.getMessage();
            try {
                if (link != null && engine.failureAroseHere()) {
                    link.abort(FAILURE_EXIT_CODE, why); // before the connections close, so this rank is named
                }
            } catch (IOException e) {
                // the launcher is gone, and this rank's watchdog ends it
            } finally {
                engine.close();
                synchronized (Spmd.class) {
                    current = null;
                    finalized = true;
                }
            }
            throw new MpiException(ErrorClass.ERR_TRANSPORT, why);
        }
        try {
            engine.beginClose();
            world.barrier();
            engine.flush(FINALIZE_FLUSH_MS);
        } finally {
            engine.close();
            if (link != null) {
                link.finalized();
            }
            synchronized (Spmd.class) {
                current = null;
                finalized = true;
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
