package io.spmd4j.benchmarks.osu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.Spmd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the timed loops of the collective programs in this JVM, a world of one rank (what
 * {@code Spmd.init} gives without the launcher): they must complete, check their result and print
 * one OSU row per size. The world-size check of {@link OsuMain} is not involved; the programs
 * themselves need at least 2 ranks.
 */
@Timeout(60)
class CollectiveLoopsTest {
    private static Spmd spmd;

    @BeforeAll
    static void init() {
        spmd = Spmd.init(new String[0]);
    }

    @AfterAll
    static void close() {
        spmd.close();
    }

    @Test
    void shouldPrintOneAllreduceRowPerSizeFromOneDouble() {
        OsuOptions options = OsuOptions.builder(OsuTest.ALLREDUCE).maxSizeBytes(64).iterations(20).warmup(2).build();
        String[] rows = run(out -> Allreduce.run(Spmd.world(), options, out));
        assertEquals(4, rows.length, String.join("\n", rows));
        assertRow(rows[0], 8);
        assertRow(rows[3], 64);
    }

    @Test
    void shouldPrintOneBarrierRowOfSizeZero() {
        OsuOptions options = OsuOptions.builder(OsuTest.BARRIER).iterations(20).warmup(2).build();
        String[] rows = run(out -> Barrier.run(Spmd.world(), options, out));
        assertEquals(1, rows.length, String.join("\n", rows));
        assertRow(rows[0], 0);
    }

    private static void assertRow(String row, int sizeBytes) {
        assertTrue(row.matches(String.format("%-10d", sizeBytes) + " *[0-9]+\\.[0-9]{2}"), row);
    }

    private static String[] run(Loop loop) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            loop.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).strip().split("\\R");
    }

    private interface Loop {
        void run(PrintStream out);
    }
}
