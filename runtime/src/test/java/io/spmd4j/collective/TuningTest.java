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
    void shouldCutVectorsIntoWholeUnits() {
        int[] d = Bufs.blocks(10, 4, 2);
        assertEquals(java.util.List.of(0, 4, 6, 8, 10), java.util.Arrays.stream(d).boxed().toList());
        d = Bufs.blocks(3, 4, 1);
        assertEquals(java.util.List.of(0, 1, 2, 3, 3), java.util.Arrays.stream(d).boxed().toList());
    }
}
