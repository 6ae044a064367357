package io.spmd4j.launcher;

import io.spmd4j.bootstrap.BindAddress;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a job's ranks run and how the launcher reaches the hosts: the {@link Placement}, which hosts
 * are this one (their ranks start as child processes) and which are started through a node agent
 * ({@link NodeAgent}) over ssh or srun, with the commands for that. Immutable and thread-safe.
 *
 * @param placement rank to host
 * @param remote indices of the hosts whose ranks a node agent starts
 * @param start how node agents are started, when {@code remote} is not empty
 * @param sshCommand the ssh command and its options, before the host name
 * @param agentCommand the node agent's command line on a remote host, before its own arguments
 * @param tcpInterface the interface or CIDR block of {@code --tcp-if}, if any
 */
record HostPlan(Placement placement, Set<Integer> remote, LaunchOptions.RemoteStart start, List<String> sshCommand,
                List<String> agentCommand, Optional<String> tcpInterface) {
    /** Environment variable with the default ssh command. */
    static final String SSH_VARIABLE = "SPMD4J_SSH";
    /**
     * The default ssh command: never prompt (a prompt would hang the job), give up on an unreachable
     * host after 10 s, no tty, no X11 or agent forwarding.
     */
    static final String DEFAULT_SSH = "ssh -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR -T -x -a";
    /** JVM options of the node agent, which only starts processes and copies bytes. */
    static final List<String> AGENT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Xmx64m", "-XX:-UsePerfData");

    HostPlan {
        remote = Set.copyOf(new TreeSet<>(remote));
        sshCommand = List.copyOf(sshCommand);
        agentCommand = List.copyOf(agentCommand);
    }

    /** Whether any rank runs on another host, or through srun. */
    boolean anyRemote() {
        return !remote.isEmpty();
    }

    /**
     * Works out the hosts of a launch.
     *
     * @param np the ranks asked for, or 0 when {@code -np} was not given
     * @param java the java executable, also used for node agents
     * @throws UsageException naming a host that does not resolve, a bad hostfile line, or too many ranks
     */
    static HostPlan resolve(LaunchOptions options, int np, Path java, Map<String, String> env) {
        List<HostList.Host> hosts;
        boolean inAllocation = false;
        if (options.hostfile().isPresent()) {
            hosts = HostList.parseHostfile(options.hostfile().get());
        } else if (options.hosts().isPresent()) {
            hosts = HostList.parseHostOption(options.hosts().get());
        } else if (options.remote() != LaunchOptions.RemoteStart.SSH && !options.threads()
            && !HostList.fromSlurm(env).isEmpty()) {
            hosts = HostList.fromSlurm(env);
            inAllocation = true;
        } else {
            if (options.remote() == LaunchOptions.RemoteStart.SRUN) {
                throw new UsageException("--remote srun outside a Slurm allocation (no SLURM_JOB_NODELIST); run "
                    + "spmdrun inside sbatch or salloc, or leave --remote out");
            }
            int n = np > 0 ? np : 1;
            Placement local = Placement.map(List.of(new HostList.Host("localhost", n, "this host")), n,
                Placement.MapBy.SLOT, true);
            return new HostPlan(local, Set.of(), LaunchOptions.RemoteStart.AUTO, List.of(), List.of(),
                options.tcpInterface());
        }
        int ranks = np;
        if (ranks == 0) {
            String slurmTasks = env.get("SLURM_NTASKS");
            ranks = inAllocation && slurmTasks != null && slurmTasks.matches("\\d+") ? Integer.parseInt(slurmTasks)
                : hosts.stream().mapToInt(HostList.Host::slots).sum();
        }
        Placement placement = Placement.map(hosts, ranks, options.mapBy(), options.oversubscribe());
        boolean srun = options.remote() == LaunchOptions.RemoteStart.SRUN
            || (options.remote() == LaunchOptions.RemoteStart.AUTO && inAllocation);
        Set<Integer> remote = new TreeSet<>();
        for (Placement.HostRanks h : placement.hosts()) {
            if (srun) {
                remote.add(h.index()); // srun starts a node agent on every node, this one included
            } else if (!isThisHost(h.name(), originOf(hosts, h.name()))) {
                remote.add(h.index());
            }
        }
        String ssh = options.ssh().orElse(env.getOrDefault(SSH_VARIABLE, DEFAULT_SSH));
        List<String> agent = new ArrayList<>();
        agent.add(java.toString());
        agent.addAll(AGENT_JVM_OPTIONS);
        agent.add("-cp");
        agent.add(agentClasspath());
        agent.add(NodeAgent.class.getName());
        return new HostPlan(placement, remote, srun ? LaunchOptions.RemoteStart.SRUN : LaunchOptions.RemoteStart.SSH,
            ShellWords.split(ssh), agent, options.tcpInterface());
    }

    private static String originOf(List<HostList.Host> hosts, String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).map(HostList.Host::origin).findFirst().orElse("");
    }

    /**
     * Whether {@code name} is this host: {@code localhost}, or a name that resolves to an address of one
     * of this host's interfaces.
     *
     * @throws UsageException when the name does not resolve, naming it and where it was given
     */
    static boolean isThisHost(String name, String origin) {
        InetAddress address;
        try {
            address = InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw new UsageException("host " + name + " (" + origin + ") cannot be resolved; check the name, "
                + "DNS or /etc/hosts");
        }
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /**
     * The address of this host that ranks and agents on {@code host} should connect to: the address of
     * {@code --tcp-if} when this host has one in it, else the one the routing table uses towards the host.
     */
    InetAddress launcherAddressFacing(String host) throws IOException {
        if (tcpInterface.isPresent()) {
            try {
                return BindAddress.resolve("--tcp-if", tcpInterface.get());
            } catch (IllegalStateException e) {
                // this host is not on that network: fall back to the route
            }
        }
        InetAddress target;
        try {
            target = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return InetAddress.getLocalHost(); // srun node names need not resolve here
        }
        if (target.isLoopbackAddress()) {
            return target;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(target, 9); // no packet is sent: this only asks the kernel for the route
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLocalHost() : local;
        }
    }

    /** The classpath of the node agent: where this launcher's classes and the runtime's come from. */
    private static String agentClasspath() {
        List<String> entries = new ArrayList<>();
        entries.add(RuntimeClasspath.locationOf(NodeAgent.class));
        for (Path p : RuntimeClasspath.entries()) {
            if (!entries.contains(p.toString())) {
                entries.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
