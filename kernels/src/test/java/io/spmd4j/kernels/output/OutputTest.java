package io.spmd4j.kernels.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    /** A 3 x 2 field with value 10 i + j at (i, j), row-major (j fastest). */
    private static Field small() {
        return new Field("u", new int[] {3, 2}, 0.5, 0.25, new double[] {0, 1, 10, 11, 20, 21});
    }

    @Test
    void vtkShouldWriteTheValuesWithXFastestAfterAByteCount(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.vti");
        VtkImageWriter.writeImage(file, List.of(small()));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("WholeExtent=\"0 2 0 1 0 0\"") && text.contains("Spacing=\"0.25"), text);
        int at = text.indexOf("encoding=\"raw\">") + "encoding=\"raw\">\n   _".length();
        ByteBuffer b = ByteBuffer.wrap(bytes, at, 8 + 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(48, b.getLong());
        double[] got = new double[6];
        for (int p = 0; p < 6; p++) {
            got[p] = b.getDouble();
        }
        assertArrayEquals(new double[] {0, 10, 20, 1, 11, 21}, got);
        assertTrue(text.endsWith("</AppendedData>\n</VTKFile>\n"));
    }

    @Test
    void pngShouldPutXRightAndYUpWithTheColourMapAndAScaleBar(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.png");
        PngImageWriter.write(file, small());
        BufferedImage img = ImageIO.read(file.toFile());
        int margin = 12;
        int scale = (int) Math.ceil(256.0 / 3); // the whole factor that brings the longer side to 256 px
        int x0 = margin + scale / 2;
        int yTop = margin + scale / 2;
        int yBottom = margin + 2 * scale - scale / 2;
        assertEquals(PngImageWriter.colour(0), img.getRGB(x0, yBottom) & 0xFFFFFF, "(0, 0): minimum, bottom left");
        assertEquals(PngImageWriter.colour(1), img.getRGB(margin + 3 * scale - scale / 2, yTop) & 0xFFFFFF,
            "(2, 1): maximum, top right");
        assertEquals(PngImageWriter.colour(10 / 21.0), img.getRGB(margin + scale + scale / 2, yBottom) & 0xFFFFFF,
            "(1, 0)");
        int barX = margin + 3 * scale + margin + 5;
        assertEquals(PngImageWriter.colour(1), img.getRGB(barX, margin) & 0xFFFFFF, "scale bar top");
        assertEquals(PngImageWriter.colour(0), img.getRGB(barX, margin + 2 * scale - 1) & 0xFFFFFF, "scale bar bottom");
    }

    @Test
    void colourMapShouldRunFromDarkPurpleToYellow() {
        assertEquals(0x440154, PngImageWriter.colour(0));
        assertEquals(0xFDE725, PngImageWriter.colour(1));
        assertEquals(0xFDE725, PngImageWriter.colour(7));
    }

    @Test
    void checkpointShouldRoundTripBitsAndRefuseATruncatedFile(@TempDir Path dir) throws IOException {
        double[] u = {Math.PI, -0.0, Double.MIN_VALUE, 1e300, 5, 6};
        Checkpoint c = new Checkpoint("heat2d", new int[] {2, 3}, 42, 1e-3 / 3, List.of("u"), new double[][] {u});
        c.write(dir);
        Checkpoint back = Checkpoint.read(dir);
        assertEquals("heat2d", back.kernel());
        assertArrayEquals(new int[] {2, 3}, back.global());
        assertEquals(42, back.steps());
        assertEquals(Double.doubleToRawLongBits(1e-3 / 3), Double.doubleToRawLongBits(back.dt()));
        for (int p = 0; p < u.length; p++) {
            assertEquals(Double.doubleToRawLongBits(u[p]), Double.doubleToRawLongBits(back.fields()[0][p]));
        }
        assertTrue(!Files.exists(dir.resolve(Checkpoint.FILE_NAME + ".tmp")));
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 3));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
