package io.spmd4j.bootstrap;

import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * <p>One per process ({@link #get()}); thread-safe.
 */
public final class LauncherLink implements AutoCloseable {
    /** Exit code of a rank that lost its launcher. */
    public static final int EXIT_LAUNCHER_LOST = 129;
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
    private volatile boolean closing;

    private LauncherLink(LaunchInfo info) throws IOException {
        this.info = info;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(info.rendezvous(), Handshake.DEFAULT_TIMEOUT_MS);
        socket.setSoTimeout(Handshake.DEFAULT_TIMEOUT_MS);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        Handshake.initiate(in, out, info.secret(), Handshake.PURPOSE_RENDEZVOUS, info.rank());
        socket.setSoTimeout(0);
        Thread watchdog = new Thread(this::readLoop, "spmd4j-launcher-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Returns the process's link, connecting it on first use; {@code null} when this process was not
     * started by a launcher (a singleton world).
     */
    public static synchronized LauncherLink get() throws IOException {
        if (instance == null && LaunchEnv.isLaunched(System.getenv())) {
            instance = new LauncherLink(LaunchInfo.fromEnvironment(System.getenv()));
        }
        return instance;
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
                    table.complete(decodeTable(msg));
                } else {
                    throw new IOException("unexpected message type " + msg[0] + " from the rendezvous service");
                }
            }
        } catch (IOException e) {
            table.completeExceptionally(e);
            if (!closing) {
                String why = e.getMessage() != null ? e.getMessage() : "connection closed";
                System.err.println("spmd4j: rank " + info.rank() + " lost its launcher (" + why + "); exiting");
                System.err.flush();
                removeJobDirectory(System.getenv(LaunchEnv.JOB_DIR));
                Runtime.getRuntime().halt(EXIT_LAUNCHER_LOST);
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

    private List<byte[]> decodeTable(byte[] msg) throws IOException {
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(msg, 1, msg.length - 1));
        int n = d.readInt();
        if (n != info.size()) {
            throw new IOException("rendezvous table has " + n + " ranks, expected " + info.size());
        }
        List<byte[]> cards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = d.readInt();
            if (len < 0 || len > RendezvousProtocol.MAX_CARD_BYTES) {
                throw new IOException("card of rank " + i + " has length " + len);
            }
            cards.add(d.readNBytes(len));
        }
        return cards;
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
