package io.spmd4j.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TuningTest {
    @Test
    void shouldTakeDefaultsAndOverridesFromProperties() {
        assertEquals(Tuning.DEFAULT, Tuning.from(new Properties()));
        Properties p = new Properties();
        p.setProperty("spmd4j.allreduce.halving.min", "0");
        p.setProperty("spmd4j.bcast.scatter.ranks", " 3 ");
        Tuning t = Tuning.from(p);
        assertEquals(0, t.allreduceHalvingMinBytes());
        assertEquals(3, t.bcastScatterMinRanks());
        assertEquals(Tuning.BCAST_SCATTER_MIN_BYTES, t.bcastScatterMinBytes());
    }

    @Test
    void shouldRejectValuesThatAreNotSizes() {
        for (String bad : new String[] {"-1", "64k", ""}) {
            Properties p = new Properties();
            p.setProperty("spmd4j.alltoall.pairwise.min", bad);
            MpiException e = assertThrows(MpiException.class, () -> Tuning.from(p));
            assertEquals(ErrorClass.ERR_ARG, e.errorClass());
            assertTrue(e.getMessage().contains("spmd4j.alltoall.pairwise.min=" + bad), e.getMessage());
        }
    }

    @Test
    void shouldRoundTheBulkChunkToLinesAndKeepTheRegionAddressable() {
        Properties p = new Properties();
        p.setProperty("spmd4j.coll.node.chunk", "100");
        p.setProperty("spmd4j.coll.node.bulk.min", "4096");
        Tuning t = Tuning.from(p);
        assertEquals(128, t.nodeChunkBytes());
        assertEquals(4096, t.nodeBulkMinBytes());
        assertTrue(t.usesNodeArea());
        p.setProperty("spmd4j.coll.node.chunk", String.valueOf(Tuning.NODE_CHUNK_MAX_BYTES + 1));
        MpiException e = assertThrows(MpiException.class, () -> Tuning.from(p));
        assertEquals(ErrorClass.ERR_ARG, e.errorClass());
        assertTrue(e.getMessage().contains("spmd4j.coll.node.chunk=" + (Tuning.NODE_CHUNK_MAX_BYTES + 1)), e.getMessage());
        assertEquals(Tuning.NODE_CHUNK_BYTES, NodeArea.chunkBytesFor(4, Tuning.NODE_CHUNK_BYTES));
        int big = NodeArea.chunkBytesFor(100_000, Tuning.NODE_CHUNK_MAX_BYTES);
        assertEquals(0, big % 64, "whole lines");
        assertTrue((long) big * (100_000 + 3) <= NodeArea.MAX_BULK_BYTES, "region of " + big + " bytes per chunk too large");
        assertEquals(0, NodeArea.chunkBytesFor(10_000_000, Tuning.NODE_CHUNK_BYTES), "no room: no bulk region");
    }

    @Test
    void shouldCutVectorsIntoWholeUnits() {
        int[] d = Bufs.blocks(10, 4, 2);
        assertEquals(java.util.List.of(0, 4, 6, 8, 10), java.util.Arrays.stream(d).boxed().toList());
        d = Bufs.blocks(3, 4, 1);
        assertEquals(java.util.List.of(0, 1, 2, 3, 3), java.util.Arrays.stream(d).boxed().toList());
    }
}
