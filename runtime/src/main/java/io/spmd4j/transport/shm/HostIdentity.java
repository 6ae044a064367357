package io.spmd4j.transport.shm;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * What makes two ranks "on the same host" for the shared-memory transport: the host name and the
 * kernel's boot id, so that two machines that happen to share a name are not confused. The property
 * {@code spmd4j.host.id} overrides it (for containers that hide both).
 */
public final class HostIdentity {
    private static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";

    private HostIdentity() {
    }

    /** This host's identity. */
    public static String get() {
        String override = System.getProperty("spmd4j.host.id");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        try {
            return name + "/" + new String(Files.readAllBytes(Paths.get(BOOT_ID)), StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return name;
        }
    }
}
