package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.Comm;
import io.spmd4j.MpiException;
import io.spmd4j.kernels.solve.FokkerPlanck1D;
import io.spmd4j.kernels.solve.KuramotoSivashinsky1D;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 1-D solvers of the seed study, split over the ranks like the others: Kuramoto-Sivashinsky
 * against a manufactured solution and Fokker-Planck (Ornstein-Uhlenbeck) against the exact Gaussian.
 */
class OneDimensionalSolverTest {
    /** Periodic grids on [0, 2 pi) with dx halving. */
    private static final int[] KS_LEVELS = {32, 64, 128};
    /** Simulated time of the KS convergence runs. */
    private static final double KS_TIME = 0.01;
    /** Cell counts on [-8, 8] with dx = 1/4, 1/8, 1/16. */
    private static final int[] FP_LEVELS = {64, 128, 256};

    /** dt = dx^4 / 16 (half the limit): the time error O(dx^4) is far below the space error. */
    private static KuramotoSivashinsky1D ks(Comm comm, int n) {
        return new KuramotoSivashinsky1D(comm, n, KuramotoSivashinsky1D.stableDt(n) / 2);
    }

    @Test
    void kuramotoSivashinskyShouldConvergeAtSecondOrderToTheManufacturedSolution() throws Exception {
        double[] errors = new double[KS_LEVELS.length];
        for (int l = 0; l < KS_LEVELS.length; l++) {
            int n = KS_LEVELS[l];
            int steps = (int) Math.ceil(KS_TIME / (KuramotoSivashinsky1D.stableDt(n) / 2));
            errors[l] = Verify.errorAfter(2, comm -> ks(comm, n), steps).max();
        }
        // Measured: 1.73e-3, 4.34e-4, 1.09e-4 (ratios 3.98, 3.98).
        assertTrue(errors[2] < 2e-4, "ks1d max error on 128 points at t = 0.01: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void kuramotoSivashinskyShouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> ks(comm, 40), 300);
    }

    /** dt = dx^2 / 4 (about half the limit) and t = 1/4. */
    private static FokkerPlanck1D fp(Comm comm, int n) {
        double dx = 2 * FokkerPlanck1D.HALF_WIDTH / n;
        return new FokkerPlanck1D(comm, n, 1.0, 1.0, dx * dx / 4);
    }

    @Test
    void fokkerPlanckShouldConvergeAtSecondOrderToTheExactGaussian() throws Exception {
        double[] errors = new double[FP_LEVELS.length];
        for (int l = 0; l < FP_LEVELS.length; l++) {
            int n = FP_LEVELS[l];
            errors[l] = Verify.errorAfter(2, comm -> fp(comm, n), 16 << (2 * l)).max();
        }
        // Measured: 1.08e-3, 2.66e-4, 6.70e-5 (ratios 4.07, 3.97); the peak density is about 0.5.
        assertTrue(errors[2] < 1e-4, "fp1d max error on 256 cells at t = 0.25: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void fokkerPlanckShouldConserveMassToRounding() throws Exception {
        List<double[]> masses = Ranks.run(3, comm -> {
            FokkerPlanck1D s = fp(comm, 96);
            double before = s.mass();
            for (int k = 0; k < 2000; k++) {
                s.step();
            }
            return new double[] {before, s.mass()};
        });
        double before = masses.get(0)[0];
        double after = masses.get(0)[1];
        assertEquals(1.0, before, 1e-12, "initial mass of the sampled Gaussian");
        assertEquals(before, after, 1e-13, "mass after 2000 steps (t = 0.35)");
    }

    @Test
    void fokkerPlanckShouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> fp(comm, 70), 60);
    }

    @Test
    void shouldRefuseUnstableStepsAndCoarseGridsNamingTheLimit() throws Exception {
        MpiException ks = assertThrows(MpiException.class,
            () -> Ranks.root(1, comm -> new KuramotoSivashinsky1D(comm, 64, 1e-3)));
        assertTrue(ks.getMessage().contains("dt <= dx^4 / 8"), ks.getMessage());
        MpiException coarse = assertThrows(MpiException.class,
            () -> Ranks.root(1, comm -> new FokkerPlanck1D(comm, 32, 1.0, 1.0, 1e-4)));
        assertTrue(coarse.getMessage().contains("use at least 64 cells"), coarse.getMessage());
        MpiException fp = assertThrows(MpiException.class,
            () -> Ranks.root(1, comm -> new FokkerPlanck1D(comm, 64, 1.0, 1.0, 0.1)));
        assertTrue(fp.getMessage().contains("unstable time step dt=0.1"), fp.getMessage());
    }
}
