package io.spmd4j.kernels.grid;

import io.spmd4j.CartComm;
import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Op;
import java.util.Arrays;

/**
 * A structured grid of {@code global[d]} points per dimension (1 to 3 dimensions) split in blocks over
 * a balanced Cartesian process grid ({@link CartComm#dimsCreate}), each block stored with a halo of
 * width {@link #halo()} on every side.
 *
 * <p><b>Layout.</b> A rank's field is one {@code double[]} of {@link #length()} elements in row-major
 * order (the last dimension varies fastest) over the extents {@code n[d] + 2 halo}. Local index
 * {@code (i, j, k)} with {@code 0 <= i < n(0)} is owned; {@code -halo <= i < 0} and
 * {@code n(0) <= i < n(0) + halo} are halo cells. At the edge of a non-periodic dimension the halo
 * holds the boundary values (the exchange never writes it); elsewhere {@link HaloExchange} fills it
 * from the neighbours. Only faces are exchanged (star-shaped stencils): halo corners are unspecified.
 *
 * <p><b>Decomposition.</b> Dimension {@code d} is split over {@code dims(d)} ranks by
 * {@link Decomposition} (remainder spread over the first blocks); a rank at coordinate {@code c}
 * owns global points {@code [offset(d), offset(d) + n(d))}. Every block must own at least
 * {@code halo} points in every split dimension, so a halo comes from one neighbour only.
 *
 * <p>Creating a grid is collective over the communicator (it makes a Cartesian communicator);
 * {@link #gather} and {@link #errorNorms} are collective over the grid. A grid is used by one thread
 * per rank.
 */
public final class Grid {
    private final CartComm cart;
    private final int ndims;
    private final int[] global;
    private final boolean[] periodic;
    private final int[] coords;
    private final int[] offset;
    private final int[] n;
    private final int halo;
    private final int[] stride;
    private final int origin;
    private final int length;

