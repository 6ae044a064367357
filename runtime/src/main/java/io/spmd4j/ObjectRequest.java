package io.spmd4j;

import io.spmd4j.codec.ObjectCodec;
import io.spmd4j.engine.RecvOp;

/**
 * A nonblocking object receive: once complete, {@link #object()} decodes the message with the
 * process's {@link ObjectCodec}.
 *
 * @param <T> the type the caller expects
 */
public final class ObjectRequest<T> extends Request {
    private final RecvOp recv;
    private T value;
    private boolean decoded;

    ObjectRequest(RecvOp op) {
        super(op, 1);
        this.recv = op;
    }

    /** Waits for the message and returns the decoded object. */
    public T awaitObject() {
        await();
        return object();
    }

    /** The decoded object of a completed receive. */
    @SuppressWarnings("unchecked")
    public synchronized T object() {
        status();
        if (!decoded) {
            value = (T) Spmd.codec().decode(recv.objectBytes());
            decoded = true;
        }
        return value;
    }
}
