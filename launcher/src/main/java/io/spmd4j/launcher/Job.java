package io.spmd4j.launcher;

import io.spmd4j.bootstrap.JobSecret;
import io.spmd4j.bootstrap.RendezvousServer;
import io.spmd4j.transport.shm.ShmJobDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import io.spmd4j.bootstrap.LaunchEnv;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running job on this host: the rendezvous service, the rank processes, the threads that
 * forward their output and stdin, and the supervision loop ({@link #await()}) that ends the whole
 * job when the first rank fails, a rank aborts, or the time limit expires.
 *
 * <p>The job owns its shared-memory directory ({@link LaunchPlan#jobDirectory}): the ranks create it
 * when they first need it, and {@link #close()} (or the shutdown hook) removes it once no rank runs,
 * however the job ended. When the launcher is killed with SIGKILL, the ranks' watchdog removes it.
 *
 * <p>With {@link LaunchPlan#threads()}, the job has one process that holds every rank as a thread;
 * messages then name that JVM rather than a rank.
 *
 * <p>Threads: {@link #start} and {@link #await()} on the launching thread; {@link #signal(int)} from
 * any thread (signal handlers); {@link #close()} from any thread, idempotent. A shutdown hook kills
 * the ranks if the launcher's JVM exits while the job runs.
 */
final class Job implements AutoCloseable {
    /** Time ranks get to exit after SIGTERM before they get SIGKILL. */
    static final long TERMINATE_GRACE_MS = 1_000;
    /** How often the launcher checks that the job's shared-memory directory is still there. */
    static final long JOB_DIR_CHECK_MS = 50;
    /**
     * How long the ranks have to report that they finalized once the directory is gone: the last rank to
     * close its shared-memory transport removes the directory, which is no fault, and every rank is then
     * past the finalize barrier, so the first report follows within moments.
     */
    static final long JOB_DIR_FINALIZE_GRACE_MS = 800;
    /** Time to wait for a killed rank to be reaped. */
    static final long KILL_WAIT_MS = 1_000;
    /** Time the output of ended ranks may take to drain. */
    static final long DRAIN_TIMEOUT_MS = 1_000;
    /** Signal numbers that {@link #signal(int)} forwards. */
    static final int SIGINT = 2;
    static final int SIGTERM = 15;
    private static final int JOB_ID_BYTES = 8;
    /** An abort message from the JVM of thread ranks, which names the rank (see ThreadsMain.abortMessage). */
    private static final Pattern THREAD_RANK_ABORT = Pattern.compile("rank (\\d+): (.*)", Pattern.DOTALL);

    private final LaunchPlan plan;
    private final PrintStream err;
    private final String jobId;
    private final Path jobDirectory;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Process> ranks = new ArrayList<>();
    /** The local rank processes by rank. */
    private final Map<Integer, Process> localByRank = new ConcurrentHashMap<>();
    /** The node agents of the ranks on other hosts; null when every rank runs here. */
    private final RemoteHosts remote;
    private final PrintStream out;
    private final OutputDrain outputDone;
    private final AtomicInteger signalsReceived = new AtomicInteger();
    private final JobSecret secret = JobSecret.generate();
    private final RendezvousServer server;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private volatile boolean stdinRemote;

    /** What the supervision loop reacts to. */
    private sealed interface Event permits Exited, Aborted, Signalled, HostFailed, JobDirectoryLost {
    }

    /** The job's shared-memory directory vanished while ranks that had not finalized still ran. */
    private record JobDirectoryLost() implements Event {
    }

    private record HostFailed(String host, String message) implements Event {
    }

    private record Exited(int rank, long pid, int code) implements Event {
    }

    private record Aborted(int rank, int code, String message) implements Event {
    }

    private record Signalled(int signal) implements Event {
    }

    private Job(LaunchPlan plan, PrintStream out, PrintStream err) throws IOException {
        this.plan = plan;
        this.out = out;
        this.err = err;
        byte[] id = new byte[JOB_ID_BYTES];
        new SecureRandom().nextBytes(id);
        this.jobId = HexFormat.of().formatHex(id);
        this.jobDirectory = plan.jobDirectory(jobId);
        this.outputDone = new OutputDrain(2 * plan.processes());
        // ranks on other hosts must reach the service: then it listens on every interface (the handshake
        // keeps strangers out), else on loopback only
        this.server = new RendezvousServer(plan.processes(), secret, plan.hosts().anyRemote()
            ? new InetSocketAddress(0).getAddress() : InetAddress.getLoopbackAddress(),
            new RendezvousServer.Listener() {
                @Override
                public void onAbort(int rank, int exitCode, String message) {
                    events.add(new Aborted(rank, exitCode, message));
                }
            });
        this.shutdownHook = new Thread(this::killNow, "spmdrun-shutdown");
        if (plan.hosts().anyRemote()) {
            RemoteHosts agents;
            try {
                agents = new RemoteHosts(plan, secret, this::spawnOf,
                    (rank, stdout) -> new LineForwarder(stdout ? out : err, plan.outputTag(rank), outputDone), err,
                    new RemoteHosts.Events() {
                        @Override
                        public void exited(int rank, long pid, int code) {
                            events.add(new Exited(rank, pid, code));
                        }

                        @Override
                        public void hostFailed(String host, String message) {
                            events.add(new HostFailed(host, message));
                        }
                    });
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            this.remote = agents;
        } else {
            this.remote = null;
        }
    }

    /** {@code host:port} for an address, with brackets around an IPv6 address. */
    static String endpoint(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The rendezvous endpoint that ranks on {@code host} connect to. */
    private String rendezvousFor(String host) throws IOException {
        return plan.hosts().anyRemote()
            ? endpoint(plan.hosts().launcherAddressFacing(host), server.address().getPort()) : server.endpoint();
    }

    /** The shared-memory directory of the ranks on {@code host}: the job's own here, one per host elsewhere. */
    private Path jobDirectoryOf(Placement.HostRanks host) {
        return plan.hosts().remote().contains(host.index()) ? plan.jobDirectory(jobId + "-" + host.index())
            : jobDirectory;
    }

    /** What the node agent of {@code host} starts. */
    private AgentProtocol.Spawn spawnOf(Placement.HostRanks host) {
        Path dir = jobDirectoryOf(host);
        String rendezvous;
        try {
            rendezvous = rendezvousFor(host.name());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<Integer, Map<String, String>> perRank = new LinkedHashMap<>();
        for (int r : host.ranks()) {
            perRank.put(r, plan.environmentOf(r, jobId, dir, rendezvous, secret.toHex()));
        }
        return new AgentProtocol.Spawn(plan.rankCommand(), plan.workingDirectory().toString(),
            Map.of(LaunchEnv.JOB_DIR, dir.toString()), perRank, stdinRemote ? 0 : -1);
    }

    /**
     * Starts every rank.
     *
     * @param in the launcher's stdin for rank 0, or {@code null} for an empty stdin
     * @throws IOException if a rank could not be started; ranks already started are killed
     */
    static Job start(LaunchPlan plan, PrintStream out, PrintStream err, InputStream in) throws IOException {
        Job job = new Job(plan, out, err);
        try {
            job.startRanks(out, in);
        } catch (IOException | RuntimeException e) {
            job.close();
            throw e;
        }
        return job;
    }

    private void startRanks(PrintStream out, InputStream in) throws IOException {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        String secretHex = secret.toHex();
        List<Integer> local = new ArrayList<>();
        String localRendezvous = null;
        for (Placement.HostRanks h : plan.hosts().placement().hosts()) {
            if (!plan.hosts().remote().contains(h.index())) {
                local.addAll(plan.threads() ? List.of(0) : h.ranks());
            }
        }
        if (!local.isEmpty()) {
            String firstOther = plan.hosts().placement().hosts().stream()
                .filter(h -> plan.hosts().remote().contains(h.index())).map(Placement.HostRanks::name)
                .findFirst().orElse("localhost");
            localRendezvous = rendezvousFor(firstOther);
        }
        if (remote != null) {
            stdinRemote = in != null && remote.isRemote(0);
            remote.start();
            if (stdinRemote) {
                daemon(new StdinForwarder(in, remote.stdinOf(0)), "spmdrun-stdin");
            }
        }
        for (int r : local) {
            ProcessBuilder pb = new ProcessBuilder(plan.rankCommand()).directory(plan.workingDirectory().toFile());
            pb.environment().putAll(plan.environmentOf(r, jobId, jobDirectory, localRendezvous, secretHex));
            Process p;
            synchronized (ranks) {
                if (closed) {
                    throw new IOException("the job was closed while starting");
                }
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new IOException("cannot start " + (plan.threads() ? "the ranks' JVM" : "rank " + r)
                        + " (" + plan.java() + "): " + e.getMessage(), e);
                }
                ranks.add(p);
                localByRank.put(r, p);
            }
            String tag = plan.outputTag(r);
            daemon(new LineForwarder(p.getInputStream(), out, tag, outputDone), "spmdrun-out-" + r);
            daemon(new LineForwarder(p.getErrorStream(), err, tag, outputDone), "spmdrun-err-" + r);
            if (r == 0 && in != null) {
                daemon(new StdinForwarder(in, p.getOutputStream()), "spmdrun-stdin");
            } else {
                p.getOutputStream().close();
            }
            int rank = r;
            daemon(() -> events.add(new Exited(rank, p.pid(), waitForExit(p))), "spmdrun-wait-" + r);
        }
        if (!plan.threads() && !local.isEmpty()) {
            daemon(this::watchJobDirectory, "spmdrun-jobdir-watch");
        }
    }

    /**
     * Ends the job when its shared-memory directory disappears (removed by hand or by a clean-up script)
     * before the ranks finalized: the rings already mapped would go on working, but no new connection could
     * be made and no file of the job could be cleaned up, so the job would fail later and obscurely.
     */
    private void watchJobDirectory() {
        boolean seen = false;
        while (!closed) {
            if (java.nio.file.Files.isDirectory(jobDirectory)) {
                seen = true;
            } else if (seen) {
                try {
                    if (!server.awaitAnyFinished(JOB_DIR_FINALIZE_GRACE_MS) && !closed) {
                        events.add(new JobDirectoryLost());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                Thread.sleep(JOB_DIR_CHECK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Blocks until {@code p} exits and returns its exit code. A thread of our own rather than
     * {@code Process.onExit()}, whose completion runs on the common fork-join pool and can starve when
     * that pool is busy (it has a single thread on a 2-core machine).
     */
    static int waitForExit(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // only the job may end this thread, and it does so by ending the process
            }
        }
    }

    /** Starts {@code task} on a daemon thread called {@code name}. */
    static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Supervises the job until it ends and returns the launcher's exit code: 0 when every rank exited
     * with 0; else the first failing rank's code, an abort's code, or {@link ExitCodes#TIMEOUT}. Prints
     * one line to the error stream saying why a job ended early. Every rank has exited when it returns.
     */
    int await() {
        long deadline = plan.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        int exited = 0;
        try {
            while (exited < plan.processes()) {
                long left = deadline - System.nanoTime();
                Event e = deadline == Long.MAX_VALUE ? events.take() : events.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    endJob();
                    return report(ExitCodes.TIMEOUT,
                        "job timed out after " + plan.timeout().orElseThrow().toSeconds() + " s; killed ranks");
                }
                if (e instanceof Exited x) {
                    exited++;
                    if (x.code() != 0) {
                        endJob();
                        Aborted a = pendingAbort();
                        return a != null ? reportAbort(a)
                            : report(x.code(), who(x.rank(), x.pid()) + " " + ExitCodes.describe(x.code())
                                + "; ending the job");
                    }
                } else if (e instanceof Aborted a) {
                    endJob();
                    return reportAbort(a);
                } else if (e instanceof JobDirectoryLost) {
                    endJob();
                    return report(ExitCodes.LAUNCH_FAILED, "the job's shared-memory directory " + jobDirectory
                        + " was removed while ranks ran; ending the job");
                } else if (e instanceof HostFailed h) {
                    endJob();
                    return report(ExitCodes.LAUNCH_FAILED, "host " + h.host() + ": " + h.message() + "; ending the job");
                } else if (e instanceof Signalled s) {
                    if (forward(s.signal())) {
                        endJob();
                        return report(ExitCodes.SIGNAL_BASE + s.signal(), "received "
                            + ExitCodes.signalName(s.signal()) + " again; killed ranks");
                    }
                }
            }
            awaitOutput();
            return ExitCodes.SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endJob();
            return report(ExitCodes.SIGNAL_BASE + SIGINT, "interrupted; killed ranks");
        }
    }

    private Aborted pendingAbort() {
        for (Event e : events) {
            if (e instanceof Aborted a) {
                return a;
            }
        }
        return null;
    }

    private int reportAbort(Aborted a) {
        long pid = pidOf(a.rank());
        String who = who(a.rank(), pid);
        String message = a.message();
        Matcher threadRank = THREAD_RANK_ABORT.matcher(message);
        if (plan.threads() && threadRank.matches()) {
            who = "rank " + threadRank.group(1) + " (a thread of pid " + pid + ")";
            message = threadRank.group(2);
        }
        return report(a.code(), who + " called abort with code " + a.code()
            + (message.isEmpty() ? "" : ": " + message) + "; ending the job");
    }

    /**
     * How messages name rank process {@code process}: {@code "rank 2 (pid 1234)"}, or, when the ranks
     * are threads, {@code "the ranks' JVM (pid 1234)"} (its own output says which rank failed).
     */
    private String who(int process, long pid) {
        String where = "";
        if (plan.hosts().anyRemote()) {
            where = " on " + plan.hosts().placement().hosts().get(plan.hosts().placement().hostOfRank()[process]).name();
        }
        return (plan.threads() ? "the ranks' JVM" : "rank " + process) + " (pid " + pid + where + ")";
    }

    /** The pid of a rank on its host, or -1 when it is not known. */
    private long pidOf(int rank) {
        Process p = localByRank.get(rank);
        if (p != null) {
            return p.pid();
        }
        return remote != null ? remote.pid(rank) : -1;
    }

    private int report(int code, String message) {
        awaitOutput();
        synchronized (err) {
            err.println("spmdrun: " + message);
            err.flush();
        }
        return code;
    }

    private void awaitOutput() {
        outputDone.await(DRAIN_TIMEOUT_MS);
    }

    /** Asks the supervision loop to forward a signal the launcher received (SIGINT or SIGTERM). */
    void signal(int signal) {
        events.add(new Signalled(signal));
    }

    /** Forwards a signal; returns true when it is the second one and the job should end now. */
    private boolean forward(int signal) {
        if (signalsReceived.incrementAndGet() > 1) {
            return true;
        }
        if (remote != null) {
            remote.signal(signal);
        }
        List<ProcessHandle> alive = new ArrayList<>();
        for (Process p : snapshot()) {
            if (p.isAlive()) {
                alive.add(p.toHandle());
            }
        }
        if (signal == SIGTERM) {
            alive.forEach(ProcessHandle::destroy);
        } else {
            sendSignal(signal, alive);
        }
        return false;
    }

    /** Java can only send SIGTERM and SIGKILL; other signals go through kill(1). */
    private void sendSignal(int signal, List<ProcessHandle> targets) {
        if (targets.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        targets.forEach(h -> cmd.add(Long.toString(h.pid())));
        try {
            Process kill = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.getOutputStream().close();
            if (!kill.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            targets.forEach(ProcessHandle::destroy); // no kill(1): fall back to SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends every rank that still runs: SIGTERM to the ranks and their child processes, SIGKILL to
     * those left after {@link #TERMINATE_GRACE_MS}, then closes the rendezvous service. Ranks are ended
     * through their process handles: {@code Process.destroy()} would also close this end of their pipes and
     * throw away output that the forwarders have not read yet.
     */
    private void endJob() {
        if (remote != null) {
            remote.terminate(); // the agents end their ranks while this host ends its own
        }
        List<Process> ranksNow = snapshot();
        List<ProcessHandle> children = new ArrayList<>();
        for (Process p : ranksNow) {
            p.descendants().forEach(children::add);
        }
        children.forEach(ProcessHandle::destroy);
        ranksNow.forEach(p -> p.toHandle().destroy());
        long graceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
        waitForExit(ranksNow, graceEnd);
        if (remote != null) {
            remote.awaitAgents(graceEnd); // they end their ranks meanwhile; closing the service now would make
        }                                 // the remote ranks report a lost launcher first
        server.close();
        for (Process p : ranksNow) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.toHandle().destroyForcibly();
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        waitForExit(ranksNow, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS));
        if (remote != null) {
            remote.awaitAgents(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS));
            remote.killNow();
        }
    }

    /** Waits for the processes to exit until the deadline; not through onExit (see {@link #waitForExit(Process)}). */
    private static void waitForExit(List<Process> processes, long deadlineNanos) {
        for (Process p : processes) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Process> snapshot() {
        synchronized (ranks) {
            return new ArrayList<>(ranks);
        }
    }

    /** Kills every rank and its children at once and removes the job directory, for the shutdown hook. */
    private void killNow() {
        synchronized (ranks) {
            closed = true;
        }
        List<Process> ranksNow = snapshot();
        for (Process p : ranksNow) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.toHandle().destroyForcibly();
        }
        server.close();
        if (remote != null) {
            remote.killNow(); // closing the agents' connections makes them kill their ranks
        }
        waitForExit(ranksNow, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS));
        removeJobDirectory();
    }

    /** The job's shared-memory directory; it exists only while a rank has created it and the job runs. */
    Path jobDirectory() {
        return jobDirectory;
    }

    /**
     * Removes the job's shared-memory directory and whatever the ranks left in it; called once no rank
     * runs. A failure is reported, not thrown: the job's outcome stands.
     */
    private void removeJobDirectory() {
        try {
            ShmJobDirectory.deleteRecursively(jobDirectory);
        } catch (IOException | RuntimeException e) {
            synchronized (err) {
                err.println("spmdrun: could not remove the job's shared-memory directory " + jobDirectory + " ("
                    + e + "); remove it by hand");
                err.flush();
            }
        }
    }

    /**
     * Ends ranks that still run, closes the rendezvous service, removes the job's shared-memory
     * directory and the shutdown hook. Idempotent.
     */
    @Override
    public void close() {
        synchronized (ranks) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean anyAlive = snapshot().stream().anyMatch(Process::isAlive) || (remote != null && remote.anyRunning());
        if (anyAlive) {
            endJob();
        }
        if (remote != null) {
            remote.close();
        }
        server.close();
        removeJobDirectory();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (the hook is running or ran) or the hook was never added
        }
    }
}
