package io.spmd4j.bootstrap;

import io.spmd4j.engine.Config;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A rank's control connection to the job's rendezvous service. Opened as early as possible (by
 * {@link RankMain} before the user's {@code main}), it doubles as a watchdog: a daemon thread reads
 * it, and when it closes while the rank is still running the launcher is gone, so the rank halts at
 * once. This is how no rank outlives a launcher killed with SIGKILL. Before halting, the watchdog
 * removes the job's shared-memory directory ({@link LaunchEnv#JOB_DIR}), which the dead launcher can
 * no longer remove; every rank of the job tries, and the races between them are harmless.
 *
 * <p>A task of a bare {@code srun} step (no spmdrun; see {@link SlurmEnv}) has no launcher: its link
 * goes to the rendezvous service that the first task on the step's first node runs
 * ({@link SlurmRendezvous}). That service plays the launcher's part in supervision: when a rank
 * aborts or dies before it finalized, it tells every other rank to end, and each exits with
 * {@link #EXIT_JOB_ENDED}, so that {@code srun} (which returns the highest exit code of its tasks)
 * reports the failing rank's own code.
 *
 * <p>One per process ({@link #get()}); thread-safe.
 */
public final class LauncherLink implements AutoCloseable {
    /** Exit code of a rank that lost its launcher. */
    public static final int EXIT_LAUNCHER_LOST = 129;
    /** Exit code of a rank of a bare {@code srun} step that another rank's failure ended. */
    public static final int EXIT_JOB_ENDED = 1;
    /** Longest time the rendezvous host of a bare {@code srun} step waits at finalize for the others. */
    static final long FINALIZE_WAIT_MS = 60_000;
    /**
     * Times the watchdog tries to remove the job directory: a rank of the job that has not yet noticed
     * the launcher's death may still add a file between one rank's listing and its final delete.
     */
    private static final int JOB_DIR_REMOVE_ATTEMPTS = 5;

    private static LauncherLink instance;

    private final LaunchInfo info;
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final CompletableFuture<List<byte[]>> table = new CompletableFuture<>();
    /** The step's rendezvous service when this rank hosts it (bare srun), else null. */
    private final RendezvousServer hostedServer;
    private final boolean slurmStep;
    /** The job's shared-memory directory, removed when the rank halts; null when unknown. */
    private final String jobDirectory;
    private volatile boolean closing;

    private LauncherLink(LaunchInfo info) throws IOException {
        this(info, connect(info), null, false);
    }

    /**
     * A link over {@code socket}, on which the handshake has succeeded.
     *
     * @param hostedServer the service this rank runs for its srun step, or null
     * @param slurmStep whether the rank belongs to a bare srun step rather than to a launcher
     */
    LauncherLink(LaunchInfo info, Socket socket, RendezvousServer hostedServer, boolean slurmStep)
        throws IOException {
        this.info = info;
        this.socket = socket;
        this.hostedServer = hostedServer;
        this.slurmStep = slurmStep;
        this.jobDirectory = slurmStep ? slurmJobDirectory(info) : System.getenv(LaunchEnv.JOB_DIR);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        socket.setSoTimeout(0);
        Thread watchdog = new Thread(this::readLoop, "spmd4j-launcher-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The shared-memory directory the ranks of a bare srun step use (no launcher chose one); null if unknown. */
    private static String slurmJobDirectory(LaunchInfo info) {
        try {
            return ShmJobDirectory.ofRank(Config.fromSystem(), System.getenv(), info.jobId()).toString();
        } catch (IllegalArgumentException e) {
            return null; // a bad setting: Spmd.init reports it
        }
    }

    /**
     * Connects to the launcher's rendezvous service and authenticates; returns the open socket. A failure
     * names the address and the variable it came from: nothing listening there (the launcher is gone, or
     * the address is wrong), or a process that is not the job's service (it speaks another protocol or
     * does not know the job secret: the port is taken by someone else).
     */
    private static Socket connect(LaunchInfo info) throws IOException {
        Socket socket = new Socket();
        String where = "the rendezvous service at " + info.rendezvous() + " (" + LaunchEnv.RENDEZVOUS + ")";
        try {
            socket.setTcpNoDelay(true);
            socket.connect(info.rendezvous(), Handshake.CONTROL_TIMEOUT_MS);
            socket.setSoTimeout(Handshake.CONTROL_TIMEOUT_MS);
            Handshake.initiate(socket.getInputStream(), new BufferedOutputStream(socket.getOutputStream()), info.secret(),
                Handshake.PURPOSE_RENDEZVOUS, info.rank());
            return socket;
        } catch (ConnectException e) {
            socket.close();
            throw new IOException("rank " + info.rank() + " cannot reach " + where + ": " + e.getMessage()
                + "; nothing listens there: the launcher has ended, or the address is wrong (start the ranks with"
                + " spmdrun, which sets it)", e);
        } catch (IOException e) {
            socket.close();
            throw new IOException("rank " + info.rank() + " cannot join " + where + ": " + e.getMessage()
                + "; the process listening there is not this job's rendezvous service (the port is taken by another"
                + " program, or the job secret " + LaunchEnv.SECRET + " does not match): start the ranks with spmdrun,"
                + " which picks a free port, or give " + LaunchEnv.RENDEZVOUS + " the address of this job's service",
                e);
        }
    }

    /**
     * Returns the process's link, connecting it on first use; {@code null} when this process was
     * neither started by a launcher nor is a task of a Slurm step (a singleton world).
     */
    public static synchronized LauncherLink get() throws IOException {
        if (instance == null) {
            Map<String, String> env = System.getenv();
            if (LaunchEnv.isLaunched(env)) {
                instance = new LauncherLink(LaunchInfo.fromEnvironment(env));
            } else {
                Optional<SlurmEnv> slurm = SlurmEnv.detect(env);
                if (slurm.isPresent() && slurm.get().size() > 1) {
                    instance = SlurmRendezvous.join(slurm.get(), env);
                }
            }
        }
        return instance;
    }

    /**
     * Tells the rendezvous service that this rank has finalized (MPI_Finalize), so that its connection
     * may close without ending the job. In a bare srun step the rank no longer needs the service
     * afterwards, and the rank that hosts it keeps it until every rank has finalized (at most
     * {@link #FINALIZE_WAIT_MS}), so that no rank loses it while still finalizing.
     */
    public void finalized() {
        try {
            RendezvousProtocol.write(out, RendezvousProtocol.BYE, new byte[0]);
        } catch (IOException e) {
            return; // the service is gone: nothing to tell
        }
        if (!slurmStep) {
            return; // the launcher closes the connection once every rank has exited
        }
        closing = true;
        if (hostedServer != null) {
            try {
                hostedServer.awaitFinished(FINALIZE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The local address of the control connection: the interface that faces the launcher. */
    public java.net.InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /** Who this rank is, as the launcher said. */
    public LaunchInfo info() {
        return info;
    }

    /** Publishes this rank's card and blocks until every rank's card is known; index = rank. */
    public List<byte[]> exchangeCards(byte[] card) throws IOException {
        RendezvousProtocol.write(out, RendezvousProtocol.CARD, card);
        try {
            return table.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the other ranks", e);
        } catch (ExecutionException e) {
            throw new IOException("lost the rendezvous service while waiting for the other ranks", e.getCause());
        }
    }

    /** Asks the launcher to end the whole job with {@code exitCode}; returns once the request is sent. */
    public void abort(int exitCode, String message) throws IOException {
        closing = true;
        RendezvousProtocol.write(out, RendezvousProtocol.ABORT, RendezvousProtocol.abortPayload(exitCode, message));
    }

    private void readLoop() {
        try {
            while (true) {
                byte[] msg = RendezvousProtocol.read(in, RendezvousProtocol.MAX_PAYLOAD_BYTES);
                if (msg[0] == RendezvousProtocol.TABLE) {
                    table.complete(RendezvousProtocol.decodeTable(msg, info.size()));
                } else if (msg[0] == RendezvousProtocol.END) {
                    table.completeExceptionally(new IOException("the job ended"));
                    if (!closing) {
                        removeJobDirectory(jobDirectory);
                        Runtime.getRuntime().halt(EXIT_JOB_ENDED);
                    }
                    return;
                } else {
                    throw new IOException("unexpected message type " + msg[0] + " from the rendezvous service");
                }
            }
        } catch (IOException e) {
            table.completeExceptionally(e);
            if (!closing) {
                String why = e.getMessage() != null ? e.getMessage() : "connection closed";
                System.err.println("spmd4j: rank " + info.rank() + " lost its "
                    + (slurmStep ? "step's rendezvous host" : "launcher") + " (" + why + "); exiting");
                System.err.flush();
                removeJobDirectory(jobDirectory);
                Runtime.getRuntime().halt(slurmStep ? EXIT_JOB_ENDED : EXIT_LAUNCHER_LOST);
            }
        }
    }

    /**
     * Removes the job's shared-memory directory on behalf of a launcher that is gone; best effort.
     * Several ranks do this at once: one that finds the directory (or a file in it) already removed goes
     * on, and one that finds a file added meanwhile tries again.
     *
     * @param dir the value of {@link LaunchEnv#JOB_DIR}, or {@code null} when the launcher set none
     */
    static void removeJobDirectory(String dir) {
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path path = Paths.get(dir);
        for (int attempt = 1; attempt <= JOB_DIR_REMOVE_ATTEMPTS; attempt++) {
            try {
                ShmJobDirectory.deleteRecursively(path);
                return;
            } catch (DirectoryNotEmptyException e) {
                Thread.onSpinWait(); // another rank added a file after our listing: list again
            } catch (IOException | RuntimeException e) {
                System.err.println("spmd4j: could not remove the job directory " + dir + " (" + e + ")");
                System.err.flush();
                return;
            }
        }
    }

    /** Closes the control connection without halting the process (used at finalize). Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
