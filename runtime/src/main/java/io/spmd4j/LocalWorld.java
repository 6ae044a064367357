package io.spmd4j;

import io.spmd4j.collective.Tuning;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Engine;
import io.spmd4j.transport.local.LocalTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A world of N ranks inside this JVM, for benchmarks and tests that drive every rank from a thread
 * of their own: each rank has its own engine over the in-memory transport of
 * {@code spmdrun --threads}, and {@link #comm(int)} is its world communicator. Unlike a program run
 * by {@code spmdrun}, nothing here touches {@link Spmd}: the communicators live until
 * {@link #close()}. Settings come from the system properties, as for {@link Spmd#init}.
 *
 * <p>Each communicator must be used by one thread at a time, as a rank's world would be; create
 * and close the world from one thread.
 */
public final class LocalWorld implements AutoCloseable {
    private final List<Engine> engines = new ArrayList<>();
    private final List<Comm> comms = new ArrayList<>();

    private LocalWorld() {
    }

    /**
     * Starts {@code size} ranks.
     *
     * @throws MpiException ERR_ARG for a size below 1 or an invalid setting, ERR_OTHER when the
     *     ranks cannot be wired up
     */
    public static LocalWorld create(int size) {
        if (size < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid world size: size=" + size + " (at least 1)");
        }
        Config config;
        try {
            config = Config.fromSystem();
        } catch (IllegalArgumentException e) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid setting: " + e.getMessage(), e);
        }
        Tuning tuning = Tuning.fromSystem();
        Map<String, Object> fabric = new ConcurrentHashMap<>();
        LocalWorld world = new LocalWorld();
        try {
            List<LocalTransport> transports = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                LocalTransport t = new LocalTransport(config, r, size, fabric);
                Engine e = new Engine(r, size, config, t);
                world.engines.add(e);
                e.start();
                transports.add(t);
                world.comms.add(Comm.world(e, tuning));
            }
            for (LocalTransport t : transports) {
                t.awaitPeers();
            }
            for (Engine e : world.engines) {
                e.oversubscribed(size > Runtime.getRuntime().availableProcessors());
            }
            return world;
        } catch (IOException | RuntimeException e) {
            world.close();
            throw new MpiException(ErrorClass.ERR_OTHER, "cannot start a local world of " + size + " ranks: " + e, e);
        }
    }

    /** Number of ranks. */
    public int size() {
        return comms.size();
    }

    /** The world communicator of {@code rank}. */
    public Comm comm(int rank) {
        if (rank < 0 || rank >= comms.size()) {
            throw new MpiException(ErrorClass.ERR_RANK, "invalid rank: rank=" + rank + ", size=" + comms.size());
        }
        return comms.get(rank);
    }

    /** Closes every rank's engine; operations still in flight fail. Idempotent. */
    @Override
    public void close() {
        engines.forEach(Engine::close);
    }
}
