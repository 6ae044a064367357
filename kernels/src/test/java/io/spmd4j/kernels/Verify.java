package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.Comm;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.solve.Simulation;
import java.util.Arrays;
import java.util.function.Function;

/** The checks every time-stepping solver passes: error after a run, convergence order, rank independence. */
final class Verify {
    /** Bounds on the error ratio per halving of dx for a second-order scheme. */
    static final double MIN_RATIO = 3.6;
    static final double MAX_RATIO = 4.4;

    private Verify() {
    }

    /** Runs until {@code steps} steps are done and returns the error at the end, on {@code np} ranks. */
    static ErrorNorms errorAfter(int np, Function<Comm, Simulation> make, int steps) throws Exception {
        return Ranks.root(np, comm -> {
            Simulation s = make.apply(comm);
            while (s.steps() < steps) {
                s.step();
            }
            return s.error();
        });
    }

    /** Asserts that the error falls by about 4 from each level to the next (dx halves). */
    static void assertSecondOrder(double[] errors) {
        for (int l = 1; l < errors.length; l++) {
            double ratio = errors[l - 1] / errors[l];
            assertTrue(ratio > MIN_RATIO && ratio < MAX_RATIO, "error ratio " + ratio + " between levels "
                + (l - 1) + " and " + l + " (errors " + Arrays.toString(errors) + ")");
        }
    }

    /** The global field after {@code steps} steps on {@code np} ranks (at rank 0). */
    static double[] fieldAfter(int np, Function<Comm, Simulation> make, int steps) throws Exception {
        return Ranks.root(np, comm -> {
            Simulation s = make.apply(comm);
            while (s.steps() < steps) {
                s.step();
            }
            return s.grid().gather(s.field(), 0);
        });
    }

    /** Asserts that two global fields are equal bit for bit. */
    static void assertBitwiseEqual(double[] want, double[] got, String what) {
        assertNotNull(want);
        assertNotNull(got);
        if (want.length != got.length) {
            throw new AssertionError(what + ": " + got.length + " points, want " + want.length);
        }
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                throw new AssertionError(what + ": differs at point " + i + ": " + got[i] + " != " + want[i]);
            }
        }
    }

    /** Asserts that 2, 3 and 4 ranks give the field of 1 rank, bit for bit. */
    static void assertBitwiseIdenticalOnOneToFourRanks(Function<Comm, Simulation> make, int steps) throws Exception {
        double[] one = fieldAfter(1, make, steps);
        for (int np = 2; np <= 4; np++) {
            assertBitwiseEqual(one, fieldAfter(np, make, steps), "field on " + np + " ranks");
        }
    }
}
