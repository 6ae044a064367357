package io.spmd4j;

import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.engine.Config;
import io.spmd4j.engine.Engine;
import io.spmd4j.transport.tcp.TcpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N real engines with real TCP transports on loopback inside one JVM, one world communicator each,
 * wired up without a launcher. Each test drives every rank from its own thread.
 */
final class EnginePair implements AutoCloseable {
    final JobSecret secret = JobSecret.generate();
    final List<Engine> engines = new ArrayList<>();
    final List<TcpTransport> transports = new ArrayList<>();
    final List<Comm> comms = new ArrayList<>();

    EnginePair(int n, Properties settings) throws Exception {
        Config config = Config.from(settings, java.util.Map.of());
        List<byte[]> cards = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            TcpTransport t = new TcpTransport(config, r, n, secret, InetAddress.getLoopbackAddress());
            Engine e = new Engine(r, n, config, t);
            e.start();
            transports.add(t);
            engines.add(e);
            cards.add(t.card());
            comms.add(Comm.world(e));
        }
        for (TcpTransport t : transports) {
            t.peers(cards);
        }
    }

    EnginePair(int n) throws Exception {
        this(n, new Properties());
    }

    Comm comm(int rank) {
        return comms.get(rank);
    }

    InetSocketAddress address(int rank) {
        return transports.get(rank).listenAddress();
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
    }
}
