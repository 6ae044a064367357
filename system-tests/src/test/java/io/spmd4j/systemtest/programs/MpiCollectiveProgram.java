package io.spmd4j.systemtest.programs;

import java.util.Arrays;
import mpi.CartParms;
import mpi.Cartcomm;
import mpi.Datatype;
import mpi.Group;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Op;
import mpi.ShiftParms;
import mpi.User_function;

/**
 * Conformance of the mpiJava 1.2 collective, communicator, group and topology API, written from
 * the specification: every collective with non-zero offsets, the v-variants with uneven counts,
 * MINLOC with a pair type, a non-commutative user operation (which must combine in rank order),
 * object collectives, Split, Create, Dup, group algebra, Create_cart, Shift at the edges, Sub and
 * Dims_create. Each check is a named case ({@link MpiCases}) reported on its own line; prints
 * "mpi collectives ok" on rank 0 when every case passed.
 */
public final class MpiCollectiveProgram {
    private MpiCollectiveProgram() {
    }

    public static void main(String[] args) throws MPIException {
        MpiCases cases = new MpiCases("collective", MPI.Init(args));
        Intracomm w = MPI.COMM_WORLD;
        int p = w.Size();
        int r = w.Rank();
        int root = p - 1;

        cases.run("Bcast-with-offset", () -> {
            int[] b = new int[6];
            if (r == root) {
                b[2] = 7;
                b[3] = 8;
            }
            w.Bcast(b, 2, 2, MPI.INT, root);
            Check.that(b[2] == 7 && b[3] == 8 && b[1] == 0, "Bcast with an offset " + Arrays.toString(b));
        });

        // Reduce / Allreduce with offsets; Scan
        cases.run("Reduce-with-offsets", () -> {
            long[] sum = new long[3];
            w.Reduce(new long[] {-1, r, 1}, 1, sum, 1, 2, MPI.LONG, MPI.SUM, 0);
            if (r == 0) {
                Check.equal((long) p * (p - 1) / 2, sum[1], "Reduce sum");
                Check.equal(p, sum[2], "Reduce sum of ones");
            }
        });
        cases.run("Allreduce-MAX", () -> {
            double[] max = new double[1];
            w.Allreduce(new double[] {r * 1.5}, 0, max, 0, 1, MPI.DOUBLE, MPI.MAX);
            Check.that(max[0] == (p - 1) * 1.5, "Allreduce max " + max[0]);
        });
        cases.run("Scan-SUM", () -> {
            int[] scan = new int[1];
            w.Scan(new int[] {r + 1}, 0, scan, 0, 1, MPI.INT, MPI.SUM);
            Check.equal((long) (r + 1) * (r + 2) / 2, scan[0], "Scan");
        });

        // MINLOC over value/index pairs: smallest value, smallest index among ties
        cases.run("Allreduce-MINLOC-INT2", () -> {
            int[] loc = new int[2];
            w.Allreduce(new int[] {Math.abs(r - 1), r}, 0, loc, 0, 1, MPI.INT2, MPI.MINLOC);
            Check.that(loc[0] == 0 && loc[1] == 1, "MINLOC " + Arrays.toString(loc));
        });
        cases.run("Allreduce-MAXLOC-DOUBLE2", () -> {
            double[] mloc = new double[2];
            w.Allreduce(new double[] {r % 2, r}, 0, mloc, 0, 1, MPI.DOUBLE2, MPI.MAXLOC);
            Check.that(mloc[0] == 1 && mloc[1] == 1, "MAXLOC " + Arrays.toString(mloc));
        });

        // a non-commutative, associative user op: "first of": a op b = a; in rank order the result is
        // rank 0's value on every rank (reverse order would give the last rank's)
        Op firstOf = new Op(new User_function() {
            @Override
            public void Call(Object in, int io, Object inout, int ioo, int count, Datatype type) {
                long[] a = (long[]) in;
                long[] c = (long[]) inout;
                for (int i = 0; i < count; i++) {
                    c[ioo + i] = a[io + i];
                }
            }
        }, false);
        cases.run("Allreduce-noncommutative-user-op", () -> {
            long[] first = new long[1];
            w.Allreduce(new long[] {r + 1}, 0, first, 0, 1, MPI.LONG, firstOf);
            Check.equal(1, first[0], "a non-commutative user op combines in rank order");
        });
        cases.run("Scan-noncommutative-user-op", () -> {
            long[] prefix = new long[1];
            w.Scan(new long[] {r + 1}, 0, prefix, 0, 1, MPI.LONG, firstOf);
            Check.equal(1, prefix[0], "Scan with a non-commutative user op");
        });

        // Gather / Scatter / Allgather / Alltoall with offsets
        cases.run("Gather-with-offsets", () -> {
            int[] gathered = new int[1 + 2 * p];
            w.Gather(new int[] {0, r, -r}, 1, 2, MPI.INT, gathered, 1, 2, MPI.INT, root);
            if (r == root) {
                for (int i = 0; i < p; i++) {
                    Check.that(gathered[1 + 2 * i] == i && gathered[2 + 2 * i] == -i,
                        "Gather block " + i + ": " + Arrays.toString(gathered));
                }
            }
        });
        cases.run("Scatter-with-offsets", () -> {
            int[] piece = new int[2];
            int[] src = new int[p + 1];
            for (int i = 0; i < p; i++) {
                src[i + 1] = 100 + i;
            }
            w.Scatter(src, 1, 1, MPI.INT, piece, 1, 1, MPI.INT, 0);
            Check.equal(100 + r, piece[1], "Scatter");
        });
        cases.run("Allgather-FLOAT", () -> {
            float[] everyone = new float[p];
            w.Allgather(new float[] {r}, 0, 1, MPI.FLOAT, everyone, 0, 1, MPI.FLOAT);
            for (int i = 0; i < p; i++) {
                Check.that(everyone[i] == i, "Allgather " + i + ": " + Arrays.toString(everyone));
            }
        });
        cases.run("Alltoall-SHORT", () -> {
            short[] toAll = new short[p];
            short[] fromAll = new short[p];
            for (int j = 0; j < p; j++) {
                toAll[j] = (short) (r * 10 + j);
            }
            w.Alltoall(toAll, 0, 1, MPI.SHORT, fromAll, 0, 1, MPI.SHORT);
            for (int i = 0; i < p; i++) {
                Check.equal(i * 10 + r, fromAll[i], "Alltoall " + i);
            }
        });

        // v-variants: rank i contributes i+1 elements
        int[] counts = new int[p];
        int[] displs = new int[p];
        int[] all = new int[p * (p + 1) / 2];
        for (int i = 0, total = 0; i < p; i++) {
            counts[i] = i + 1;
            displs[i] = total;
            Arrays.fill(all, total, total + i + 1, i);
            total += i + 1;
        }
        int[] mine = new int[r + 1];
        Arrays.fill(mine, r);
        cases.run("Gatherv-uneven", () -> {
            int[] gv = new int[all.length];
            w.Gatherv(mine, 0, r + 1, MPI.INT, gv, 0, counts, displs, MPI.INT, 0);
            Check.that(r != 0 || Arrays.equals(all, gv), "Gatherv " + Arrays.toString(gv));
        });
        cases.run("Allgatherv-uneven", () -> {
            int[] agv = new int[all.length];
            w.Allgatherv(mine, 0, r + 1, MPI.INT, agv, 0, counts, displs, MPI.INT);
            Check.that(Arrays.equals(all, agv), "Allgatherv " + Arrays.toString(agv));
        });
        cases.run("Scatterv-uneven", () -> {
            int[] sv = new int[r + 1];
            w.Scatterv(all, 0, counts, displs, MPI.INT, sv, 0, r + 1, MPI.INT, 0);
            Check.that(Arrays.equals(mine, sv), "Scatterv " + Arrays.toString(sv));
        });
        cases.run("Reduce_scatter-uneven", () -> {
            int[] rsIn = new int[all.length];
            Arrays.fill(rsIn, 1);
            int[] rsOut = new int[r + 1];
            w.Reduce_scatter(rsIn, 0, rsOut, 0, counts, MPI.INT, MPI.SUM);
            for (int v : rsOut) {
                Check.equal(p, v, "Reduce_scatter " + Arrays.toString(rsOut));
            }
        });
        cases.run("Alltoallv-reversed-displs", () -> {
            int[] a2aCounts = new int[p];
            int[] a2aDispls = new int[p];
            for (int j = 0; j < p; j++) {
                a2aCounts[j] = 1;
                a2aDispls[j] = p - 1 - j; // reversed layout
            }
            int[] a2aIn = new int[p];
            int[] a2aOut = new int[p];
            for (int j = 0; j < p; j++) {
                a2aOut[p - 1 - j] = r * 100 + j;
            }
            w.Alltoallv(a2aOut, 0, a2aCounts, a2aDispls, MPI.INT, a2aIn, 0, a2aCounts, a2aDispls, MPI.INT);
            for (int i = 0; i < p; i++) {
                Check.equal(i * 100 + r, a2aIn[p - 1 - i], "Alltoallv from " + i);
            }
        });

        // objects
        cases.run("Bcast-OBJECT-with-offset", () -> {
            Object[] greeting = new Object[2];
            if (r == 0) {
                greeting[1] = "hello";
            }
            w.Bcast(greeting, 1, 1, MPI.OBJECT, 0);
            Check.that("hello".equals(greeting[1]), "Bcast of an object " + Arrays.toString(greeting));
        });
        cases.run("Allgather-OBJECT", () -> {
            Object[] names = new Object[p];
            w.Allgather(new Object[] {"r" + r}, 0, 1, MPI.OBJECT, names, 0, 1, MPI.OBJECT);
            Check.that(("r" + (p - 1)).equals(names[p - 1]), "Allgather of objects " + Arrays.toString(names));
        });
        cases.run("Allreduce-OBJECT-noncommutative-user-op", () -> {
            Op join = new Op(new User_function() {
                @Override
                public void Call(Object in, int io, Object inout, int ioo, int count, Datatype type) {
                    Object[] a = (Object[]) in;
                    Object[] c = (Object[]) inout;
                    for (int i = 0; i < count; i++) {
                        c[ioo + i] = a[io + i] + "," + c[ioo + i];
                    }
                }
            }, false);
            Object[] joined = new Object[1];
            w.Allreduce(new Object[] {"" + r}, 0, joined, 0, 1, MPI.OBJECT, join);
            StringBuilder order = new StringBuilder("0");
            for (int i = 1; i < p; i++) {
                order.append(',').append(i);
            }
            Check.that(order.toString().equals(joined[0]), "object reduction in rank order: " + joined[0]);
        });

        // communicators and groups
        cases.run("Split-by-color-and-key", () -> {
            Intracomm half = w.Split(r % 2, -r);
            Check.equal((p - (r % 2) + 1) / 2, half.Size(), "Split size");
            int[] lead = new int[1];
            if (half.Rank() == 0) {
                lead[0] = r;
            }
            half.Bcast(lead, 0, 1, MPI.INT, 0);
            Check.equal(p - 1 - ((p - 1 - r % 2) % 2), lead[0],
                "Split orders by key: the highest rank of the color leads");
        });
        cases.run("Split-UNDEFINED-gives-null", () ->
            Check.that(w.Split(MPI.UNDEFINED, 0) == null, "Split with UNDEFINED gives null"));
        cases.run("clone-is-CONGRUENT", () -> {
            Intracomm dup = (Intracomm) w.clone();
            Check.equal(MPI.CONGRUENT, mpi.Comm.Compare(w, dup), "a duplicate is congruent");
        });
        Group[] evens = new Group[1];
        cases.run("Group-algebra", () -> {
            Group g = w.Group();
            evens[0] = g.Range_incl(new int[][] {{0, p - 1, 2}});
            Group odds = Group.Difference(g, evens[0]);
            Check.equal(p, Group.Union(evens[0], odds).Size(), "union of evens and odds");
            Check.equal(0, Group.Intersection(evens[0], odds).Size(), "evens and odds are disjoint");
            int[] inWorld = Group.Translate_ranks(odds, new int[] {0}, g);
            Check.equal(1, inWorld[0], "odd rank 0 is world rank 1");
        });
        cases.run("Create-from-group", () -> {
            Intracomm evenComm = w.Create(evens[0]);
            Check.that((evenComm != null) == (r % 2 == 0), "Create gives null outside the group");
            if (evenComm != null) {
                Check.equal(r / 2, evenComm.Rank(), "rank in the created communicator");
                evenComm.Free();
            }
        });

        // topology
        int[] dims = new int[2];
        Cartcomm[] grid = new Cartcomm[1];
        cases.run("Dims_create-Create_cart", () -> {
            Cartcomm.Dims_create(p, dims);
            Check.equal(p, dims[0] * dims[1], "Dims_create covers every rank");
            grid[0] = w.Create_cart(dims, new boolean[] {false, true}, false);
            Check.equal(MPI.CART, grid[0].Topo_test(), "Topo_test");
            CartParms parms = grid[0].Get();
            Check.equal(grid[0].Rank(), grid[0].Rank(parms.coords), "Rank of own coordinates");
        });
        cases.run("Shift-non-periodic-edge-is-PROC_NULL", () -> {
            int[] coords = grid[0].Get().coords;
            ShiftParms down = grid[0].Shift(0, 1);
            if (coords[0] == dims[0] - 1) {
                Check.equal(MPI.PROC_NULL, down.rank_dest, "Shift off a non-periodic edge gives PROC_NULL");
            }
            if (coords[0] == 0) {
                Check.equal(MPI.PROC_NULL, down.rank_source, "Shift off the low edge gives PROC_NULL");
            }
        });
        cases.run("Cartcomm-Sendrecv-halo", () -> {
            ShiftParms down = grid[0].Shift(0, 1);
            int[] halo = new int[1];
            grid[0].Sendrecv(new int[] {grid[0].Rank()}, 0, 1, MPI.INT, down.rank_dest, 50, halo, 0, 1, MPI.INT,
                down.rank_source, 50);
            if (down.rank_source != MPI.PROC_NULL) {
                Check.equal(down.rank_source, halo[0], "halo from the neighbour below");
            }
        });
        cases.run("Cartcomm-Sub", () -> {
            Cartcomm row = grid[0].Sub(new boolean[] {false, true});
            Check.equal(dims[1], row.Size(), "Sub keeps one dimension");
        });

        cases.finish("mpi collectives ok");
        MPI.Finalize();
    }
}
