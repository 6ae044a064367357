package io.spmd4j.engine;

/** A send in flight: eager (complete once written to the transport) or rendezvous (waits for CTS). */
public final class SendOp extends Operation {
    final Buf buf;
    final int destWorld;
    final int context;
    final int source;
    final int tag;
    final boolean sync;
    long id;
    /** Connection the RTS went out on, for failure handling. */
    Connection connection;

    SendOp(Engine engine, Buf buf, int destWorld, int context, int source, int tag, boolean sync) {
        super(engine);
        this.buf = buf;
        this.destWorld = destWorld;
        this.context = context;
        this.source = source;
        this.tag = tag;
        this.sync = sync;
    }
}
