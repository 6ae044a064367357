package io.spmd4j.engine;

import java.util.Map;
import java.util.Properties;

/**
 * Runtime settings, read once from system properties ({@code -Dspmd4j.eager.limit=...}) or the
 * environment ({@code SPMD4J_EAGER_LIMIT=...}; a system property wins), validated in {@link #from}.
 * Immutable.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>spmd4j.eager.limit</td><td>65536</td><td>messages up to this many bytes are sent eagerly;
 * larger ones use rendezvous (wait for the matching receive, then stream into it)</td></tr>
 * <tr><td>spmd4j.idle</td><td>backoff</td><td>how a waiting rank idles: {@code backoff} (spin, then
 * yield, then block), {@code spin} (never block: dedicated cores only), {@code block}</td></tr>
 * <tr><td>spmd4j.idle.spin.ns</td><td>(adaptive from 20000)</td><td>time a waiter spins before yielding;
 * unset, the spin starts at 20000 ns and adapts to how waits end ({@link AdaptiveSpin}); set, it is fixed</td></tr>
 * <tr><td>spmd4j.idle.spin.max.ns</td><td>2000000</td><td>longest adaptive spin</td></tr>
 * <tr><td>spmd4j.idle.yield.ns</td><td>200000</td><td>time a waiter yields before blocking</td></tr>
 * <tr><td>spmd4j.tcp.buffer</td><td>0</td><td>socket send/receive buffer size in bytes; 0 keeps the
 * kernel's autotuning</td></tr>
 * <tr><td>spmd4j.tcp.bind</td><td>(interface facing the launcher)</td><td>address ranks listen on</td></tr>
 * <tr><td>spmd4j.connect.timeout.ms</td><td>10000</td><td>connect plus handshake time limit</td></tr>
 * <tr><td>spmd4j.transport</td><td>auto</td><td>{@code auto}: shared memory to ranks on the same host, TCP to
 * others; {@code shm}: shared memory only (every rank on one host); {@code tcp}: TCP only</td></tr>
 * <tr><td>spmd4j.shm.dir</td><td>/dev/shm</td><td>where the per-job shared-memory directory is made
 * (falls back to {@code java.io.tmpdir} when /dev/shm is missing or not writable)</td></tr>
 * <tr><td>spmd4j.shm.ring</td><td>262144</td><td>bytes of each shared-memory ring (a power of two)</td></tr>
 * </table>
 */
public final class Config {
    /** Default eager/rendezvous threshold in bytes. */
    public static final int DEFAULT_EAGER_LIMIT_BYTES = 64 * 1024;
    /** Largest allowed eager threshold, which also bounds any eager frame a rank accepts. */
    public static final int MAX_EAGER_LIMIT_BYTES = 16 * 1024 * 1024;
    /** Default spin phase of the backoff idle strategy. */
    public static final long DEFAULT_SPIN_NS = 20_000;
    /** Property of a fixed spin phase; unset, the spin phase adapts ({@link AdaptiveSpin}). */
    public static final String SPIN_NS_PROPERTY = "spmd4j.idle.spin.ns";
    /** Default yield phase of the backoff idle strategy. */
    public static final long DEFAULT_YIELD_NS = 200_000;
    /** Default socket buffer size: 0 keeps the kernel's autotuning, which beats any fixed size on loopback. */
    public static final int DEFAULT_TCP_BUFFER_BYTES = 0;
    /** Default connect + handshake timeout. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

    /**
     * Default size of one shared-memory ring: four of the ring's largest records, so the consumer copies
     * one out while the producer copies the next in, and small enough that a sender's buffer, the ring
     * and a receiver's buffer stay in a core's L2 cache when the two ranks share a core (as they do on
     * a 2-core host while the JIT compiler threads hold the other one). Measured on a 2-core host, OSU
     * bandwidth in the first seconds of the ranks' JVMs: 256 KiB messages 8.0 GB/s against 6.3 GB/s
     * with a 1 MiB ring, 1 MiB messages 6.7 against 4.7 GB/s, 4 MiB messages no worse.
     */
    public static final int DEFAULT_SHM_RING_BYTES = 256 * 1024;

    /** Which transport carries messages between ranks of different processes. */
    public enum TransportKind {
        /** Shared memory between ranks on the same host, TCP between hosts. */
        AUTO,
        /** Shared memory only; every rank must be on one host. */
        SHM,
        /** TCP only, even on one host. */
        TCP
    }

    /** How a waiting thread idles. */
    public enum Idle {
        /** Spin, then yield, then block in the kernel until data arrives. */
        BACKOFF,
        /** Spin forever: lowest latency, only when every rank has a core of its own. */
        SPIN,
        /** Block at once. */
        BLOCK
    }

    private final int eagerLimitBytes;
    private final Idle idle;
    private final long spinNs;
    private final boolean spinAdaptive;
    private final long spinMaxNs;
    private final long yieldNs;
    private final int tcpBufferBytes;
    private final String tcpBind;
    private final int connectTimeoutMs;
    private final TransportKind transport;
    private final String shmDir;
    private final int shmRingBytes;

