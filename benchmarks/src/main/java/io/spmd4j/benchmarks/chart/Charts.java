package io.spmd4j.benchmarks.chart;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Draws the results of {@code benchmarks/run-peers.sh} as PNG charts, one per metric of its
 * {@code medians.csv}, with one series per system.
 *
 * <p>A metric measured at several sizes becomes a line chart over the message size on a
 * logarithmic axis: latencies (latency, multi-latency, allreduce) on a logarithmic y axis too,
 * bandwidths (bandwidth, bibw) on a linear one. A metric with a single size (the barrier, an
 * allreduce of 8 bytes only) becomes a bar chart with one bar per system. Points that are not
 * positive cannot be drawn on a logarithmic axis and are left out. Every system keeps its colour
 * in every chart of a run. The file of metric {@code allreduce-np4} is {@code allreduce-np4.png}.
 *
 * <p>Run: {@code java -Djava.awt.headless=true -cp benchmarks/target/spmd4j-benchmarks.jar
 * io.spmd4j.benchmarks.chart.Charts [--out DIR] medians.csv}; it prints the path of each PNG it
 * writes, one per line. Not thread-safe; one call at a time.
 */
public final class Charts {
    /** Default chart width in pixels. */
    public static final int DEFAULT_WIDTH_PX = 900;
    /** Default chart height in pixels. */
    public static final int DEFAULT_HEIGHT_PX = 600;
    /** Smallest width or height accepted, in pixels. */
    public static final int MIN_EDGE_PX = 200;
    /** Directory next to the CSV file that receives the charts when {@code --out} is not given. */
    public static final String DEFAULT_OUT_DIR = "charts";
    /** Exit status for a bad command line. */
    static final int EXIT_USAGE = 2;
    /** Exit status when the CSV cannot be read or a chart cannot be written. */
    static final int EXIT_FAILURE = 1;

    private static final int MARKER_SIZE_PX = 6;
    /** Message sizes in full with thousands separators (1,048,576), not as 1E6. */
    private static final String SIZE_PATTERN = "#,###";
    private static final Pattern NP_SUFFIX = Pattern.compile("(.+)-np(\\d+)");
    /** Colour-blind-safe palette (Okabe and Ito), then greys; indexed by a system's first appearance. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
        new Color(0x777777), new Color(0xBBBBBB),
    };

    private Charts() {
    }

    /** The settings of one run, immutable; {@link #parse(String...)} reads them from a command line. */
    public record Options(Path csv, Path outDir, int widthPx, int heightPx, boolean help) {
        /** Validates; a bad value throws {@link IllegalArgumentException} naming the option. */
        public Options {
            if (!help) {
                if (csv == null) {
                    throw new IllegalArgumentException("missing the CSV file (the medians.csv of run-peers.sh)");
                }
                if (outDir == null) {
                    Path parent = csv.toAbsolutePath().getParent();
                    outDir = parent == null ? Path.of(DEFAULT_OUT_DIR) : parent.resolve(DEFAULT_OUT_DIR);
                }
                requireEdge("--width", widthPx);
                requireEdge("--height", heightPx);
            }
        }

        /** Options for {@code csv} with the default directory and size. */
        public static Options of(Path csv) {
            return new Options(csv, null, DEFAULT_WIDTH_PX, DEFAULT_HEIGHT_PX, false);
        }

