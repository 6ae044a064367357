package mpi;

import io.spmd4j.ErrorClass;
import java.util.function.BinaryOperator;

/**
 * A reduction operation (MPI_Op): one of the predefined ones in {@link MPI} (over spmd4j's
 * {@link io.spmd4j.Op}), or a user-defined one made from a {@link User_function}.
 *
 * <p>Every reduction of spmd4j combines the ranks' contributions in rank order, so a user
 * operation declared non-commutative gets {@code x0 op x1 op ... op xp-1} as MPI requires (MPJ
 * Express 0.44 applies them in reverse order). A commutative one only lets an algorithm skip a copy.
 */
public class Op {
    final io.spmd4j.Op predefined;
    final User_function function;
    final boolean commute;

    Op(io.spmd4j.Op predefined) {
        this.predefined = predefined;
        this.function = null;
        this.commute = predefined.isCommutative();
    }

    /**
     * A user-defined operation (MPI_Op_create).
     *
     * @param function the combination, associative
     * @param commute true only when the operation is also commutative
     */
    public Op(User_function function, boolean commute) {
        if (function == null) {
            throw new MPIException(ErrorClass.ERR_OP, "Op: the user function is null");
        }
        this.predefined = null;
        this.function = function;
        this.commute = commute;
    }

    /** True when the operation is commutative (MPI_Op_commutative). */
    public boolean isCommutative() {
        return commute;
    }

    /** Operations hold no resources; kept for MPJ Express compatibility. */
    public void free() {
        // nothing is held
    }

    /**
     * The spmd4j operation for buffers of {@code type}. A user function receives counts in base
     * elements, with the base type, because spmd4j may combine any run of elements; an item of
     * several elements would be split, so user functions take types of one element per item.
     */
    io.spmd4j.Op forType(Datatype type) {
        if (predefined != null) {
            return predefined;
        }
        if (type.size != 1) {
            throw new MPIException(ErrorClass.ERR_OP, "a user operation on datatype " + type + " (" + type.size
                + " elements per item) is not supported: reduce its base type instead, or use MPI.OBJECT");
        }
        User_function f = function;
        return io.spmd4j.Op.create("User_function", commute, (in, io, inout, ioo, n) -> f.Call(in, io, inout, ioo, n,
            type));
    }

    /**
     * The combination of two arrays of {@code count} objects, lower rank first, into a new array
     * (reductions over {@link MPI#OBJECT}).
     *
     * @throws MPIException ERR_OP for a predefined operation, which objects do not have
     */
    BinaryOperator<Object[]> forObjects(int count, Datatype type) {
        if (function == null) {
            throw new MPIException(ErrorClass.ERR_OP, "the predefined operation " + predefined.name()
                + " is not defined for MPI.OBJECT; use an Op made from a User_function");
        }
        User_function f = function;
        return (lower, higher) -> {
            Object[] out = higher.clone();
            f.Call(lower, 0, out, 0, count, type);
            return out;
        };
    }

    @Override
    public String toString() {
        return predefined != null ? predefined.name() : "Op(" + function + ")";
    }
}
