package io.spmd4j;

import io.spmd4j.engine.Buf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A communicator with a Cartesian process grid (MPI_Cart_create): rank r sits at coordinates
 * {@link #coords(int)} in row-major order (the last dimension varies fastest), and each dimension
 * is periodic (a ring) or not. Made by {@link Comm#createCart}; {@link #dimsCreate} picks a balanced
 * grid. {@link #shift} gives the neighbours a halo exchange needs, with {@link Spmd#PROC_NULL} at
 * the edges of a non-periodic dimension, and {@link #haloExchange} does the whole exchange along one
 * dimension:
 *
 * <pre>{@code
 * int[] dims = CartComm.dimsCreate(world.size(), new int[2]);
 * CartComm grid = world.createCart(dims, new boolean[] {true, false}, false);
 * CartComm.Shift s = grid.shift(0, 1);   // s.source(): lower neighbour, s.dest(): upper neighbour
 * grid.sendrecv(u, n, h, s.dest(), 0, u, 0, h, s.source(), 0);
 * }</pre>
 */
public final class CartComm extends Comm {
    private final int[] dims;
    private final boolean[] periods;

    CartComm(Comm comm, int[] dims, boolean[] periods) {
        super(comm);
        this.dims = dims;
        this.periods = periods;
    }

    /**
     * The neighbours of a shift: receive from {@code source}, send to {@code dest}; either may be
     * {@link Spmd#PROC_NULL}.
     */
    public record Shift(int source, int dest) {
    }

    /**
     * Validates a grid for a communicator of {@code size} ranks and returns its number of cells.
     *
     * @throws MpiException ERR_ARG for missing, mismatched or non-positive dimensions or a grid
     *     larger than the communicator
     */
    static long checkGrid(int[] dims, boolean[] periods, int size) {
        if (dims == null || periods == null || dims.length != periods.length) {
            throw new MpiException(ErrorClass.ERR_ARG, "createCart: dims and periods must have one entry per "
                + "dimension: " + (dims == null ? "null" : dims.length) + " dims, "
                + (periods == null ? "null" : periods.length)
                + " periods");
        }
        long cells = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new MpiException(ErrorClass.ERR_ARG, "createCart: dimension " + i + " has extent " + dims[i]
                    + "; extents must be positive (CartComm.dimsCreate fills in zeros)");
            }
            cells *= dims[i];
            if (cells > size) {
                throw new MpiException(ErrorClass.ERR_ARG, "createCart: a grid of " + Arrays.toString(dims)
                    + " needs more ranks than the communicator's " + size);
            }
        }
        return cells;
    }

    /**
     * Chooses a balanced grid of {@code nnodes} processes (MPI_Dims_create): positive entries of
     * {@code dims} are kept, zeros are filled so that the product is {@code nnodes} and the filled
     * extents are as close to each other as possible, in non-increasing order.
     *
     * @param dims one entry per dimension, 0 where the extent is free; filled in place and returned
     * @throws MpiException ERR_ARG when {@code nnodes} is not positive, an entry is negative, or
     *     the fixed extents do not divide {@code nnodes}
     */
    public static int[] dimsCreate(int nnodes, int[] dims) {
        if (nnodes <= 0 || dims == null) {
            throw new MpiException(ErrorClass.ERR_ARG, "dimsCreate: invalid arguments: nnodes=" + nnodes + ", dims="
                + Arrays.toString(dims));
        }
        long fixed = 1;
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new MpiException(ErrorClass.ERR_ARG, "dimsCreate: dimension " + i + " has extent " + dims[i]
                    + "; give a positive extent to fix it or 0 to let it be chosen");
            }
            if (dims[i] == 0) {
                free.add(i);
            } else {
                fixed *= dims[i];
            }
        }
        if (nnodes % fixed != 0 || free.isEmpty() && fixed != nnodes) {
            throw new MpiException(ErrorClass.ERR_ARG, "dimsCreate: " + nnodes + " processes do not fit the fixed "
                + "extents " + Arrays.toString(dims) + " (their product " + fixed + " must divide it"
                + (free.isEmpty() ? " exactly" : "") + ")");
        }
        int[] extents = new int[free.size()];
        Arrays.fill(extents, 1);
        int left = (int) (nnodes / fixed);
        List<Integer> factors = new ArrayList<>();
        for (int f = 2; (long) f * f <= left; f++) {
            while (left % f == 0) {
                factors.add(f);
                left /= f;
            }
        }
        if (left > 1) {
            factors.add(left);
        }
        for (int k = factors.size() - 1; k >= 0; k--) { // largest factor first, onto the smallest extent
            int smallest = 0;
            for (int j = 1; j < extents.length; j++) {
                if (extents[j] < extents[smallest]) {
                    smallest = j;
                }
            }
            extents[smallest] *= factors.get(k);
        }
        Arrays.sort(extents);
        for (int j = 0; j < free.size(); j++) {
            dims[free.get(j)] = extents[extents.length - 1 - j];
        }
        return dims;
    }

    /** Number of dimensions (MPI_Cartdim_get). */
    public int ndims() {
        return dims.length;
    }

    /** The extent of every dimension (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Whether every dimension is periodic (a copy). */
    public boolean[] periods() {
        return periods.clone();
    }

    /** The coordinates of {@code rank} (MPI_Cart_coords). */
    public int[] coords(int rank) {
        checkLive();
        if (rank < 0 || rank >= size()) {
            throw new MpiException(ErrorClass.ERR_RANK, "coords: invalid rank " + rank + ", size=" + size());
        }
        int[] c = new int[dims.length];
        int r = rank;
        for (int i = dims.length - 1; i >= 0; i--) {
            c[i] = r % dims[i];
            r /= dims[i];
        }
        return c;
    }

    /** This rank's coordinates. */
    public int[] coords() {
        return coords(rank());
    }

    /**
     * The rank at {@code coords} (MPI_Cart_rank); a coordinate outside a periodic dimension wraps
     * around.
     *
     * @throws MpiException ERR_ARG for a coordinate outside a non-periodic dimension
     */
    public int rank(int... coords) {
        checkLive();
        if (coords == null || coords.length != dims.length) {
            throw new MpiException(ErrorClass.ERR_ARG, "rank: needs " + dims.length + " coordinates, got "
                + Arrays.toString(coords));
        }
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            int c = coords[i];
            if (periods[i]) {
                c = Math.floorMod(c, dims[i]);
            } else if (c < 0 || c >= dims[i]) {
                throw new MpiException(ErrorClass.ERR_ARG, "rank: coordinate " + c + " is outside non-periodic "
                    + "dimension " + i + " of extent " + dims[i]);
            }
            r = r * dims[i] + c;
        }
        return r;
    }

    /**
     * The ranks {@code disp} steps below and above this one along {@code dim} (MPI_Cart_shift):
     * receive from {@code source}, send to {@code dest}. Off the edge of a non-periodic dimension the
     * neighbour is {@link Spmd#PROC_NULL}, so a sendrecv with it does nothing.
     */
    public Shift shift(int dim, int disp) {
        checkDim(dim);
        int[] c = coords();
        return new Shift(neighbour(c, dim, -disp), neighbour(c, dim, disp));
    }

    private int neighbour(int[] coords, int dim, int disp) {
        int[] c = coords.clone();
        c[dim] += disp;
        if (!periods[dim] && (c[dim] < 0 || c[dim] >= dims[dim])) {
            return Spmd.PROC_NULL;
        }
        return rank(c);
    }

    private void checkDim(int dim) {
        checkLive();
        if (dim < 0 || dim >= dims.length) {
            throw new MpiException(ErrorClass.ERR_ARG, "invalid dimension: dim=" + dim + ", ndims=" + dims.length);
        }
    }

    /**
     * Splits the grid into sub-grids that keep the dimensions where {@code remainDims} is true
     * (MPI_Cart_sub); collective. Each rank gets the sub-grid through it.
     */
    public CartComm sub(boolean[] remainDims) {
        checkLive();
        if (remainDims == null || remainDims.length != dims.length) {
            throw new MpiException(ErrorClass.ERR_ARG, "sub: needs " + dims.length + " flags, got "
                + (remainDims == null ? "null" : remainDims.length));
        }
        int[] c = coords();
        int color = 0;
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            if (remainDims[i]) {
                kept.add(i);
            } else {
                color = color * dims[i] + c[i];
            }
        }
        Comm sub = split(color, rank());
        int[] subDims = new int[kept.size()];
        boolean[] subPeriods = new boolean[kept.size()];
        for (int j = 0; j < subDims.length; j++) {
            subDims[j] = dims[kept.get(j)];
            subPeriods[j] = periods[kept.get(j)];
        }
        return new CartComm(sub, subDims, subPeriods);
    }

    /** A new communicator with the same grid and a new context (MPI_Comm_dup); collective. */
    @Override
    public CartComm dup() {
        return new CartComm(super.dup(), dims, periods);
    }

    /**
     * Starts the four transfers of a halo exchange along {@code dim}: {@code sendHigh} goes to the
     * upper neighbour and {@code sendLow} to the lower one, while {@code recvLow} receives from the
     * lower neighbour and {@code recvHigh} from the upper one; at a non-periodic edge the transfers
     * with {@link Spmd#PROC_NULL} complete at once and leave the halo untouched. Messages travel on
     * this communicator with {@code tag}; the two messages between one pair of ranks are told apart
     * by their order.
     */
    Request[] ihaloExchange(int dim, int tag, Buf sendLow, Buf recvLow, Buf sendHigh, Buf recvHigh) {
        Shift s = shift(dim, 1);
        Request fromLow = irecv(recvLow, s.source(), tag);
        Request fromHigh = irecv(recvHigh, s.dest(), tag);
        Request toHigh = isend(sendHigh, s.dest(), tag, false);
        Request toLow = isend(sendLow, s.source(), tag, false);
        return new Request[] {fromLow, fromHigh, toHigh, toLow};
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, byte[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, byte[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, byte[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, char[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, char[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, char[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, short[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, short[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, short[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, int[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, int[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, int[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, long[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, long[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, long[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, float[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, float[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, float[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, double[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, double[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, double[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} elements along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, boolean[], int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, boolean[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} elements along {@code dim} within one buffer: the
     * {@code count} elements at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, boolean[] buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }

    /**
     * Exchanges halos of {@code count} bytes along {@code dim} within one buffer (see
     * {@link #ihaloExchange(int, int, ByteBuffer, int, int, int, int, int) ihaloExchange});
     * returns when all four transfers are done.
     */
    public void haloExchange(int dim, int tag, ByteBuffer buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        Request.awaitAll(ihaloExchange(dim, tag, buf, count, sendLow, recvLow, sendHigh, recvHigh));
    }

    /**
     * Starts a halo exchange of {@code count} bytes along {@code dim} within one buffer: the
     * {@code count} bytes at {@code sendLow} go to the lower neighbour and those at {@code sendHigh} to
     * the upper one; those from the lower neighbour land at {@code recvLow} and those from the upper
     * one at {@code recvHigh}. Returns the four requests; do not touch the regions until they
     * complete. For a 1-D block with halos of width h and n owned cells: {@code sendLow = h,
     * recvLow = 0, sendHigh = n, recvHigh = n + h}.
     */
    public Request[] ihaloExchange(int dim, int tag, ByteBuffer buf, int count, int sendLow, int recvLow, int sendHigh,
        int recvHigh) {
        return ihaloExchange(dim, tag, Buf.of(buf, sendLow, count), Buf.of(buf, recvLow, count),
            Buf.of(buf, sendHigh, count), Buf.of(buf, recvHigh, count));
    }
}
