package mpi;

/** The grid of a {@link Cartcomm}: extents, periodicity and this rank's coordinates (MPI_Cart_get). */
public class CartParms {
    /** Extent of every dimension. */
    public int[] dims;
    /** Whether each dimension wraps around. */
    public boolean[] periods;
    /** This rank's coordinates. */
    public int[] coords;

    CartParms(int[] dims, boolean[] periods, int[] coords) {
        this.dims = dims;
        this.periods = periods;
        this.coords = coords;
    }
}
