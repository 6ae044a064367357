package io.spmd4j.bootstrap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wire-up of a bare {@code srun -n N java ... Main} step, with no spmdrun and no daemon: the first
 * task on the step's first node runs the rendezvous service, every task (that one included) connects
 * to it, and from then on it is the same protocol as under spmdrun. Stateless and thread-safe.
 *
 * <h2>The step's secret</h2>
 * Every connection of the step proves knowledge of one secret (see {@link Handshake}), which is
 * derived, never sent:
 * <pre>
 *   secret = HMAC-SHA256(key, "spmd4j-slurm-step:" + SLURM_JOB_ID + "." + SLURM_STEP_ID)
 * </pre>
 * where {@code key} is {@code $SPMD4J_SLURM_KEY} when set (srun copies the submitting environment to
 * every task, and {@code /proc/PID/environ} is readable by the job's user alone), else the contents of
 * {@code ~/.spmd4j/slurm.key}: 32 random bytes, mode 0600 in a 0700 directory, made on first use
 * (atomically, so that tasks that start together agree) and refused when others can read it. The
 * file suits clusters with shared home directories; elsewhere the job script sets the variable, e.g.
 * {@code export SPMD4J_SLURM_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}. Mixing in the
 * step id keeps concurrent steps of one job apart.
 *
 * <h2>Where the service listens</h2>
 * On the first of {@link #CANDIDATE_PORTS} ports derived from the secret (so other users cannot
 * predict them) in {@code [PORT_MIN, PORT_MIN + PORT_SPAN)}, below Linux's ephemeral range, that it
 * can bind; tasks try the same ports in the same order until one answers the handshake with the
 * step's secret, for up to {@code $SPMD4J_SLURM_TIMEOUT} seconds (default
 * {@value #DEFAULT_TIMEOUT_S}). The host is the first node of {@code SLURM_STEP_NODELIST}, by name,
 * or {@code $SPMD4J_SLURM_RENDEZVOUS_HOST} where node names do not resolve.
 */
public final class SlurmRendezvous {
    /** Variable holding the key the step's secret is derived from. */
    public static final String KEY_VARIABLE = "SPMD4J_SLURM_KEY";
    /** Variable naming the address of the rendezvous host, where the first node's name does not resolve. */
    public static final String HOST_VARIABLE = "SPMD4J_SLURM_RENDEZVOUS_HOST";
    /** Variable with the seconds a task waits for the rendezvous service. */
    public static final String TIMEOUT_VARIABLE = "SPMD4J_SLURM_TIMEOUT";
    /** Default of {@link #TIMEOUT_VARIABLE}. */
    public static final int DEFAULT_TIMEOUT_S = 120;
    /** Lowest candidate port. */
    public static final int PORT_MIN = 20_000;
    /** Number of ports candidates are drawn from. */
    public static final int PORT_SPAN = 12_000;
    /** Number of candidate ports. */
    public static final int CANDIDATE_PORTS = 16;
    /** Shortest key accepted from {@link #KEY_VARIABLE}, in characters. */
    static final int MIN_KEY_CHARS = 16;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int PROBE_HANDSHAKE_TIMEOUT_MS = 5_000;
    private static final long RETRY_PAUSE_MS = 50;
    private static final String KEY_FILE = ".spmd4j/slurm.key";

    private SlurmRendezvous() {
    }

    /**
     * Joins the step: starts the service when this task hosts it, then connects to it.
     *
     * @throws IOException when the service cannot be started or reached in time, naming host and ports
     */
    static LauncherLink join(SlurmEnv slurm, Map<String, String> env) throws IOException {
        JobSecret secret = secret(slurm, env);
        int[] ports = candidatePorts(secret);
        RendezvousServer server = slurm.isRendezvousHost() ? startService(slurm, secret, ports) : null;
        String hostName = env.getOrDefault(HOST_VARIABLE, slurm.firstNode());
        InetAddress host;
        try {
            host = InetAddress.getByName(hostName);
        } catch (IOException e) {
            throw new IOException("the step's first node " + hostName + " does not resolve to an address; set "
                + HOST_VARIABLE + " to its address", e);
        }
        long timeoutS = timeoutSeconds(env);
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        String last = "no answer";
        while (true) {
            for (int port : ports) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                Socket s = new Socket();
                try {
                    s.setTcpNoDelay(true);
                    s.connect(address, CONNECT_TIMEOUT_MS);
                    s.setSoTimeout(PROBE_HANDSHAKE_TIMEOUT_MS);
                    Handshake.initiate(s.getInputStream(), new BufferedOutputStream(s.getOutputStream()), secret,
                        Handshake.PURPOSE_RENDEZVOUS, slurm.rank());
                    LaunchInfo info = new LaunchInfo(slurm.rank(), slurm.size(), slurm.spmdJobId(), address, secret);
                    return new LauncherLink(info, s, server, true);
                } catch (ConnectException | SocketTimeoutException | Handshake.HandshakeException e) {
                    s.close(); // not listening yet, or another job's service: try the next candidate
                    last = address + ": " + e.getMessage();
                } catch (IOException e) {
                    s.close();
                    last = address + ": " + e;
                }
            }
            if (System.nanoTime() > deadline) {
                if (server != null) {
                    server.close();
                }
                throw new IOException("rank " + slurm.rank() + " found no rendezvous service of step " + slurm.jobId()
                    + "." + slurm.stepId() + " on " + hostName + " within " + timeoutS + " s (last: " + last
                    + "); every task must derive the same secret: where home directories are not shared, export "
                    + KEY_VARIABLE + " in the job script (see jobscripts/README.md)");
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for the step's rendezvous service", e);
            }
        }
    }

    private static RendezvousServer startService(SlurmEnv slurm, JobSecret secret, int[] ports) throws IOException {
        RendezvousServer[] self = new RendezvousServer[1];
        RendezvousServer.Listener listener = new RendezvousServer.Listener() {
            @Override
            public void onAbort(int rank, int exitCode, String message) {
                endJob(self[0], slurm, "rank " + rank + " called abort with code " + exitCode
                    + (message.isEmpty() ? "" : ": " + message));
            }

            @Override
            public void onLost(int rank) {
                endJob(self[0], slurm, "rank " + rank + " ended before it finalized");
            }
        };
        IOException last = null;
        for (int port : ports) {
            try {
                RendezvousServer server = new RendezvousServer(slurm.size(), secret, new InetSocketAddress(port),
                    listener);
                self[0] = server;
                return server;
            } catch (BindException e) {
                last = e;
            }
        }
        throw new IOException("cannot listen on any of the step's " + ports.length + " candidate ports in "
            + PORT_MIN + ".." + (PORT_MIN + PORT_SPAN - 1) + " on " + slurm.nodeName(), last);
    }

    private static synchronized void endJob(RendezvousServer server, SlurmEnv slurm, String why) {
        if (server == null) {
            return;
        }
        System.err.println("spmd4j: " + why + "; ending the job step " + slurm.jobId() + "." + slurm.stepId());
        System.err.flush();
        server.end(slurm.rank());
    }

    /** The step's secret; see the class comment. */
    static JobSecret secret(SlurmEnv slurm, Map<String, String> env) throws IOException {
        byte[] key;
        String fromEnv = env.get(KEY_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (fromEnv.length() < MIN_KEY_CHARS) {
                throw new IOException(KEY_VARIABLE + " has " + fromEnv.length() + " characters; give at least "
                    + MIN_KEY_CHARS + " random ones");
            }
            key = fromEnv.getBytes(StandardCharsets.UTF_8);
        } else {
            key = keyFile(Paths.get(System.getProperty("user.home"), KEY_FILE));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] secret = mac.doFinal(("spmd4j-slurm-step:" + slurm.jobId() + "." + slurm.stepId())
                .getBytes(StandardCharsets.UTF_8));
            return JobSecret.fromHex(HexFormat.of().formatHex(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Reads the key file, making it first when it does not exist; refuses one that others can read. */
    static byte[] keyFile(Path file) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            } catch (FileAlreadyExistsException e) {
                // another task made it meanwhile
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] fresh = new byte[JobSecret.LENGTH_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path tmp = Files.createTempFile(dir, "slurm.key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, fresh);
                Files.createLink(file, tmp); // atomic, and fails when another task was first
            } catch (FileAlreadyExistsException e) {
                // another task was first: use its key
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission p : mode) {
            if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE) {
                throw new IOException("refusing the key file " + file + ": its mode is "
                    + PosixFilePermissions.toString(mode) + "; run chmod 600 " + file);
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < JobSecret.LENGTH_BYTES) {
            throw new IOException("the key file " + file + " holds " + key.length + " bytes, fewer than "
                + JobSecret.LENGTH_BYTES + "; remove it and a new one is made");
        }
        return key;
    }

    /** The candidate ports of a step, distinct, in the order the service and the tasks try them. */
    static int[] candidatePorts(JobSecret secret) {
        Set<Integer> ports = new LinkedHashSet<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] seed = HexFormat.of().parseHex(secret.toHex());
            for (int round = 0; ports.size() < CANDIDATE_PORTS; round++) {
                sha.update(seed);
                sha.update((byte) round);
                byte[] d = sha.digest();
                for (int i = 0; i + 1 < d.length && ports.size() < CANDIDATE_PORTS; i += 2) {
                    ports.add(PORT_MIN + (((d[i] & 0xff) << 8 | (d[i + 1] & 0xff)) % PORT_SPAN));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long timeoutSeconds(Map<String, String> env) throws IOException {
        String v = env.get(TIMEOUT_VARIABLE);
        if (v == null || v.isBlank()) {
            return DEFAULT_TIMEOUT_S;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s < 1) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IOException(TIMEOUT_VARIABLE + "=" + v + " is not a whole number of seconds >= 1");
        }
    }
}
