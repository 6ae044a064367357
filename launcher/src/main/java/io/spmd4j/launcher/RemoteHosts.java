package io.spmd4j.launcher;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The launcher's side of the node agents of one job: starts one agent per remote host (an ssh
 * connection each, all at once; or one srun step with a task per node), accepts the agents'
 * authenticated connections, sends each its ranks, and turns their frames into rank output, pids and
 * exit codes for the {@link Job}. A host whose connection command fails, or whose agent does not
 * connect within {@link #AGENT_START_TIMEOUT_MS}, or whose agent's connection breaks while its ranks
 * run, is reported as failed.
 *
 * <p>Thread-safe: one thread accepts, one per agent reads, one per connection command forwards its
 * diagnostics; {@link #terminate()}, {@link #signal}, {@link #killNow()} may be called from any thread.
 */
final class RemoteHosts implements AutoCloseable {
    /** Time an agent has to connect after its ssh or srun started. */
    static final long AGENT_START_TIMEOUT_MS = 60_000;
    /** Time the agents have to report their ranks' ends after {@link #terminate()}. */
    static final long TERMINATE_WAIT_MS = Job.TERMINATE_GRACE_MS + Job.KILL_WAIT_MS + 2_000;
    /** Lines of a connection command's output kept for the error message when it fails. */
    private static final int KEPT_DIAGNOSTIC_LINES = 5;

    /** What the job learns from the agents. */
    interface Events {
        /** Rank {@code rank} (process {@code pid} on its host) exited with {@code code}. */
        void exited(int rank, long pid, int code);

        /** Host {@code host} failed; the job cannot go on. */
        void hostFailed(String host, String message);
    }

    /** One remote host's agent, as the launcher sees it. */
    private static final class Agent {
        final Placement.HostRanks host;
        final Deque<String> diagnostics = new ArrayDeque<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile Socket socket;
        volatile DataOutputStream out;
        volatile int running;

        Agent(Placement.HostRanks host) {
            this.host = host;
            this.running = host.ranks().size();
        }
    }

    private final HostPlan hosts;
    private final JobSecret secret;
    private final Function<Placement.HostRanks, AgentProtocol.Spawn> spawns;
    private final Map<Integer, LineForwarder> outs = new ConcurrentHashMap<>();
    private final Map<Integer, LineForwarder> errs = new ConcurrentHashMap<>();
    private final Map<Integer, Long> pids = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> outputFinished = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Agent> agents = new LinkedHashMap<>();
    private final List<Process> connections = new ArrayList<>();
    private final ServerSocket server;
    private final Events events;
    private final PrintStream err;
    private volatile boolean closing;

    /**
     * Opens the agents' service; {@link #start} starts the agents.
     *
     * @param spawns what each host's agent starts
     * @param forwarders makes the output forwarder of a rank's stdout ({@code true}) or stderr
     */
    RemoteHosts(LaunchPlan plan, JobSecret secret, Function<Placement.HostRanks, AgentProtocol.Spawn> spawns,
                java.util.function.BiFunction<Integer, Boolean, LineForwarder> forwarders, PrintStream err,
                Events events) throws IOException {
        this.hosts = plan.hosts();
        this.secret = secret;
        this.spawns = spawns;
        this.err = err;
        this.events = events;
        for (Placement.HostRanks h : hosts.placement().hosts()) {
            if (hosts.remote().contains(h.index())) {
                agents.put(h.index(), new Agent(h));
                for (int r : h.ranks()) {
                    outs.put(r, forwarders.apply(r, true));
                    errs.put(r, forwarders.apply(r, false));
                }
            }
        }
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(0), Math.max(50, agents.size()));
    }

    /** The pid of a remote rank on its host, or -1 while unknown. */
    long pid(int rank) {
        return pids.getOrDefault(rank, -1L);
    }

    /** Whether {@code rank} runs through an agent. */
    boolean isRemote(int rank) {
        return outs.containsKey(rank);
    }

    /** Starts every agent at once and returns; agents connect back on threads of their own. */
    void start() throws IOException {
        Job.daemon(this::acceptLoop, "spmdrun-agents-accept");
        String firstHost = agents.values().iterator().next().host.name();
        String endpoint = Job.endpoint(hosts.launcherAddressFacing(firstHost), server.getLocalPort());
        if (hosts.start() == LaunchOptions.RemoteStart.SRUN) {
            List<String> names = new ArrayList<>();
            agents.values().forEach(a -> names.add(a.host.name()));
            List<String> cmd = new ArrayList<>(List.of("srun", "--nodes=" + names.size(), "--ntasks=" + names.size(),
                "--ntasks-per-node=1", "--nodelist=" + String.join(",", names), "--kill-on-bad-exit=1",
                "--cpu-bind=none", "--overlap", "--input=none", "--export=ALL"));
            cmd.addAll(hosts.agentCommand());
            cmd.add(endpoint);
            cmd.add("-1");
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put(NodeAgent.SECRET_VARIABLE, secret.toHex());
            startConnection(pb, new ArrayList<>(agents.values()), "srun", null);
        } else {
            for (Agent a : agents.values()) {
                String hostEndpoint = Job.endpoint(hosts.launcherAddressFacing(a.host.name()), server.getLocalPort());
                StringBuilder remote = new StringBuilder("exec");
                for (String w : hosts.agentCommand()) {
                    remote.append(' ').append(ShellWords.quote(w));
                }
                remote.append(' ').append(ShellWords.quote(hostEndpoint)).append(' ').append(a.host.index())
                    .append(' ').append(NodeAgent.STDIN_OPTION);
                List<String> cmd = new ArrayList<>(hosts.sshCommand());
                cmd.add(a.host.name());
                cmd.add(remote.toString());
                startConnection(new ProcessBuilder(cmd), List.of(a), hosts.sshCommand().get(0),
                    secret.toHex() + "\n");
            }
        }
        Job.daemon(this::startDeadline, "spmdrun-agents-deadline");
    }

    private void startConnection(ProcessBuilder pb, List<Agent> served, String what, String stdinLine)
        throws IOException {
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + String.join(" ", pb.command().subList(0, 1)) + " to reach "
                + served.get(0).host.name() + ": " + e.getMessage(), e);
        }
        synchronized (connections) {
            connections.add(p);
        }
        if (stdinLine != null) {
            OutputStream o = p.getOutputStream();
            o.write(stdinLine.getBytes(StandardCharsets.US_ASCII));
            o.flush(); // stays open: its end tells the agent that the launcher is gone
        } else {
            p.getOutputStream().close();
        }
        String label = served.size() == 1 ? served.get(0).host.name() : what;
        Job.daemon(() -> diagnostics(p.getInputStream(), label, served), "spmdrun-agent-out");
        Job.daemon(() -> diagnostics(p.getErrorStream(), label, served), "spmdrun-agent-err");
        Job.daemon(() -> {
            int code = Job.waitForExit(p);
            for (Agent a : served) {
                if (a.socket == null && !closing) {
                    events.hostFailed(a.host.name(), what + " exited with code " + code
                        + " before the node agent connected" + lastLines(a));
                }
            }
        }, "spmdrun-agent-wait");
    }

    /** Copies a connection command's output to the launcher's stderr and keeps its last lines. */
    private void diagnostics(InputStream from, String label, List<Agent> served) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                for (Agent a : served) {
                    synchronized (a.diagnostics) {
                        a.diagnostics.addLast(line);
                        if (a.diagnostics.size() > KEPT_DIAGNOSTIC_LINES) {
                            a.diagnostics.removeFirst();
                        }
                    }
                }
                synchronized (err) {
                    err.println("spmdrun: " + label + ": " + line);
                    err.flush();
                }
            }
        } catch (IOException e) {
            // the command ended
        }
    }

    private static String lastLines(Agent a) {
        synchronized (a.diagnostics) {
            return a.diagnostics.isEmpty() ? "" : ": " + String.join(" / ", a.diagnostics);
        }
    }

    private void startDeadline() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AGENT_START_TIMEOUT_MS);
        for (Agent a : agents.values()) {
            while (a.socket == null && !closing && System.nanoTime() < deadline) {
                sleep(50);
            }
            if (a.socket == null && !closing) {
                events.hostFailed(a.host.name(), "the node agent did not connect within "
                    + AGENT_START_TIMEOUT_MS / 1000 + " s" + lastLines(a));
            }
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            Job.daemon(() -> serve(s), "spmdrun-agent");
        }
    }

    private void serve(Socket s) {
        Agent agent = null;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Handshake.CONTROL_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            Handshake.Peer peer = Handshake.accept(in, out, secret);
            if (peer.purpose() != Handshake.PURPOSE_AGENT) {
                throw new IOException("not a node agent (purpose " + peer.purpose() + ")");
            }
            AgentProtocol.Frame hello = AgentProtocol.read(in);
            if (hello.type() != AgentProtocol.HELLO) {
                throw new IOException("expected hello, got frame type " + hello.type());
            }
            String node = new String(hello.payload(), StandardCharsets.UTF_8);
            agent = claim(peer.rank() >= 0 ? peer.rank() : -1, node, s);
            if (agent == null) {
                throw new IOException("an agent on " + node + " (index " + peer.rank() + ") that no host waits for");
            }
            s.setSoTimeout(0);
            if (closing) {
                return;
            }
            AgentProtocol.write(out, AgentProtocol.SPAWN, -1, spawns.apply(agent.host).encode());
            // Published only now: stdin and signal frames written by other threads must follow the spawn.
            agent.out = out;
            relay(agent, in);
        } catch (IOException e) {
            if (agent == null) {
                synchronized (err) {
                    err.println("spmdrun: refused a node agent connection from " + s.getRemoteSocketAddress() + ": "
                        + e.getMessage());
                    err.flush();
                }
            } else if (agent.running > 0 && !closing) {
                events.hostFailed(agent.host.name(), "lost the connection to its node agent while "
                    + agent.running + " of its ranks ran (" + e.getMessage() + ")" + lastLines(agent));
            }
        } finally {
            if (agent != null) {
                finishOutputs(agent);
                agent.closed.countDown();
            }
            closeQuietly(s);
        }
    }

    /** The agent that an arriving connection belongs to, marked as connected; null when none waits for it. */
    private synchronized Agent claim(int index, String node, Socket s) {
        Agent a = null;
        if (index >= 0) {
            a = agents.get(index);
        } else {
            for (Agent c : agents.values()) {
                if (c.socket == null && (c.host.name().equals(node) || shortName(c.host.name()).equals(shortName(node)))) {
                    a = c;
                    break;
                }
            }
        }
        if (a == null || a.socket != null) {
            return null;
        }
        a.socket = s;
        return a;
    }

    private static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot > 0 && !Character.isDigit(host.charAt(0)) ? host.substring(0, dot) : host;
    }

    private void relay(Agent agent, DataInputStream in) throws IOException {
        while (agent.running > 0) {
            AgentProtocol.Frame f = AgentProtocol.read(in);
            int rank = f.rank();
            switch (f.type()) {
                case AgentProtocol.STARTED -> pids.put(rank, AgentProtocol.longOf(f.payload()));
                case AgentProtocol.OUT -> forwarder(outs, rank).accept(f.payload(), 0, f.payload().length);
                case AgentProtocol.ERR -> forwarder(errs, rank).accept(f.payload(), 0, f.payload().length);
                case AgentProtocol.EXIT -> {
                    finishOutput(rank);
                    agent.running--;
                    events.exited(rank, pid(rank), AgentProtocol.intOf(f.payload()));
                }
                case AgentProtocol.FAILED -> {
                    agent.running--;
                    events.hostFailed(agent.host.name(), new String(f.payload(), StandardCharsets.UTF_8));
                }
                default -> throw new IOException("unexpected frame type " + f.type() + " from the agent");
            }
        }
    }

    private LineForwarder forwarder(Map<Integer, LineForwarder> map, int rank) throws IOException {
        LineForwarder f = map.get(rank);
        if (f == null) {
            throw new IOException("the agent reported rank " + rank + ", which it does not run");
        }
        return f;
    }

    /** Ends the output of the agent's ranks that did not report their end. */
    private void finishOutputs(Agent agent) {
        for (int r : agent.host.ranks()) {
            finishOutput(r);
        }
    }

    /** Ends the output of {@code rank}, once. */
    private void finishOutput(int rank) {
        if (outputFinished.add(rank)) {
            outs.get(rank).finish();
            errs.get(rank).finish();
        }
    }

    /** A stdin for remote rank {@code rank}: bytes written go to the rank through its agent. */
    OutputStream stdinOf(int rank) {
        Agent agent = null;
        for (Agent a : agents.values()) {
            if (a.host.ranks().contains(rank)) {
                agent = a;
            }
        }
        Agent target = agent;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    AgentProtocol.write(awaitOut(target), AgentProtocol.STDIN, rank, b, off, len);
                }
            }

            @Override
            public void close() throws IOException {
                AgentProtocol.write(awaitOut(target), AgentProtocol.STDIN, rank, new byte[0]);
            }
        };
    }

    private DataOutputStream awaitOut(Agent a) throws IOException {
        while (a.out == null) {
            if (closing || a.closed.getCount() == 0) {
                throw new IOException("the agent of " + a.host.name() + " is gone");
            }
            sleep(20);
        }
        return a.out;
    }

    /** Forwards a signal to every remote rank. */
    void signal(int signal) {
        sendAll(AgentProtocol.SIGNAL, AgentProtocol.ofInt(signal));
    }

    /** Asks every agent to end its ranks (SIGTERM, then SIGKILL), without waiting. */
    void terminate() {
        sendAll(AgentProtocol.TERMINATE, new byte[0]);
    }

    /** Waits until every agent has reported the end of its ranks and closed, or the deadline passed. */
    void awaitAgents(long deadlineNanos) {
        for (Agent a : agents.values()) {
            if (a.out == null) {
                continue; // never connected
            }
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !a.closed.await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendAll(byte type, byte[] payload) {
        for (Agent a : agents.values()) {
            DataOutputStream o = a.out;
            if (o != null && a.closed.getCount() > 0) {
                try {
                    AgentProtocol.write(o, type, -1, payload);
                } catch (IOException e) {
                    // that agent is gone; its ranks with it
                }
            }
        }
    }

    /** Whether any remote rank has not reported its end. */
    boolean anyRunning() {
        return agents.values().stream().anyMatch(a -> a.running > 0 && a.closed.getCount() > 0);
    }

    /**
     * Closes every agent connection (the agents kill their ranks at once) and ends the ssh or srun
     * processes. Idempotent.
     */
    void killNow() {
        closing = true;
        closeQuietly(server);
        for (Agent a : agents.values()) {
            Socket s = a.socket;
            if (s != null) {
                closeQuietly(s);
            }
        }
        List<Process> ps;
        synchronized (connections) {
            ps = new ArrayList<>(connections);
        }
        for (Process p : ps) {
            p.toHandle().destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Job.KILL_WAIT_MS);
        for (Process p : ps) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.toHandle().destroyForcibly();
            }
        }
    }

    /** Ends the agents gracefully: {@link #terminate()}, wait, then {@link #killNow()}. Idempotent. */
    @Override
    public void close() {
        if (!closing) {
            terminate();
            awaitAgents(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_WAIT_MS));
            List<Process> ps;
            synchronized (connections) {
                ps = new ArrayList<>(connections);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Job.KILL_WAIT_MS);
            for (Process p : ps) { // the agents have exited: their ssh or srun end on their own
                try {
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        p.waitFor(left, TimeUnit.NANOSECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        killNow();
    }


    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on a failure or shutdown path
        }
    }

}
