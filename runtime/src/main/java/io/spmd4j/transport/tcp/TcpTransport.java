package io.spmd4j.transport.tcp;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP transport on NIO: one listening socket per rank, connections opened lazily on first send
 * to a peer, TCP_NODELAY, and a {@link Handshake} proving the job secret on every connection before
 * a byte of data flows. Accepting and handshaking happen on daemon threads, so a silent or hostile
 * client never stalls the rank; a failed handshake is logged and the connection closed.
 */
public final class TcpTransport implements Transport {
    /**
     * After the handshake of a data connection the accepting rank answers one byte: it sends on this
     * connection too ({@link Engine#offerInbound}), or it keeps a connection of its own to the initiator.
     */
    static final int SENDS_ON_IT = 1;
    /** See {@link #SENDS_ON_IT}. */
    static final int KEEPS_OWN = 2;

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final Config config;
    private final int rank;
    private final int size;
    private final JobSecret secret;
    private final InetAddress bindAddress;
    private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
    private Engine engine;
    private Selector selector;
    private boolean ownsSelector;
    private ServerSocketChannel server;
    private InetSocketAddress[] peers;
    private volatile boolean closed;

    /**
     * Creates the transport of world rank {@code rank}; it listens on {@code bindAddress}.
     */
    public TcpTransport(Config config, int rank, int size, JobSecret secret, InetAddress bindAddress) {
        this.config = config;
        this.rank = rank;
        this.size = size;
        this.secret = secret;
        this.bindAddress = bindAddress;
    }

    @Override
    public void start(Engine engine) throws IOException {
        start(engine, Selector.open());
        ownsSelector = true;
    }

