package io.spmd4j.collective;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.Properties;

/**
 * The message sizes at which collectives switch from their latency-bound algorithm to their
 * bandwidth-bound one. Every rank of a communicator must use the same tuning, since the choice
 * decides which messages flow. Sizes are bytes of the whole vector unless a field says otherwise.
 *
 * @param bcastScatterMinBytes bcast by scatter + ring allgather from this size (binomial below)
 * @param bcastScatterMinRanks ... and from this many ranks: it moves (2 - 1/p) n bytes per rank
 *     where the binomial tree moves n, which pays only once the tree's log2 p rounds cost more
 * @param reduceScatterGatherMinBytes reduce by reduce-scatter + gather from this size (binomial below)
 * @param allreduceHalvingMinBytes allreduce by Rabenseifner's halving/doubling from this size
 *     (recursive doubling below)
 * @param allgatherRingMinBytes allgather by ring from this size of the gathered result (Bruck below)
 * @param alltoallPairwiseMinBytes alltoall by pairwise exchange from this size of one block (all
 *     messages posted at once below)
 * @param nodeAreaBytes on a communicator whose ranks all share memory: barrier, and allreduce up to this
 *     size, through a mapped area ({@link NodeArea}) instead of messages; 0 turns that off
 * @param nodeBulkMinBytes on such a communicator, allreduce and bcast from this size through the
 *     area's bulk region, chunk by chunk, instead of messages
 * @param nodeChunkBytes bytes of one chunk of the bulk region (a multiple of 64); 0: no bulk region
 */
public record Tuning(long bcastScatterMinBytes, int bcastScatterMinRanks, long reduceScatterGatherMinBytes,
    long allreduceHalvingMinBytes, long allgatherRingMinBytes, long alltoallPairwiseMinBytes, int nodeAreaBytes,
    long nodeBulkMinBytes, int nodeChunkBytes) {

    /** Recursive doubling serves allreduce up to this size. */
    public static final long ALLREDUCE_DOUBLING_MAX_BYTES = 64 * 1024;
    /** Bcast switches to scatter + allgather at this size. */
    public static final long BCAST_SCATTER_MIN_BYTES = 512 * 1024;
    /**
     * Bcast switches to scatter + allgather from this many ranks: on one host, where every byte is
     * a copy, the binomial tree won at 4 ranks and 1 MiB (0.75 ms against 1.9 ms, ranks as threads).
     */
    public static final int BCAST_SCATTER_MIN_RANKS = 8;
    /** Reduce switches to reduce-scatter + gather at this size. */
    public static final long REDUCE_SCATTER_GATHER_MIN_BYTES = 64 * 1024;
    /** Allgather switches from Bruck to ring at this size of the result. */
    public static final long ALLGATHER_RING_MIN_BYTES = 64 * 1024;
    /** Alltoall switches to pairwise exchange at this size of one block. */
    public static final long ALLTOALL_PAIRWISE_MIN_BYTES = 8 * 1024;

    /** Allreduce and bcast go through the bulk region of the shared-memory area from this size. */
    public static final long NODE_BULK_MIN_BYTES = 16 * 1024;
    /** Chunk of the bulk region. */
    public static final int NODE_CHUNK_BYTES = 1024 * 1024;
    /** Largest chunk of the bulk region. */
    public static final int NODE_CHUNK_MAX_BYTES = 64 * 1024 * 1024;

    /** The defaults. */
    public static final Tuning DEFAULT = new Tuning(BCAST_SCATTER_MIN_BYTES, BCAST_SCATTER_MIN_RANKS,
        REDUCE_SCATTER_GATHER_MIN_BYTES, ALLREDUCE_DOUBLING_MAX_BYTES + 1, ALLGATHER_RING_MIN_BYTES,
        ALLTOALL_PAIRWISE_MIN_BYTES, NodeArea.DEFAULT_DATA_BYTES, NODE_BULK_MIN_BYTES, NODE_CHUNK_BYTES);
    /** Always the latency-bound message algorithms (for tests). */
    public static final Tuning SMALL_ALGORITHMS = new Tuning(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE, Long.MAX_VALUE, 0, Long.MAX_VALUE, 0);
    /** Always the bandwidth-bound message algorithms where they apply (for tests). */
    public static final Tuning LARGE_ALGORITHMS = new Tuning(0, 3, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0);
    /** Largest payload of the shared-memory area, per rank. */
    public static final int NODE_AREA_MAX_BYTES = 64 * 1024;

    /** Whether a communicator whose ranks all share memory maps an area ({@link NodeArea}) at all. */
    public boolean usesNodeArea() {
        return nodeAreaBytes > 0 || nodeChunkBytes > 0;
    }

    /** The tuning the system properties ask for, the defaults where they are not set. */
    public static Tuning fromSystem() {
        return from(System.getProperties());
    }

    /**
     * The tuning {@code props} ask for, the defaults where they are not set.
     *
     * @throws MpiException ERR_ARG for a value that is not a non-negative number of bytes
     */
    public static Tuning from(Properties props) {
        return new Tuning(bytes(props, "spmd4j.bcast.scatter.min", BCAST_SCATTER_MIN_BYTES),
            (int) Math.min(Integer.MAX_VALUE, bytes(props, "spmd4j.bcast.scatter.ranks", BCAST_SCATTER_MIN_RANKS)),
            bytes(props, "spmd4j.reduce.scatter.min", REDUCE_SCATTER_GATHER_MIN_BYTES),
            bytes(props, "spmd4j.allreduce.halving.min", DEFAULT.allreduceHalvingMinBytes()),
            bytes(props, "spmd4j.allgather.ring.min", ALLGATHER_RING_MIN_BYTES),
            bytes(props, "spmd4j.alltoall.pairwise.min", ALLTOALL_PAIRWISE_MIN_BYTES),
            nodeAreaBytes(bytes(props, "spmd4j.coll.node.bytes", NodeArea.DEFAULT_DATA_BYTES)),
            bytes(props, "spmd4j.coll.node.bulk.min", NODE_BULK_MIN_BYTES),
            nodeChunkBytes(bytes(props, "spmd4j.coll.node.chunk", NODE_CHUNK_BYTES)));
    }

    /** {@code n} rounded up to whole 8-byte words, refused above {@link #NODE_AREA_MAX_BYTES}. */
    private static int nodeAreaBytes(long n) {
        if (n > NODE_AREA_MAX_BYTES) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid setting: spmd4j.coll.node.bytes=" + n
                + " is above the largest area of " + NODE_AREA_MAX_BYTES + " bytes per rank; use a smaller value or 0");
        }
        return (int) ((n + 7) & ~7L);
    }

    /** {@code n} rounded up to whole 64-byte lines, refused above {@link #NODE_CHUNK_MAX_BYTES}. */
    private static int nodeChunkBytes(long n) {
        if (n > NODE_CHUNK_MAX_BYTES) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid setting: spmd4j.coll.node.chunk=" + n
                + " is above the largest chunk of " + NODE_CHUNK_MAX_BYTES + " bytes; use a smaller value or 0");
        }
        return (int) ((n + 63) & ~63L);
    }

    private static long bytes(Properties props, String name, long dflt) {
        String v = props.getProperty(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MpiException(ErrorClass.ERR_ARG, "invalid setting: " + name + "=" + v
            + " is not a non-negative number");
    }
}
