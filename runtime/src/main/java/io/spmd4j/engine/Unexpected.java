package io.spmd4j.engine;

/**
 * A message that arrived (or was announced) before a matching receive was posted: an eager
 * payload copied into {@link #data}, a rendezvous announcement waiting to be answered with a CTS on
 * {@link #connection}, or a synchronous send to self waiting for its receive.
 */
final class Unexpected {
    final int context;
    final int source;
    final int tag;
    final long length;
    final ElementType type;
    /** Eager payload (complete when {@link #arrived}). */
    byte[] data;
    boolean arrived;
    /** A receive that matched this eager message before its payload had fully arrived. */
    RecvOp claimedBy;
    /** Rendezvous: the connection the RTS came on, and the sender's id. */
    Connection connection;
    long sendId;
    /** A send to self that completes when matched. */
    SendOp selfSend;

    Unexpected(int context, int source, int tag, long length, ElementType type) {
        this.context = context;
        this.source = source;
        this.tag = tag;
        this.length = length;
        this.type = type;
    }

    boolean isRendezvous() {
        return connection != null;
    }

    boolean matches(int ctx, int src, int t) {
        return context == ctx && (src == Engine.ANY_SOURCE || src == source) && (t == Engine.ANY_TAG || t == tag);
    }
}
