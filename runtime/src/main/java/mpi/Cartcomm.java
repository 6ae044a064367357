package mpi;

import io.spmd4j.CartComm;

/**
 * A communicator with a Cartesian process grid (MPI_Cart_create) over spmd4j's {@link CartComm}.
 * {@link #Shift} gives {@link MPI#PROC_NULL} off the edge of a non-periodic dimension, so a
 * {@code Sendrecv} with the result needs no special case at the boundary.
 */
public class Cartcomm extends Intracomm {
    private final CartComm cart;

    Cartcomm(CartComm cart) {
        super(cart);
        this.cart = cart;
    }

    /** A duplicate with the same grid and a new context; collective. */
    @Override
    public Object clone() {
        return new Cartcomm(guard(cart::dup));
    }

    /** The grid's extents, periodicity and this rank's coordinates (MPI_Cart_get). */
    public CartParms Get() {
        return new CartParms(cart.dims(), cart.periods(), cart.coords());
    }

    /** The rank at {@code coords}, wrapped in periodic dimensions (MPI_Cart_rank). */
    public int Rank(int[] coords) {
        return guard(() -> cart.rank(coords));
    }

    /** The coordinates of {@code rank} (MPI_Cart_coords). */
    public int[] Coords(int rank) {
        return guard(() -> cart.coords(rank));
    }

    /**
     * The ranks {@code disp} steps below ({@code rank_source}) and above ({@code rank_dest}) this
     * one along {@code direction} (MPI_Cart_shift); PROC_NULL off a non-periodic edge.
     */
    public ShiftParms Shift(int direction, int disp) {
        CartComm.Shift s = guard(() -> cart.shift(direction, disp));
        return new ShiftParms(s.source(), s.dest());
    }

    /** The sub-grid through this rank that keeps the dimensions where {@code remain_dims} is true (MPI_Cart_sub); collective. */
    public Cartcomm Sub(boolean[] remainDims) {
        return new Cartcomm(guard(() -> cart.sub(remainDims)));
    }

    /** {@link MPI#CART} (MPI_Topo_test). */
    @Override
    public int Topo_test() {
        return MPI.CART;
    }

    /**
     * Fills the zero entries of {@code dims} with a balanced grid of {@code nnodes} processes
     * (MPI_Dims_create), in place.
     */
    public static void Dims_create(int nnodes, int[] dims) {
        guard(() -> CartComm.dimsCreate(nnodes, dims));
    }
}
