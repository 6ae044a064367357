package io.spmd4j.testing;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A property-based fuzzer for decoders of bytes that come from outside the process: it derives inputs
 * from valid encodings (the seeds) with a fixed-seed random generator, feeds each to a {@link Target}
 * and checks the only allowed outcomes.
 *
 * <p>Inputs, drawn with equal weight: random bytes; a seed with bits flipped; a seed with random bytes
 * overwritten; a seed truncated; a seed with a 1, 2, 4 or 8-byte field (big- or little-endian) set to a
 * boundary value (0, -1, the largest and smallest int and long, 2^31, 2^40 ...), which is how huge and
 * negative lengths are made; a seed with bytes inserted or deleted; two seeds spliced or concatenated
 * (several messages on one stream).
 *
 * <p>Properties checked per input: the target returns a label of an allowed outcome (a decoded message,
 * or the documented protocol exception after which the connection is closed), and throws nothing
 * else (an {@link Error} such as {@link OutOfMemoryError}, or any unexpected exception, is a failure);
 * the heap bytes the decoding thread allocated stay within the target's bound, so that a length field
 * can never make a decoder allocate more than the configured frame limit. A hang is caught by the
 * caller's timeout. The same seed gives the same inputs, so a failure names the input and reproduces.
 *
 * <p>Not thread-safe: one fuzzer per thread.
 */
