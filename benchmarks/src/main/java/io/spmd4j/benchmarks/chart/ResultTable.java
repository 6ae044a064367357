package io.spmd4j.benchmarks.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The medians of one run of {@code run-peers.sh}, read from its {@code medians.csv}
 * ({@code metric,system,size_bytes,median,runs}; the columns are found by their names in the
 * header, so that added columns do not break it). Immutable once read.
 */
final class ResultTable {
    static final String COLUMN_METRIC = "metric";
    static final String COLUMN_SYSTEM = "system";
    static final String COLUMN_SIZE = "size_bytes";
    static final String COLUMN_VALUE = "median";

    /** metric, then system, then size in bytes to the median, in the order of the file. */
    private final Map<String, Map<String, NavigableMap<Long, Double>>> values;
    private final List<String> systems;

    private ResultTable(Map<String, Map<String, NavigableMap<Long, Double>>> values, List<String> systems) {
        this.values = values;
        this.systems = systems;
    }

    /**
     * Reads a medians file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException with the file, line and what is wrong, when the content is not
     *     a medians table
     */
    static ResultTable read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty; expected a header "
                + String.join(",", COLUMN_METRIC, COLUMN_SYSTEM, COLUMN_SIZE, COLUMN_VALUE));
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split(",", -1));
        int metricAt = column(csv, header, COLUMN_METRIC);
        int systemAt = column(csv, header, COLUMN_SYSTEM);
        int sizeAt = column(csv, header, COLUMN_SIZE);
        int valueAt = column(csv, header, COLUMN_VALUE);

        Map<String, Map<String, NavigableMap<Long, Double>>> values = new LinkedHashMap<>();
        Set<String> systems = new LinkedHashSet<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": " + cells.length
                    + " cells, the header has " + header.size() + ": " + line);
            }
            long size;
            double value;
            try {
                size = Long.parseLong(cells[sizeAt]);
                value = Double.parseDouble(cells[valueAt]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": " + COLUMN_SIZE + " and "
                    + COLUMN_VALUE + " must be numbers: " + line, e);
            }
            systems.add(cells[systemAt]);
            values.computeIfAbsent(cells[metricAt], k -> new LinkedHashMap<>())
                .computeIfAbsent(cells[systemAt], k -> new TreeMap<>())
                .put(size, value);
        }
        return new ResultTable(values, List.copyOf(systems));
    }

    private static int column(Path csv, List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException(csv + ": the header " + String.join(",", header)
                + " lacks the column " + name + " (expected the medians.csv of run-peers.sh)");
        }
        return at;
    }

    /** Returns the metrics in the order of the file. */
    Set<String> metrics() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Returns every system of the file, in the order of first appearance (stable chart colours). */
    List<String> systems() {
        return systems;
    }

    /** Returns, for {@code metric}, each system's values by size in bytes (ascending). */
    Map<String, NavigableMap<Long, Double>> series(String metric) {
        Map<String, NavigableMap<Long, Double>> bySystem = values.get(metric);
        return bySystem == null ? Map.of() : Collections.unmodifiableMap(bySystem);
    }

    /** Returns the distinct sizes of {@code metric} over all systems, ascending. */
    Set<Long> sizes(String metric) {
        Set<Long> sizes = new java.util.TreeSet<>();
        series(metric).values().forEach(bySize -> sizes.addAll(bySize.keySet()));
        return sizes;
    }
}