    private Config(int eagerLimitBytes, Idle idle, long spinNs, boolean spinAdaptive, long spinMaxNs, long yieldNs,
        int tcpBufferBytes, String tcpBind, int connectTimeoutMs, TransportKind transport, String shmDir,
        int shmRingBytes) {
        this.eagerLimitBytes = eagerLimitBytes;
        this.idle = idle;
        this.spinNs = spinNs;
        this.spinAdaptive = spinAdaptive;
        this.spinMaxNs = spinMaxNs;
        this.yieldNs = yieldNs;
        this.tcpBufferBytes = tcpBufferBytes;
        this.tcpBind = tcpBind;
        this.connectTimeoutMs = connectTimeoutMs;
        this.transport = transport;
        this.shmDir = shmDir;
        this.shmRingBytes = shmRingBytes;
    }

    /** Reads the settings of this process. */
    public static Config fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    /** Reads settings from the given properties, falling back to the environment, then defaults. */
    public static Config from(Properties props, Map<String, String> env) {
        Source s = new Source(props, env);
        int eager = (int) s.longValue("spmd4j.eager.limit", DEFAULT_EAGER_LIMIT_BYTES, 0, MAX_EAGER_LIMIT_BYTES);
        String idleName = s.string("spmd4j.idle", "backoff");
        Idle idle;
        try {
            idle = Idle.valueOf(idleName.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spmd4j.idle=" + idleName + " is not one of backoff, spin, block");
        }
        boolean spinAdaptive = s.string(SPIN_NS_PROPERTY, null) == null;
        long spin = s.longValue(SPIN_NS_PROPERTY, DEFAULT_SPIN_NS, 0, 10_000_000_000L);
        long spinMax = s.longValue("spmd4j.idle.spin.max.ns", AdaptiveSpin.DEFAULT_MAX_SPIN_NS, 0, 10_000_000_000L);
        long yield = s.longValue("spmd4j.idle.yield.ns", DEFAULT_YIELD_NS, 0, 10_000_000_000L);
        int tcpBuffer = (int) s.longValue("spmd4j.tcp.buffer", DEFAULT_TCP_BUFFER_BYTES, 0, 1 << 30);
        String bind = s.string("spmd4j.tcp.bind", null);
        int timeout = (int) s.longValue("spmd4j.connect.timeout.ms", DEFAULT_CONNECT_TIMEOUT_MS, 1, 3_600_000);
        String transportName = s.string("spmd4j.transport", "auto");
        TransportKind transport;
        try {
            transport = TransportKind.valueOf(transportName.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spmd4j.transport=" + transportName + " is not one of auto, shm, tcp");
        }
        String shmDir = s.string("spmd4j.shm.dir", null);
        int ring = (int) s.longValue("spmd4j.shm.ring", DEFAULT_SHM_RING_BYTES, 64 * 1024, 1 << 30);
        if (Integer.bitCount(ring) != 1) {
            throw new IllegalArgumentException("spmd4j.shm.ring=" + ring + " must be a power of two");
        }
        return new Config(eager, idle, spin, spinAdaptive, spinMax, yield, tcpBuffer, bind, timeout, transport, shmDir, ring);
    }

    /** Messages up to this many bytes go eagerly. */
    public int eagerLimitBytes() {
        return eagerLimitBytes;
    }

    /** The idle strategy of waiting threads. */
    public Idle idle() {
        return idle;
    }

    /** Spin phase length: the fixed one, or where the adaptive one starts. */
    public long spinNs() {
        return spinNs;
    }

    /** Whether the spin phase adapts to how waits end: true unless {@code spmd4j.idle.spin.ns} was given. */
    public boolean spinAdaptive() {
        return spinAdaptive;
    }

    /** Longest adaptive spin phase. */
    public long spinMaxNs() {
        return spinMaxNs;
    }

    /** Yield phase length. */
    public long yieldNs() {
        return yieldNs;
    }

    /** Socket buffer size; 0 leaves the operating system's default (autotuning). */
    public int tcpBufferBytes() {
        return tcpBufferBytes;
    }

    /** Address to listen on, or null for the interface that faces the launcher. */
    public String tcpBind() {
        return tcpBind;
    }

    /** Connect + handshake timeout. */
    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** The transport between processes. */
    public TransportKind transport() {
        return transport;
    }

    /** Base directory for shared-memory files, or null for the default (/dev/shm). */
    public String shmDir() {
        return shmDir;
    }

    /** Bytes of one shared-memory ring. */
    public int shmRingBytes() {
        return shmRingBytes;
    }

    private static final class Source {
        private final Properties props;
        private final Map<String, String> env;

        Source(Properties props, Map<String, String> env) {
            this.props = props;
            this.env = env;
        }

        String string(String key, String def) {
            String v = props.getProperty(key);
            if (v == null) {
                v = env.get(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
            }
            return v == null || v.isBlank() ? def : v;
        }

        long longValue(String key, long def, long min, long max) {
            String v = string(key, null);
            if (v == null) {
                return def;
            }
            try {
                long x = Long.parseLong(v.trim());
                if (x < min || x > max) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + v + " must be an integer in " + min + ".." + max);
            }
        }
    }
}
