package io.spmd4j.systemtest.programs;

import io.spmd4j.CartComm;
import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Request;
import io.spmd4j.Spmd;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The collective and communicator layer across real processes: split and dup, every data
 * movement collective, reductions large enough for the bandwidth algorithms, bitwise agreement of a
 * floating-point allreduce on every rank, a nonblocking allreduce, object collectives, and a
 * periodic Cartesian halo exchange. Prints "collective suite ok" on rank 0.
 */
public final class CollectiveSuiteProgram {
    private CollectiveSuiteProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            int p = w.size();
            int r = w.rank();
            Comm odd = w.split(r % 2, -r);
            int[] members = new int[odd.size()];
            odd.allgather(new int[] {r}, 0, 1, members, 0);
            Check.equal(r, members[odd.rank()], "split puts this rank at its key order");
            Comm dup = w.dup();

            int n = 1 << 20; // 8 MiB of doubles: halving and doubling
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.sin(i * 0.1 + r) * Math.pow(10, (i + r) % 13 - 6);
            }
            double[] sum = new double[n];
            Request pending = dup.iallreduce(x, 0, sum, 0, n, Op.SUM);
            double[] sum2 = new double[n];
            w.allreduce(x, 0, sum2, 0, n, Op.SUM);
            pending.await();
            Check.that(Arrays.equals(sum, sum2), "blocking and nonblocking allreduce agree bitwise");
            double[] first = new double[64];
            System.arraycopy(sum, 0, first, 0, 64);
            double[] rootCopy = first.clone();
            w.bcast(rootCopy, 0, 64, 0);
            Check.that(Arrays.equals(first, rootCopy), "every rank holds rank 0's bits");

            long[] all = new long[3 * p];
            w.allgather(new long[] {r, r * r, -r}, 0, 3, all, 0);
            int[] sendTo = new int[p];
            int[] recvFrom = new int[p];
            for (int j = 0; j < p; j++) {
                Check.equal(j * j, all[3 * j + 1], "allgather");
                sendTo[j] = r * 100 + j;
            }
            w.alltoall(sendTo, 0, 1, recvFrom, 0);
            for (int i = 0; i < p; i++) {
                Check.equal(i * 100 + r, recvFrom[i], "alltoall");
            }
            int[] block = new int[2];
            int[] vec = IntStream.range(0, 2 * p).map(i -> i + r).toArray();
            w.reduceScatterBlock(vec, 0, block, 0, 2, Op.SUM);
            Check.equal(2L * r * p + (long) p * (p - 1) / 2, block[0], "reduceScatterBlock");
            long[] prefix = new long[1];
            w.scan(new long[] {r + 1}, 0, prefix, 0, 1, Op.SUM);
            Check.equal((long) (r + 1) * (r + 2) / 2, prefix[0], "scan");
            int[] gathered = new int[p];
            w.gather(new int[] {r * 3}, 0, 1, gathered, 0, p - 1);
            if (r == p - 1) {
                for (int i = 0; i < p; i++) {
                    Check.equal(i * 3, gathered[i], "gather");
                }
            }
            List<String> names = w.allgatherObject("rank" + r);
            Check.that(names.equals(IntStream.range(0, p).mapToObj(i -> "rank" + i).toList()), "allgatherObject");
            Check.that(String.join("", names).equals(w.allreduceObject("rank" + r, String::concat)), "allreduceObject");

            CartComm ring = w.createCart(CartComm.dimsCreate(p, new int[1]), new boolean[] {true}, false);
            double[] u = {-1, r, r + 0.5, -1};
            ring.haloExchange(0, 3, u, 1, 1, 0, 2, 3);
            CartComm.Shift s = ring.shift(0, 1);
            Check.that(u[0] == s.source() + 0.5 && u[3] == s.dest(), "halo exchange " + Arrays.toString(u));

            ring.free();
            dup.free();
            odd.free();
            w.barrier();
            if (r == 0) {
                System.out.println("collective suite ok");
            }
        }
    }
}
