package io.spmd4j.farm;

import io.spmd4j.Comm;

/**
 * A rank's messages to the coordinator: the RESULTS its {@link TaskRunner} sends and the
 * CANCEL_REQUEST its {@link Cancellation} sends (at the root, to itself).
 *
 * <p>A named class rather than lambdas: the first lambda of each shape costs a JVM a few milliseconds
 * of processor time to spin up, which a cold map would pay on every rank before its first task runs.
 * Thread-safe.
 */
final class RootLink implements TaskRunner.Sink, Cancellation.Listener {
    private final Comm comm;
    private final int root;
    private final int tag;

    RootLink(Comm comm, int root, int tag) {
        this.comm = comm;
        this.root = root;
        this.tag = tag;
    }

    @Override
    public void send(Wire.Out results) {
        Wire.send(comm, results, root, tag);
    }

    @Override
    public void cancelled(String reason) {
        Wire.send(comm, new Wire.Out(Wire.CANCEL_REQUEST).writeString(reason), root, tag);
    }
}
