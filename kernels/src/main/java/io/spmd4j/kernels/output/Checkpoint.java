package io.spmd4j.kernels.output;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The saved state of a time-stepping run: kernel, global grid, time step, steps taken and the
 * global state fields, enough to continue bit for bit on any number of ranks.
 *
 * <p>File layout (big-endian, {@link DataOutputStream} encoding):
 * <pre>
 *   0  MAGIC "SPMDCKPT"          8 bytes
 *   8  VERSION                   int32
 *  12  ndims                     int32
 *  16  global[0..ndims-1]        int32 each
 *      steps                     int32
 *      dt                        float64 (bits as given)
 *      kernel                    UTF (length-prefixed)
 *      field count F             int32
 *      F times: name (UTF), then prod(global) float64 values in row-major order
 * </pre>
 * {@link #write} writes {@code FILE_NAME + ".tmp"} and renames it over {@link #FILE_NAME}, so a job
 * killed while writing leaves the previous checkpoint whole.
 *
 * @param kernel the kernel's name
 * @param global points per dimension
 * @param steps steps taken
 * @param dt the time step
 * @param names names of the state fields
 * @param fields the global state fields, row-major
 */
public record Checkpoint(String kernel, int[] global, int steps, double dt, List<String> names, double[][] fields) {
    /** Name of the checkpoint file inside its directory. */
    public static final String FILE_NAME = "checkpoint.bin";
    private static final byte[] MAGIC = "SPMDCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_DIMS = 3;

    /** Writes the checkpoint into {@code dir} (created if missing), replacing the previous one atomically. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(global.length);
            for (int g : global) {
                out.writeInt(g);
            }
            out.writeInt(steps);
            out.writeDouble(dt);
            out.writeUTF(kernel);
            out.writeInt(fields.length);
            for (int f = 0; f < fields.length; f++) {
                out.writeUTF(names.get(f));
                for (double v : fields[f]) {
                    out.writeDouble(v);
                }
            }
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the checkpoint in {@code dir}.
     *
     * @throws IOException when the file is missing, truncated or not a checkpoint of this version
     */
    public static Checkpoint read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint " + file + " (write one with --checkpoint-every K --out DIR)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int version = in.readInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new IOException(file + " is not a version " + VERSION + " spmd4j checkpoint");
            }
            int ndims = in.readInt();
            if (ndims < 1 || ndims > MAX_DIMS) {
                throw new IOException(file + ": corrupt header (" + ndims + " dimensions)");
            }
            int[] global = new int[ndims];
            long points = 1;
            for (int d = 0; d < ndims; d++) {
                global[d] = in.readInt();
                points *= global[d];
            }
            if (points < 1 || points > Integer.MAX_VALUE) {
                throw new IOException(file + ": corrupt header (grid " + Arrays.toString(global) + ")");
            }
            int steps = in.readInt();
            double dt = in.readDouble();
            String kernel = in.readUTF();
            int count = in.readInt();
            if (count < 1 || count > MAX_DIMS) {
                throw new IOException(file + ": corrupt header (" + count + " fields)");
            }
            List<String> names = new ArrayList<>();
            double[][] fields = new double[count][(int) points];
            for (int f = 0; f < count; f++) {
                names.add(in.readUTF());
                for (int p = 0; p < points; p++) {
                    fields[f][p] = in.readDouble();
                }
            }
            return new Checkpoint(kernel, global, steps, dt, List.copyOf(names), fields);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
