package io.spmd4j.kernels.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes VTK XML image data ({@code .vti}) that ParaView and VisIt open, and {@code .pvd}
 * collections that tie snapshots into a time series.
 *
 * <p>Layout of a {@code .vti} file: an XML header declaring the whole extent
 * {@code 0 nx-1 0 ny-1 0 nz-1}, origin and spacing, one {@code Float64} point-data array per field
 * in {@code format="appended"}, then {@code <AppendedData encoding="raw">_} followed, per array, by a
 * little-endian {@code UInt64} byte count and the values, x varying fastest. VTK's x axis is the
 * grid's dimension 0, so the values are transposed from the grid's row-major order (last dimension
 * fastest) on the way out. Raw little-endian doubles keep every bit, so two files are equal exactly
 * when their fields are. Stateless; any thread.
 */
public final class VtkImageWriter {
    private static final int CHUNK_DOUBLES = 1 << 16;

    private VtkImageWriter() {
    }

    /**
     * Writes {@code fields} (same dims, origin and spacing) to {@code file}, the first being the
     * active scalars.
     */
    public static void writeImage(Path file, List<Field> fields) throws IOException {
        Field f0 = fields.get(0);
        String extent = "0 " + (f0.extent(0) - 1) + " 0 " + (f0.extent(1) - 1) + " 0 " + (f0.extent(2) - 1);
        long bytes = 8L * f0.values().length;
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\"?>\n")
            .append("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n")
            .append(String.format(Locale.ROOT, "  <ImageData WholeExtent=\"%s\" Origin=\"%s %s %s\" Spacing=\"%s %s %s\">%n",
                extent, num(f0.origin()), num(f0.extent(1) > 1 ? f0.origin() : 0), num(f0.extent(2) > 1 ? f0.origin() : 0),
                num(f0.spacing()), num(f0.spacing()), num(f0.spacing())))
            .append("    <Piece Extent=\"").append(extent).append("\">\n")
            .append("      <PointData Scalars=\"").append(f0.name()).append("\">\n");
        long offset = 0;
        for (Field f : fields) {
            if (f.values().length != f0.values().length) {
                throw new IllegalArgumentException("field " + f.name() + " differs in size from " + f0.name());
            }
            xml.append("        <DataArray type=\"Float64\" Name=\"").append(f.name())
                .append("\" format=\"appended\" offset=\"").append(offset).append("\"/>\n");
            offset += 8 + bytes;
        }
        xml.append("      </PointData>\n      <CellData/>\n    </Piece>\n  </ImageData>\n")
            .append("  <AppendedData encoding=\"raw\">\n   _");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(xml.toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(8 * CHUNK_DOUBLES).order(ByteOrder.LITTLE_ENDIAN);
            for (Field f : fields) {
                buf.putLong(bytes);
                for (int k = 0; k < f.extent(2); k++) {
                    for (int j = 0; j < f.extent(1); j++) {
                        for (int i = 0; i < f.extent(0); i++) {
                            if (!buf.hasRemaining()) {
                                out.write(buf.array(), 0, buf.position());
                                buf.clear();
                            }
                            buf.putDouble(f.at(i, j, k));
                        }
                    }
                }
            }
            out.write(buf.array(), 0, buf.position());
            out.write("\n  </AppendedData>\n</VTKFile>\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One snapshot of a time series: its file (relative to the collection) and simulated time. */
    public record Snapshot(String file, double time) {
    }

    /** Writes a {@code .pvd} collection listing {@code snapshots} in time order. */
    public static void writeCollection(Path file, List<Snapshot> snapshots) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
                + "  <Collection>\n");
            for (Snapshot s : snapshots) {
                w.write("    <DataSet timestep=\"" + num(s.time()) + "\" group=\"\" part=\"0\" file=\"" + s.file()
                    + "\"/>\n");
            }
            w.write("  </Collection>\n</VTKFile>\n");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
