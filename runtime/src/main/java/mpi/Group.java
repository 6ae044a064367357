package mpi;

import io.spmd4j.Comparison;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered set of processes (MPI_Group) over spmd4j's {@link io.spmd4j.Group}: local, immutable,
 * no communication involved.
 */
public class Group {
    final io.spmd4j.Group group;

    Group(io.spmd4j.Group group) {
        this.group = group;
    }

    /** Number of processes (MPI_Group_size). */
    public int Size() {
        return group.size();
    }

    /** This process's rank in the group, or {@link MPI#UNDEFINED} (MPI_Group_rank). */
    public int Rank() {
        return group.rank();
    }

    /** The ranks in {@code group2} of {@code group1}'s members {@code ranks1}, UNDEFINED where absent (MPI_Group_translate_ranks). */
    public static int[] Translate_ranks(Group group1, int[] ranks1, Group group2) {
        try {
            return group1.group.translateRanks(ranks1, group2.group);
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** {@link MPI#IDENT}, {@link MPI#SIMILAR} or {@link MPI#UNEQUAL} (MPI_Group_compare). */
    public static int Compare(Group group1, Group group2) {
        return code(io.spmd4j.Group.compare(group1.group, group2.group));
    }

    static int code(Comparison c) {
        switch (c) {
            case IDENT:
                return MPI.IDENT;
            case CONGRUENT:
                return MPI.CONGRUENT;
            case SIMILAR:
                return MPI.SIMILAR;
            default:
                return MPI.UNEQUAL;
        }
    }

    /** Members of either group, those of {@code group1} first (MPI_Group_union). */
    public static Group Union(Group group1, Group group2) {
        return new Group(io.spmd4j.Group.union(group1.group, group2.group));
    }

    /** Members of both groups, in {@code group1}'s order (MPI_Group_intersection). */
    public static Group Intersection(Group group1, Group group2) {
        return new Group(io.spmd4j.Group.intersection(group1.group, group2.group));
    }

    /** Members of {@code group1} not in {@code group2} (MPI_Group_difference). */
    public static Group Difference(Group group1, Group group2) {
        return new Group(io.spmd4j.Group.difference(group1.group, group2.group));
    }

    /** The members {@code ranks[0], ranks[1], ...} in that order (MPI_Group_incl). */
    public Group Incl(int[] ranks) {
        try {
            return new Group(group.incl(ranks));
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** The members except {@code ranks}, in group order (MPI_Group_excl). */
    public Group Excl(int[] ranks) {
        try {
            return new Group(group.excl(ranks));
        } catch (MpiException e) {
            throw MPIException.of(e);
        }
    }

    /** The members of the ranges {@code {first, last, stride}}, in order (MPI_Group_range_incl). */
    public Group Range_incl(int[][] ranges) {
        return Incl(expand(ranges));
    }

    /** The members outside the ranges {@code {first, last, stride}} (MPI_Group_range_excl). */
    public Group Range_excl(int[][] ranges) {
        return Excl(expand(ranges));
    }

    private static int[] expand(int[][] ranges) {
        List<Integer> out = new ArrayList<>();
        for (int[] r : ranges) {
            if (r == null || r.length != 3 || r[2] == 0) {
                throw new MPIException(ErrorClass.ERR_ARG, "a range is {first, last, stride} with stride != 0, got "
                    + java.util.Arrays.toString(r));
            }
            for (int i = r[0]; r[2] > 0 ? i <= r[1] : i >= r[1]; i += r[2]) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Groups hold no resources; kept for MPJ Express compatibility. */
    public void free() {
        // nothing is held
    }

    @Override
    public String toString() {
        return group.toString();
    }
}
