package io.spmd4j.engine;

/**
 * The length of the spin phase of a rank's waits, adapted to how its recent waits ended: the first
 * phase of the backoff idle strategy ({@link Config.Idle#BACKOFF}: spin, then yield, then block).
 *
 * <p><b>Why adapt.</b> A waiter that spins sees its peer's next store at once but holds its core;
 * one that yields or blocks lets the core go but pays a wake-up (a trip through the scheduler, on a
 * virtual machine also the host's wake-up of an idle virtual CPU) and, worse, may not be running
 * when the peer answers, which makes the peer's own next wait longer. No fixed spin length suits
 * every program: a barrier loop or a ping-pong on two ranks that own two cores wants a long spin
 * (a peer delayed by a timer interrupt or a compiler thread shows up tens or hundreds of
 * microseconds late, and a waiter that left the spin phase by then turns that delay into a
 * wake-up of its own: measured on a 2-core machine, a 2-rank barrier of 0.2 µs became 0.6 to
 * 1.3 µs on average with a fixed 20 µs spin, and stayed at 0.1 to 0.2 µs with 2 ms); a rank that
 * waits milliseconds for a neighbour's computation gains nothing from spinning and only takes the
 * core from whatever else runs on the host. The classic answer (competitive spinning: spin about as
 * long as giving the core up costs; adaptive spinning as in HotSpot's monitors and glibc's adaptive
 * mutexes, whose spin limit follows the success of recent spins) is to let the history of waits
 * decide. Agrona's {@code BackoffIdleStrategy} and Open MPI's progress loop (which yields when
 * oversubscribed) keep fixed counts; this class keeps their phases and adapts the first one.
 *
 * <p><b>Policy.</b> The budget {@code b} starts at {@link Config#spinNs()} and stays within
 * {@code [min, max]}. Each wait that lasted long enough to be timed reports its idle time {@code w}
 * (see {@link #waitEnded}):
 * <ul>
 *   <li>{@code w <= b}, a <em>hit</em>: the spin served; the budget stays.</li>
 *   <li>{@code b < w <= LATE_FACTOR * b}, a <em>near miss</em>: the wait ended shortly after the spin
 *       gave up, so a longer spin would likely have caught it without a wake-up: the budget doubles
 *       (up to {@code max}).</li>
 *   <li>{@code w > LATE_FACTOR * b}, a <em>long wait</em>: the spin was wasted and a longer one would
 *       have been wasted too: the budget shrinks by {@code 1 / SHRINK_DIVISOR} (down to {@code min}).</li>
 * </ul>
 * Growth is fast and decay slow on purpose: a near miss costs latency that the program sees, a wasted
 * spin only costs a core that, with no more ranks than cores, nobody else was promised; yet a program
 * whose waits are all long brings the budget down to {@code min} within a few dozen waits
 * ({@code log(max / min) / log(SHRINK_DIVISOR / (SHRINK_DIVISOR - 1))}). Since near misses are
 * judged against the budget itself, the budget climbs step by step only while waits keep ending just
 * after it, and a workload with short and long waits mixed settles where the short ones are covered.
 *
 * <p>What the policy does not decide: when a host runs more ranks than cores the engine skips the spin
 * phase whatever the budget (spinning there keeps the awaited rank off the core), {@code
 * spmd4j.idle=spin} spins without end and {@code block} never spins; a spin length given with {@code
 * spmd4j.idle.spin.ns} is used as it is (a {@linkplain #fixed fixed} budget ignores reports), so that a
 * measured setting can be pinned.
 *
 * <p><b>Threads.</b> Any thread may read the budget and report waits; reports are serialized by the
 * object's monitor (they come only at the end of waits that lasted long enough to read the clock, so
 * the monitor is cheap and almost never contended) and the budget is published through a volatile
 * field.
 */
public final class AdaptiveSpin {
    /** Smallest adaptive budget: still long enough to catch a peer that answers at once. */
    public static final long MIN_SPIN_NS = 2_000;
    /** Default largest adaptive budget. */
    public static final long DEFAULT_MAX_SPIN_NS = 2_000_000;
    /** A wait that ends within this many budgets (but after the budget) is a near miss. */
    static final long LATE_FACTOR = 4;
    /** A long wait takes this fraction, 1 / SHRINK_DIVISOR, off the budget. */
    static final long SHRINK_DIVISOR = 8;

    private final long minNs;
    private final long maxNs;
    private final boolean adaptive;
    private volatile long budgetNs;

    private AdaptiveSpin(long initialNs, long minNs, long maxNs, boolean adaptive) {
        if (minNs < 0 || minNs > maxNs || initialNs < minNs || initialNs > maxNs) {
            throw new IllegalArgumentException("spin budget " + initialNs + " ns must lie in [" + minNs + ", "
                + maxNs + "] ns, and the bounds must not be negative");
        }
        this.minNs = minNs;
        this.maxNs = maxNs;
        this.adaptive = adaptive;
        this.budgetNs = initialNs;
    }

    /**
     * A budget that starts at {@code initialNs} and adapts within {@code [minNs, maxNs]}.
     *
     * @throws IllegalArgumentException when {@code minNs <= initialNs <= maxNs} does not hold or
     *     {@code minNs} is negative
     */
    public static AdaptiveSpin adaptive(long initialNs, long minNs, long maxNs) {
        return new AdaptiveSpin(initialNs, minNs, maxNs, true);
    }

    /** A budget of {@code spinNs} that never changes (reports are ignored). */
    public static AdaptiveSpin fixed(long spinNs) {
        return new AdaptiveSpin(spinNs, spinNs, spinNs, false);
    }

    /** The budget of the settings: adaptive unless {@code spmd4j.idle.spin.ns} was given. */
    public static AdaptiveSpin of(Config config) {
        if (!config.spinAdaptive()) {
            return fixed(config.spinNs());
        }
        long max = Math.max(config.spinNs(), config.spinMaxNs());
        return adaptive(config.spinNs(), Math.min(MIN_SPIN_NS, config.spinNs()), max);
    }

    /** How long the next wait should spin, in nanoseconds; any thread. */
    public long budgetNs() {
        return budgetNs;
    }

    /** Whether reports change the budget. */
    public boolean isAdaptive() {
        return adaptive;
    }

    /**
     * Reports that a wait ended after {@code idleNs} nanoseconds of idling (from the waiter's first
     * reading of the clock to the end of the wait) and adapts the budget as the class comment
     * describes. A waiter that never read the clock need not report: its wait was a hit. Any thread.
     */
    public void waitEnded(long idleNs) {
        if (!adaptive) {
            return;
        }
        synchronized (this) {
            long b = budgetNs;
            if (idleNs <= b) {
                return;
            }
            long next;
            if (idleNs <= LATE_FACTOR * b) {
                next = Math.min(maxNs, 2 * b);
            } else {
                next = Math.max(minNs, b - b / SHRINK_DIVISOR);
            }
            budgetNs = next; // volatile: waiters that start later see the new budget
        }
    }

    @Override
    public String toString() {
        return (adaptive ? "adaptive spin " + budgetNs + " ns in [" + minNs + ", " + maxNs + "]" : "fixed spin "
            + budgetNs) + " ns";
    }
}
