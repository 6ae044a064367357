package io.spmd4j;

import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.collective.Tuning;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Engine;
import io.spmd4j.engine.Transport;
import io.spmd4j.transport.local.LocalTransport;
import io.spmd4j.transport.shm.ShmJobDirectory;
import io.spmd4j.transport.shm.ShmTransport;
import io.spmd4j.transport.tcp.TcpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * N real engines inside one JVM, one world communicator each, wired up without a launcher: over TCP on
 * loopback, over shared-memory rings in a temporary job directory, or over the in-memory transport of
 * ranks-as-threads. Each test drives every rank from its own thread.
 */
final class EnginePair implements AutoCloseable {
    /** The transport under test. */
    enum Kind {
        TCP, SHM, LOCAL
    }

    final JobSecret secret = JobSecret.generate();
    final Kind kind;
    final List<Engine> engines = new ArrayList<>();
    final List<Transport> transports = new ArrayList<>();
    final List<Comm> comms = new ArrayList<>();
    private final Path jobDir;

    EnginePair(int n, Properties settings, Kind kind) throws Exception {
        this(n, settings, kind, Tuning.DEFAULT);
    }

    /** N engines whose world communicators choose collective algorithms by {@code tuning}. */
    EnginePair(int n, Properties settings, Kind kind, Tuning tuning) throws Exception {
        this(n, settings, kind, tuning, (rank, t) -> t);
    }

    /** N engines whose transports are wrapped by {@code wrap} (given the rank and the real transport). */
    EnginePair(int n, Properties settings, Kind kind, Tuning tuning, BiFunction<Integer, Transport, Transport> wrap)
        throws Exception {
        this.kind = kind;
        Config config = Config.from(settings, java.util.Map.of());
        this.jobDir = kind == Kind.SHM ? ShmJobDirectory.forJob(config, "test-" + System.nanoTime()) : null;
        Map<String, Object> fabric = new ConcurrentHashMap<>();
        List<byte[]> cards = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Transport t;
            switch (kind) {
                case SHM:
                    t = new ShmTransport(config, r, n, secret, jobDir, null);
                    break;
                case LOCAL:
                    t = new LocalTransport(config, r, n, fabric);
                    break;
                default:
                    t = new TcpTransport(config, r, n, secret, InetAddress.getLoopbackAddress());
            }
            t = wrap.apply(r, t);
            Engine e = new Engine(r, n, config, t);
            e.start();
            transports.add(t);
            engines.add(e);
            cards.add(t.card());
            comms.add(Comm.world(e, tuning));
        }
        for (Transport t : transports) {
            t.peers(cards);
        }
    }

    EnginePair(int n, Properties settings) throws Exception {
        this(n, settings, Kind.TCP);
    }

    EnginePair(int n) throws Exception {
        this(n, new Properties());
    }

    EnginePair(int n, Kind kind) throws Exception {
        this(n, new Properties(), kind);
    }

    EnginePair(int n, Kind kind, Tuning tuning) throws Exception {
        this(n, new Properties(), kind, tuning);
    }

    /**
     * Settings with the smallest ring the settings allow (64 KiB), so that traffic wraps around the
     * rings of the shared-memory and in-memory transports often.
     */
    static Properties smallestRing() {
        Properties p = new Properties();
        p.setProperty("spmd4j.shm.ring", "65536");
        return p;
    }

    /** The job directory of a shared-memory pair. */
    Path jobDir() {
        return jobDir;
    }

    Comm comm(int rank) {
        return comms.get(rank);
    }

    InetSocketAddress address(int rank) {
        return ((TcpTransport) transports.get(rank)).listenAddress();
    }

    /** Runs {@code body} for every rank on its own thread and waits (with a timeout) for all. */
    void run(RankBody body) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int r = 0; r < comms.size(); r++) {
            Comm c = comms.get(r);
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    body.run(c);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, runnable -> {
                Thread t = new Thread(runnable, "rank-" + c.rank());
                t.setDaemon(true);
                t.start();
            }));
        }
        CompletableFuture<Void> every = CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
        CompletableFuture<Object> anyFailure = new CompletableFuture<>();
        all.forEach(f -> f.whenComplete((v, e) -> {
            if (e != null) {
                anyFailure.completeExceptionally(e);
            }
        }));
        CompletableFuture.anyOf(every, anyFailure).get(60, TimeUnit.SECONDS);
    }

    /** Code run by one rank. */
    interface RankBody {
        void run(Comm c) throws Exception;
    }

    @Override
    public void close() {
        engines.forEach(Engine::close);
        if (jobDir != null) {
            try {
                ShmJobDirectory.deleteRecursively(jobDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
