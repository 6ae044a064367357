package io.spmd4j.bootstrap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's rendezvous service: every rank connects, authenticates with the job secret, publishes
 * its card and receives all cards once the whole world has arrived. The connection then stays open
 * as the rank's control channel: a rank reports {@code abort} through it, and a rank that sees it
 * close knows that its launcher is gone and exits.
 *
 * <p>Run by the launcher (and, under a bare {@code srun}, by rank 0). Thread-safe; all work happens
 * on daemon threads of its own. Connections that fail the handshake are logged and closed; the job
 * goes on.
 */
public final class RendezvousServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RendezvousServer.class);

    /** Callbacks from the service's threads. Implementations must be thread-safe and quick. */
    public interface Listener {
        /** A rank asked for the whole job to end with {@code exitCode}. */
        default void onAbort(int rank, int exitCode, String message) {
        }

        /** A connection failed authentication or broke the protocol and was closed. */
        default void onRejected(String remoteAddress, String reason) {
        }

        /** Every rank has published its card and received the table. */
        default void onAllConnected() {
        }

        /**
         * The control connection of {@code rank} closed before the rank said it had finalized: the rank
         * died or exited early. A launcher that watches its processes can ignore this; the rendezvous
         * host of a bare {@code srun} step ends the job on it.
         */
        default void onLost(int rank) {
        }
    }

    private final int worldSize;
    private final JobSecret secret;
    private final Listener listener;
    private final ServerSocket server;
    private final byte[][] cards;
    private final DataOutputStream[] outs;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final boolean[] finished;
    private final Thread acceptor;
    private int arrived;
    private int finishedCount;
    private volatile boolean closed;

    /**
     * Binds the service to an ephemeral port of {@code bindAddress} and starts accepting.
     *
     * @param worldSize number of ranks that will connect
     * @param secret the job secret each rank must prove
     * @param bindAddress interface to listen on (loopback for a single-host job)
     * @param listener receiver of abort and rejection events
     */
    public RendezvousServer(int worldSize, JobSecret secret, InetAddress bindAddress, Listener listener)
        throws IOException {
        this(worldSize, secret, new InetSocketAddress(bindAddress, 0), listener);
    }

    /**
     * Binds the service to {@code bindAddress} (a port of 0 picks an ephemeral one) and starts accepting.
     *
     * @throws java.net.BindException when the port is taken
     */
    public RendezvousServer(int worldSize, JobSecret secret, InetSocketAddress bindAddress, Listener listener)
        throws IOException {
        if (worldSize < 1) {
            throw new IllegalArgumentException("world size must be at least 1, got " + worldSize);
        }
        this.worldSize = worldSize;
        this.secret = secret;
        this.listener = listener;
        this.cards = new byte[worldSize][];
        this.outs = new DataOutputStream[worldSize];
        this.finished = new boolean[worldSize];
        this.server = new ServerSocket();
        server.setReuseAddress(bindAddress.getPort() != 0); // a fixed port may have connections in TIME_WAIT
        try {
            server.bind(bindAddress, Math.max(50, worldSize));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::acceptLoop, "spmd4j-rendezvous-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address ranks connect to, formatted for {@link LaunchEnv#RENDEZVOUS} by {@link #endpoint()}. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** {@code host:port} of the service. */
    public String endpoint() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("rendezvous accept failed: {}", e.toString());
                }
                return;
            }
            sockets.add(s);
            Thread t = new Thread(() -> serve(s), "spmd4j-rendezvous-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        String remote = String.valueOf(s.getRemoteSocketAddress());
        int rank = -1;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Handshake.CONTROL_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            Handshake.Peer peer = Handshake.accept(in, out, secret);
            if (peer.purpose() != Handshake.PURPOSE_RENDEZVOUS) {
                throw new Handshake.HandshakeException("unexpected connection purpose " + peer.purpose());
            }
            rank = peer.rank();
            if (rank < 0 || rank >= worldSize) {
                throw new Handshake.HandshakeException("rank " + rank + " outside 0.." + (worldSize - 1));
            }
            s.setSoTimeout(0); // authenticated: the rank may run for any time before Spmd.init sends its card
            byte[] card = RendezvousProtocol.read(in, RendezvousProtocol.MAX_CARD_BYTES);
            if (card[0] == RendezvousProtocol.ABORT) { // abort before init: no card will come
                handleAbort(rank, card);
                controlLoop(rank, in);
                return;
            }
            if (card[0] != RendezvousProtocol.CARD) {
                throw new Handshake.HandshakeException("expected a card from rank " + rank + ", got type " + card[0]);
            }
            register(rank, java.util.Arrays.copyOfRange(card, 1, card.length), out);
            controlLoop(rank, in);
        } catch (Handshake.HandshakeException e) {
            LOG.warn("rendezvous: rejected connection from {}: {}", remote, e.getMessage());
            listener.onRejected(remote, e.getMessage());
            closeQuietly(s);
        } catch (EOFException | SocketException e) {
            closeQuietly(s); // the rank exited or was killed; the launcher learns that from the process
            if (rank >= 0 && !closed && !hasFinished(rank)) {
                listener.onLost(rank);
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("rendezvous: connection of rank {} from {} failed: {}", rank, remote, e.toString());
                listener.onRejected(remote, e.toString());
            }
            closeQuietly(s);
        }
    }

    private void register(int rank, byte[] card, DataOutputStream out) throws IOException {
        byte[] table = null;
        synchronized (this) {
            if (cards[rank] != null) {
                throw new Handshake.HandshakeException("rank " + rank + " connected twice");
            }
            cards[rank] = card;
            outs[rank] = out;
            arrived++;
            if (arrived == worldSize) {
                table = encodeTable();
            }
        }
        if (table != null) {
            for (DataOutputStream o : outs) {
                try {
                    RendezvousProtocol.write(o, RendezvousProtocol.TABLE, table);
                } catch (IOException e) {
                    LOG.debug("rendezvous: could not send the table: {}", e.toString());
                }
            }
            listener.onAllConnected();
        }
    }

    private byte[] encodeTable() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        try {
            d.writeInt(worldSize);
            for (byte[] c : cards) {
                d.writeInt(c.length);
                d.write(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private void controlLoop(int rank, DataInputStream in) throws IOException {
        while (!closed) {
            byte[] msg = RendezvousProtocol.read(in, RendezvousProtocol.MAX_CARD_BYTES);
            if (msg[0] == RendezvousProtocol.ABORT) {
                handleAbort(rank, msg);
            } else if (msg[0] == RendezvousProtocol.BYE) {
                markFinished(rank);
            } else {
                throw new IOException("unexpected control message type " + msg[0] + " from rank " + rank);
            }
        }
    }

    private void handleAbort(int rank, byte[] msg) throws IOException {
        RendezvousProtocol.Abort a;
        try {
            a = RendezvousProtocol.decodeAbort(msg);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " from rank " + rank, e);
        }
        listener.onAbort(rank, a.exitCode(), a.message());
    }

    private synchronized void markFinished(int rank) {
        if (!finished[rank]) {
            finished[rank] = true;
            finishedCount++;
            notifyAll();
        }
    }

    private synchronized boolean hasFinished(int rank) {
        return finished[rank];
    }

    /**
     * Waits until every rank has said that it finalized, or until {@code timeoutMs} passed or the service
     * closed; returns whether all did.
     */
    public synchronized boolean awaitFinished(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (finishedCount < worldSize && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return finishedCount == worldSize;
    }

    /**
     * Waits until at least one rank has said that it finalized, or until {@code timeoutMs} passed or the
     * service closed; returns whether one did. A launcher uses it to tell the end of a job (every rank is past
     * the finalize barrier, so the first report follows soon) from a fault.
     */
    public synchronized boolean awaitAnyFinished(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (finishedCount == 0 && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return finishedCount > 0;
    }

    /** Ranks that have not yet published their card, for diagnostics of a stuck start-up. */
    public synchronized List<Integer> missingRanks() {
        List<Integer> missing = new ArrayList<>();
        for (int r = 0; r < worldSize; r++) {
            if (cards[r] == null) {
                missing.add(r);
            }
        }
        return missing;
    }

    /**
     * Tells every rank that has published its card to end at once (they exit without waiting for their
     * control connection to close), then {@link #close()}s. Used by the rendezvous host of a bare srun step,
     * which is rank {@code selfRank} and is told last, since the message ends its own process too.
     */
    public void end(int selfRank) {
        List<DataOutputStream> targets = new ArrayList<>();
        synchronized (this) {
            for (int r = 0; r < worldSize; r++) {
                if (outs[r] != null && r != selfRank) {
                    targets.add(outs[r]);
                }
            }
            if (selfRank >= 0 && selfRank < worldSize && outs[selfRank] != null) {
                targets.add(outs[selfRank]);
            }
        }
        for (DataOutputStream o : targets) {
            try {
                RendezvousProtocol.write(o, RendezvousProtocol.END, new byte[0]);
            } catch (IOException e) {
                LOG.debug("rendezvous: could not send the end message: {}", e.toString());
            }
        }
        close();
    }

    /** Stops accepting and closes every control connection, which makes the ranks exit. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        closeQuietly(server);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on a failure path; nothing more to do
        }
    }
}
