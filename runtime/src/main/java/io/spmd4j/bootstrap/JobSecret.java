package io.spmd4j.bootstrap;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The per-job shared secret: 32 random bytes that every connection of the job must prove knowledge
 * of (see {@link Handshake}). Its {@link #toString()} never reveals the bytes, so it cannot leak
 * into a log line by accident.
 */
public final class JobSecret {
    /** Length of a secret in bytes. */
    public static final int LENGTH_BYTES = 32;

    private final byte[] bytes;

    private JobSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Draws a fresh secret from a strong random source. */
    public static JobSecret generate() {
        byte[] b = new byte[LENGTH_BYTES];
        new SecureRandom().nextBytes(b);
        return new JobSecret(b);
    }

    /** Parses the hex form made by {@link #toHex()}; the error names the problem, not the value. */
    public static JobSecret fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH_BYTES) {
            throw new IllegalArgumentException("job secret must be " + 2 * LENGTH_BYTES + " hex characters, got "
                + (hex == null ? "none" : hex.length() + " characters"));
        }
        try {
            return new JobSecret(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job secret is not valid hex");
        }
    }

    /** The hex form, for handing to a rank through its environment. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** A copy of the raw bytes. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison of two MACs. */
    static boolean macEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSecret && Arrays.equals(bytes, ((JobSecret) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "JobSecret[redacted]";
    }
}
