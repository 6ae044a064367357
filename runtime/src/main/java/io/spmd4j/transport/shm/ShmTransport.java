package io.spmd4j.transport.shm;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import io.spmd4j.transport.ring.ByteRing;
import io.spmd4j.transport.ring.RingConnection;
import io.spmd4j.transport.ring.RingPoller;
import io.spmd4j.transport.tcp.TcpTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared memory between the ranks of one host, TCP (optionally) to the others.
 *
 * <p><b>Files.</b> Everything lives in the job directory ({@link ShmJobDirectory}, mode 0700): each rank
 * listens on a UNIX-domain socket {@code rank-<r>.sock} (mode 0600). A rank's first message to a peer
 * on the same host creates {@code conn-<from>-<to>} (0600) holding two {@link ByteRing}s, the forward
 * ring for its data and a small reverse ring for the peer's CTS answers, maps it, connects to the
 * peer's socket, proves the job secret ({@link Handshake}), and waits until the peer has mapped the
 * file too; then it unlinks the file. So a mapped ring file exists on disk only during that handshake,
 * and a job killed at any moment leaves at most the sockets, which the launcher removes with the
 * directory. The file is filled with zeros before it is mapped ({@link ShmJobDirectory#preallocate}):
 * a file system without room for it (a full {@code /dev/shm}) fails the connect with an error that
 * names the directory, instead of a SIGBUS at a later write into the mapping.
 *
 * <p><b>Doorbells and liveness.</b> The socket of each connection stays open: a byte on it wakes a peer
 * that announced it is about to block (see {@link ByteRing} for the handshake that makes this race
 * free), and its end of stream tells that the peer process is gone. Sockets and TCP connections share
 * one selector, so a blocked rank wakes for either.
 *
 * <p><b>Polling.</b> A non-blocking poll looks at every ring (no system call) and selects the sockets
 * only when TCP connections exist or every 1024th time (to notice a peer's death while spinning);
 * blocking arms the rings and then blocks in the selector.
 */
public final class ShmTransport implements Transport {
    private static final int SELECT_EVERY = 1024;
    private static final byte MAPPED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ShmTransport.class);

    private final Config config;
    private final int rank;
    private final int size;
    private final JobSecret secret;
    private final Path jobDir;
    private final TcpTransport tcp;
    private final String hostId;
    private final List<SocketChannel> sockets = new CopyOnWriteArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(256);
    private Engine engine;
    private RingPoller poller;
    private Selector selector;
    private ServerSocketChannel server;
    private Path socketPath;
    /**
     * Removes this rank's files when the JVM exits without {@link #close()}: a rank ended by SIGTERM (a
     * cancelled or timed-out Slurm step, whose ranks no launcher cleans up after) or one that calls
     * {@code System.exit} before finalizing. Only SIGKILL of every rank of a host at once leaves the job
     * directory behind (jobscripts/README.md shows the Slurm epilog line that removes it).
     */
    private final Thread removeFilesOnExit = new Thread(this::removeFiles, "spmd4j-shm-cleanup");
    private boolean[] local;
    private int polls;
    private volatile boolean closed;

    /**
     * Creates the transport of world rank {@code rank}.
     *
     * @param jobDir the job's shared-memory directory (created if missing)
     * @param tcp the transport for ranks on other hosts, started on this transport's selector; null when
     *     every rank must be on this host
     */
    public ShmTransport(Config config, int rank, int size, JobSecret secret, Path jobDir, TcpTransport tcp) {
        this.config = config;
        this.rank = rank;
        this.size = size;
        this.secret = secret;
        this.jobDir = jobDir;
        this.tcp = tcp;
        this.hostId = HostIdentity.get();
    }

    @Override
    public void start(Engine engine) throws IOException {
        this.engine = engine;
        this.poller = new RingPoller(engine);
        this.selector = Selector.open();
        socketPath = jobDir.resolve("rank-" + rank + ".sock");
        try {
            ShmJobDirectory.create(jobDir);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath), Math.max(64, size));
        } catch (IOException e) {
            IOException noSpace = ShmJobDirectory.noSpace(e, jobDir, "rank " + rank + "'s socket " + socketPath);
            throw noSpace != null ? noSpace : e;
        }
        Files.setPosixFilePermissions(socketPath, ShmJobDirectory.FILE_MODE);
        Runtime.getRuntime().addShutdownHook(removeFilesOnExit);
        Thread acceptor = new Thread(this::acceptLoop, "spmd4j-shm-accept-" + rank);
        acceptor.setDaemon(true);
        acceptor.start();
        if (tcp != null) {
            tcp.start(engine, selector);
        }
    }

    /** The job directory. */
    public Path jobDirectory() {
        return jobDir;
    }

    @Override
    public Path sharedMemoryDirectory() {
        return jobDir;
    }

    @Override
    public boolean sharesMemoryWith(int peer) {
        return peer == rank || (local != null && local[peer]);
    }

    @Override
    public byte[] card() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeUTF(hostId);
            d.writeUTF(jobDir.toAbsolutePath().toString());
            byte[] tcpCard = tcp == null ? new byte[0] : tcp.card();
            d.writeShort(tcpCard.length);
            d.write(tcpCard);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void peers(List<byte[]> cards) throws IOException {
        boolean[] same = new boolean[cards.size()];
        List<byte[]> tcpCards = new ArrayList<>();
        String myDir = jobDir.toAbsolutePath().toString();
        for (int r = 0; r < same.length; r++) {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(cards.get(r)));
            String host = d.readUTF();
            String dir = d.readUTF();
            byte[] tcpCard = d.readNBytes(d.readUnsignedShort());
            same[r] = host.equals(hostId) && dir.equals(myDir);
            if (!same[r] && (tcp == null || tcpCard.length == 0)) {
                throw new IOException("rank " + r + " runs on host " + host + " (job directory " + dir
                    + "), but rank " + rank + " on " + hostId + " uses shared memory only; start every rank on one"
                    + " host, or use spmd4j.transport=auto (spmdrun --transport auto) or tcp");
            }
            tcpCards.add(tcpCard);
        }
        if (tcp != null) {
            tcp.peers(tcpCards);
        }
        this.local = same;
    }

    @Override
    public int ranksOnThisHost() {
        int n = 0;
        for (boolean b : local == null ? new boolean[0] : local) {
            n += b ? 1 : 0;
        }
        return Math.max(1, n);
    }

    @Override
    public Connection connect(int peer) throws IOException {
        if (local == null) {
            throw new IOException("peers are not known yet");
        }
        return local[peer] ? connectShm(peer) : tcp.connect(peer);
    }

    private Connection connectShm(int peer) throws IOException {
        Path file = jobDir.resolve("conn-" + rank + "-" + peer);
        int capacity = config.shmRingBytes();
        long forwardBytes = ByteRing.regionBytes(capacity);
        long total = forwardBytes + ByteRing.regionBytes(RingConnection.REVERSE_RING_BYTES);
        SocketChannel ch = null;
        try {
            MappedByteBuffer map;
            try (FileChannel fc = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(ShmJobDirectory.FILE_MODE))) {
                ShmJobDirectory.preallocate(fc, total, file);
                map = fc.map(FileChannel.MapMode.READ_WRITE, 0, total);
            }
            ByteRing out = ByteRing.format(map.slice(0, (int) forwardBytes), capacity);
            ByteRing in = ByteRing.format(map.slice((int) forwardBytes, (int) (total - forwardBytes)),
                RingConnection.REVERSE_RING_BYTES);
            ch = SocketChannel.open(UnixDomainSocketAddress.of(jobDir.resolve("rank-" + peer + ".sock")));
            InputStream sin = Channels.newInputStream(ch);
            OutputStream sout = Channels.newOutputStream(ch);
            Handshake.initiate(sin, sout, secret, Handshake.PURPOSE_DATA, rank);
            int ack = sin.read();
            if (ack != MAPPED) {
                throw new IOException("rank " + peer + " could not map " + file);
            }
            Files.deleteIfExists(file);
            return register(peer, true, in, out, ch);
        } catch (IOException e) {
            closeQuietly(ch);
            Files.deleteIfExists(file);
            if (e instanceof ShmJobDirectory.NoSpaceException) {
                throw e;
            }
            throw new IOException("shared-memory connect to rank " + peer + " in " + jobDir + ": " + e.getMessage(), e);
        }
    }

    private RingConnection register(int peer, boolean initiator, ByteRing in, ByteRing out, SocketChannel ch)
        throws IOException {
        ch.configureBlocking(false);
        ByteBuffer bell = ByteBuffer.allocateDirect(1);
        Runnable doorbell = () -> {
            bell.clear();
            try {
                ch.write(bell); // a full socket buffer already holds a wake-up
            } catch (IOException e) {
                // the peer is gone; its end of stream reports it
            }
        };
        RingConnection[] self = new RingConnection[1];
        self[0] = new RingConnection(peer, initiator, in, out, doorbell, () -> {
            poller.remove(self[0]);
            sockets.remove(ch);
            closeQuietly(ch);
        }, engine);
        if (!initiator) {
            engine.onAccepted(self[0]);
        }
        sockets.add(ch);
        poller.add(self[0]);
        ch.register(selector, SelectionKey.OP_READ, self[0]);
        selector.wakeup(); // a blocked poll neither watches the new socket nor arms the new rings
        return self[0];
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("rank {}: accept on {} failed: {}", rank, socketPath, e.toString());
                }
                return;
            }
            Thread t = new Thread(() -> admit(ch), "spmd4j-shm-handshake-" + rank);
            t.setDaemon(true);
            t.start();
        }
    }

    private void admit(SocketChannel ch) {
        try {
            InputStream sin = Channels.newInputStream(ch);
            OutputStream sout = Channels.newOutputStream(ch);
            Handshake.Peer peer = Handshake.accept(sin, sout, secret);
            int from = peer.rank();
            if (peer.purpose() != Handshake.PURPOSE_DATA || from < 0 || from >= size || from == rank) {
                throw new Handshake.HandshakeException("unexpected peer identity: purpose=" + peer.purpose()
                    + ", rank=" + from);
            }
            Path file = jobDir.resolve("conn-" + from + "-" + rank);
            MappedByteBuffer map;
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long len = fc.size();
                if (len > Integer.MAX_VALUE) {
                    throw new IOException(file + " is " + len + " bytes, larger than any ring");
                }
                map = fc.map(FileChannel.MapMode.READ_WRITE, 0, len);
            }
            ByteRing in = ByteRing.attach(map.slice(0, map.capacity()));
            int forwardBytes = (int) ByteRing.regionBytes(in.capacity());
            ByteRing out = ByteRing.attach(map.slice(forwardBytes, map.capacity() - forwardBytes));
            sout.write(MAPPED);
            sout.flush();
            register(from, false, in, out, ch);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.warn("rank {}: rejected shared-memory connection: {}", rank, e.getMessage());
            }
            closeQuietly(ch);
        }
    }

    @Override
    public int poll(long timeoutMs) throws IOException {
        int events = poller.poll();
        boolean block = timeoutMs > 0 && events == 0;
        if (!block && !(tcp != null && tcp.hasConnections()) && ++polls % SELECT_EVERY != 0) {
            return events;
        }
        int n;
        try {
            if (block) {
                try {
                    n = poller.arm() ? selector.selectNow() : selector.select(timeoutMs);
                } finally {
                    poller.disarm();
                }
            } else {
                n = selector.selectNow();
            }
        } catch (ClosedSelectorException e) {
            return events;
        }
        if (n > 0) {
            dispatchSelected();
        }
        return block ? n + poller.poll() : events + n;
    }

    private void dispatchSelected() {
        Set<SelectionKey> keys = selector.selectedKeys();
        for (Iterator<SelectionKey> it = keys.iterator(); it.hasNext();) {
            SelectionKey k = it.next();
            it.remove();
            Object a = k.attachment();
            if (a instanceof RingConnection) {
                onDoorbell(k, (RingConnection) a);
            } else {
                engine.lock().lock();
                try {
                    tcp.dispatch(k);
                } finally {
                    engine.lock().unlock();
                }
            }
        }
    }

    /** Drains doorbell bytes; at end of stream, reads what the peer left in the ring, then closes. */
    private void onDoorbell(SelectionKey k, RingConnection c) {
        if (!k.isValid()) {
            return;
        }
        SocketChannel ch = (SocketChannel) k.channel();
        try {
            int n;
            do {
                scratch.clear();
                n = ch.read(scratch);
            } while (n > 0);
            if (n < 0) {
                poller.drain(c);
                engine.failConnection(c, new EOFException("rank " + c.peer() + " closed the connection"));
            }
        } catch (IOException e) {
            poller.drain(c);
            engine.failConnection(c, e);
        }
    }

    @Override
    public void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (SocketChannel ch : sockets) {
            closeQuietly(ch);
        }
        if (tcp != null) {
            tcp.close();
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        try {
            Runtime.getRuntime().removeShutdownHook(removeFilesOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (the hook runs or ran), or start() never registered it
        }
        removeFiles();
    }

    /** Removes this rank's socket, and the job directory when it is the last rank out. */
    private void removeFiles() {
        try {
            if (socketPath != null) {
                Files.deleteIfExists(socketPath);
            }
            Files.deleteIfExists(jobDir); // the last rank out removes the directory
        } catch (IOException e) {
            LOG.debug("rank {}: {} not removed yet: {}", rank, jobDir, e.toString());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
