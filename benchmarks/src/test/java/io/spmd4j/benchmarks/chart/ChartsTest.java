package io.spmd4j.benchmarks.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** A chart with axes, a legend and lines is well above this; a blank image compresses far below it. */
    private static final long MIN_PNG_BYTES = 8 * 1024;

    private static final String MEDIANS = String.join("\n",
        "metric,system,size_bytes,median,runs",
        "bandwidth,ompi-shm,1,5.10,1",
        "bandwidth,ompi-shm,1024,2900.00,1",
        "bandwidth,ompi-shm,4194304,15300.00,1",
        "bandwidth,spmd4j-tcp,1,0.90,1",
        "bandwidth,spmd4j-tcp,1024,800.00,1",
        "bandwidth,spmd4j-tcp,4194304,4100.00,1",
        "barrier-np4,ompi-shm,0,2.88,1",
        "barrier-np4,spmd4j-tcp,0,61.20,1",
        "latency,ompi-shm,1,0.10,1",
        "latency,ompi-shm,1024,0.50,1",
        "latency,ompi-shm,4194304,420.00,1",
        "latency,spmd4j-tcp,1,8.20,1",
        "latency,spmd4j-tcp,1024,9.70,1",
        "latency,spmd4j-tcp,4194304,1500.00,1",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldDrawOneValidPngPerMetric() throws IOException {
        Path csv = Files.writeString(dir.resolve("medians.csv"), MEDIANS, StandardCharsets.UTF_8);

        List<Path> written = Charts.draw(Charts.Options.of(csv));

        Path charts = dir.resolve(Charts.DEFAULT_OUT_DIR);
        assertEquals(List.of(charts.resolve("bandwidth.png"), charts.resolve("barrier-np4.png"),
            charts.resolve("latency.png")), written);
        for (Path png : written) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), png.toString());
            assertTrue(bytes.length > MIN_PNG_BYTES, png + " has only " + bytes.length + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(Charts.DEFAULT_WIDTH_PX, image.getWidth(), png.toString());
            assertEquals(Charts.DEFAULT_HEIGHT_PX, image.getHeight(), png.toString());
        }
    }

    @Test
    void shouldDrawIntoTheGivenDirectoryAtTheGivenSize() throws IOException {
        Path csv = Files.writeString(dir.resolve("medians.csv"), MEDIANS, StandardCharsets.UTF_8);
        Path out = dir.resolve("elsewhere");

        List<Path> written = Charts.draw(Charts.Options.parse("--out", out.toString(), "--width", "400",
            "--height", "300", csv.toString()));

        assertEquals(3, written.size());
        BufferedImage image = ImageIO.read(out.resolve("latency.png").toFile());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
    }

    @Test
    void shouldNameTheMissingColumnOfAFileThatIsNotAMediansTable() throws IOException {
        Path csv = Files.writeString(dir.resolve("raw.csv"), "metric,system,repeat,size_bytes,value\n",
            StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Charts.draw(Charts.Options.of(csv)));
        assertTrue(e.getMessage().contains("lacks the column median"), e.getMessage());
    }

    @Test
    void shouldRejectBadCommandLinesWithOneLineMessages() {
        assertMessage("missing the CSV file (the medians.csv of run-peers.sh)");
        assertMessage("unknown option: --colour", "--colour", "red", "medians.csv");
        assertMessage("option --out needs a value", "medians.csv", "--out");
        assertMessage("invalid value for --width: wide", "--width", "wide", "medians.csv");
        assertMessage("--height must be at least 200 pixels: 10", "--height", "10", "medians.csv");
        assertTrue(Charts.Options.parse("--help").help());
    }

    @Test
    void shouldTitleTheMetricsOfRunPeers() {
        assertEquals("Barrier latency (average over ranks), 4 ranks", Charts.title("barrier-np4"));
        assertEquals("Bidirectional bandwidth (window of 64 each way), 2 ranks", Charts.title("bibw"));
        assertTrue(Charts.isBandwidth("bibw"));
        assertEquals("Latency (us)", Charts.axisTitle("allreduce-np4"));
        assertEquals("odd_name", Charts.fileName("odd/name"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.Options.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