    private Grid(CartComm cart, int[] global, boolean[] periodic, int halo) {
        this.cart = cart;
        this.ndims = global.length;
        this.global = global.clone();
        this.periodic = periodic.clone();
        this.halo = halo;
        this.coords = cart.coords();
        int[] pdims = cart.dims();
        this.offset = new int[ndims];
        this.n = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            offset[d] = Decomposition.start(global[d], pdims[d], coords[d]);
            n[d] = Decomposition.size(global[d], pdims[d], coords[d]);
        }
        this.stride = new int[ndims];
        int s = 1;
        int o = 0;
        for (int d = ndims - 1; d >= 0; d--) {
            stride[d] = s;
            o += halo * s;
            s = Math.multiplyExact(s, n[d] + 2 * halo);
        }
        this.origin = o;
        this.length = s;
    }

    /**
     * Creates the grid over every rank of {@code comm}; collective.
     *
     * @param global points per dimension (1 to 3 dimensions)
     * @param periodic whether each dimension wraps around
     * @param halo halo width: the stencil's radius
     * @throws MpiException ERR_ARG for a non-positive size or halo, or when a dimension has too few
     *     points for its ranks (each block needs at least {@code halo} points)
     */
    public static Grid create(Comm comm, int[] global, boolean[] periodic, int halo) {
        if (global == null || global.length < 1 || global.length > 3 || periodic == null
            || periodic.length != global.length) {
            throw new MpiException(ErrorClass.ERR_ARG, "grid: need 1 to 3 dimensions with one periodic flag each, got "
                + Arrays.toString(global) + " and " + Arrays.toString(periodic));
        }
        if (halo < 1) {
            throw new MpiException(ErrorClass.ERR_ARG, "grid: halo width must be at least 1, got " + halo);
        }
        for (int d = 0; d < global.length; d++) {
            if (global[d] < 1) {
                throw new MpiException(ErrorClass.ERR_ARG, "grid: dimension " + d + " has " + global[d]
                    + " points; sizes must be positive");
            }
        }
        int[] pdims = CartComm.dimsCreate(comm.size(), new int[global.length]);
        for (int d = 0; d < global.length; d++) {
            if (pdims[d] > 1 && global[d] / pdims[d] < halo) {
                throw new MpiException(ErrorClass.ERR_ARG, "grid: dimension " + d + " has " + global[d]
                    + " points for " + pdims[d] + " ranks of process grid " + Arrays.toString(pdims)
                    + "; every rank needs at least " + halo + " (the halo width): use a larger grid or fewer ranks");
            }
        }
        return new Grid(comm.createCart(pdims, periodic, false), global, periodic, halo);
    }

    /** The Cartesian communicator of the grid (the halo exchange and reductions use it). */
    public CartComm comm() {
        return cart;
    }

    /** Number of dimensions. */
    public int ndims() {
        return ndims;
    }

    /** Global number of points along {@code d}. */
    public int global(int d) {
        return global[d];
    }

    /** Global number of points per dimension (a copy). */
    public int[] globalDims() {
        return global.clone();
    }

    /** Global number of points. */
    public long globalPoints() {
        long p = 1;
        for (int g : global) {
            p *= g;
        }
        return p;
    }

    /** Whether dimension {@code d} wraps around. */
    public boolean periodic(int d) {
        return periodic[d];
    }

    /** Halo width. */
    public int halo() {
        return halo;
    }

    /** Points owned by this rank along {@code d}. */
    public int n(int d) {
        return n[d];
    }

    /** Global index of this rank's first owned point along {@code d}. */
    public int offset(int d) {
        return offset[d];
    }

    /** Distance in the array between neighbours along {@code d}. */
    public int stride(int d) {
        return stride[d];
    }

    /** Length of a field array (owned points and halos). */
    public int length() {
        return length;
    }

    /** A new field, zero everywhere (halos included). */
    public double[] newField() {
        return new double[length];
    }

    /** Array index of local point {@code i} (1-D grid). */
    public int index(int i) {
        return origin + i * stride[0];
    }

    /** Array index of local point {@code (i, j)} (2-D grid). */
    public int index(int i, int j) {
        return origin + i * stride[0] + j * stride[1];
    }

    /** Array index of local point {@code (i, j, k)} (3-D grid). */
    public int index(int i, int j, int k) {
        return origin + i * stride[0] + j * stride[1] + k * stride[2];
    }

    /** The owned points, in local indices. */
    public Box owned() {
        return new Box(new int[ndims], n);
    }

    /** Visits the points of a box: array index and global indices. */
    @FunctionalInterface
    interface PointVisitor {
        void visit(int index, int gi, int gj, int gk);
    }

    /** Calls {@code v} for every point of {@code b} in array order. */
    void forEach(Box b, PointVisitor v) {
        int[] lo = new int[3];
        int[] hi = {1, 1, 1};
        int[] st = new int[3];
        int[] off = new int[3];
        int shift = 3 - ndims;
        for (int d = 0; d < ndims; d++) {
            lo[d + shift] = b.lo(d);
            hi[d + shift] = b.hi(d);
            st[d + shift] = stride[d];
            off[d + shift] = offset[d];
        }
        for (int a = lo[0]; a < hi[0]; a++) {
            for (int c = lo[1]; c < hi[1]; c++) {
                int row = origin + a * st[0] + c * st[1];
                for (int e = lo[2]; e < hi[2]; e++) {
                    int[] g = {a + off[0], c + off[1], e + off[2]};
                    v.visit(row + e * st[2], g[shift], ndims > 1 ? g[shift + 1] : 0, ndims > 2 ? g[2] : 0);
                }
            }
        }
    }

    /** Sets every owned point of {@code u} to {@code f} at its global indices; halos are left alone. */
    public void fill(double[] u, PointFunction f) {
        forEach(owned(), (idx, i, j, k) -> u[idx] = f.at(i, j, k));
    }

    /**
     * Norms of {@code u - exact} over the owned points of every rank; collective (two allreduces).
     */
    public ErrorNorms errorNorms(double[] u, PointFunction exact) {
        double[] acc = new double[2];
        forEach(owned(), (idx, i, j, k) -> {
            double e = Math.abs(u[idx] - exact.at(i, j, k));
            acc[0] += e * e;
            acc[1] = Math.max(acc[1], e);
        });
        double[] sum = new double[1];
        double[] max = new double[1];
        cart.allreduce(acc, 0, sum, 0, 1, Op.SUM);
        cart.allreduce(acc, 1, max, 0, 1, Op.MAX);
        return new ErrorNorms(Math.sqrt(sum[0] / globalPoints()), max[0]);
    }

    /**
     * Collects the owned points of every rank at {@code root} as one global array in row-major order
     * (MPI_Gatherv); collective. Returns the array at the root and {@code null} elsewhere.
     */
    public double[] gather(double[] u, int root) {
        double[] mine = new double[Math.toIntExact(owned().volume())];
        int[] pos = {0};
        forEach(owned(), (idx, i, j, k) -> mine[pos[0]++] = u[idx]);
        int[][] layout = blockLayout();
        boolean isRoot = cart.rank() == root;
        double[] blocks = isRoot ? new double[Math.toIntExact(globalPoints())] : new double[0];
        cart.gatherv(mine, 0, mine.length, blocks, 0, layout[0], layout[1], root);
        if (!isRoot) {
            return null;
        }
        double[] out = new double[blocks.length];
        reorder(blocks, out, layout[1], true);
        return out;
    }

    /**
     * Sends every rank its block of {@code all}, a global field in row-major order held by
     * {@code root}, into the owned points of {@code u} (MPI_Scatterv, the inverse of
     * {@link #gather}); collective. Halos are left alone; {@code all} is read at the root only.
     *
     * @throws MpiException ERR_COUNT when the root's {@code all} does not hold {@link #globalPoints()} values
     */
    public void scatter(double[] all, int root, double[] u) {
        int[][] layout = blockLayout();
        boolean isRoot = cart.rank() == root;
        double[] blocks = new double[0];
        if (isRoot) {
            if (all == null || all.length != globalPoints()) {
                throw new MpiException(ErrorClass.ERR_COUNT, "global field has " + (all == null ? 0 : all.length)
                    + " values, grid " + this + " needs " + globalPoints());
            }
            blocks = new double[all.length];
            reorder(blocks, all, layout[1], false);
        }
        double[] mine = new double[Math.toIntExact(owned().volume())];
        cart.scatterv(blocks, 0, layout[0], layout[1], mine, 0, mine.length, root);
        int[] pos = {0};
        forEach(owned(), (idx, i, j, k) -> u[idx] = mine[pos[0]++]);
    }

    /** Counts ({@code [0]}) and displacements ({@code [1]}) of the ranks' blocks, in rank order. */
    private int[][] blockLayout() {
        int size = cart.size();
        int[] counts = new int[size];
        int[] displs = new int[size];
        int[] pdims = cart.dims();
        for (int r = 0, at = 0; r < size; r++) {
            counts[r] = Math.toIntExact(blockOf(pdims, cart.coords(r)).volume());
            displs[r] = at;
            at += counts[r];
        }
        return new int[][] {counts, displs};
    }

    /**
     * Copies between {@code blocks} (the ranks' blocks one after another, each row-major) and
     * {@code global} (row-major over the whole grid): into {@code global} when {@code toGlobal}.
     */
    private void reorder(double[] blocks, double[] global, int[] displs, boolean toGlobal) {
        int[] pdims = cart.dims();
        int s1 = ndims > 1 ? this.global[1] : 1;
        int s2 = ndims > 2 ? this.global[2] : 1;
        for (int r = 0; r < cart.size(); r++) {
            Box b = blockOf(pdims, cart.coords(r));
            int at = displs[r];
            int lo1 = ndims > 1 ? b.lo(1) : 0;
            int hi1 = ndims > 1 ? b.hi(1) : 1;
            int lo2 = ndims > 2 ? b.lo(2) : 0;
            int hi2 = ndims > 2 ? b.hi(2) : 1;
            for (int i = b.lo(0); i < b.hi(0); i++) {
                for (int j = lo1; j < hi1; j++) {
                    for (int k = lo2; k < hi2; k++) {
                        int g = (i * s1 + j) * s2 + k;
                        if (toGlobal) {
                            global[g] = blocks[at++];
                        } else {
                            blocks[at++] = global[g];
                        }
                    }
                }
            }
        }
    }

    /** The block of the rank at {@code c}, in global indices. */
    private Box blockOf(int[] pdims, int[] c) {
        int[] lo = new int[ndims];
        int[] hi = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            lo[d] = Decomposition.start(global[d], pdims[d], c[d]);
            hi[d] = Decomposition.start(global[d], pdims[d], c[d] + 1);
        }
        return new Box(lo, hi);
    }

    @Override
    public String toString() {
        return "Grid" + Arrays.toString(global) + " on " + Arrays.toString(cart.dims()) + " ranks, halo " + halo;
    }
}
