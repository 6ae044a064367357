package io.spmd4j.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * What the engine needs from a way of moving bytes between ranks. A transport owns its sockets
 * (or rings), reports readiness by calling {@link Connection#onReadable()} and
 * {@link Connection#onWritable()} from {@link #poll}, and hands accepted connections to the engine
 * through {@link Engine#onAccepted(Connection)}.
 */
public interface Transport extends AutoCloseable {
    /** Binds this transport's endpoint; the engine calls it once before publishing the card. */
    void start(Engine engine) throws IOException;

    /** This rank's card: what peers need to reach it (opaque to everyone but the transport). */
    byte[] card();

    /** Learns every rank's card (index = world rank); called once after the rendezvous. */
    void peers(List<byte[]> cards) throws IOException;

    /**
     * How many ranks of the job (this one included) run on this host, as far as the transport can tell
     * after {@link #peers}; the engine stops spinning when they outnumber the cores.
     */
    default int ranksOnThisHost() {
        return 1;
    }

    /**
     * The directory in shared memory (tmpfs) where ranks of this host can map files in common, or null
     * when this transport has none; see {@link #sharesMemoryWith}.
     */
    default Path sharedMemoryDirectory() {
        return null;
    }

    /** Whether world rank {@code peer} runs on this host and maps files of {@link #sharedMemoryDirectory}. */
    default boolean sharesMemoryWith(int peer) {
        return false;
    }

    /**
     * Zero-filled memory of {@code bytes} bytes that every rank of this transport gets under {@code name}
     * (ranks that are threads of one JVM), or null where ranks share memory through files of
     * {@link #sharedMemoryDirectory} instead (the default). Each caller gets its own view in native order.
     */
    default ByteBuffer sharedArea(String name, int bytes) {
        return null;
    }

    /** Forgets {@code name} of {@link #sharedArea}; the views taken stay valid. Idempotent. */
    default void releaseSharedArea(String name) {
    }

    /**
     * Opens an authenticated connection to {@code peer}, blocking until it is ready to carry data. Unless
     * {@link #connectIsCheap()}, the engine calls it on a connector thread without its lock, possibly for
     * several peers at once, while other threads poll and send; so it must be thread-safe, and it must end
     * (closing what it opened) when that thread is interrupted. The connection may be registered for polling
     * before the engine adopts it: until this rank sends on it, the peer writes nothing on it.
     */
    Connection connect(int peer) throws IOException;

    /**
     * True when {@link #connect} never blocks (ranks in one JVM): the engine then calls it under its lock
     * at the first send, instead of on a connector thread. Default false.
     */
    default boolean connectIsCheap() {
        return false;
    }

    /**
     * Waits up to {@code timeoutMs} for readiness (0: do not wait) and dispatches it to the connections
     * under the engine lock. Called by one thread at a time (the engine's poll lock).
     *
     * @return the number of connections that had events
     */
    int poll(long timeoutMs) throws IOException;

    /** Makes a concurrent or the next {@link #poll} return at once. Any thread. */
    void wakeup();

    /** Closes every connection and the endpoint. Idempotent. */
    @Override
    void close();
}
