package io.spmd4j.engine;

import static io.spmd4j.engine.FrameDescriptor.CTS;
import static io.spmd4j.engine.FrameDescriptor.DATA;
import static io.spmd4j.engine.FrameDescriptor.EAGER;
import static io.spmd4j.engine.FrameDescriptor.FLAG_DECLINE;
import static io.spmd4j.engine.FrameDescriptor.FLAG_SYNC;
import static io.spmd4j.engine.FrameDescriptor.MAX_MESSAGE_BYTES;
import static io.spmd4j.engine.FrameDescriptor.RETIRE;
import static io.spmd4j.engine.FrameDescriptor.RTS;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress engine of one rank: MPI matching (communicator context, source, tag, wildcards, in
 * arrival order so that messages from one source never overtake each other), the eager and
 * rendezvous protocols, and request completion.
 *
 * <p><b>Threads.</b> All matching state is guarded by {@link #lock}. I/O readiness is polled by one
 * thread at a time, the holder of {@link #pollLock}: normally the user thread that waits (it spins,
 * then yields, then blocks in the kernel, see {@link Config.Idle}), so a blocking receive costs no
 * thread hand-off. While nonblocking operations are pending and no user thread waits, a daemon
 * progress thread holds the poll lock and blocks in the transport, so transfers advance while the
 * user computes; a user thread that starts waiting wakes it and takes over.
 *
 * <p><b>Connections.</b> The connection on which this rank sends to a peer is made at the first send to
 * it (or earlier, at {@link #preconnect}). Where making it blocks (files, sockets, a handshake with a peer
 * that may be busy: {@link Transport#connectIsCheap()} is false), it is made on a short-lived connector
 * thread without the lock, so connections to several peers are made at once and the sends to other peers
 * go on meanwhile; sends to the peer wait, in their order, on its pending connection and go out in that
 * order once it is up, so messages still never overtake each other. A connection that cannot be made fails
 * every send that waited for it with an {@link ErrorClass#ERR_TRANSPORT} error naming the peer, and counts
 * as this rank's {@link #failure()}; the next send to the peer tries again.
 *
 * <p><b>Protocols.</b> A send of at most {@link Config#eagerLimitBytes()} bytes goes as one EAGER
 * frame and completes when written; a receiver without a matching receive keeps it as unexpected.
 * Larger and synchronous sends announce themselves with RTS; the receiver answers CTS once matched
 * (or CTS-decline when its buffer is too small, so the sender still completes and the receiver
 * reports truncation), then DATA streams into the receive buffer.
 */
public final class Engine implements AutoCloseable {
    /** Wildcard source. */
    public static final int ANY_SOURCE = -1;
    /** Wildcard tag. */
    public static final int ANY_TAG = -1;
    /** The null process: operations with it complete at once. */
    public static final int PROC_NULL = -2;
    /** Longest time one blocking poll waits before re-checking, in milliseconds. */
    static final long BLOCK_POLL_MS = 100;
    /** Idle polls between two readings of the clock by a waiter. */
    static final int CLOCK_EVERY = 16;
    /** How long a waiter that cannot poll parks before retrying, in nanoseconds. */
    static final long WAITER_PARK_NS = 20_000;
    /** How long an idle progress thread parks before re-checking, in nanoseconds. */
    static final long PROGRESS_PARK_NS = 100_000_000;
    /**
     * How often a watching progress thread looks for nonblocking operations left to it, in nanoseconds:
     * background progress starts at most this late, and starting an operation costs no wake-up.
     */
    static final long PROGRESS_TICK_NS = 200_000;
    /** How long the progress thread keeps watching after it last saw a nonblocking operation, in nanoseconds. */
    static final long PROGRESS_LINGER_NS = 20_000_000;
    /** Largest object message: the largest byte array. */
    static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final int rank;
    private final int size;
    private final Config config;
    private final Transport transport;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock pollLock = new ReentrantLock();
    /** Signalled when a pending connection to a peer is settled by the peer's own (see {@link #offerInbound}). */
    private final Condition settled = lock.newCondition();
    /** The spin phase of waiters under {@link Config.Idle#BACKOFF}; see {@link #spinPhaseNs}. */
    private final AdaptiveSpin spin;

    private final Connection[] outbound;
    /** Per world rank, the connection being made on a connector thread, or null; guarded by {@link #lock}. */
    private final PendingConnect[] pending;
    /**
     * Per world rank, why the connection this rank opened to it (on which it sends) broke outside an orderly
     * shutdown, or null. It is never reopened: messages that were in flight on it may be lost, and a new
     * connection would let the two ranks go on as if none were.
     */
    private final MpiException[] lost;
    /** The first communication failure outside an orderly shutdown; null while there was none. */
    private volatile MpiException failure;
    /** Whether {@link #failure} arose here (a connect or protocol error) rather than from a peer's end. */
    private volatile boolean failureHere;
    private final List<Connection> inbound = new ArrayList<>();
    private final LinkedList<RecvOp> posted = new LinkedList<>();
    private final LinkedList<Unexpected> unexpected = new LinkedList<>();
    private final Map<Long, SendOp> awaitingCts = new HashMap<>();
    private final Map<Long, RecvOp> awaitingData = new HashMap<>();
    private long nextId = 1;

    private final AtomicInteger userWaiters = new AtomicInteger();
    private final AtomicInteger trackedOps = new AtomicInteger();
    private volatile boolean progressInSelect;
    /** True while the progress thread sleeps long ({@link #PROGRESS_PARK_NS}): new work must unpark it. */
    private volatile boolean progressParked;
    /** Counts nonblocking operations handed to the progress thread; written under {@link #lock}. */
    private volatile int trackEpoch;
    private volatile boolean pollerBlocking;
    private volatile Thread pollerThread;
    private volatile boolean closing;
    private volatile boolean oversubscribed;
    private volatile boolean closed;
    private Thread progressThread;

    /**
     * Creates the engine of world rank {@code rank} of {@code size}; {@link #start} binds the transport.
     */
    public Engine(int rank, int size, Config config, Transport transport) {
        this.rank = rank;
        this.size = size;
        this.config = config;
        this.transport = transport;
        this.spin = AdaptiveSpin.of(config);
        this.outbound = new Connection[size];
        this.pending = new PendingConnect[size];
        this.lost = new MpiException[size];
    }

    /** Binds the transport and starts the progress thread. */
    public void start() throws IOException {
        transport.start(this);
        progressThread = new Thread(this::progressLoop, "spmd4j-progress-" + rank);
        progressThread.setDaemon(true);
        progressThread.start();
    }

    /** This rank's world rank. */
    public int rank() {
        return rank;
    }

    /** World size. */
    public int size() {
        return size;
    }

    /** The settings in force. */
    public Config config() {
        return config;
    }

    /**
     * Tells the engine that its host runs more ranks than it has cores: a waiter then skips the spin
     * phase of the backoff and yields at once, because spinning would only keep the rank it waits for
     * off the core ({@code spmd4j.idle=spin} still spins).
     */
    public void oversubscribed(boolean on) {
        this.oversubscribed = on;
    }

    /** How many ranks run on this host, as the transport tells after wire-up. */
    public int transportRanksOnThisHost() {
        return transport.ranksOnThisHost();
    }

    /** True when {@link #oversubscribed(boolean)} was set. */
    public boolean isOversubscribed() {
        return oversubscribed;
    }

    /** The lock that guards matching state; transports take it to dispatch readiness. */
    public ReentrantLock lock() {
        return lock;
    }

    // ================================================================ user-facing operations

    /**
     * Starts a send of {@code buf} to world rank {@code destWorld}; {@code source} is the sender's rank
     * in the communicator with {@code context}. With {@code nonblocking}, a send still in flight on
     * return is advanced by the progress thread.
     */
    public SendOp isend(Buf buf, int destWorld, int context, int source, int tag, boolean sync,
        boolean nonblocking) {
        checkOpen();
        SendOp op = new SendOp(this, buf, destWorld, context, source, tag, sync);
        op.statusSource = source;
        op.statusTag = tag;
        op.statusBytes = buf.byteLength();
        return start(op, nonblocking, destWorld == rank ? this::sendToSelf : this::sendRemote);
    }

    /**
     * Runs {@code action} on a new operation under the lock; a nonblocking one still in flight then
     * counts as background work and wakes the progress thread if no user thread is polling.
     */
    private <T extends Operation> T start(T op, boolean nonblocking, java.util.function.Consumer<T> action) {
        boolean wake;
        lock.lock();
        try {
            action.accept(op);
            wake = nonblocking && track(op);
        } finally {
            lock.unlock();
        }
        if (wake) {
            wakeProgress();
        }
        return op;
    }

    private void sendRemote(SendOp op) {
        int peer = op.destWorld;
        Connection c = outbound[peer];
        if (c == null || c.isClosed()) {
            if (lost[peer] != null) {
                MpiException err = cannotConnect(peer, new IOException("the connection to rank " + peer
                    + " broke earlier (" + lost[peer].getMessage() + "); it is not reopened, since messages on it"
                    + " may have been lost"));
                recordFailure(err, true);
                op.fail(err);
                return;
            }
            if (!transport.connectIsCheap()) {
                (pending[peer] != null ? pending[peer] : startConnect(peer)).sends.add(op);
                return;
            }
            try {
                c = transport.connect(peer);
            } catch (IOException e) {
                MpiException err = cannotConnect(peer, e);
                recordFailure(err, true);
                op.fail(err);
                return;
            }
            c.attach(this);
            outbound[peer] = c;
        }
        long len = op.buf.byteLength();
        try {
            if (!op.sync && len <= config.eagerLimitBytes()) {
                c.enqueue(new OutFrame(EAGER, (byte) 0, op.buf.type(), op.context, op.source, op.tag, len, 0, 0,
                    op.buf, op));
            } else {
                op.id = nextId++;
                op.connection = c;
                awaitingCts.put(op.id, op);
                c.enqueue(new OutFrame(RTS, op.sync ? FLAG_SYNC : 0, op.buf.type(), op.context, op.source, op.tag,
                    len, op.id, 0, null, null));
            }
        } catch (IOException e) {
            failConnection(c, e);
        }
    }

    private void sendToSelf(SendOp op) {
        long len = op.buf.byteLength();
        RecvOp r = takePosted(op.context, op.source, op.tag);
        if (r != null) {
            deliverLocal(op.buf, r, op.source, op.tag);
            op.complete();
            return;
        }
        Unexpected u = new Unexpected(op.context, op.source, op.tag, len, op.buf.type());
        if (op.sync || len > MAX_ARRAY_BYTES) {
            u.selfSend = op; // completes when a receive matches it
        } else {
            u.data = new byte[(int) len];
            op.buf.encode(0, op.buf.count(), ByteBuffer.wrap(u.data).order(Buf.WIRE_ORDER));
            u.arrived = true;
            op.complete();
        }
        unexpected.add(u);
    }

    /**
     * Posts a receive into {@code buf} (null: an object receive, buffer allocated at match) from
     * {@code source} (a rank in the communicator, or {@link #ANY_SOURCE}) with {@code tag} (or
     * {@link #ANY_TAG}).
     */
    public RecvOp irecv(Buf buf, int context, int source, int tag, boolean nonblocking) {
        checkOpen();
        return start(new RecvOp(this, buf, context, source, tag), nonblocking, this::post);
    }

    /** Matches a new receive against the unexpected messages, or posts it. */
    private void post(RecvOp op) {
        Unexpected u = takeUnexpected(op.context, op.source, op.tag);
        if (u == null) {
            posted.add(op);
        } else if (u.selfSend != null) {
            deliverLocal(u.selfSend.buf, op, u.source, u.tag);
            u.selfSend.complete();
        } else if (u.isRendezvous()) {
            startRendezvous(op, u.connection, u.type, u.source, u.tag, u.length, u.sendId);
        } else if (u.arrived) {
            deliverBytes(u, op);
        } else {
            setStatus(op, u.source, u.tag, u.length, u.type);
            u.claimedBy = op;
        }
    }

    /** Cancels a receive that has not matched yet; returns true when it was cancelled. */
    public boolean cancel(RecvOp op) {
        lock.lock();
        try {
            if (posted.remove(op)) {
                op.cancelled = true;
                op.complete();
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Result of a probe: the envelope of the first matching message. */
    public record ProbeResult(int source, int tag, long bytes, ElementType type) {
    }

    /** Looks for a matching message without receiving it; null when none has arrived. */
    public ProbeResult iprobe(int context, int source, int tag) {
        checkOpen();
        progressOnce();
        return findUnexpected(context, source, tag);
    }

    /** Waits for a matching message and returns its envelope without receiving it. */
    public ProbeResult probe(int context, int source, int tag) {
        checkOpen();
        ProbeResult[] found = new ProbeResult[1];
        awaitCondition(() -> (found[0] = findUnexpected(context, source, tag)) != null);
        return found[0];
    }

    private ProbeResult findUnexpected(int context, int source, int tag) {
        lock.lock();
        try {
            for (Unexpected u : unexpected) {
                if (u.matches(context, source, tag)) {
                    return new ProbeResult(u.source, u.tag, u.length, u.type);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long a waiter spins before it yields: without end under {@code spmd4j.idle=spin}, not at all
     * under {@code block} or when ranks outnumber cores, else the budget of {@link AdaptiveSpin}: fixed
     * when {@code spmd4j.idle.spin.ns} is set, else adapted to how recent waits ended (waiters report
     * them with {@link #idleEnded}). Any thread.
     */
    public long spinPhaseNs() {
        Config.Idle idle = config.idle();
        return idle == Config.Idle.SPIN ? Long.MAX_VALUE
            : idle == Config.Idle.BLOCK || oversubscribed ? 0 : spin.budgetNs();
    }

    /**
     * Reports that a waiter idled {@code idleNs} nanoseconds (from its first reading of the clock) before
     * what it waited for happened, so that the spin phase adapts ({@link AdaptiveSpin#waitEnded}).
     * Waiters report only idle stretches that outlasted the spin phase they were given: a shorter one
     * was a hit, which changes nothing. Ignored unless the backoff strategy spins. Any thread.
     */
    public void idleEnded(long idleNs) {
        if (config.idle() == Config.Idle.BACKOFF && !oversubscribed) {
            spin.waitEnded(idleNs);
        }
    }

    /** The spin budget of this engine's waiters (for diagnostics and tests). */
    public AdaptiveSpin spinBudget() {
        return spin;
    }

    /** How long a waiter yields after spinning, before it blocks: none under {@code spmd4j.idle=block}. */
    public long yieldPhaseNs() {
        return config.idle() == Config.Idle.BLOCK ? 0 : config.yieldNs();
    }

    /** The transport's shared-memory directory, or null; see {@link Transport#sharedMemoryDirectory}. */
    public Path sharedMemoryDirectory() {
        return transport.sharedMemoryDirectory();
    }

    /** Memory all ranks of an in-memory transport share under {@code name}, or null; see {@link Transport#sharedArea}. */
    public ByteBuffer sharedArea(String name, int bytes) {
        return transport.sharedArea(name, bytes);
    }

    /** See {@link Transport#releaseSharedArea}. */
    public void releaseSharedArea(String name) {
        transport.releaseSharedArea(name);
    }

    /** Whether world rank {@code peer} shares memory with this rank; see {@link Transport#sharesMemoryWith}. */
    public boolean sharesMemoryWith(int peer) {
        return transport.sharesMemoryWith(peer);
    }

    /** Throws the error of a finalized engine; for waiters that do not go through the engine's queues. */
    public void checkUsable() {
        checkOpen();
    }

    /** Advances progress once if no other thread is polling; never blocks. */
    public void progressOnce() {
        if (pollLock.tryLock()) {
            try {
                transport.poll(0);
            } catch (IOException e) {
                LOG.error("rank {}: polling failed: {}", rank, e.toString());
            } finally {
                pollLock.unlock();
            }
        }
    }

    /** Waits until {@code op} completes. */
    public void await(Operation op) {
        if (op.isDone()) {
            return;
        }
        awaitCondition(op::isDone, op);
    }

    /**
     * Waits until {@code condition} holds, driving progress meanwhile; {@code wakeOn} are operations
     * whose completion should wake this thread promptly when another thread is polling.
     */
    public void awaitCondition(BooleanSupplier condition, Operation... wakeOn) {
        userWaiters.incrementAndGet();
        Thread me = Thread.currentThread();
        try {
            while (!condition.getAsBoolean()) {
                if (pollLock.tryLock()) {
                    try {
                        pollUntil(condition);
                    } finally {
                        pollerThread = null;
                        pollLock.unlock();
                    }
                } else if (pollerThread == progressThread && progressThread != null) {
                    // the progress thread gives the poll lock up as soon as it sees a waiter: no need to sleep
                    if (progressInSelect) {
                        transport.wakeup();
                    }
                    Thread.yield();
                } else {
                    for (Operation op : wakeOn) {
                        op.waiter = me;
                    }
                    if (!condition.getAsBoolean()) {
                        LockSupport.parkNanos(this, WAITER_PARK_NS);
                    }
                    for (Operation op : wakeOn) {
                        op.waiter = null;
                    }
                }
            }
        } finally {
            userWaiters.decrementAndGet();
            if (trackedOps.get() > 0) {
                wakeProgress();
            }
        }
    }

    /**
     * Polls until {@code condition} holds: spins (polls without pause) for the spin phase, then yields
     * between polls, then blocks in the transport. Each idle stretch (polls that found nothing, ended by
     * a poll that found work or by the condition) is timed from its first reading of the clock; one that
     * outlasted the spin phase is reported to {@link #idleEnded}, which adapts the next spin phase.
     */
    private void pollUntil(BooleanSupplier condition) {
        pollerThread = Thread.currentThread();
        long spin = spinPhaseNs();
        long yieldUntil = spin + yieldPhaseNs();
        long idleSince = -1; // set at the first reading of the clock, so a short wait never reads it
        long idleNs = 0;
        int uncounted = 0;
        while (!condition.getAsBoolean()) {
            checkOpen();
            int events;
            try {
                if (idleNs < spin) {
                    events = transport.poll(0);
                } else if (idleNs < yieldUntil) {
                    events = transport.poll(0);
                    if (events == 0) {
                        Thread.yield();
                    }
                } else {
                    pollerBlocking = true;
                    try {
                        events = condition.getAsBoolean() ? 1 : transport.poll(BLOCK_POLL_MS);
                    } finally {
                        pollerBlocking = false;
                    }
                }
            } catch (IOException e) {
                throw new MpiException(ErrorClass.ERR_TRANSPORT, "rank " + rank + ": polling failed: " + e, e);
            }
            // the clock costs as much as a poll on some virtual machines: read it every few idle rounds
            if (events > 0) {
                if (outlasted(spin, idleSince, idleNs)) {
                    idleEnded(System.nanoTime() - idleSince);
                }
                idleSince = -1;
                idleNs = 0;
                uncounted = 0;
            } else if (++uncounted == CLOCK_EVERY) {
                long now = System.nanoTime();
                if (idleSince < 0) {
                    idleSince = now;
                }
                idleNs = now - idleSince;
                uncounted = 0;
            }
        }
        if (outlasted(spin, idleSince, idleNs)) {
            idleEnded(System.nanoTime() - idleSince);
        }
    }

    /** Whether a timed idle stretch ({@code idleSince >= 0}) outlasted a spin phase that there was. */
    private static boolean outlasted(long spin, long idleSince, long idleNs) {
        return spin > 0 && idleSince >= 0 && idleNs >= spin;
    }

    private boolean track(Operation op) {
        if (op.isDone()) {
            return false;
        }
        op.tracked = true;
        trackEpoch++;
        trackedOps.incrementAndGet();
        return userWaiters.get() == 0;
    }

    private void wakeProgress() {
        if (progressParked) {
            LockSupport.unpark(progressThread);
        }
    }

    /** Called (under the lock) by {@link Operation#complete()}. */
    void onCompleted(Operation op) {
        if (op.tracked) {
            op.tracked = false;
            trackedOps.decrementAndGet();
        }
        if (pollerBlocking && Thread.currentThread() != pollerThread) {
            transport.wakeup();
        }
    }

    /** Wakes a thread blocked in the transport so that it sees new interest (e.g. a queued write). */
    public void wakeIfBlocked() {
        if ((pollerBlocking || progressInSelect) && Thread.currentThread() != pollerThread) {
            transport.wakeup();
        }
    }

    /**
     * The progress thread: advances nonblocking operations while no user thread waits. Woken by the first
     * one after a quiet spell, it then watches, looking every {@link #PROGRESS_TICK_NS}, for as long as
     * nonblocking operations keep coming ({@link #PROGRESS_LINGER_NS}); while it watches, starting an
     * operation costs no wake-up, and an operation that the user thread waits for soon after starting it (an
     * {@code irecv} then {@code await}) is driven by that thread alone, with no hand-off of the poll lock.
     */
    private void progressLoop() {
        long lastActive = System.nanoTime();
        int seenEpoch = trackEpoch;
        while (!closed) {
            if (trackedOps.get() == 0 || userWaiters.get() > 0) {
                long now = System.nanoTime();
                int epoch = trackEpoch;
                if (epoch != seenEpoch || trackedOps.get() > 0) {
                    seenEpoch = epoch;
                    lastActive = now;
                }
                if (now - lastActive < PROGRESS_LINGER_NS) {
                    LockSupport.parkNanos(this, PROGRESS_TICK_NS);
                    continue;
                }
                progressParked = true;
                if (trackedOps.get() == 0 || userWaiters.get() > 0) {
                    LockSupport.parkNanos(this, PROGRESS_PARK_NS);
                }
                progressParked = false;
                continue;
            }
            if (!pollLock.tryLock()) {
                LockSupport.parkNanos(this, WAITER_PARK_NS);
                continue;
            }
            try {
                pollerThread = Thread.currentThread();
                progressInSelect = true;
                if (userWaiters.get() == 0 && !closed) {
                    transport.poll(BLOCK_POLL_MS);
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.error("rank {}: progress thread: {}", rank, e.toString());
                }
            } finally {
                progressInSelect = false;
                pollerThread = null;
                pollLock.unlock();
            }
        }
    }

    // ================================================================ matching

    private RecvOp takePosted(int context, int source, int tag) {
        for (Iterator<RecvOp> it = posted.iterator(); it.hasNext();) {
            RecvOp op = it.next();
            if (op.matches(context, source, tag)) {
                it.remove();
                return op;
            }
        }
        return null;
    }

    private Unexpected takeUnexpected(int context, int source, int tag) {
        for (Iterator<Unexpected> it = unexpected.iterator(); it.hasNext();) {
            Unexpected u = it.next();
            if (u.matches(context, source, tag)) {
                it.remove();
                return u;
            }
        }
        return null;
    }

    private static void setStatus(RecvOp op, int source, int tag, long length, ElementType type) {
        op.statusSource = source;
        op.statusTag = tag;
        op.statusBytes = length;
        op.sentType = type;
    }

    /** Checks that a message of {@code length} bytes fits {@code op}'s buffer; null when it does. */
    private static MpiException checkFits(RecvOp op, long length) {
        if (op.buf == null) {
            return length > MAX_ARRAY_BYTES ? new MpiException(ErrorClass.ERR_TRUNCATE,
                "object message of " + length + " bytes from rank " + op.statusSource + " exceeds "
                    + MAX_ARRAY_BYTES + " bytes") : null;
        }
        long capacity = op.buf.byteLength();
        if (length > capacity) {
            return new MpiException(ErrorClass.ERR_TRUNCATE, "message truncated: " + length
                + " bytes from rank " + op.statusSource + " (tag " + op.statusTag + ") do not fit the receive buffer of "
                + capacity + " bytes (" + op.buf + ")");
        }
        int es = op.buf.type().sizeBytes();
        if (length % es != 0) {
            return new MpiException(ErrorClass.ERR_TYPE, "message of " + length + " bytes from rank "
                + op.statusSource + " is not a whole number of " + op.buf.type().name().toLowerCase()
                + " elements (" + es + " bytes each)");
        }
        return null;
    }

    private void deliverLocal(Buf from, RecvOp r, int source, int tag) {
        long len = from.byteLength();
        setStatus(r, source, tag, len, from.type());
        MpiException err = checkFits(r, len);
        if (err != null) {
            r.fail(err);
            return;
        }
        if (r.buf == null) {
            r.objectBytes = new byte[(int) len];
            from.copyTo(Buf.of(r.objectBytes, 0, (int) len));
        } else {
            from.copyTo(r.buf);
        }
        r.complete();
    }

    private void deliverBytes(Unexpected u, RecvOp r) {
        setStatus(r, u.source, u.tag, u.length, u.type);
        MpiException err = checkFits(r, u.length);
        if (err != null) {
            r.fail(err);
            return;
        }
        if (r.buf == null) {
            r.objectBytes = u.data;
        } else {
            int es = r.buf.type().sizeBytes();
            r.buf.decode(0, (int) (u.length / es), ByteBuffer.wrap(u.data).order(Buf.WIRE_ORDER));
        }
        r.complete();
    }

    private void startRendezvous(RecvOp op, Connection c, ElementType type, int source, int tag, long length,
        long sendId) {
        setStatus(op, source, tag, length, type);
        MpiException err = checkFits(op, length);
        try {
            if (err != null) {
                c.enqueue(new OutFrame(CTS, FLAG_DECLINE, ElementType.BYTE, 0, 0, 0, 0, sendId, 0, null, null));
                op.fail(err);
                return;
            }
            if (op.buf == null) {
                op.objectBytes = new byte[(int) length];
            }
            op.id = nextId++;
            op.connection = c;
            awaitingData.put(op.id, op);
            c.enqueue(new OutFrame(CTS, (byte) 0, ElementType.BYTE, 0, 0, 0, 0, sendId, op.id, null, null));
        } catch (IOException e) {
            failConnection(c, e);
        }
    }

    // ================================================================ transport callbacks (under lock)

    /**
     * A frame header arrived on {@code c}; returns where its payload goes, or null when it has none.
     * Rejects anything a well-behaved peer would not send, so a corrupt or hostile stream closes its
     * connection instead of allocating or matching garbage.
     */
    Inbound onFrame(Connection c, byte type, byte flags, ElementType et, int context, int source, int tag,
        long length, long sendId, long recvId) throws Connection.ProtocolException {
        switch (type) {
            case EAGER:
                expectDirection(c, false, "EAGER");
                if (length < 0 || length > config.eagerLimitBytes()) {
                    throw new Connection.ProtocolException("EAGER frame of " + length
                        + " bytes exceeds the eager limit of " + config.eagerLimitBytes());
                }
                checkEnvelope(source, tag);
                return onEager(et, context, source, tag, length);
            case RTS:
                expectDirection(c, false, "RTS");
                if (length < 0 || length > MAX_MESSAGE_BYTES) {
                    throw new Connection.ProtocolException("RTS announces " + length + " bytes");
                }
                checkEnvelope(source, tag);
                onRts(c, et, context, source, tag, length, sendId);
                return null;
            case CTS:
                expectDirection(c, true, "CTS");
                onCts(c, flags, sendId, recvId);
                return null;
            case DATA:
                expectDirection(c, false, "DATA");
                return onData(c, recvId, length);
            case RETIRE:
                if (c.initiator || outbound[c.peer] == c) {
                    throw new Connection.ProtocolException("RETIRE frame on a connection this rank sends on");
                }
                c.retiredByPeer = true; // its end of stream follows
                return null;
            default:
                throw new Connection.ProtocolException("unknown frame type " + type);
        }
    }

    private static void expectDirection(Connection c, boolean onInitiatorSide, String what)
        throws Connection.ProtocolException {
        if (c.initiator != onInitiatorSide && !c.duplex()) {
            throw new Connection.ProtocolException(what + " frame in the wrong direction");
        }
    }

    private static void checkEnvelope(int source, int tag) throws Connection.ProtocolException {
        if (source < 0 || tag < 0) {
            throw new Connection.ProtocolException("invalid envelope: source=" + source + ", tag=" + tag);
        }
    }

    private Inbound onEager(ElementType et, int context, int source, int tag, long length) {
        RecvOp op = takePosted(context, source, tag);
        if (op != null) {
            setStatus(op, source, tag, length, et);
            MpiException err = checkFits(op, length);
            if (err != null) {
                op.error = err;
                return new Inbound(null, length, op);
            }
            if (op.buf == null) {
                op.objectBytes = new byte[(int) length];
                return new Inbound(Buf.of(op.objectBytes, 0, (int) length), length, op);
            }
            return new Inbound(op.buf, length, op);
        }
        Unexpected u = new Unexpected(context, source, tag, length, et);
        u.data = new byte[(int) length];
        unexpected.add(u);
        return new Inbound(Buf.of(u.data, 0, (int) length), length, u);
    }

    private void onRts(Connection c, ElementType et, int context, int source, int tag, long length, long sendId) {
        RecvOp op = takePosted(context, source, tag);
        if (op != null) {
            startRendezvous(op, c, et, source, tag, length, sendId);
            return;
        }
        Unexpected u = new Unexpected(context, source, tag, length, et);
        u.connection = c;
        u.sendId = sendId;
        unexpected.add(u);
    }

    private void onCts(Connection c, byte flags, long sendId, long recvId) throws Connection.ProtocolException {
        SendOp s = awaitingCts.get(sendId);
        if (s == null || s.connection != c) {
            throw new Connection.ProtocolException("CTS for unknown send id " + sendId);
        }
        awaitingCts.remove(sendId);
        if ((flags & FLAG_DECLINE) != 0) {
            s.complete();
            return;
        }
        try {
            c.enqueue(new OutFrame(DATA, (byte) 0, s.buf.type(), s.context, s.source, s.tag, s.buf.byteLength(),
                sendId, recvId, s.buf, s));
        } catch (IOException e) {
            failConnection(c, e);
        }
    }

    private Inbound onData(Connection c, long recvId, long length) throws Connection.ProtocolException {
        RecvOp op = awaitingData.get(recvId);
        if (op == null || op.connection != c) {
            throw new Connection.ProtocolException("DATA for unknown receive id " + recvId);
        }
        if (length != op.statusBytes) {
            throw new Connection.ProtocolException("DATA of " + length + " bytes for a message announced as "
                + op.statusBytes + " bytes");
        }
        awaitingData.remove(recvId);
        Buf target = op.buf != null ? op.buf : Buf.of(op.objectBytes, 0, op.objectBytes.length);
        return new Inbound(target, length, op);
    }

    /** The payload of a frame has been read completely. */
    void onInboundComplete(Inbound in) {
        if (in.owner instanceof RecvOp) {
            ((RecvOp) in.owner).complete();
        } else {
            Unexpected u = (Unexpected) in.owner;
            u.arrived = true;
            if (u.claimedBy != null) {
                deliverBytes(u, u.claimedBy);
            }
        }
    }

    /** A queued frame has been written completely. */
    void onWritten(Connection c, OutFrame f) {
        if (f.completes != null) {
            f.completes.complete();
        }
        if (f.type == RETIRE) {
            c.close();
        }
    }

    /**
     * The open connections of this rank, each counted once, whichever ways it carries messages (a
     * diagnostic: with TCP, two ranks that exchanged messages share one socket, see {@link #offerInbound}).
     */
    public int openConnections() {
        lock.lock();
        try {
            Set<Connection> open = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Connection c : outbound) {
                if (c != null && !c.isClosed()) {
                    open.add(c);
                }
            }
            for (Connection c : inbound) {
                if (!c.isClosed()) {
                    open.add(c);
                }
            }
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    /** A connection from a peer passed the handshake; called by the transport from any thread. */
    public void onAccepted(Connection c) {
        onAccepted(c, false);
    }

    /**
     * Whether this rank will send to {@code peer} on the {@link Connection#duplex() duplex} connection it is
     * accepting from it, instead of on one of its own; called by the transport from any thread before the
     * connection is used, and followed by {@link #onAccepted(Connection, boolean)} with the answer, or by
     * {@link #abandonInbound} when the connection fails first. Yes when this rank has no connection to the
     * peer and is not making one, and also when it is making one but is the higher rank of the two: of two
     * connections opened at once, the lower rank's is kept (its connector learns that the peer keeps its
     * own, {@link Connection#peerKeepsOwn()}), so both ranks settle on one socket. Sends to the peer
     * meanwhile wait in their order, as for a connection being made.
     */
    public boolean offerInbound(int peer) {
        lock.lock();
        try {
            if (closing || lost[peer] != null || peer == rank) {
                return false;
            }
            Connection own = outbound[peer];
            if (own != null && !own.isClosed()) {
                return false;
            }
            PendingConnect p = pending[peer];
            if (p == null) {
                p = new PendingConnect(peer);
                p.viaInbound = true;
                pending[peer] = p;
                return true;
            }
            if (!p.viaInbound && !p.superseded && rank > peer) {
                p.superseded = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A connection from a peer passed the handshake; with {@code send} (the answer of {@link #offerInbound}),
     * this rank sends to the peer on it from now on, starting with the sends that waited for it.
     */
    public void onAccepted(Connection c, boolean send) {
        lock.lock();
        try {
            c.attach(this);
            inbound.add(c);
            if (!send) {
                return;
            }
            PendingConnect p = pending[c.peer];
            pending[c.peer] = null;
            outbound[c.peer] = c;
            if (p != null) {
                if (p.own != null) {
                    retire(p.own);
                }
                for (SendOp op : p.sends) {
                    sendRemote(op);
                }
            }
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The connection for which {@link #offerInbound} said yes failed before {@link #onAccepted}: the sends
     * that waited for it go on a connection of this rank's own (the one being made, or a new one).
     */
    public void abandonInbound(int peer) {
        lock.lock();
        try {
            PendingConnect p = pending[peer];
            if (p == null) {
                return;
            }
            if (p.superseded) {
                p.superseded = false;
                if (p.own != null) { // the connector made its own: take it
                    Connection own = p.own;
                    p.own = null;
                    install(p, own);
                } else if (p.thread == null) { // the connector failed: try again
                    pending[peer] = null;
                    if (!p.sends.isEmpty() && !closing) {
                        startConnect(peer).sends.addAll(p.sends);
                    }
                }
            } else if (p.viaInbound) {
                pending[peer] = null;
                if (!p.sends.isEmpty() && !closing) {
                    startConnect(peer).sends.addAll(p.sends);
                }
            }
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Gives up a connection this rank opened and never sent on: a RETIRE frame, then it closes. */
    private void retire(Connection c) {
        c.attach(this);
        c.retiring = true;
        try {
            c.enqueue(new OutFrame(RETIRE, (byte) 0, ElementType.BYTE, 0, 0, 0, 0, 0, 0, null, null));
        } catch (IOException e) {
            c.close();
        }
    }

    /** A connection failed (EOF, I/O error, protocol violation): close it and fail what depended on it. */
    public void failConnection(Connection c, IOException cause) {
        lock.lock();
        try {
            if (c.isClosed()) {
                return;
            }
            if (c.retiring || c.retiredByPeer) {
                c.close(); // it never carried a message: nothing is lost
                inbound.remove(c);
                return;
            }
            if (closing) {
                LOG.debug("rank {}: {} closed: {}", rank, c, cause.getMessage());
            } else if (cause instanceof Connection.ProtocolException) {
                LOG.error("rank {}: closing {}: protocol error: {}", rank, c, cause.getMessage());
            } else {
                LOG.warn("rank {}: {} failed: {}", rank, c, cause.getMessage());
            }
            MpiException err = new MpiException(ErrorClass.ERR_TRANSPORT,
                "rank " + rank + ": " + c + " failed: " + cause.getMessage(), cause);
            Inbound partial = c.currentInbound();
            if (partial != null) {
                failPartial(partial, err);
            }
            ArrayDeque<OutFrame> left = c.close();
            boolean sentOnIt = c.initiator || outbound[c.peer] == c && c.used;
            if (outbound[c.peer] == c) {
                outbound[c.peer] = null;
            }
            inbound.remove(c);
            for (OutFrame f : left) {
                if (f.completes != null && !f.completes.isDone()) {
                    f.completes.fail(err);
                }
            }
            failWaiting(awaitingCts.values().iterator(), c, err);
            failWaiting(awaitingData.values().iterator(), c, err);
            unexpected.removeIf(u -> u.connection == c);
            if (!closing) {
                if (sentOnIt && lost[c.peer] == null) {
                    lost[c.peer] = err;
                }
                recordFailure(err, cause instanceof Connection.ProtocolException);
                failPosted(err);
            }
        } finally {
            lock.unlock();
        }
    }

    private void recordFailure(MpiException err, boolean here) {
        if (failure == null && !closing) {
            failureHere = here;
            failure = err; // publishes failureHere
        }
    }

    /**
     * The first communication failure of this rank outside an orderly shutdown (a connection that could
     * not be made, or that broke), or null. After one, the job cannot finalize in order: messages may be
     * lost and a peer may be gone, so {@code Spmd.close} ends the rank instead of waiting at the
     * finalize barrier. Any thread.
     */
    public MpiException failure() {
        return failure;
    }

    /**
     * Whether {@link #failure()} arose in this rank (a connection it could not make, bytes that broke the
     * protocol) rather than from a peer that closed or reset a connection, which is the peer's failure,
     * or a sign that the peer is gone. Any thread; meaningful once {@link #failure()} is not null.
     */
    public boolean failureAroseHere() {
        return failureHere;
    }

    /**
     * Fails every posted receive after a connection broke outside an orderly shutdown: any of them may be
     * waiting for a message that was lost with the connection, and the engine cannot tell which, so none is
     * left to wait for ever (MPI's default error handler would end the job the same way).
     */
    private void failPosted(MpiException cause) {
        for (Iterator<RecvOp> it = posted.iterator(); it.hasNext();) {
            RecvOp op = it.next();
            it.remove();
            op.fail(new MpiException(ErrorClass.ERR_TRANSPORT, "receive from " + (op.source == ANY_SOURCE ? "any source"
                : "rank " + op.source) + " (tag " + op.tag + ") abandoned: " + cause.getMessage(), cause));
        }
    }

    /** A message was cut off in the middle: fail the receive it was for, or forget the unexpected copy. */
    private void failPartial(Inbound partial, MpiException err) {
        if (partial.owner instanceof RecvOp) {
            RecvOp op = (RecvOp) partial.owner;
            if (!op.isDone()) {
                op.fail(err);
            }
        } else {
            Unexpected u = (Unexpected) partial.owner;
            unexpected.remove(u);
            if (u.claimedBy != null && !u.claimedBy.isDone()) {
                u.claimedBy.fail(err);
            }
        }
    }

    private static void failWaiting(Iterator<? extends Operation> it, Connection c, MpiException err) {
        while (it.hasNext()) {
            Operation op = it.next();
            Connection oc = op instanceof SendOp ? ((SendOp) op).connection : ((RecvOp) op).connection;
            if (oc == c) {
                it.remove();
                op.fail(err);
            }
        }
    }

    private MpiException cannotConnect(int peer, IOException cause) {
        return new MpiException(ErrorClass.ERR_TRANSPORT, "rank " + rank + " cannot connect to rank " + peer + ": "
            + cause.getMessage(), cause);
    }

    /**
     * Starts making the connections on which this rank sends to the world ranks {@code peers}, on connector
     * threads, and returns at once; a later send to one of them then finds its connection made, or waits
     * only for what is left of it. A hint for programs (and collectives) that know their peers before the
     * first message: ranks that are this one, already connected, being connected, or whose connection
     * broke are skipped, and nothing happens on a transport whose connections are cheap. A connection that
     * cannot be made is reported by the first send to that peer, which tries again. Any thread.
     */
    public void preconnect(int... peers) {
        checkOpen();
        if (transport.connectIsCheap()) {
            return;
        }
        lock.lock();
        try {
            for (int peer : peers) {
                if (peer < 0 || peer >= size) {
                    throw new MpiException(ErrorClass.ERR_RANK, "invalid world rank to connect to: rank=" + peer
                        + ", size=" + size);
                }
                Connection c = outbound[peer];
                if (peer != rank && (c == null || c.isClosed()) && pending[peer] == null && lost[peer] == null
                    && !closing) {
                    startConnect(peer);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A connection being made off the lock, and the sends waiting for it in their order. */
    private static final class PendingConnect {
        final int peer;
        final ArrayDeque<SendOp> sends = new ArrayDeque<>();
        /** The connector thread; null for a connection being accepted from the peer ({@link #viaInbound}). */
        Thread thread;
        /** No connector: the sends wait for the connection being accepted from the peer. */
        boolean viaInbound;
        /** The peer's connection, being accepted, replaces the one the connector makes. */
        boolean superseded;
        /** The connector's connection, made and waiting for the peer's to settle which one is kept. */
        Connection own;

        PendingConnect(int peer) {
            this.peer = peer;
        }
    }

    /** Starts a connector thread for {@code peer}; under the lock. */
    private PendingConnect startConnect(int peer) {
        PendingConnect p = new PendingConnect(peer);
        pending[peer] = p;
        p.thread = new Thread(() -> connect(p), "spmd4j-connect-" + rank + "-" + peer);
        p.thread.setDaemon(true);
        p.thread.start();
        return p;
    }

    /**
     * Body of a connector thread: makes the connection without the lock, then, under it, sends what waited
     * for it in order, or fails those sends with the reason. When the peer is the lower rank and keeps a
     * connection of its own to this rank ({@link #offerInbound}), it waits for that one instead and gives
     * its own up.
     */
    private void connect(PendingConnect p) {
        Connection c = null;
        IOException error = null;
        try {
            c = transport.connect(p.peer);
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new IOException(e.toString(), e);
        }
        lock.lock();
        try {
            if (p.superseded && !closed) { // the peer's connection is taking this one's place
                if (c == null) {
                    p.thread = null; // should that fail too, abandonInbound makes a new one
                } else if (pending[p.peer] == p) {
                    p.own = c; // onAccepted gives it up, or abandonInbound uses it
                } else {
                    retire(c);
                }
                return;
            }
            if (closed || error != null) {
                if (pending[p.peer] == p) {
                    pending[p.peer] = null;
                }
                if (closed) {
                    if (c != null) {
                        c.close(); // the transport closed its channels before this one was made
                    }
                    failClosed(p);
                    return;
                }
                MpiException err = cannotConnect(p.peer, error);
                if (p.sends.isEmpty()) {
                    LOG.debug("rank {}: {}", rank, err.getMessage()); // a hint only: the next send reports it
                    return;
                }
                recordFailure(err, true);
                p.sends.forEach(op -> op.fail(err));
                return;
            }
            if (c.peerKeepsOwn() && rank > p.peer && awaitPeersConnection(p, c)) {
                return;
            }
            install(p, c);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, on a connector whose connection {@code c} the lower-ranked peer does not use (it opened
     * its own to this rank at the same time): waits up to the connect timeout for the peer's connection to
     * be accepted, which then replaces {@code c}. Returns true when that is settled (or the engine closed),
     * false when {@code c} is to be used after all (the peer's connection did not come).
     */
    private boolean awaitPeersConnection(PendingConnect p, Connection c) {
        p.own = c;
        long left = TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMs());
        while (pending[p.peer] == p && p.own == c && !p.superseded && !closed && left > 0) {
            try {
                left = settled.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pending[p.peer] != p || p.own != c || p.superseded) {
            return true; // onAccepted took the peer's connection, abandonInbound took c, or one of them will
        }
        p.own = null;
        if (closed) {
            pending[p.peer] = null;
            c.close();
            failClosed(p);
            return true;
        }
        LOG.debug("rank {}: rank {} kept its connection to this rank but it did not arrive; sending on this"
            + " rank's own", rank, p.peer);
        return false;
    }

    /** Under the lock: this rank sends to the peer on {@code c} from now on, starting with what waited. */
    private void install(PendingConnect p, Connection c) {
        if (pending[p.peer] == p) {
            pending[p.peer] = null;
        }
        c.attach(this);
        outbound[p.peer] = c; // closed already when the peer went away meanwhile: the sends then fail
        for (SendOp op : p.sends) {
            sendRemote(op);
        }
        settled.signalAll();
    }

    private void failClosed(PendingConnect p) {
        MpiException err = new MpiException(ErrorClass.ERR_NOT_INITIALIZED, "spmd4j has been finalized"
            + " while rank " + rank + " was connecting to rank " + p.peer);
        p.sends.forEach(op -> op.fail(err));
    }

    /** The connector threads still running; under the lock. */
    private List<Thread> connectors() {
        List<Thread> threads = new ArrayList<>();
        for (PendingConnect p : pending) {
            if (p != null && p.thread != null) {
                threads.add(p.thread);
            }
        }
        return threads;
    }

    // ================================================================ lifecycle

    private void awaitConnectors(List<Thread> connectors) {
        connectors.forEach(Thread::interrupt); // a blocking connect or handshake ends at once
        long deadline = System.nanoTime() + config.connectTimeoutMs() * 1_000_000L;
        boolean interrupted = false;
        for (Thread t : connectors) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(left / 1_000_000L + 1);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                LOG.warn("rank {}: {} did not end within {} ms", rank, t.getName(), config.connectTimeoutMs());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new MpiException(ErrorClass.ERR_NOT_INITIALIZED, "spmd4j has been finalized");
        }
    }

    /** Marks the start of an orderly shutdown: connection losses from now on are expected. */
    public void beginClose() {
        closing = true;
    }

    /** Waits until every queued frame has been written (bounded by {@code timeoutMs}). */
    public void flush(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        awaitCondition(() -> !hasQueuedFrames() || System.nanoTime() > deadline);
    }

    private boolean hasQueuedFrames() {
        lock.lock();
        try {
            for (PendingConnect p : pending) {
                if (p != null && !p.sends.isEmpty()) {
                    return true;
                }
            }
            for (Connection c : outbound) {
                if (c != null && !c.isClosed() && c.hasQueuedFrames()) {
                    return true;
                }
            }
            for (Connection c : inbound) {
                if (!c.isClosed() && c.hasQueuedFrames()) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the transport and stops the progress thread; a connection still being made is abandoned (its
     * connector thread is interrupted and awaited, so that it leaves no file or socket behind). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closing = true;
        closed = true;
        transport.wakeup();
        if (progressThread != null) {
            LockSupport.unpark(progressThread);
        }
        List<Thread> connectors;
        lock.lock();
        try {
            connectors = connectors();
        } finally {
            lock.unlock();
        }
        awaitConnectors(connectors);
        pollLock.lock();
        try {
            lock.lock();
            try {
                transport.close();
            } finally {
                lock.unlock();
            }
        } finally {
            pollLock.unlock();
        }
    }
}