public final class Fuzzer {
    /** Boundary values written into fields. */
    private static final long[] BOUNDARY = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE,
        64 * 1024, 64 * 1024 + 1, 256 * 1024 * 1024, 256 * 1024 * 1024 + 1};
    private static final int MUTATIONS = 8;
    /** Longest random input, in bytes. */
    private static final int MAX_RANDOM_BYTES = 512;
    /** Inputs run before the measured pass. */
    private static final int WARM_UP_INPUTS = 2_000;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A decoder under test. */
    public interface Target {
        /** Short name for reports. */
        String name();

        /** Valid encodings to mutate; at least one. */
        List<byte[]> seeds();

        /**
         * Decodes {@code input} as the production code would when the bytes arrive from a peer; returns a
         * label of the outcome, and throws anything that is not an allowed outcome.
         */
        String run(byte[] input) throws Exception;

        /** Most heap bytes one decoding of {@code input} may allocate. */
        long allocationLimitBytes(byte[] input);
    }

    /** What a run found: outcome counts, input rate, and the failures with their inputs. */
    public record Report(String target, long inputs, double seconds, Map<String, Long> outcomes,
                         long maxAllocatedBytes, List<String> failures) {
        /** Inputs per second. */
        public double inputsPerSecond() {
            return inputs / Math.max(seconds, 1e-9);
        }

        @Override
        public String toString() {
            return String.format("%-22s %,10d inputs %8.1f s %,12.0f inputs/s  max alloc %,11d B  %s%s", target,
                inputs, seconds, inputsPerSecond(), maxAllocatedBytes, outcomes,
                failures.isEmpty() ? "" : "\n  FAILURES: " + String.join("\n  ", failures));
        }
    }

    private final SplittableRandom random;

    /** A fuzzer whose inputs are fixed by {@code seed}. */
    public Fuzzer(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Runs {@code inputs} inputs through {@code target}; keeps at most 10 failures. */
    public Report run(Target target, long inputs) {
        List<byte[]> seeds = target.seeds();
        Map<String, Long> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long threadId = Thread.currentThread().getId();
        long maxAllocated = 0;
        // warm-up, unchecked: class loading and the first linkage of each error path are not the decoder's memory
        Fuzzer warmUp = new Fuzzer(random.nextLong());
        for (int i = 0; i < WARM_UP_INPUTS; i++) {
            try {
                target.run(i < seeds.size() ? seeds.get(i).clone() : warmUp.next(seeds));
            } catch (Throwable ignored) {
                // the measured pass below reports it
            }
        }
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            byte[] input = i < seeds.size() ? seeds.get((int) i).clone() : next(seeds);
            String outcome;
            long before = THREADS.getThreadAllocatedBytes(threadId);
            try {
                outcome = target.run(input.clone());
            } catch (Throwable t) {
                outcome = "FAIL " + t.getClass().getSimpleName();
                if (failures.size() < 10) {
                    failures.add("input " + i + " " + HexFormat.of().formatHex(input) + " -> " + t);
                }
            }
            long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
            maxAllocated = Math.max(maxAllocated, allocated);
            long limit = target.allocationLimitBytes(input);
            if (allocated > limit && failures.size() < 10) {
                failures.add("input " + i + " " + HexFormat.of().formatHex(input) + " allocated " + allocated
                    + " bytes, more than the bound of " + limit);
            }
            outcomes.merge(outcome, 1L, Long::sum);
        }
        return new Report(target.name(), inputs, (System.nanoTime() - start) / 1e9, outcomes, maxAllocated, failures);
    }

    /** The next input derived from {@code seeds}. */
    byte[] next(List<byte[]> seeds) {
        byte[] s = seeds.get(random.nextInt(seeds.size())).clone();
        switch (random.nextInt(MUTATIONS)) {
            case 0:
                return randomBytes(random.nextInt(MAX_RANDOM_BYTES + 1));
            case 1:
                for (int k = 1 + random.nextInt(8); k > 0 && s.length > 0; k--) {
                    int bit = random.nextInt(s.length * 8);
                    s[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return s;
            case 2:
                for (int k = 1 + random.nextInt(4); k > 0 && s.length > 0; k--) {
                    s[random.nextInt(s.length)] = (byte) random.nextInt(256);
                }
                return s;
            case 3:
                return java.util.Arrays.copyOf(s, s.length == 0 ? 0 : random.nextInt(s.length));
            case 4:
                return withBoundaryField(s);
            case 5:
                return insertOrDelete(s);
            case 6:
                return splice(s, seeds.get(random.nextInt(seeds.size())));
            default:
                return withBoundaryField(withBoundaryField(s));
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private byte[] withBoundaryField(byte[] s) {
        int width = 1 << random.nextInt(4);
        if (s.length < width) {
            return s;
        }
        long v = BOUNDARY[random.nextInt(BOUNDARY.length)] + (random.nextInt(8) == 0 ? random.nextInt(3) - 1 : 0);
        int at = random.nextInt(s.length - width + 1);
        if (random.nextBoolean()) {
            at -= at % width; // most fields are aligned
        }
        ByteBuffer b = ByteBuffer.wrap(s).order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (width) {
            case 1:
                b.put(at, (byte) v);
                break;
            case 2:
                b.putShort(at, (short) v);
                break;
            case 4:
                b.putInt(at, (int) v);
                break;
            default:
                b.putLong(at, v);
        }
        return s;
    }

    private byte[] insertOrDelete(byte[] s) {
        int at = random.nextInt(s.length + 1);
        int n = 1 + random.nextInt(8);
        if (random.nextBoolean() || s.length == 0) {
            byte[] out = new byte[s.length + n];
            System.arraycopy(s, 0, out, 0, at);
            System.arraycopy(randomBytes(n), 0, out, at, n);
            System.arraycopy(s, at, out, at + n, s.length - at);
            return out;
        }
        n = Math.min(n, s.length - at);
        byte[] out = new byte[s.length - n];
        System.arraycopy(s, 0, out, 0, at);
        System.arraycopy(s, at + n, out, at, s.length - at - n);
        return out;
    }

    private byte[] splice(byte[] a, byte[] b) {
        int cutA = random.nextBoolean() ? a.length : random.nextInt(a.length + 1);
        int cutB = random.nextBoolean() ? 0 : random.nextInt(b.length + 1);
        byte[] out = new byte[cutA + b.length - cutB];
        System.arraycopy(a, 0, out, 0, cutA);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }

    /** One step of a reader of a control connection: reads and decodes one message. */
    public interface MessageStep {
        /** Reads one message; false when its type is one the reader refuses (and so closes the connection). */
        boolean next() throws java.io.IOException;
    }

    /**
     * Reads a stream message by message, as the readers of control connections do, and labels how it ended:
     * a refused type, the end after whole messages, a stream cut inside a message, or a malformed message.
     */
    public static String readToEnd(MessageStep step) {
        int messages = 0;
        try {
            while (step.next()) {
                messages++;
            }
            return "unexpected type refused";
        } catch (java.io.EOFException e) {
            return messages > 0 && e.getMessage() == null ? "decoded, then end" : "cut short";
        } catch (java.io.IOException e) {
            return "malformed refused";
        }
    }

    /**
     * Runs {@code target} with the run's seed for {@link #inputsPerTarget} inputs, prints the report, and
     * fails with the report when any input failed. Test classes call this once per decoder.
     */
    public static Report check(Target target, long quickInputs) {
        Report r = new Fuzzer(seed()).run(target, inputsPerTarget(quickInputs));
        System.out.println("fuzz " + r);
        if (!r.failures().isEmpty()) {
            throw new AssertionError("fuzzing " + target.name() + " (seed " + seed() + ") failed:\n" + r);
        }
        return r;
    }

    /** Inputs per target of a run: {@code spmd4j.fuzz.inputs}, else {@code quick}. */
    public static long inputsPerTarget(long quick) {
        return Long.getLong("spmd4j.fuzz.inputs", quick);
    }

    /** The fixed seed of a run: {@code spmd4j.fuzz.seed}, else 9. */
    public static long seed() {
        return Long.getLong("spmd4j.fuzz.seed", 9L);
    }
}
