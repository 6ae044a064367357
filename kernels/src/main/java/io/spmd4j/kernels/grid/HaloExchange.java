package io.spmd4j.kernels.grid;

import io.spmd4j.CartComm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the halo faces of a field from the neighbouring blocks with nonblocking messages, so that the
 * caller can update the interior while they travel:
 *
 * <pre>{@code
 * halo.start(u);                          // post receives, send faces
 * op.apply(u, v, interior);               // needs no halo
 * halo.finish();                          // wait, unpack strided faces
 * for (Box b : strips) op.apply(u, v, b); // the points next to the halo
 * }</pre>
 *
 * <p>Along dimension 0 a face (with the halos of the later dimensions) is one contiguous run of the
 * array, so it is sent from and received into the field itself, without a copy. The faces of the
 * other dimensions are strided: they are packed into send buffers at {@link #start} and unpacked
 * from receive buffers at {@link #finish}, so the field's halo is written only after every transfer
 * has completed. Corners are not exchanged (star-shaped stencils); the dimension-0 runs carry stale
 * corner values, which no stencil reads.
 *
 * <p>Between {@link #start} and {@link #finish} the caller may read the field but must not write its
 * owned points next to the halo or the halo itself. One exchange is in flight at a time; one thread
 * per rank. Tags {@code base + 2 d} (travelling up dimension {@code d}) and {@code base + 2 d + 1}
 * (down) on the grid's own communicator keep the messages apart even when both neighbours are the
 * same rank; {@code base = channel * TAGS_PER_CHANNEL}, so exchanges on different channels (one per
 * field of a system, see {@link #exchangeAndApply(HaloExchange[], double[][], RegionOp)}) may be in
 * flight together.
 */
public final class HaloExchange {
    /** Tags one exchange uses: two per dimension, for up to three dimensions. */
    public static final int TAGS_PER_CHANNEL = 6;

    private final Grid grid;
    private final int tagBase;
    private final CartComm comm;
    private final int ndims;
    private final int halo;
    private final int[] below;
    private final int[] above;
    /** Per dimension d >= 1: send/receive buffers for the low and high faces. */
    private final double[][] sendLow;
    private final double[][] sendHigh;
    private final double[][] recvLow;
    private final double[][] recvHigh;
    private final List<Request> requests = new ArrayList<>();
    private final Box interior;
    private final List<Box> strips;
    private double[] field;

    /** An exchange for fields of {@code grid} on channel 0. */
    public HaloExchange(Grid grid) {
        this(grid, 0);
    }

    /**
     * An exchange for fields of {@code grid} on its own channel (tag range), so that it can be in
     * flight together with the exchanges of other channels.
     *
     * @throws MpiException ERR_ARG for a negative channel
     */
    public HaloExchange(Grid grid, int channel) {
        if (channel < 0) {
            throw new MpiException(ErrorClass.ERR_ARG, "halo exchange channel " + channel + "; it must be >= 0");
        }
        this.grid = grid;
        this.tagBase = channel * TAGS_PER_CHANNEL;
        this.comm = grid.comm();
        this.ndims = grid.ndims();
        this.halo = grid.halo();
        this.below = new int[ndims];
        this.above = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            CartComm.Shift s = comm.shift(d, 1);
            below[d] = s.source();
            above[d] = s.dest();
        }
        interior = interior(grid.owned(), halo, below, above);
        strips = grid.owned().minus(interior);
        sendLow = new double[ndims][];
        sendHigh = new double[ndims][];
        recvLow = new double[ndims][];
        recvHigh = new double[ndims][];
        for (int d = 1; d < ndims; d++) {
            int count = Math.toIntExact(face(d, 0).volume());
            sendLow[d] = new double[count];
            sendHigh[d] = new double[count];
            recvLow[d] = new double[count];
            recvHigh[d] = new double[count];
        }
    }

    /**
     * The owned points that need no halo from a neighbour: {@code owned} with {@code halo} indices
     * taken off each side that has a neighbour. A side without one (the domain's edge) holds fixed
     * boundary values that no exchange writes, so its points are interior: on one rank the whole
     * block is one box, and a split along dimension 0 leaves full rows, updated by the same long
     * loops as an undivided grid.
     */
    private static Box interior(Box owned, int halo, int[] below, int[] above) {
        int nd = owned.ndims();
        int[] lo = new int[nd];
        int[] hi = new int[nd];
        for (int d = 0; d < nd; d++) {
            lo[d] = owned.lo(d) + (below[d] != Spmd.PROC_NULL ? halo : 0);
            hi[d] = Math.max(lo[d], owned.hi(d) - (above[d] != Spmd.PROC_NULL ? halo : 0));
        }
        return new Box(lo, hi);
    }

    /** The halo-width slab of owned points along {@code d} starting at local index {@code from}. */
    private Box face(int d, int from) {
        int[] lo = new int[ndims];
        int[] hi = new int[ndims];
        for (int e = 0; e < ndims; e++) {
            hi[e] = grid.n(e);
        }
        lo[d] = from;
        hi[d] = from + halo;
        return new Box(lo, hi);
    }

    /**
     * Starts the exchange of {@code u}'s faces: posts every receive, then every send.
     *
     * @throws MpiException ERR_OTHER when an exchange is already in flight
     */
    public void start(double[] u) {
        if (field != null) {
            throw new MpiException(ErrorClass.ERR_OTHER, "halo exchange already in flight; call finish() first");
        }
        if (u.length != grid.length()) {
            throw new MpiException(ErrorClass.ERR_COUNT, "field has " + u.length + " elements, grid needs "
                + grid.length());
        }
        field = u;
        int n0 = grid.n(0);
        int run = halo * grid.stride(0);
        requests.add(comm.irecv(u, runStart(-halo), run, below[0], tagBase));
        requests.add(comm.irecv(u, runStart(n0), run, above[0], tagBase + 1));
        for (int d = 1; d < ndims; d++) {
            requests.add(comm.irecv(recvLow[d], 0, recvLow[d].length, below[d], tagBase + 2 * d));
            requests.add(comm.irecv(recvHigh[d], 0, recvHigh[d].length, above[d], tagBase + 2 * d + 1));
        }
        requests.add(comm.isend(u, runStart(n0 - halo), run, above[0], tagBase));
        requests.add(comm.isend(u, runStart(0), run, below[0], tagBase + 1));
        for (int d = 1; d < ndims; d++) {
            if (above[d] != Spmd.PROC_NULL) {
                copy(u, face(d, grid.n(d) - halo), sendHigh[d], true);
            }
            if (below[d] != Spmd.PROC_NULL) {
                copy(u, face(d, 0), sendLow[d], true);
            }
            requests.add(comm.isend(sendHigh[d], 0, sendHigh[d].length, above[d], tagBase + 2 * d));
            requests.add(comm.isend(sendLow[d], 0, sendLow[d].length, below[d], tagBase + 2 * d + 1));
        }
    }

    /** Array index of local point (i, -halo, -halo): where the dimension-0 slab at i starts. */
    private int runStart(int i) {
        return (i + halo) * grid.stride(0);
    }

    /** Waits for every transfer of the exchange in flight and unpacks the strided faces. */
    public void finish() {
        if (field == null) {
            throw new MpiException(ErrorClass.ERR_OTHER, "no halo exchange in flight; call start(u) first");
        }
        try {
            Request.awaitAll(requests);
        } finally {
            requests.clear();
        }
        for (int d = 1; d < ndims; d++) {
            if (below[d] != Spmd.PROC_NULL) {
                copy(field, face(d, -halo), recvLow[d], false);
            }
            if (above[d] != Spmd.PROC_NULL) {
                copy(field, face(d, grid.n(d)), recvHigh[d], false);
            }
        }
        field = null;
    }

    /** Starts and finishes an exchange: no overlap. */
    public void exchange(double[] u) {
        start(u);
        finish();
    }

    /** An update of the points of a box; it reads the field with its halos and must not communicate. */
    @FunctionalInterface
    public interface RegionOp {
        /** Updates the points of {@code b}. */
        void apply(Box b);
    }

    /**
     * Exchanges {@code u}'s halos while applying {@code op} to the owned points that do not need them
     * (the owned box shrunk by the halo width on every side that has a neighbour), then applies it to
     * the boundary strips once the halos have arrived. Every owned point is updated exactly once.
     */
    public void exchangeAndApply(double[] u, RegionOp op) {
        exchangeAndApply(new HaloExchange[] {this}, new double[][] {u}, op);
    }

    /**
     * Exchanges the halos of several fields of one grid at once, {@code fields[f]} through
     * {@code exchanges[f]} (each on its own channel), while applying {@code op} to the interior,
     * then applies it to the boundary strips once every halo has arrived (a system of equations
     * such as Burgers' two velocity components).
     *
     * @throws MpiException ERR_ARG when the arrays differ in length or two exchanges share a channel
     */
    public static void exchangeAndApply(HaloExchange[] exchanges, double[][] fields, RegionOp op) {
        if (exchanges.length != fields.length || exchanges.length == 0) {
            throw new MpiException(ErrorClass.ERR_ARG, "halo exchange: " + exchanges.length + " exchanges for "
                + fields.length + " fields; give one exchange per field");
        }
        for (int a = 0; a < exchanges.length; a++) {
            if (exchanges[a].grid != exchanges[0].grid) {
                throw new MpiException(ErrorClass.ERR_ARG, "halo exchange: exchange " + a + " belongs to "
                    + exchanges[a].grid + ", exchange 0 to " + exchanges[0].grid + "; exchange one grid at a time");
            }
            for (int b = a + 1; b < exchanges.length; b++) {
                if (exchanges[a].tagBase == exchanges[b].tagBase) {
                    throw new MpiException(ErrorClass.ERR_ARG, "halo exchange: exchanges " + a + " and " + b
                        + " share channel " + exchanges[a].tagBase / TAGS_PER_CHANNEL + "; give each its own");
                }
            }
        }
        for (int f = 0; f < fields.length; f++) {
            exchanges[f].start(fields[f]);
        }
        Box inner = exchanges[0].interior;
        if (!inner.isEmpty()) {
            op.apply(inner);
        }
        for (HaloExchange x : exchanges) {
            x.finish();
        }
        for (Box b : exchanges[0].strips) {
            op.apply(b);
        }
    }

    private void copy(double[] u, Box b, double[] buf, boolean pack) {
        int[] pos = {0};
        grid.forEach(b, (idx, i, j, k) -> {
            if (pack) {
                buf[pos[0]++] = u[idx];
            } else {
                u[idx] = buf[pos[0]++];
            }
        });
    }
}
