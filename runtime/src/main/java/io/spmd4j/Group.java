package io.spmd4j;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An ordered set of processes (MPI_Group), identified by their world ranks; rank i of the group is
 * its i-th member. Groups are local, immutable values: building one involves no communication.
 * {@link Comm#group()} gives a communicator's group, {@link Comm#create(Group)} makes a
 * communicator of one.
 */
public final class Group {
    private final int[] members;
    private final int self;

    Group(int[] worldRanks, int selfWorldRank) {
        this.members = worldRanks;
        this.self = selfWorldRank;
    }

    /** Number of processes in the group (MPI_Group_size). */
    public int size() {
        return members.length;
    }

    /** This process's rank in the group, or {@link Spmd#UNDEFINED} when it is not a member (MPI_Group_rank). */
    public int rank() {
        int r = Comm.indexOf(members, self);
        return r < 0 ? Spmd.UNDEFINED : r;
    }

    /** The members' world ranks, in group order. */
    int[] worldRanks() {
        return members;
    }

    private void checkRanks(String what, int[] ranks) {
        if (ranks == null) {
            throw new MpiException(ErrorClass.ERR_ARG, what + ": ranks are null");
        }
        boolean[] seen = new boolean[members.length];
        for (int r : ranks) {
            if (r < 0 || r >= members.length) {
                throw new MpiException(ErrorClass.ERR_RANK, what + ": invalid rank " + r + " for a group of size "
                    + members.length);
            }
            if (seen[r]) {
                throw new MpiException(ErrorClass.ERR_RANK, what + ": rank " + r + " appears twice");
            }
            seen[r] = true;
        }
    }

    /** The group of members {@code ranks[0], ranks[1], ...} in that order (MPI_Group_incl). */
    public Group incl(int... ranks) {
        checkRanks("incl", ranks);
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = members[ranks[i]];
        }
        return new Group(out, self);
    }

    /** The group without the members {@code ranks}, the rest in their order (MPI_Group_excl). */
    public Group excl(int... ranks) {
        checkRanks("excl", ranks);
        boolean[] drop = new boolean[members.length];
        for (int r : ranks) {
            drop[r] = true;
        }
        int[] out = new int[members.length - ranks.length];
        int k = 0;
        for (int i = 0; i < members.length; i++) {
            if (!drop[i]) {
                out[k++] = members[i];
            }
        }
        return new Group(out, self);
    }

    /** The members of {@code a}, then those of {@code b} not in {@code a} (MPI_Group_union). */
    public static Group union(Group a, Group b) {
        Set<Integer> out = new LinkedHashSet<>();
        Arrays.stream(a.members).forEach(out::add);
        Arrays.stream(b.members).forEach(out::add);
        return new Group(out.stream().mapToInt(Integer::intValue).toArray(), a.self);
    }

    /** The members of {@code a} that are also in {@code b}, in {@code a}'s order (MPI_Group_intersection). */
    public static Group intersection(Group a, Group b) {
        return new Group(Arrays.stream(a.members).filter(w -> Comm.indexOf(b.members, w) >= 0).toArray(), a.self);
    }

    /** The members of {@code a} that are not in {@code b}, in {@code a}'s order (MPI_Group_difference). */
    public static Group difference(Group a, Group b) {
        return new Group(Arrays.stream(a.members).filter(w -> Comm.indexOf(b.members, w) < 0).toArray(), a.self);
    }

    /**
     * The ranks in {@code other} of this group's members {@code ranks}, with {@link Spmd#UNDEFINED}
     * for a member that is not in {@code other} (MPI_Group_translate_ranks).
     */
    public int[] translateRanks(int[] ranks, Group other) {
        if (ranks == null) {
            throw new MpiException(ErrorClass.ERR_ARG, "translateRanks: ranks are null");
        }
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            int r = ranks[i];
            if (r == Spmd.PROC_NULL) {
                out[i] = Spmd.PROC_NULL;
                continue;
            }
            if (r < 0 || r >= members.length) {
                throw new MpiException(ErrorClass.ERR_RANK, "translateRanks: invalid rank " + r
                    + " for a group of size " + members.length);
            }
            int t = Comm.indexOf(other.members, members[r]);
            out[i] = t < 0 ? Spmd.UNDEFINED : t;
        }
        return out;
    }

    /**
     * Compares two groups (MPI_Group_compare): {@link Comparison#IDENT} for the same members in
     * the same order, {@link Comparison#SIMILAR} in another order, else {@link Comparison#UNEQUAL}.
     */
    public static Comparison compare(Group a, Group b) {
        return compare(a.members, b.members);
    }

    static Comparison compare(int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return Comparison.IDENT;
        }
        if (a.length != b.length) {
            return Comparison.UNEQUAL;
        }
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y) ? Comparison.SIMILAR : Comparison.UNEQUAL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Group && Arrays.equals(((Group) o).members, members);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members);
    }

    @Override
    public String toString() {
        return "Group" + Arrays.toString(members);
    }
}
