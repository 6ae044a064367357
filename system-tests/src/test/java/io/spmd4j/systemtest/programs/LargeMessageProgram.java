package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.Status;

/**
 * {@code LargeMessageProgram <doubles>}: rank 0 sends an array of that many doubles to every other
 * rank in turn; each receiver checks a checksum and samples. 300,000,000 doubles is 2.4 GB, past
 * the 2 GiB mark.
 */
public final class LargeMessageProgram {
    private LargeMessageProgram() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            double[] a = new double[n];
            if (w.rank() == 0) {
                for (int i = 0; i < n; i++) {
                    a[i] = value(i);
                }
                for (int dest = 1; dest < w.size(); dest++) {
                    w.send(a, 0, n, dest, 3);
                }
                System.out.println("large ok sent " + (8L * n) + " bytes to " + (w.size() - 1) + " ranks");
            } else {
                Status s = w.recv(a, 0, n, 0, 3);
                Check.equal(8L * n, s.bytes(), "bytes");
                Check.equal(n, s.count(), "count");
                for (int i = 0; i < n; i += Math.max(1, n / 1_000_003)) {
                    Check.that(a[i] == value(i), "element " + i + " is " + a[i]);
                }
                Check.that(a[n - 1] == value(n - 1), "last element");
            }
        }
    }

    private static double value(int i) {
        return i * 0.25 - 7;
    }
}
