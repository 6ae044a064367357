package io.spmd4j.benchmarks.osu;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;

/**
 * The untimed warm-up of one message size: at least the warm-up iteration count of the options and,
 * with {@code --warmup-seconds S}, at least {@code S} seconds (JMH style), whatever the system's speed.
 *
 * <p>A program's loop runs {@code warmup + iterations} times and calls {@link #extend(int)} when its
 * counter reaches {@code warmup}; the returned value is the new end of the warm-up, so the loop goes
 * on warming up until the call returns its argument, and then starts its clock:
 * <pre>{@code
 * Warmup gate = Warmup.start(world, options);
 * for (int i = 0; i < iterations + warmup; i++) {
 *     if (i == warmup) {
 *         warmup = gate.extend(i);
 *         if (i == warmup) {
 *             start = Spmd.wtime();
 *         }
 *     }
 *     ... one iteration ...
 * }
 * }</pre>
 *
 * <p><b>Agreement.</b> Rank {@link OsuMain#ROOT} alone reads its clock ({@link Spmd#wtime()}, from
 * {@link #start}) and decides; at each decision point it broadcasts the length of the next block of
 * warm-up iterations, 0 when at least {@code S} seconds have passed, so every rank runs the same
 * iterations in the same pattern and starts its timed loop after the same number of them. The
 * broadcast lies between iterations, outside any timed region.
 *
 * <p><b>Blocks.</b> A block is estimated from the root's rate so far to last at most as long as the
 * warm-up has lasted and at most the time still missing ({@link #nextBlock}): the blocks grow
 * geometrically, so there are only a few dozen broadcasts per size, each between many iterations
 * after the first blocks, and the warm-up ends soon after {@code S} seconds instead of up to a whole
 * block later. With {@code S = 0} (the default) {@link #extend} returns its argument without any
 * communication: the OSU behaviour, unchanged.
 *
 * <p>The first size of a program warms up {@link #FIRST_SIZE_FACTOR} times as long.
 *
 * <p>Collective: every rank of {@code world} creates its gate with equal options at the same point
 * and calls {@link #extend} at the same iterations.
 */
final class Warmup {
    /** The warm-up never exceeds this many iterations, far from overflowing the loop counter. */
    static final int MAX_ITERATIONS = 1 << 30;
    /**
     * The first size of a program warms up this many times {@code S}: it carries the compilation of the
     * whole communication path, which takes the JIT compilers seconds of CPU when the ranks keep both
     * cores of a small machine busy (every system gets the same, C included).
     */
    static final double FIRST_SIZE_FACTOR = 3.0;

    /** Whether this program has warmed up a size already. */
    private static boolean warmedBefore;

    private final Comm world;
    private final double seconds;
    private final double startSeconds;
    private final int[] block = new int[1];

    private Warmup(Comm world, double seconds) {
        this.world = world;
        this.seconds = seconds;
        this.startSeconds = Spmd.wtime();
    }

    /** Starts the warm-up of one size now: the root's clock of {@code --warmup-seconds} runs from here. */
    static Warmup start(Comm world, OsuOptions options) {
        double s = options.warmupSeconds() * (warmedBefore ? 1.0 : FIRST_SIZE_FACTOR);
        warmedBefore = true;
        return new Warmup(world, s);
    }

    /**
     * Decides, at the end of the warm-up planned so far, whether it goes on. Every rank calls it after
     * {@code done} warm-up iterations, {@code done} being the value the previous call returned or, the
     * first time, the warm-up count. Collective (a broadcast from the root) unless the minimum time is 0.
     *
     * @return {@code done} when the warm-up is over; else the new end of the warm-up, larger than
     *     {@code done}, the same on every rank
     */
    int extend(int done) {
        if (seconds <= 0.0) {
            return done;
        }
        if (world.rank() == OsuMain.ROOT) {
            block[0] = nextBlock(done, Spmd.wtime() - startSeconds, seconds);
        }
        world.bcast(block, 0, 1, OsuMain.ROOT);
        return done + block[0];
    }

    /**
     * Returns how many more warm-up iterations to run after {@code done} of them took {@code elapsed}
     * seconds, for a warm-up of at least {@code seconds}: 0 when the time is up (or the warm-up reached
     * {@link #MAX_ITERATIONS}); otherwise at least 1, estimated at the rate so far to take
     * {@code min(elapsed, seconds - elapsed)}: at most doubling the warm-up, at most the time missing.
     */
    static int nextBlock(int done, double elapsed, double seconds) {
        if (elapsed >= seconds || done >= MAX_ITERATIONS) {
            return 0;
        }
        if (done == 0 || elapsed <= 0.0) {
            return Math.max(1, Math.min(done, MAX_ITERATIONS - done));
        }
        double target = Math.min(elapsed, seconds - elapsed);
        double estimate = Math.ceil(done * target / elapsed);
        return (int) Math.max(1.0, Math.min(estimate, (double) (MAX_ITERATIONS - done)));
    }
}
