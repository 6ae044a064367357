package io.spmd4j.collective;

import io.spmd4j.engine.Buf;
import io.spmd4j.engine.ElementType;
import io.spmd4j.engine.Operation;

/**
 * Point-to-point messaging on a communicator's private collective context, which is what every
 * collective algorithm is built from. Traffic here never matches the user's receives, and each
 * collective call gets tags of its own, so two collectives in flight on one communicator (a
 * nonblocking one and a blocking one) never match each other's messages.
 *
 * <p>{@code tag} is the algorithm's own step tag, 0 .. {@link #MAX_TAG}.
 */
public interface P2p {
    /** Largest step tag an algorithm may use. */
    int MAX_TAG = 63;

    /** Rank of the caller in the communicator. */
    int rank();

    /** Size of the communicator. */
    int size();

    /** Blocking send. */
    void send(Buf buf, int dest, int tag);

    /** Blocking receive of at most the buffer's size. */
    void recv(Buf buf, int source, int tag);

    /** Sends to {@code dest} and receives from {@code source} at once, without deadlock. */
    void sendrecv(Buf sendBuf, int dest, Buf recvBuf, int source, int tag);

    /** Starts a send; complete it with {@link #awaitAll}. */
    Operation isend(Buf buf, int dest, int tag);

    /** Starts a receive; complete it with {@link #awaitAll}. */
    Operation irecv(Buf buf, int source, int tag);

    /** Waits for every operation (null entries are skipped) and throws the first error. */
    void awaitAll(Operation... ops);

    /**
     * A work array of {@code n} elements of {@code type} for this call, reused by later calls of
     * the same thread so that large collectives do not allocate (and zero) their temporaries every
     * time; its contents are undefined. Arrays of different {@code slot}s (0 .. 2) are distinct.
     */
    Buf scratch(int slot, ElementType type, int n);
}
