package io.spmd4j.collective;

import io.spmd4j.engine.Buf;

/**
 * Point-to-point messaging on a communicator's private collective context, which is what every
 * collective algorithm is built from. Traffic here never matches the user's receives.
 */
public interface P2p {
    /** Rank of the caller in the communicator. */
    int rank();

    /** Size of the communicator. */
    int size();

    /** Blocking send. */
    void send(Buf buf, int dest, int tag);

    /** Blocking receive of exactly the buffer's size. */
    void recv(Buf buf, int source, int tag);

    /** Sends to {@code dest} and receives from {@code source} at once, without deadlock. */
    void sendrecv(Buf sendBuf, int dest, Buf recvBuf, int source, int tag);
}
