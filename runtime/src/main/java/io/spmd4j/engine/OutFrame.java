package io.spmd4j.engine;

/** One frame queued on a {@link Connection}: a header and, for EAGER and DATA, a payload. */
final class OutFrame {
    final byte type;
    final byte flags;
    final ElementType elementType;
    final int context;
    final int source;
    final int tag;
    final long length;
    final long sendId;
    final long recvId;
    /** Payload (EAGER, DATA) or null. */
    final Buf payload;
    /** Send completed when the frame is fully written, or null. */
    final SendOp completes;
    boolean headerWritten;
    long sent;

    OutFrame(byte type, byte flags, ElementType elementType, int context, int source, int tag, long length,
        long sendId, long recvId, Buf payload, SendOp completes) {
        this.type = type;
        this.flags = flags;
        this.elementType = elementType;
        this.context = context;
        this.source = source;
        this.tag = tag;
        this.length = length;
        this.sendId = sendId;
        this.recvId = recvId;
        this.payload = payload;
        this.completes = completes;
    }

    long payloadBytes() {
        return payload == null ? 0 : length;
    }
}
