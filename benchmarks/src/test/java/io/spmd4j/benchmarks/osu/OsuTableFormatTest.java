package io.spmd4j.benchmarks.osu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The table must match OSU's (and the peers') byte for byte, so that scripts parse all alike. */
class OsuTableFormatTest {
    @Test
    void shouldPrintOsuLatencyHeaderAndRows() {
        String text = capture(out -> {
            OsuMain.printHeader(out, OsuTest.LATENCY);
            OsuMain.printRow(out, 1, 6.234);
            OsuMain.printRow(out, 4194304, 1556.4);
        });
        assertEquals("# spmd4j OSU-style Latency Test\n"
            + "# Size          Latency (us)\n"
            + "1                       6.23\n"
            + "4194304              1556.40\n", text);
    }

    @Test
    void shouldPrintOsuBandwidthHeader() {
        String text = capture(out -> OsuMain.printHeader(out, OsuTest.BANDWIDTH));
        assertEquals("# spmd4j OSU-style Bandwidth Test\n# Size      Bandwidth (MB/s)\n", text);
    }

    @Test
    void shouldPrintOsuHeadersOfTheMultiRankAndBidirectionalTests() {
        assertEquals("# spmd4j OSU-style Bi-Directional Bandwidth Test\n# Size      Bandwidth (MB/s)\n",
            capture(out -> OsuMain.printHeader(out, OsuTest.BIBW)));
        assertEquals("# spmd4j OSU-style Multi Latency Test\n# Size          Latency (us)\n",
            capture(out -> OsuMain.printHeader(out, OsuTest.MULTI_LATENCY)));
        assertEquals("# spmd4j OSU-style Allreduce Latency Test\n# Size      Avg Latency (us)\n",
            capture(out -> OsuMain.printHeader(out, OsuTest.ALLREDUCE)));
        assertEquals("# spmd4j OSU-style Barrier Latency Test\n# Size      Avg Latency (us)\n",
            capture(out -> OsuMain.printHeader(out, OsuTest.BARRIER)));
    }

    @Test
    void shouldPrintADecimalPointWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1024                    6.50\n", capture(out -> OsuMain.printRow(out, 1024, 6.5)));
        } finally {
            Locale.setDefault(saved);
        }
    }

    private interface Printer {
        void print(PrintStream out);
    }

    private static String capture(Printer printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
