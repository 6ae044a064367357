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

    TcpConnection(int peer, boolean initiator, SocketChannel channel, Engine engine) {
        super(peer, initiator, channel);
        this.channel = channel;
        this.engine = engine;
    }

    void key(SelectionKey key) {
        this.key = key;
    }

    @Override
    protected void wantWrite(boolean on) {
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
