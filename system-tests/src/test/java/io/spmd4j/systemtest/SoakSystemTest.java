package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.SoakCollectivesProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under load: a job of 32 rank processes on this host (16 per core on a 2-core machine) runs a sequence
 * of collectives (every data-movement collective, reductions, scan, an object broadcast, split
 * communicators), checking every result, over shared memory, and leaves nothing behind.
 */
class SoakSystemTest {
    private static final int NP = 32;

    @Test
    void shouldRunTheCollectiveSuiteWith32RanksOnOneHost() {
        long start = System.nanoTime();
        Jobs.Outcome o = Jobs.run(Mode.SHM, NP, SoakCollectivesProgram.class, List.of("-Xmx64m"));
        System.out.printf("32-rank collective sequence over shm: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(o.out().contains("collective sequence ok"), o.toString());
        assertEquals(List.of(), o.leftovers(), o.toString());
    }
}
