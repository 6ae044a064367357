package io.spmd4j.benchmarks.osu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which world sizes each test accepts, and how multi-latency pairs its ranks. */
class OsuTestRanksTest {
    @Test
    void shouldRunTwoRankTestsOnExactlyTwoRanks() {
        for (OsuTest test : new OsuTest[] {OsuTest.LATENCY, OsuTest.BANDWIDTH, OsuTest.BIBW}) {
            assertNull(test.worldSizeProblem(2), test.name());
            assertEquals("this test needs exactly 2 ranks: size=4", test.worldSizeProblem(4), test.name());
            assertFalse(test.averagedOverRanks(), test.name());
        }
    }

    @Test
    void shouldRunMultiLatencyOnAnEvenNumberOfRanks() {
        assertNull(OsuTest.MULTI_LATENCY.worldSizeProblem(2));
        assertNull(OsuTest.MULTI_LATENCY.worldSizeProblem(8));
        assertEquals("this test needs an even number of ranks, at least 2: size=3",
            OsuTest.MULTI_LATENCY.worldSizeProblem(3));
        assertTrue(OsuTest.MULTI_LATENCY.averagedOverRanks());
    }

    @Test
    void shouldRunCollectivesOnAnyNumberOfRanksFromTwo() {
        for (OsuTest test : new OsuTest[] {OsuTest.ALLREDUCE, OsuTest.BARRIER}) {
            assertNull(test.worldSizeProblem(3), test.name());
            assertEquals("this test needs at least 2 ranks: size=1", test.worldSizeProblem(1), test.name());
            assertTrue(test.averagedOverRanks(), test.name());
        }
    }

    @Test
    void shouldPairRankIWithRankIPlusHalfTheWorld() {
        assertEquals(1, MultiLatency.peerOf(0, 2));
        assertEquals(0, MultiLatency.peerOf(1, 2));
        assertEquals(3, MultiLatency.peerOf(1, 4));
        assertEquals(1, MultiLatency.peerOf(3, 4));
    }
}
