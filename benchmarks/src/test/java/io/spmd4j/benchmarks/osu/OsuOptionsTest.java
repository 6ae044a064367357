package io.spmd4j.benchmarks.osu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OsuOptionsTest {
    @Test
    void shouldUseOsuDefaultsForLatency() {
        OsuOptions o = OsuOptions.parse(OsuTest.LATENCY);
        assertEquals(1, o.minSizeBytes());
        assertEquals(4 * 1024 * 1024, o.maxSizeBytes());
        assertEquals(10_000, o.iterationsFor(8192));
        assertEquals(100, o.warmupFor(8192));
        assertEquals(1_000, o.iterationsFor(16384));
        assertEquals(10, o.warmupFor(16384));
        assertEquals(BufferKind.DIRECT, o.buffer());
        assertFalse(o.help());
    }

    @Test
    void shouldUseOsuDefaultsForBandwidth() {
        OsuOptions o = OsuOptions.parse(OsuTest.BANDWIDTH);
        assertEquals(64, o.window());
        assertEquals(100, o.iterationsFor(1));
        assertEquals(10, o.warmupFor(1));
        assertEquals(20, o.iterationsFor(1 << 20));
        assertEquals(2, o.warmupFor(1 << 20));
    }

    @Test
    void shouldUseOsuDefaultsForBidirectionalBandwidthAndMultiLatency() {
        OsuOptions bibw = OsuOptions.parse(OsuTest.BIBW, "--window", "16");
        assertEquals(16, bibw.window());
        assertEquals(100, bibw.iterationsFor(1));
        assertEquals(20, bibw.iterationsFor(1 << 20));
        OsuOptions multi = OsuOptions.parse(OsuTest.MULTI_LATENCY, "--buffer", "heap");
        assertEquals(10_000, multi.iterationsFor(1));
        assertEquals(4 * 1024 * 1024, multi.maxSizeBytes());
        assertEquals(BufferKind.HEAP, multi.buffer());
    }

    @Test
    void shouldUseOsuCollectiveDefaultsWithAllreduceSizesInDoubles() {
        OsuOptions allreduce = OsuOptions.parse(OsuTest.ALLREDUCE);
        assertEquals(8, allreduce.minSizeBytes());
        assertEquals(1024 * 1024, allreduce.maxSizeBytes());
        assertEquals(1_000, allreduce.iterationsFor(8));
        assertEquals(200, allreduce.warmupFor(8));
        assertEquals(100, allreduce.iterationsFor(16384));
        assertEquals(10, allreduce.warmupFor(16384));
        OsuOptions barrier = OsuOptions.parse(OsuTest.BARRIER, "--iterations", "50", "--warmup", "5");
        assertEquals(50, barrier.iterations());
        assertEquals(5, barrier.warmup());
    }

    @Test
    void shouldAcceptOnlyTheOptionsThatMeanSomethingToATest() {
        assertMessage("unknown option: --max-size", OsuTest.BARRIER, "--max-size", "8");
        assertMessage("unknown option: --buffer", OsuTest.BARRIER, "--buffer", "heap");
        assertMessage("unknown option: --buffer", OsuTest.ALLREDUCE, "--buffer", "heap");
        assertMessage("unknown option: --window", OsuTest.MULTI_LATENCY, "--window", "8");
        assertMessage("--min-size must be at least 8 (one double): min-size=4", OsuTest.ALLREDUCE,
            "--min-size", "4");
        assertFalse(OsuOptions.usage(OsuTest.BARRIER, "Barrier").contains("--min-size"));
        assertTrue(OsuOptions.usage(OsuTest.BARRIER, "Barrier").startsWith("Usage: bin/spmdrun -np N "));
        assertTrue(OsuOptions.usage(OsuTest.ALLREDUCE, "Allreduce").contains("(default 1M)"));
        assertTrue(OsuOptions.usage(OsuTest.BIBW, "BidirectionalBandwidth").contains("--window N"));
    }

    @Test
    void shouldParseSizesWithBinarySuffixes() {
        OsuOptions o = OsuOptions.parse(OsuTest.LATENCY, "--min-size", "1k", "--max-size", "2M", "--buffer", "bytes");
        assertEquals(1024, o.minSizeBytes());
        assertEquals(2 * 1024 * 1024, o.maxSizeBytes());
        assertEquals(BufferKind.BYTES, o.buffer());
    }

    @Test
    void shouldBuildTheSameOptionsProgrammatically() {
        OsuOptions o = OsuOptions.builder(OsuTest.BANDWIDTH).maxSizeBytes(64).iterations(5).window(8).build();
        assertEquals(64, o.maxSizeBytes());
        assertEquals(5, o.iterations());
        assertEquals(8, o.window());
    }

    @Test
    void shouldReportHelp() {
        assertTrue(OsuOptions.parse(OsuTest.LATENCY, "--help", "--bogus").help());
        assertTrue(OsuOptions.usage(OsuTest.BANDWIDTH, "Bandwidth").contains("--window N"));
        assertFalse(OsuOptions.usage(OsuTest.LATENCY, "Latency").contains("--window"));
    }

    @Test
    void shouldRejectBadCommandLinesWithOneLineMessages() {
        assertMessage("unknown option: --bogus", OsuTest.LATENCY, "--bogus");
        assertMessage("unknown option: --window", OsuTest.LATENCY, "--window", "4");
        assertMessage("option --iterations needs a value", OsuTest.LATENCY, "--iterations");
        assertMessage("invalid value for --iterations: ten", OsuTest.LATENCY, "--iterations", "ten");
        assertMessage("invalid value for --max-size: 4G", OsuTest.LATENCY, "--max-size", "4G");
        assertMessage("--max-size must be a power of two: max-size=1000", OsuTest.LATENCY, "--max-size", "1000");
        assertMessage("--min-size exceeds --max-size: min-size=64, max-size=8", OsuTest.LATENCY,
            "--min-size", "64", "--max-size", "8");
        assertMessage("--window must be at least 1: window=0", OsuTest.BANDWIDTH, "--window", "0");
        assertMessage("invalid value for --buffer: native (direct, heap or bytes)", OsuTest.BANDWIDTH,
            "--buffer", "native");
    }

    @Test
    void shouldParseWarmupSecondsForEveryTestWithZeroAsDefault() {
        assertEquals(0.0, OsuOptions.parse(OsuTest.LATENCY).warmupSeconds());
        assertEquals(0.5, OsuOptions.parse(OsuTest.LATENCY, "--warmup-seconds", "0.5").warmupSeconds());
        assertEquals(2.0, OsuOptions.parse(OsuTest.BARRIER, "--warmup-seconds", "2").warmupSeconds());
        assertEquals(0.25, OsuOptions.parse(OsuTest.ALLREDUCE, "--warmup-seconds", ".25").warmupSeconds());
        assertEquals(3600.0, OsuOptions.parse(OsuTest.BANDWIDTH, "--warmup-seconds", "3600.").warmupSeconds());
        assertEquals(1.5, OsuOptions.builder(OsuTest.BCAST).warmupSeconds(1.5).build().warmupSeconds());
        for (OsuTest test : OsuTest.values()) {
            assertTrue(OsuOptions.usage(test, "P").contains("--warmup-seconds S"), test.name());
        }
    }

    @Test
    void shouldRejectBadWarmupSecondsNamingTheValue() {
        String range = " (seconds, a decimal number such as 0.5, from 0 to 3600)";
        for (String bad : new String[] {"-1", "abc", "1e3", "NaN", "Infinity", "0x10", "1,5", "", "."}) {
            assertMessage("invalid value for --warmup-seconds: " + bad + range, OsuTest.LATENCY, "--warmup-seconds", bad);
        }
        assertMessage("--warmup-seconds must be from 0 to 3600: warmup-seconds=3600.5", OsuTest.BARRIER,
            "--warmup-seconds", "3600.5");
        assertMessage("option --warmup-seconds needs a value", OsuTest.LATENCY, "--warmup-seconds");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OsuOptions.builder(OsuTest.LATENCY).warmupSeconds(-0.5).build());
        assertEquals("--warmup-seconds must be from 0 to 3600: warmup-seconds=-0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> OsuOptions.builder(OsuTest.LATENCY).warmupSeconds(Double.NaN).build());
    }

    @Test
    void shouldPlanWarmupBlocksThatAtMostDoubleTheWarmupAndStopWhenTheTimeIsUp() {
        assertEquals(0, Warmup.nextBlock(100, 0.5, 0.5), "time is up");
        assertEquals(0, Warmup.nextBlock(100, 0.7, 0.5), "time is past");
        assertEquals(1, Warmup.nextBlock(0, 0.0, 0.5), "no count: one iteration to measure a rate");
        assertEquals(100, Warmup.nextBlock(100, 0.0, 0.5), "no elapsed time: double the count");
        assertEquals(100, Warmup.nextBlock(100, 0.001, 0.5), "far from the end: double");
        assertEquals(21, Warmup.nextBlock(1000, 0.49, 0.5), "close to the end: the missing 10 ms at the rate so far");
        assertEquals(1, Warmup.nextBlock(10, 0.4999999, 0.5), "at least one");
        assertEquals(0, Warmup.nextBlock(Warmup.MAX_ITERATIONS, 0.1, 0.5), "capped");
        assertEquals(3, Warmup.nextBlock(Warmup.MAX_ITERATIONS - 3, 0.1, 0.5), "never beyond the cap");
    }

    private static void assertMessage(String expected, OsuTest test, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OsuOptions.parse(test, args));
        assertEquals(expected, e.getMessage());
    }
}
