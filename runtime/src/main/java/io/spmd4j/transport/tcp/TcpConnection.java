package io.spmd4j.transport.tcp;

import io.spmd4j.engine.Connection;
import io.spmd4j.engine.Engine;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A {@link Connection} over a non-blocking TCP socket registered with the transport's selector. */
final class TcpConnection extends Connection {
    private final SocketChannel channel;
    private final Engine engine;
    private SelectionKey key;
    /** Whether queued output waits for room in the socket; written under the engine lock. */
    private boolean writeWaiting;

    TcpConnection(int peer, boolean initiator, SocketChannel channel, Engine engine) {
        super(peer, initiator, channel, engine);
        this.channel = channel;
        this.engine = engine;
    }

    void key(SelectionKey key) {
        engine.lock().lock(); // against wantWrite: sends may go out on an accepted connection before this
        try {
            this.key = key;
            if (writeWaiting) { // they did not all fit into the socket
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } finally {
            engine.lock().unlock();
        }
    }

    void keepsOwn(boolean keeps) {
        peerKeepsOwn(keeps);
    }

    /** True: both ranks send on one socket. */
    @Override
    protected boolean duplex() {
        return true;
    }

    @Override
    protected void wantWrite(boolean on) {
        writeWaiting = on;
        if (key != null && key.isValid()) {
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            if (on) {
                engine.wakeIfBlocked();
            }
        }
    }

    @Override
    protected void closeChannel() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
