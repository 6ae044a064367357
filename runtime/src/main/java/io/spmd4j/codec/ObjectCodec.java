package io.spmd4j.codec;

/**
 * Turns objects into bytes and back for object messages ({@code sendObject}, {@code recvObject},
 * {@code bcastObject}). Implementations must be thread-safe. Install one with
 * {@link io.spmd4j.Spmd#codec(ObjectCodec)} on every rank.
 */
public interface ObjectCodec {
    /** Encodes {@code value} (which may be null). */
    byte[] encode(Object value);

    /**
     * Decodes bytes made by {@link #encode}.
     *
     * @throws io.spmd4j.MpiException with ERR_CODEC when the bytes are refused or malformed
     */
    Object decode(byte[] bytes);
}
