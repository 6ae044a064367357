package io.spmd4j.engine;

/**
 * A receive in flight. With a null buffer it is an object receive: the payload is received into a
 * byte array allocated at match time, available from {@link #objectBytes()}.
 */
public final class RecvOp extends Operation {
    final Buf buf;
    final int context;
    final int source;
    final int tag;
    long id;
    byte[] objectBytes;
    ElementType sentType;
    /** Connection the DATA will arrive on (rendezvous), for failure handling. */
    Connection connection;

    RecvOp(Engine engine, Buf buf, int context, int source, int tag) {
        super(engine);
        this.buf = buf;
        this.context = context;
        this.source = source;
        this.tag = tag;
    }

    boolean matches(int ctx, int src, int t) {
        return context == ctx && (source == Engine.ANY_SOURCE || source == src) && (tag == Engine.ANY_TAG || tag == t);
    }

    /** The received object bytes of an object receive, after completion. */
    public byte[] objectBytes() {
        return objectBytes;
    }

    /** The receive buffer, or null for an object receive. */
    public Buf buf() {
        return buf;
    }

    /** Element type the sender declared. */
    public ElementType sentType() {
        return sentType;
    }
}
