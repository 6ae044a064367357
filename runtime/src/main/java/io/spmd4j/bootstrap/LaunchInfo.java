package io.spmd4j.bootstrap;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * What a launched rank knows about itself before wire-up: rank, world size, job id, where the
 * rendezvous service listens and the job secret. Immutable; built from the environment.
 */
public record LaunchInfo(int rank, int size, String jobId, InetSocketAddress rendezvous, JobSecret secret) {

    /** Validates the fields. */
    public LaunchInfo {
        if (size < 1) {
            throw new IllegalStateException(LaunchEnv.SIZE + "=" + size + " must be at least 1");
        }
        if (rank < 0 || rank >= size) {
            throw new IllegalStateException(LaunchEnv.RANK + "=" + rank + " is outside 0.." + (size - 1));
        }
    }

    /** Reads the variables of {@link LaunchEnv}; errors name the variable and its value. */
    public static LaunchInfo fromEnvironment(Map<String, String> env) {
        int rank = LaunchEnv.requireInt(env, LaunchEnv.RANK);
        int size = LaunchEnv.requireInt(env, LaunchEnv.SIZE);
        String jobId = env.getOrDefault(LaunchEnv.JOB_ID, "job");
        InetSocketAddress rendezvous = parseEndpoint(LaunchEnv.require(env, LaunchEnv.RENDEZVOUS));
        JobSecret secret;
        try {
            secret = JobSecret.fromHex(LaunchEnv.require(env, LaunchEnv.SECRET));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LaunchEnv.SECRET + ": " + e.getMessage());
        }
        return new LaunchInfo(rank, size, jobId, rendezvous, secret);
    }

    /** Parses {@code host:port} or {@code [v6]:port}. */
    static InetSocketAddress parseEndpoint(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalStateException(LaunchEnv.RENDEZVOUS + "=" + value + " is not host:port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(LaunchEnv.RENDEZVOUS + "=" + value + " has no valid port");
        }
    }
}
