package io.spmd4j.engine;

/** Where the payload of the frame being read goes: a buffer, or nowhere (discarded) when null. */
final class Inbound {
    final Buf buf;
    final long length;
    final int elementSize;
    /** The receive or unexpected message this payload completes. */
    final Object owner;
    long done;

    Inbound(Buf buf, long length, Object owner) {
        this.buf = buf;
        this.length = length;
        this.elementSize = buf == null ? 1 : buf.type().sizeBytes();
        this.owner = owner;
    }

    long remaining() {
        return length - done;
    }
}
