package io.spmd4j;

/**
 * Worlds of N ranks inside one test JVM for tests outside this package: a public front to the
 * package-private {@link EnginePair}, over each of its transports.
 */
public final class TestWorlds {
    /** The transport of the world's ranks. */
    public enum Transport {
        /** TCP on loopback. */
        TCP,
        /** Shared-memory rings in a temporary job directory. */
        SHM,
        /** The in-memory transport of ranks as threads. */
        LOCAL
    }

    /** Code run by one rank. */
    public interface RankBody {
        /** Runs rank {@code world.rank()}'s part. */
        void run(Comm world) throws Exception;
    }

    private TestWorlds() {
    }

    /**
     * Runs {@code body} on every rank of a fresh world of {@code np} ranks, each on its own thread,
     * waits for all (failing after a minute) and closes the world.
     */
    public static void run(int np, Transport transport, RankBody body) throws Exception {
        try (EnginePair world = new EnginePair(np, EnginePair.Kind.valueOf(transport.name()))) {
            world.run(body::run);
        }
    }
}
