package io.spmd4j.engine;

/**
 * Layout of the 40-byte header that starts every frame between two ranks (little-endian).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+---------------+---------------+
 *  |     type      |     flags     | element type  |   reserved    |  0
 *  +---------------+---------------+---------------+---------------+
 *  |                     context id (communicator)                 |  4
 *  +---------------------------------------------------------------+
 *  |                source (sender's rank in the communicator)     |  8
 *  +---------------------------------------------------------------+
 *  |                              tag                              | 12
 *  +---------------------------------------------------------------+
 *  |                   length in bytes (long)                      | 16
 *  |       EAGER, DATA: payload bytes that follow the header       |
 *  |       RTS: bytes of the whole message                         |
 *  +---------------------------------------------------------------+
 *  |                   send id (long): sender's request            | 24
 *  +---------------------------------------------------------------+
 *  |                   recv id (long): receiver's request          | 32
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Frame types: {@link #EAGER} carries a whole small message; {@link #RTS} announces a large (or
 * synchronous) message; the receiver answers with {@link #CTS} once it has matched it (flag
 * {@link #FLAG_DECLINE} when the receive was too small, so no data follows); {@link #DATA} then
 * carries the message straight into the matched receive. {@link #RETIRE} is the only frame of a
 * connection that two ranks opened to each other at the same time and that the higher rank gives up
 * for the lower rank's (see {@link Connection#duplex()}): the peer closes it quietly.
 */
public final class FrameDescriptor {
    /** Bytes in a header. */
    public static final int HEADER_BYTES = 40;

    /** Offset of the frame type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 1;
    /** Offset of the element type byte. */
    public static final int ELEMENT_TYPE_OFFSET = 2;
    /** Offset of the context id. */
    public static final int CONTEXT_OFFSET = 4;
    /** Offset of the source rank. */
    public static final int SOURCE_OFFSET = CONTEXT_OFFSET + Integer.BYTES;
    /** Offset of the tag. */
    public static final int TAG_OFFSET = SOURCE_OFFSET + Integer.BYTES;
    /** Offset of the length. */
    public static final int LENGTH_OFFSET = TAG_OFFSET + Integer.BYTES;
    /** Offset of the send id. */
    public static final int SEND_ID_OFFSET = LENGTH_OFFSET + Long.BYTES;
    /** Offset of the receive id. */
    public static final int RECV_ID_OFFSET = SEND_ID_OFFSET + Long.BYTES;

    /** A small message with its payload. */
    public static final byte EAGER = 1;
    /** Request to send: a large or synchronous message waits for a match. */
    public static final byte RTS = 2;
    /** Clear to send: the receiver matched an RTS (sent on the reverse direction). */
    public static final byte CTS = 3;
    /** The payload of a matched RTS. */
    public static final byte DATA = 4;
    /** The connection carries nothing and is closing: not a failure (a duplicate duplex connection). */
    public static final byte RETIRE = 5;

    /** CTS flag: the receive cannot take the message (truncation); the sender completes, no DATA follows. */
    public static final byte FLAG_DECLINE = 1;
    /** RTS flag: synchronous-mode send. */
    public static final byte FLAG_SYNC = 2;

    /** Largest message a single frame sequence may announce: the largest Java array of longs. */
    public static final long MAX_MESSAGE_BYTES = (long) Integer.MAX_VALUE * Long.BYTES;

    static {
        if (RECV_ID_OFFSET + Long.BYTES != HEADER_BYTES) {
            throw new AssertionError("header layout");
        }
    }

    private FrameDescriptor() {
    }
}
