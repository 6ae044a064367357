package io.spmd4j.engine;

import io.spmd4j.MpiException;

/**
 * An operation completed by code outside the engine, such as a nonblocking collective that runs
 * as a sequence of point-to-point steps. Waiting on it with {@link Engine#await} drives progress and
 * wakes promptly when it completes, like a send or a receive.
 */
public final class ExternalOp extends Operation {
    /** Creates an incomplete operation on {@code engine}. */
    public ExternalOp(Engine engine) {
        super(engine);
    }

    /** Completes the operation, with {@code error} when it is not null; called once, from any thread. */
    public void finish(MpiException error) {
        engine.lock().lock();
        try {
            if (error != null) {
                fail(error);
            } else {
                complete();
            }
        } finally {
            engine.lock().unlock();
        }
    }
}
