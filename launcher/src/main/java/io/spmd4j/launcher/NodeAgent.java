package io.spmd4j.launcher;

import io.spmd4j.bootstrap.Handshake;
import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.bootstrap.LaunchEnv;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The node agent: started by spmdrun on every other host (over ssh or srun), it connects back to the
 * launcher, starts that host's ranks, relays their output and exit codes (see {@link AgentProtocol}),
 * and kills them as soon as its connection to the launcher closes, or, under ssh, its stdin does: no
 * rank outlives the launcher or the ssh connection. It installs nothing and leaves nothing behind:
 * when its ranks are gone it removes the host's shared-memory job directory and exits.
 *
 * <pre>
 *   java -cp ... io.spmd4j.launcher.NodeAgent LAUNCHER_HOST:PORT HOST_INDEX [--stdin]
 * </pre>
 * The job secret comes from {@value #SECRET_VARIABLE} (srun passes the environment on) or, with
 * {@code --stdin}, from the first line of stdin (ssh passes no environment; a command line would show
 * it to every user of the host). With {@code --stdin}, end of stdin means the ssh connection is gone.
 */
public final class NodeAgent {
    /** Environment variable with the job secret, hex. */
    static final String SECRET_VARIABLE = "SPMD4J_AGENT_SECRET";
    /** The option that makes the agent read the secret from stdin and watch stdin for its end. */
    static final String STDIN_OPTION = "--stdin";
    /** Exit code of an agent whose launcher went away. */
    static final int EXIT_LAUNCHER_LOST = 129;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Signals that end the agent: it kills its ranks first, so none outlives it. */
    private static final String[] ENDING_SIGNALS = {"HUP", "INT", "TERM"};

    private final DataOutputStream out;
    private final Map<Integer, Process> ranks = new ConcurrentHashMap<>();
    private final Map<Integer, OutputStream> stdins = new ConcurrentHashMap<>();
    private volatile Path jobDirectory;

    private NodeAgent(DataOutputStream out) {
        this.out = out;
    }

    /** Runs the agent; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NodeAgent LAUNCHER_HOST:PORT HOST_INDEX [" + STDIN_OPTION + "]");
            System.exit(ExitCodes.USAGE);
        }
        boolean watchStdin = args.length > 2 && args[2].equals(STDIN_OPTION);
        String hex = System.getenv(SECRET_VARIABLE);
        BufferedReader stdin = null;
        if (watchStdin) {
            stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            hex = stdin.readLine();
        }
        if (hex == null || hex.isBlank()) {
            System.err.println("spmd4j node agent: no job secret (neither " + SECRET_VARIABLE + " nor a line on stdin)");
            System.exit(ExitCodes.USAGE);
        }
        JobSecret secret = JobSecret.fromHex(hex.trim());
        int colon = args[0].lastIndexOf(':');
        InetSocketAddress launcher = new InetSocketAddress(args[0].substring(0, colon),
            Integer.parseInt(args[0].substring(colon + 1)));
        int index = Integer.parseInt(args[1]);
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(launcher, Handshake.CONTROL_TIMEOUT_MS);
        socket.setSoTimeout(Handshake.CONTROL_TIMEOUT_MS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        Handshake.initiate(in, out, secret, Handshake.PURPOSE_AGENT, index);
        socket.setSoTimeout(0);
        NodeAgent agent = new NodeAgent(out);
        for (String name : ENDING_SIGNALS) {
            SignalHandlers.install(name, n -> agent.killAllAndHalt("received SIG" + name, 128 + n));
        }
        if (watchStdin) {
            BufferedReader watched = stdin;
            Job.daemon(() -> agent.watch(watched), "spmd4j-agent-stdin");
        }
        AgentProtocol.write(out, AgentProtocol.HELLO, index, AgentProtocol.utf8(nodeName()));
        agent.serve(in, socket);
    }

    private static String nodeName() {
        String slurm = System.getenv("SLURMD_NODENAME");
        if (slurm != null && !slurm.isEmpty()) {
            return slurm;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    /** Reads stdin to its end (the ssh connection is gone), then kills the ranks and exits. */
    private void watch(BufferedReader stdin) {
        try {
            while (stdin.read() >= 0) {
                // nothing is expected after the secret; keep reading until the end
            }
        } catch (IOException e) {
            // treated as the end
        }
        killAllAndHalt("its stdin ended (the ssh connection is gone)", EXIT_LAUNCHER_LOST);
    }

    private void serve(DataInputStream in, Socket socket) {
        CountDownLatch done = null;
        try {
            AgentProtocol.Frame spawn = AgentProtocol.read(in);
            if (spawn.type() != AgentProtocol.SPAWN) {
                throw new IOException("expected a spawn frame, got type " + spawn.type());
            }
            done = start(AgentProtocol.Spawn.decode(spawn.payload()));
            CountDownLatch finished = done;
            Job.daemon(() -> finishWhenDone(finished, socket), "spmd4j-agent-finish");
            while (true) {
                AgentProtocol.Frame f = AgentProtocol.read(in);
                switch (f.type()) {
                    case AgentProtocol.STDIN -> stdin(f.rank(), f.payload());
                    case AgentProtocol.SIGNAL -> signal(AgentProtocol.intOf(f.payload()));
                    case AgentProtocol.TERMINATE -> Job.daemon(this::terminate, "spmd4j-agent-terminate");
                    default -> throw new IOException("unexpected frame type " + f.type());
                }
            }
        } catch (IOException e) {
            if (done == null || ranks.values().stream().anyMatch(Process::isAlive)) {
                // the launcher is gone while ranks run
                killAllAndHalt("lost the launcher connection ("
                    + (e instanceof EOFException ? "closed by the launcher" : e.toString()) + ")", EXIT_LAUNCHER_LOST);
            }
            finishWhenDone(done, socket); // the launcher closed after the last rank's end
        }
    }

    private CountDownLatch start(AgentProtocol.Spawn spawn) throws IOException {
        String dir = spawn.environment().get(LaunchEnv.JOB_DIR);
        jobDirectory = dir == null ? null : Path.of(dir);
        CountDownLatch done = new CountDownLatch(spawn.ranks().size());
        for (Map.Entry<Integer, Map<String, String>> e : spawn.ranks().entrySet()) {
            int rank = e.getKey();
            ProcessBuilder pb = new ProcessBuilder(spawn.command()).directory(new File(spawn.workingDirectory()));
            pb.environment().remove(SECRET_VARIABLE);
            pb.environment().putAll(spawn.environment());
            pb.environment().putAll(e.getValue());
            Process p;
            try {
                p = pb.start();
            } catch (IOException ex) {
                AgentProtocol.write(out, AgentProtocol.FAILED, rank, AgentProtocol.utf8("cannot start rank " + rank
                    + " on " + nodeName() + " (" + spawn.command().get(0) + "): " + ex.getMessage()));
                done.countDown();
                continue;
            }
            ranks.put(rank, p);
            AgentProtocol.write(out, AgentProtocol.STARTED, rank, AgentProtocol.ofLong(p.pid()));
            if (rank == spawn.stdinRank()) {
                stdins.put(rank, p.getOutputStream());
            } else {
                p.getOutputStream().close();
            }
            OutputDrain streams = new OutputDrain(2);
            Job.daemon(() -> relay(rank, p.getInputStream(), AgentProtocol.OUT, streams), "spmd4j-agent-out-" + rank);
            Job.daemon(() -> relay(rank, p.getErrorStream(), AgentProtocol.ERR, streams), "spmd4j-agent-err-" + rank);
            Job.daemon(() -> {
                int code = Job.waitForExit(p);
                streams.await(Job.DRAIN_TIMEOUT_MS);
                try {
                    AgentProtocol.write(out, AgentProtocol.EXIT, rank, AgentProtocol.ofInt(code));
                } catch (IOException ex) {
                    // the launcher is gone; the serving thread kills what is left
                }
                done.countDown();
            }, "spmd4j-agent-wait-" + rank);
        }
        return done;
    }

    private void relay(int rank, InputStream from, byte type, OutputDrain streams) {
        byte[] buf = new byte[READ_BUFFER_BYTES];
        try (InputStream in = from) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                AgentProtocol.write(out, type, rank, buf, 0, n);
                streams.moved();
            }
        } catch (IOException e) {
            // the rank ended or the launcher is gone
        } finally {
            streams.ended();
        }
    }


    private void finishWhenDone(CountDownLatch done, Socket socket) {
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // wait on
            }
        }
        removeJobDirectory();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        System.exit(ExitCodes.SUCCESS);
    }

    private void stdin(int rank, byte[] bytes) {
        OutputStream o = stdins.get(rank);
        if (o == null) {
            return;
        }
        try {
            if (bytes.length == 0) {
                stdins.remove(rank);
                o.close();
            } else {
                o.write(bytes);
                o.flush();
            }
        } catch (IOException e) {
            stdins.remove(rank); // the rank exited
        }
    }

    private void signal(int signal) {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        for (Process p : ranks.values()) {
            if (p.isAlive()) {
                cmd.add(Long.toString(p.pid()));
            }
        }
        if (cmd.size() == 2) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.getOutputStream().close();
            kill.waitFor(Job.KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            ranks.values().forEach(p -> p.toHandle().destroy());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to every rank and its children, SIGKILL to what is left after the grace time. */
    private void terminate() {
        List<Process> all = new ArrayList<>(ranks.values());
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.toHandle().destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Job.TERMINATE_GRACE_MS);
        for (Process p : all) {
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
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.toHandle().destroyForcibly();
        }
    }

    /** Says why on stderr (relayed by ssh or srun to the launcher), kills every rank and exits with {@code code}. */
    private void killAllAndHalt(String why, int code) {
        long alive = ranks.values().stream().filter(Process::isAlive).count();
        System.err.println("spmd4j node agent on " + nodeName() + ": " + why
            + (alive > 0 ? "; killing its " + alive + " running rank(s)" : ""));
        System.err.flush();
        for (Process p : ranks.values()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.toHandle().destroyForcibly();
        }
        for (Process p : ranks.values()) {
            try {
                p.waitFor(Job.KILL_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
        }
        removeJobDirectory();
        Runtime.getRuntime().halt(code);
    }

    private void removeJobDirectory() {
        Path dir = jobDirectory;
        if (dir != null) {
            try {
                ShmJobDirectory.deleteRecursively(dir);
            } catch (IOException | RuntimeException e) {
                System.err.println("spmd4j node agent on " + nodeName() + ": could not remove " + dir + " (" + e + ")");
            }
        }
    }

}
