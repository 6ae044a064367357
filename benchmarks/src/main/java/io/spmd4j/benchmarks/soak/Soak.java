package io.spmd4j.benchmarks.soak;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import io.spmd4j.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Soak test: every rank exchanges messages of mixed sizes and tags with every other rank, round after
 * round, for a time or a number of messages, and checks every payload; rank 0 prints the message rate
 * and the heap in use over time (flat is the goal) and a final verdict.
 *
 * <p>Round {@code k}: each rank sends one message to every other rank with {@code isend}; size and tag
 * come from a random stream seeded by (k, source, dest), so the receiver knows what to expect. Sizes are
 * drawn so that most messages are small (eager), some medium and a few 1 MiB (rendezvous). In even
 * rounds the receives are wildcards ({@code ANY_SOURCE}, {@code ANY_TAG}) and the status tells whose
 * message arrived, and a barrier ends the round so that no message of the next round can meet them; in
 * odd rounds they name the source and tag. A payload is an 8-byte CRC32 of the rest
 * followed by bytes from the same seeded stream: the receiver checks the CRC, the length and the content.
 * Every {@value #CHECK_ROUNDS} rounds the ranks agree (allreduce) on whether to stop, and rank 0 reports.
 *
 * <p>Run: {@code bin/spmdrun -np 4 --transport tcp -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.soak.Soak [seconds=600] [maxMessages=10000000]}. Exit code 0 when every payload
 * checked, 1 (via an exception) at the first corrupt, lost or misrouted message.
 */
public final class Soak {
    private static final int CHECK_ROUNDS = 50;
    private static final int REPORT_EVERY_S = 10;
    private static final int CRC_BYTES = Long.BYTES;
    private static final int MAX_BYTES = 1 << 20;

    private Soak() {
    }

    /** Runs the soak; arguments: seconds (default 600), most messages in all (default 10^7). */
    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        long maxMessages = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int p = w.size();
            int me = w.rank();
            if (p < 2) {
                throw new IllegalArgumentException("the soak needs at least 2 ranks, got " + p);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            byte[][] out = new byte[p][];
            byte[][] in = new byte[p][];
            for (int r = 0; r < p; r++) {
                in[r] = new byte[MAX_BYTES + CRC_BYTES];
            }
            Request[] reqs = new Request[2 * (p - 1)];
            long start = System.nanoTime();
            long nextReport = REPORT_EVERY_S;
            long messages = 0;
            long bytes = 0;
            for (long round = 0; ; round++) {
                int n = 0;
                for (int d = 0; d < p; d++) {
                    if (d != me) {
                        out[d] = payload(round, me, d);
                        reqs[n++] = w.isend(out[d], 0, out[d].length, d, tag(round, me, d));
                    }
                }
                boolean wildcard = round % 2 == 0;
                int slot = 0;
                for (int s = 0; s < p; s++) {
                    if (s != me) {
                        reqs[n++] = wildcard ? w.irecv(in[slot], 0, in[slot].length, Spmd.ANY_SOURCE, Spmd.ANY_TAG)
                            : w.irecv(in[slot], 0, in[slot].length, s, tag(round, s, me));
                        slot++;
                    }
                }
                for (int i = 0; i < p - 1; i++) {
                    reqs[i].await();
                }
                boolean[] seen = new boolean[p];
                for (int i = 0; i < p - 1; i++) {
                    Status st = reqs[p - 1 + i].await();
                    int src = st.source();
                    if (src == me || seen[src]) {
                        throw new IllegalStateException("round " + round + ": rank " + me + " got a second message "
                            + "from rank " + src);
                    }
                    seen[src] = true;
                    check(round, src, me, st, in[i]);
                    bytes += st.count();
                }
                messages += p - 1;
                if (wildcard) {
                    w.barrier(); // no message of the next round may meet this round's wildcard receives
                }
                if (round % CHECK_ROUNDS == CHECK_ROUNDS - 1) {
                    long heap = memory.getHeapMemoryUsage().getUsed();
                    long[] sum = new long[3];
                    w.allreduce(new long[] {messages, heap, bytes}, 0, sum, 0, 3, Op.SUM);
                    long[] max = new long[3]; // every rank must take the same decision: from agreed values only
                    w.allreduce(new long[] {heap, System.nanoTime() - start, retainedHeap()}, 0, max, 0, 3, Op.MAX);
                    double elapsed = max[1] / 1e9;
                    boolean stop = elapsed >= seconds || sum[0] >= maxMessages;
                    if (me == 0 && (elapsed >= nextReport || stop)) {
                        System.out.printf("t=%6.1f s  messages=%,12d  %,10.0f msg/s  %,8.1f MB/s  heap used max/rank=%6.1f MiB"
                            + "  retained (no eden) max/rank=%6.1f MiB  used total=%7.1f MiB%n", elapsed, sum[0],
                            sum[0] / elapsed, sum[2] / elapsed / 1e6, max[0] / 1048576.0, max[2] / 1048576.0,
                            sum[1] / 1048576.0);
                        nextReport += REPORT_EVERY_S;
                    }
                    if (stop) {
                        if (me == 0) {
                            System.out.printf("soak ok: %,d messages of %,d bytes checked in %.1f s on %d ranks%n",
                                sum[0], sum[2], elapsed, p);
                        }
                        return;
                    }
                }
            }
        }
    }

    /**
     * Heap in use outside the young generation's eden (survivors and old generation): what outlived at least
     * one collection, whose trend shows a leak while the total saw-tooths with every young collection.
     */
    static long retainedHeap() {
        long retained = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden")) {
                retained += pool.getUsage().getUsed();
            }
        }
        return retained;
    }

    private static SplittableRandom stream(long round, int source, int dest) {
        return new SplittableRandom(round * 1_000_003L + source * 1009L + dest);
    }

    /** The tag of the message from {@code source} to {@code dest} in {@code round}: 0..31. */
    static int tag(long round, int source, int dest) {
        return stream(round, source, dest).nextInt(32);
    }

    /** The size of the message body: mostly small, some medium, a few of 1 MiB. */
    static int size(SplittableRandom r) {
        int kind = r.nextInt(100);
        return kind < 80 ? r.nextInt(1024) : kind < 98 ? r.nextInt(128 * 1024) : MAX_BYTES;
    }

    /** The message of {@code round} from {@code source} to {@code dest}: CRC32 of the body, then the body. */
    static byte[] payload(long round, int source, int dest) {
        SplittableRandom r = stream(round, source, dest);
        r.nextInt(32); // the tag
        int n = size(r);
        byte[] b = new byte[CRC_BYTES + n];
        for (int i = 0; i < n; i++) {
            b[CRC_BYTES + i] = (byte) r.nextInt(256);
        }
        CRC32 crc = new CRC32();
        crc.update(b, CRC_BYTES, n);
        java.nio.ByteBuffer.wrap(b).putLong(0, crc.getValue());
        return b;
    }

    /** Checks a received message against what {@code source} must have sent; throws naming the difference. */
    static void check(long round, int source, int dest, Status st, byte[] got) {
        byte[] want = payload(round, source, dest);
        String where = "round " + round + ", message from rank " + source + " to rank " + dest;
        if (st.tag() != tag(round, source, dest)) {
            throw new IllegalStateException(where + ": tag " + st.tag() + ", expected " + tag(round, source, dest));
        }
        if (st.count() != want.length) {
            throw new IllegalStateException(where + ": " + st.count() + " bytes, expected " + want.length);
        }
        CRC32 crc = new CRC32();
        crc.update(got, CRC_BYTES, want.length - CRC_BYTES);
        if (crc.getValue() != java.nio.ByteBuffer.wrap(got).getLong(0)
            || !java.util.Arrays.equals(got, 0, want.length, want, 0, want.length)) {
            throw new IllegalStateException(where + ": payload corrupt (checksum or content differs)");
        }
    }
}