        /**
         * Parses a command line: {@code [--out DIR] [--width PX] [--height PX] [--help] CSV}.
         *
         * @throws IllegalArgumentException with a one-line message when an option is unknown, lacks
         *     its value or has an invalid one, or the CSV file is missing
         */
        public static Options parse(String... args) {
            Path csv = null;
            Path out = null;
            int width = DEFAULT_WIDTH_PX;
            int height = DEFAULT_HEIGHT_PX;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h":
                    case "--help":
                        return new Options(csv, out, width, height, true);
                    case "--out":
                        out = Path.of(value(args, i++));
                        break;
                    case "--width":
                        width = pixels(arg, value(args, i++));
                        break;
                    case "--height":
                        height = pixels(arg, value(args, i++));
                        break;
                    default:
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option: " + arg);
                        }
                        if (csv != null) {
                            throw new IllegalArgumentException("only one CSV file, got " + csv + " and " + arg);
                        }
                        csv = Path.of(arg);
                }
            }
            return new Options(csv, out, width, height, false);
        }

        private static String value(String[] args, int at) {
            if (at + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[at] + " needs a value");
            }
            return args[at + 1];
        }

        private static int pixels(String name, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid value for " + name + ": " + text);
            }
        }

        private static void requireEdge(String name, int px) {
            if (px < MIN_EDGE_PX) {
                throw new IllegalArgumentException(name + " must be at least " + MIN_EDGE_PX + " pixels: " + px);
            }
        }
    }

    /** Returns the usage text. */
    public static String usage() {
        return "Usage: java -Djava.awt.headless=true -cp benchmarks/target/spmd4j-benchmarks.jar "
            + Charts.class.getName() + " [options] MEDIANS_CSV\n"
            + "Draws one PNG chart per metric of the medians.csv of run-peers.sh, one series per system.\n"
            + "  --out DIR       directory of the PNG files (default: " + DEFAULT_OUT_DIR + "/ next to the CSV)\n"
            + "  --width PX      chart width in pixels (default " + DEFAULT_WIDTH_PX + ")\n"
            + "  --height PX     chart height in pixels (default " + DEFAULT_HEIGHT_PX + ")\n"
            + "  --help          print this help and exit";
    }

    /** Entry point: draws the charts and prints their paths; exits 2 on a bad command line, 1 on failure. */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Charts: " + e.getMessage());
            System.err.println(usage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.println(usage());
            return;
        }
        try {
            for (Path png : draw(options)) {
                System.out.println(png);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Charts: " + e.getMessage());
            System.exit(EXIT_FAILURE);
        }
    }

    /**
     * Reads {@code options.csv()} and writes one PNG per metric that has something to draw into
     * {@code options.outDir()} (created if missing).
     *
     * @return the files written, in the order of the metrics in the CSV
     * @throws IOException when the CSV cannot be read or a PNG cannot be written
     * @throws IllegalArgumentException when the CSV is not a medians table
     */
    public static List<Path> draw(Options options) throws IOException {
        ResultTable table = ResultTable.read(options.csv());
        Files.createDirectories(options.outDir());
        List<Path> written = new ArrayList<>();
        for (String metric : table.metrics()) {
            Chart<?, ?> chart = table.sizes(metric).size() > 1
                ? lineChart(table, metric, options) : barChart(table, metric, options);
            if (chart == null) {
                continue;
            }
            Path png = options.outDir().resolve(fileName(metric) + ".png");
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
            }
            written.add(png);
        }
        return written;
    }

    /** A line per system over the message size (log x); log y for latencies. Null when nothing is positive. */
    private static XYChart lineChart(ResultTable table, String metric, Options options) {
        boolean bandwidth = isBandwidth(metric);
        XYChart chart = new XYChartBuilder().width(options.widthPx()).height(options.heightPx())
            .title(title(metric)).xAxisTitle("Message size (bytes)").yAxisTitle(axisTitle(metric)).build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(!bandwidth)
            .setLegendPosition(LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(MARKER_SIZE_PX);
        chart.getStyler().setXAxisDecimalPattern(SIZE_PATTERN);
        for (Map.Entry<String, NavigableMap<Long, Double>> system : table.series(metric).entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map.Entry<Long, Double> point : system.getValue().entrySet()) {
                if (point.getKey() > 0 && point.getValue() > 0) {
                    xs.add(point.getKey().doubleValue());
                    ys.add(point.getValue());
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            Color colour = colourOf(table, system.getKey());
            XYSeries series = chart.addSeries(system.getKey(), xs, ys);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
        }
        return chart.getSeriesMap().isEmpty() ? null : chart;
    }

    /** One bar per system at the metric's only size, with its value printed on it. */
    private static CategoryChart barChart(ResultTable table, String metric, Options options) {
        Set<Long> sizes = table.sizes(metric);
        if (sizes.isEmpty()) {
            return null;
        }
        long size = sizes.iterator().next();
        String category = size > 0 ? size + " B" : metric;
        CategoryChart chart = new CategoryChartBuilder().width(options.widthPx()).height(options.heightPx())
            .title(title(metric)).xAxisTitle("").yAxisTitle(axisTitle(metric)).build();
        chart.getStyler().setLabelsVisible(true).setLegendPosition(LegendPosition.OutsideE)
            .setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, NavigableMap<Long, Double>> system : table.series(metric).entrySet()) {
            chart.addSeries(system.getKey(), List.of(category), List.of(system.getValue().get(size)))
                .setFillColor(colourOf(table, system.getKey()));
        }
        return chart.getSeriesMap().isEmpty() ? null : chart;
    }

    private static Color colourOf(ResultTable table, String system) {
        return PALETTE[table.systems().indexOf(system) % PALETTE.length];
    }

    /** True for the metrics measured in MB/s. */
    static boolean isBandwidth(String metric) {
        String base = baseOf(metric);
        return base.equals("bandwidth") || base.equals("bibw");
    }

    /** The y-axis title of a metric. */
    static String axisTitle(String metric) {
        return isBandwidth(metric) ? "Bandwidth (MB/s, 1 MB = 10^6 B)" : "Latency (us)";
    }

    /** A readable title of a metric of run-peers.sh, e.g. {@code Barrier latency, 4 ranks}. */
    static String title(String metric) {
        Matcher np = NP_SUFFIX.matcher(metric);
        String ranks = np.matches() ? ", " + np.group(2) + " ranks" : ", 2 ranks";
        switch (baseOf(metric)) {
            case "latency":
                return "Latency (ping-pong, half round trip)" + ranks;
            case "bandwidth":
                return "Bandwidth (window of 64 messages)" + ranks;
            case "bibw":
                return "Bidirectional bandwidth (window of 64 each way)" + ranks;
            case "multi-latency":
                return "Multi-pair latency (pairs at once, average over ranks)" + ranks;
            case "allreduce":
                return "Allreduce latency (doubles, SUM; average over ranks)" + ranks;
            case "barrier":
                return "Barrier latency (average over ranks)" + ranks;
            default:
                return metric;
        }
    }

    private static String baseOf(String metric) {
        Matcher np = NP_SUFFIX.matcher(metric);
        return np.matches() ? np.group(1) : metric;
    }

    /** The metric with every character but letters, digits, '.', '_' and '-' replaced by '_'. */
    static String fileName(String metric) {
        return metric.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
