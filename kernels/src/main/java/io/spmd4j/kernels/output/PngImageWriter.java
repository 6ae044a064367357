package io.spmd4j.kernels.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a field as a PNG for a quick look: a 2-D field (or the middle {@code k} slice of a 3-D one)
 * as a colour map (viridis) with x to the right and y up and a scale bar labelled with the maximum,
 * middle and minimum value; a 1-D field as a curve with the range printed beside it. Non-finite
 * values (a run that blew up) are painted magenta and left out of the range.
 *
 * <p>The picture is the grid scaled by a whole factor to at least {@link #MIN_SIDE_PX} pixels, or
 * sampled down to at most {@link #MAX_SIDE_PX}. Only {@link BufferedImage} pixels and
 * {@link ImageIO} are used, with labels drawn from a built-in 3x5 pixel font, so it works headless
 * and on a JRE without fonts. Stateless; any thread.
 */
public final class PngImageWriter {
    /** Smallest side of the field's picture. */
    public static final int MIN_SIDE_PX = 256;
    /** Largest side of the field's picture. */
    public static final int MAX_SIDE_PX = 1024;
    /** Width and height of the 1-D plot. */
    private static final int PLOT_W_PX = 800;
    private static final int PLOT_H_PX = 300;
    private static final int MARGIN_PX = 12;
    private static final int BAR_W_PX = 24;
    private static final int LABEL_W_PX = 120;
    private static final int FONT_SCALE = 3;
    private static final int BACKGROUND = 0xFFFFFF;
    private static final int INK = 0x000000;
    private static final int NOT_FINITE = 0xFF00FF;
    /** Viridis at ten evenly spaced points from 0 to 1. */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
        0x6DCD59, 0xB4DE2C, 0xFDE725};
    /** Glyphs of the 3x5 font, row by row from the top, 3 bits a row (most significant bit left). */
    private static final String GLYPH_CHARS = "0123456789.-+e";
    private static final int[][] GLYPHS = {
        {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
        {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
        {0, 0, 0, 0, 2}, {0, 0, 7, 0, 0}, {0, 2, 7, 2, 0}, {7, 4, 7, 4, 7}};

    private PngImageWriter() {
    }

    /** Draws {@code f} into the PNG file {@code file}. */
    public static void write(Path file, Field f) throws IOException {
        BufferedImage img = f.dims().length == 1 ? plot(f) : map(f);
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** The colour for {@code t} in [0, 1], interpolated in the viridis table. */
    static int colour(double t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int a = Math.min((int) s, VIRIDIS.length - 2);
        double w = s - a;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = (VIRIDIS[a] >> shift) & 0xFF;
            int cb = (VIRIDIS[a + 1] >> shift) & 0xFF;
            rgb |= ((int) Math.round(ca + w * (cb - ca))) << shift;
        }
        return rgb;
    }

    private static BufferedImage map(Field f) {
        int nx = f.extent(0);
        int ny = f.extent(1);
        int kMid = f.extent(2) / 2;
        double scale = Math.min((double) MAX_SIDE_PX / Math.max(nx, ny),
            Math.max(1, Math.ceil((double) MIN_SIDE_PX / Math.max(nx, ny))));
        int w = Math.max(1, (int) (nx * scale));
        int h = Math.max(1, (int) (ny * scale));
        double[] range = f.finiteRange();
        double span = range[1] > range[0] ? range[1] - range[0] : 1;
        int width = MARGIN_PX + w + MARGIN_PX + BAR_W_PX + LABEL_W_PX;
        int height = Math.max(h, 5 * FONT_SCALE * 3) + 2 * MARGIN_PX;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, width, height, BACKGROUND);
        for (int py = 0; py < h; py++) {
            int j = Math.min(ny - 1, (int) ((h - 1 - py) / scale));
            for (int px = 0; px < w; px++) {
                int i = Math.min(nx - 1, (int) (px / scale));
                double v = f.at(i, j, kMid);
                img.setRGB(MARGIN_PX + px, MARGIN_PX + py,
                    Double.isFinite(v) ? colour((v - range[0]) / span) : NOT_FINITE);
            }
        }
        int barX = MARGIN_PX + w + MARGIN_PX;
        for (int py = 0; py < h; py++) {
            fill(img, barX, MARGIN_PX + py, BAR_W_PX, 1, colour(1 - py / (double) Math.max(1, h - 1)));
        }
        int labelX = barX + BAR_W_PX + 4;
        int glyphH = 5 * FONT_SCALE;
        text(img, label(range[1]), labelX, MARGIN_PX);
        text(img, label((range[0] + range[1]) / 2), labelX, MARGIN_PX + (h - glyphH) / 2);
        text(img, label(range[0]), labelX, MARGIN_PX + h - glyphH);
        return img;
    }

    private static BufferedImage plot(Field f) {
        int n = f.extent(0);
        double[] range = f.finiteRange();
        double span = range[1] > range[0] ? range[1] - range[0] : 1;
        int width = MARGIN_PX + PLOT_W_PX + MARGIN_PX + LABEL_W_PX;
        int height = PLOT_H_PX + 2 * MARGIN_PX;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, width, height, BACKGROUND);
        fill(img, MARGIN_PX - 1, MARGIN_PX, 1, PLOT_H_PX, INK);
        fill(img, MARGIN_PX - 1, MARGIN_PX + PLOT_H_PX, PLOT_W_PX + 1, 1, INK);
        int lastY = -1;
        for (int px = 0; px < PLOT_W_PX; px++) {
            int i = Math.min(n - 1, (int) ((long) px * n / PLOT_W_PX));
            double v = f.at(i, 0, 0);
            if (!Double.isFinite(v)) {
                fill(img, MARGIN_PX + px, MARGIN_PX, 1, PLOT_H_PX, NOT_FINITE);
                lastY = -1;
                continue;
            }
            int y = MARGIN_PX + (int) Math.round((1 - (v - range[0]) / span) * (PLOT_H_PX - 1));
            int from = lastY < 0 ? y : Math.min(lastY, y);
            int to = lastY < 0 ? y : Math.max(lastY, y);
            fill(img, MARGIN_PX + px, from, 1, to - from + 2, colour(0.1));
            lastY = y;
        }
        int labelX = MARGIN_PX + PLOT_W_PX + MARGIN_PX;
        text(img, label(range[1]), labelX, MARGIN_PX);
        text(img, label(range[0]), labelX, MARGIN_PX + PLOT_H_PX - 5 * FONT_SCALE);
        return img;
    }

    private static String label(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
        for (int b = Math.max(0, y); b < Math.min(img.getHeight(), y + h); b++) {
            for (int a = Math.max(0, x); a < Math.min(img.getWidth(), x + w); a++) {
                img.setRGB(a, b, rgb);
            }
        }
    }

    /** Draws {@code s} with the 3x5 font at {@code (x, y)} (top left); unknown characters are left blank. */
    private static void text(BufferedImage img, String s, int x, int y) {
        int at = x;
        for (char ch : s.toCharArray()) {
            int g = GLYPH_CHARS.indexOf(Character.toLowerCase(ch));
            if (g >= 0) {
                for (int row = 0; row < 5; row++) {
                    for (int col = 0; col < 3; col++) {
                        if ((GLYPHS[g][row] >> (2 - col) & 1) != 0) {
                            fill(img, at + col * FONT_SCALE, y + row * FONT_SCALE, FONT_SCALE, FONT_SCALE, INK);
                        }
                    }
                }
            }
            at += 4 * FONT_SCALE;
        }
    }
}