    /**
     * Starts on a selector that another transport owns and polls (it hands the keys whose attachment is
     * a {@link TcpConnection} to {@link #dispatch}); {@link #close} leaves that selector open.
     */
    public void start(Engine engine, Selector shared) throws IOException {
        this.engine = engine;
        this.selector = shared;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bindAddress, 0), Math.max(64, size));
        Thread acceptor = new Thread(this::acceptLoop, "spmd4j-tcp-accept-" + rank);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address this rank listens on. */
    public InetSocketAddress listenAddress() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] card() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            InetSocketAddress a = listenAddress();
            byte[] addr = a.getAddress().getAddress();
            d.writeByte(addr.length);
            d.write(addr);
            d.writeShort(a.getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void peers(List<byte[]> cards) throws IOException {
        InetSocketAddress[] p = new InetSocketAddress[cards.size()];
        for (int r = 0; r < p.length; r++) {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(cards.get(r)));
            int len = d.readUnsignedByte();
            if (len != 4 && len != 16) {
                throw new IOException("card of rank " + r + " has an address of " + len + " bytes");
            }
            byte[] addr = d.readNBytes(len);
            int port = d.readUnsignedShort();
            p[r] = new InetSocketAddress(InetAddress.getByAddress(addr), port);
        }
        this.peers = p;
    }

    /** Ranks whose listening address is this rank's (one host when ranks listen on the launcher's interface). */
    @Override
    public int ranksOnThisHost() {
        if (peers == null) {
            return 1;
        }
        InetAddress mine = listenAddress().getAddress();
        int n = 0;
        for (InetSocketAddress p : peers) {
            n += p.getAddress().equals(mine) ? 1 : 0;
        }
        return Math.max(1, n);
    }

    @Override
    public Connection connect(int peer) throws IOException {
        if (peers == null) {
            throw new IOException("peers are not known yet");
        }
        SocketChannel ch = SocketChannel.open();
        try {
            configure(ch);
            Socket s = ch.socket();
            s.connect(peers[peer], config.connectTimeoutMs());
            s.setSoTimeout(config.connectTimeoutMs());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Handshake.initiate(in, out, secret, Handshake.PURPOSE_DATA, rank);
            int answer = in.read();
            if (answer != SENDS_ON_IT && answer != KEEPS_OWN) {
                throw new Handshake.HandshakeException("unexpected answer " + answer + " after the handshake");
            }
            ch.configureBlocking(false);
            TcpConnection c = new TcpConnection(peer, true, ch, engine);
            c.keepsOwn(answer == KEEPS_OWN);
            register(c, ch);
            return c;
        } catch (IOException e) {
            ch.close();
            throw new IOException("connect to rank " + peer + " at " + peers[peer] + ": " + e.getMessage(), e);
        }
    }

    private void configure(SocketChannel ch) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (config.tcpBufferBytes() > 0) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, config.tcpBufferBytes());
            ch.setOption(StandardSocketOptions.SO_RCVBUF, config.tcpBufferBytes());
        }
    }

    private void register(TcpConnection c, SocketChannel ch) throws IOException {
        channels.add(ch);
        c.key(ch.register(selector, SelectionKey.OP_READ, c));
        selector.wakeup(); // a poll in progress does not see a new key until it returns
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("rank {}: accept failed: {}", rank, e.toString());
                }
                return;
            }
            Thread t = new Thread(() -> admit(ch), "spmd4j-tcp-handshake-" + rank);
            t.setDaemon(true);
            t.start();
        }
    }

    private void admit(SocketChannel ch) {
        String remote = "unknown peer";
        try {
            remote = String.valueOf(ch.getRemoteAddress());
            configure(ch);
            Socket s = ch.socket();
            s.setSoTimeout(config.connectTimeoutMs());
            Handshake.Peer peer = Handshake.accept(s.getInputStream(), s.getOutputStream(), secret);
            if (peer.purpose() != Handshake.PURPOSE_DATA || peer.rank() < 0 || peer.rank() >= size
                || peer.rank() == rank) {
                throw new Handshake.HandshakeException("unexpected peer identity: purpose=" + peer.purpose()
                    + ", rank=" + peer.rank());
            }
            boolean send = engine.offerInbound(peer.rank());
            try {
                s.getOutputStream().write(send ? SENDS_ON_IT : KEEPS_OWN);
                ch.configureBlocking(false);
                TcpConnection c = new TcpConnection(peer.rank(), false, ch, engine);
                engine.onAccepted(c, send);
                register(c, ch);
            } catch (IOException | RuntimeException e) {
                if (send) {
                    engine.abandonInbound(peer.rank());
                }
                throw e;
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("rank {}: rejected connection from {}: {}", rank, remote, e.getMessage());
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // rejecting anyway
            }
        }
    }

    @Override
    public int poll(long timeoutMs) throws IOException {
        int n;
        try {
            n = timeoutMs <= 0 ? selector.selectNow() : selector.select(timeoutMs);
        } catch (ClosedSelectorException e) {
            return 0;
        }
        if (n == 0) {
            return 0;
        }
        Set<SelectionKey> keys = selector.selectedKeys();
        engine.lock().lock();
        try {
            for (Iterator<SelectionKey> it = keys.iterator(); it.hasNext();) {
                SelectionKey k = it.next();
                it.remove();
                dispatch(k);
            }
        } finally {
            engine.lock().unlock();
        }
        return n;
    }

    /** True when this transport has at least one open connection (so its sockets need polling). */
    public boolean hasConnections() {
        return !channels.isEmpty();
    }

    /** Handles the readiness of one selected key of this transport; the caller holds the engine lock. */
    public void dispatch(SelectionKey k) {
        Connection c = (Connection) k.attachment();
        try {
            if (k.isValid() && k.isReadable()) {
                c.onReadable();
            }
            if (k.isValid() && k.isWritable()) {
                c.onWritable();
            }
        } catch (IOException e) {
            engine.failConnection(c, e);
        } catch (java.nio.channels.CancelledKeyException e) {
            // closed concurrently
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
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        for (SocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            if (selector != null && ownsSelector) {
                selector.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }
}
