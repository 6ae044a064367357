package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.Comm;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.solve.Burgers2D;
import org.junit.jupiter.api.Test;

/** Viscous Burgers 2-D against its Cole-Hopf exact solution. */
class Burgers2DTest {
    private static final double NU = 0.05;
    /** Periodic grids with dx = 1/16, 1/32, 1/64. */
    private static final int[] LEVELS = {16, 32, 64};

    /** dt = dx^2 (a fifth of the diffusive limit), so the O(dt) time error is O(dx^2) too. */
    private static Burgers2D burgers(Comm comm, int n) {
        return new Burgers2D(comm, n, NU, 1.0 / ((double) n * n));
    }

    @Test
    void shouldConvergeAtSecondOrderToTheColeHopfSolution() throws Exception {
        double[] errors = new double[LEVELS.length];
        for (int l = 0; l < LEVELS.length; l++) {
            int n = LEVELS[l];
            ErrorNorms e = Verify.errorAfter(2, comm -> burgers(comm, n), 25 << (2 * l)); // t = 25/256
            errors[l] = e.max();
        }
        // Measured: 1.02e-2, 2.48e-3, 6.20e-4 (ratios 4.10, 4.00).
        assertTrue(errors[2] < 1e-3, "burgers2d max error on 64^2 at t = 0.098: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void shouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> new Burgers2D(comm, 23, NU, Burgers2D.stableDt(23, NU)),
            40);
    }

    @Test
    void shouldRefuseAnUnstableTimeStep() throws Exception {
        MpiException e = assertThrows(MpiException.class,
            () -> Ranks.root(1, comm -> new Burgers2D(comm, 100, NU, 1e-3)));
        assertTrue(e.getMessage().contains("unstable time step dt=0.001") && e.getMessage().contains("= 5.0E-4"),
            e.getMessage());
    }
}
