package io.spmd4j.benchmarks.osu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --warmup-seconds} on 2 ranks running as threads of this JVM ({@link ThreadRanks}): the
 * warm-up lasts at least the given time on rank 0's clock, every rank runs the same warm-up
 * iterations, and every program still prints its rows. Only lower bounds on time are asserted: a
 * slow machine makes the warm-up longer, never shorter.
 */
@Timeout(120)
class WarmupSecondsTest {
    private static final long RUN_TIMEOUT_S = 60;

    @Test
    void shouldWarmUpForAtLeastTheSecondsWithTheSameIterationsOnEveryRank() throws Exception {
        Map<String, Object> fabric = ThreadRanks.run(2, OsuRankProgram.class, RUN_TIMEOUT_S,
            OsuRankProgram.WARMUP, "--warmup", "5", "--warmup-seconds", "0.3");
        int rank0 = (Integer) fabric.get("warmup-0");
        int rank1 = (Integer) fabric.get("warmup-1");
        assertEquals(rank0, rank1, "warm-up iterations of rank 0 and rank 1");
        assertTrue(rank0 > 5, "the warm-up went on beyond its count: " + rank0);
        double seconds = (Double) fabric.get("seconds-0");
        assertTrue(seconds >= 0.3, "rank 0 warmed up for " + seconds + " s, expected at least 0.3 s");
    }

    @Test
    void shouldRunExactlyTheWarmupCountWithoutWarmupSeconds() throws Exception {
        Map<String, Object> fabric = ThreadRanks.run(2, OsuRankProgram.class, RUN_TIMEOUT_S,
            OsuRankProgram.WARMUP, "--warmup", "5");
        assertEquals(5, fabric.get("warmup-0"));
        assertEquals(5, fabric.get("warmup-1"));
    }

    @ParameterizedTest
    @EnumSource(OsuTest.class)
    void shouldWarmUpEverySizeOfEveryProgramForTheSeconds(OsuTest test) throws Exception {
        double warmupSeconds = 0.1;
        List<String> args = new ArrayList<>(List.of(test.name(), "--iterations", "5", "--warmup", "1",
            "--warmup-seconds", Double.toString(warmupSeconds)));
        int sizes = 1;
        if (test.hasSizes()) {
            int min = test.smallestSizeBytes();
            args.addAll(List.of("--min-size", Integer.toString(min), "--max-size", Integer.toString(2 * min)));
            sizes = 2;
        }
        if (test.hasWindow()) {
            args.addAll(List.of("--window", "2"));
        }
        Map<String, Object> fabric = ThreadRanks.run(2, OsuRankProgram.class, RUN_TIMEOUT_S, args.toArray(new String[0]));

        String[] rows = ((String) fabric.get("out-0")).strip().split("\\R");
        assertEquals(sizes, rows.length, String.join("\n", rows));
        for (String row : rows) {
            assertTrue(row.matches("[0-9]+ +[0-9]+\\.[0-9]{2}"), row);
        }
        double seconds = (Double) fabric.get("seconds-0");
        assertTrue(seconds >= sizes * warmupSeconds,
            test + " ran " + sizes + " sizes in " + seconds + " s, expected at least " + warmupSeconds + " s each");
    }
}
