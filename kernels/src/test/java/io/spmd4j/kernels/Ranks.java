package io.spmd4j.kernels;

import io.spmd4j.Comm;
import io.spmd4j.LocalWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs one SPMD body on every rank of a {@link LocalWorld}, one thread per rank. */
final class Ranks {
    /** Longest a job may take on a loaded machine. */
    static final long TIMEOUT_S = 120;

    private Ranks() {
    }

    /** Runs {@code body} on {@code np} ranks and returns each rank's result, by rank; a rank's exception is rethrown. */
    static <T> List<T> run(int np, Function<Comm, T> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(np);
        try (LocalWorld world = LocalWorld.create(np)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < np; r++) {
                Comm comm = world.comm(r);
                futures.add(pool.submit(() -> body.apply(comm)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(f.get(TIMEOUT_S, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code body} on {@code np} ranks and returns rank 0's result. */
    static <T> T root(int np, Function<Comm, T> body) throws Exception {
        return run(np, body).get(0);
    }
}
