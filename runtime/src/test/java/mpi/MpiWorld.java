package mpi;

import io.spmd4j.LocalWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs an mpiJava body on every rank of an in-JVM world, one thread per rank, and rethrows the first failure. */
final class MpiWorld {
    interface Body {
        void run(Intracomm world) throws Exception;
    }

    private MpiWorld() {
    }

    static void run(int np, Body body) throws Exception {
        try (LocalWorld world = LocalWorld.create(np)) {
            ExecutorService pool = Executors.newFixedThreadPool(np);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int r = 0; r < np; r++) {
                    Intracomm comm = new Intracomm(world.comm(r));
                    futures.add(pool.submit(() -> {
                        body.run(comm);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get(120, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof Exception) {
                            throw (Exception) e.getCause();
                        }
                        throw new AssertionError(e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
