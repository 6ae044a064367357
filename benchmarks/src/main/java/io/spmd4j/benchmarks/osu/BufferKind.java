package io.spmd4j.benchmarks.osu;

import java.nio.ByteBuffer;

/** Where a benchmark keeps its message bytes; chosen with {@code --buffer}. */
public enum BufferKind {
    /** A direct {@link ByteBuffer} (off-heap), the default: the fast path of a transport. */
    DIRECT,
    /** A heap {@link ByteBuffer}. */
    HEAP,
    /** A plain {@code byte[]}. */
    BYTES;

    /** Returns the option value that names this kind, e.g. {@code direct}. */
    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Allocates a message buffer of this kind with {@code capacityBytes} bytes, all zero. */
    MessageBuffer allocate(int capacityBytes) {
        switch (this) {
            case DIRECT:
                return new MessageBuffer.OfByteBuffer(ByteBuffer.allocateDirect(capacityBytes));
            case HEAP:
                return new MessageBuffer.OfByteBuffer(ByteBuffer.allocate(capacityBytes));
            case BYTES:
                return new MessageBuffer.OfBytes(new byte[capacityBytes]);
            default:
                throw new AssertionError(this);
        }
    }

    /** Returns the kind named by an option value, or throws an error listing the choices. */
    static BufferKind fromOption(String value) {
        for (BufferKind kind : values()) {
            if (kind.optionValue().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("invalid value for --buffer: " + value + " (direct, heap or bytes)");
    }
}
