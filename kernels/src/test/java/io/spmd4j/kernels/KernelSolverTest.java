package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.MpiException;
import io.spmd4j.kernels.grid.ErrorNorms;
import io.spmd4j.kernels.solve.Heat;
import io.spmd4j.kernels.solve.Poisson;
import io.spmd4j.kernels.solve.Simulation;
import io.spmd4j.kernels.solve.Wave2D;
import io.spmd4j.Comm;
import org.junit.jupiter.api.Test;

/**
 * Every solver against its exact solution: error bounds, second-order convergence (error ratio about
 * 4 per halving of dx, with dt scaled to keep the time error of the same order), and independence of
 * the rank count.
 */
class KernelSolverTest {
    /** Grids with dx = 1/16, 1/32, 1/64 (dx halves from one to the next). */
    private static final int[] LEVELS_2D = {15, 31, 63};
    /** Grids with dx = 1/8, 1/16, 1/32. */
    private static final int[] LEVELS_3D = {7, 15, 31};
    private static Simulation heat2d(Comm comm, int level) {
        int n = LEVELS_2D[level];
        double dx = Heat.spacing(n);
        return new Heat(comm, 2, n, 1.0, 0.2 * dx * dx);
    }

    private static Simulation heat3d(Comm comm, int level) {
        int n = LEVELS_3D[level];
        double dx = Heat.spacing(n);
        return new Heat(comm, 3, n, 1.0, 0.1 * dx * dx);
    }

    private static Simulation wave2d(Comm comm, int level) {
        int n = LEVELS_2D[level];
        return new Wave2D(comm, n, 1.0, 0.5 * Heat.spacing(n));
    }

    @Test
    void heat2dShouldConvergeAtSecondOrderToTheDecayingMode() throws Exception {
        double[] errors = new double[LEVELS_2D.length];
        for (int l = 0; l < errors.length; l++) {
            int level = l;
            ErrorNorms e = Verify.errorAfter(2, comm -> heat2d(comm, level), 25 << (2 * l)); // dt ~ dx^2: 4x steps
            errors[l] = e.max();
            assertTrue(e.rms() <= e.max());
        }
        // Leading error 2 pi^4 (dt - dx^2 / 12) t u: with dt = 0.2 dx^2, t = 0.0195, dx = 1/64 about 7.4e-5.
        assertTrue(errors[2] < 1e-4, "heat2d max error on 63^2: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void heat3dShouldConvergeAtSecondOrderToTheDecayingMode() throws Exception {
        double[] errors = new double[LEVELS_3D.length];
        for (int l = 0; l < errors.length; l++) {
            int level = l;
            errors[l] = Verify.errorAfter(2, comm -> heat3d(comm, level), 10 << (2 * l)).max();
        }
        assertTrue(errors[2] < 1e-3, "heat3d max error on 31^3: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void wave2dShouldConvergeAtSecondOrderToTheStandingWave() throws Exception {
        double[] errors = new double[LEVELS_2D.length];
        for (int l = 0; l < errors.length; l++) {
            int level = l;
            errors[l] = Verify.errorAfter(2, comm -> wave2d(comm, level), 20 << l).max(); // dt ~ dx: 2x steps
        }
        assertTrue(errors[2] < 2e-3, "wave2d max error on 63^2: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    /** Max errors of CG solutions (relative residual 1e-12) on 2 ranks at each grid size. */
    private static double[] poissonErrors(int ndims, int[] levels) throws Exception {
        double[] errors = new double[levels.length];
        for (int l = 0; l < errors.length; l++) {
            int n = levels[l];
            errors[l] = Ranks.root(2, comm -> {
                Poisson p = new Poisson(comm, ndims, n);
                Poisson.Result r = p.solveCg(1e-12, 10_000);
                if (!r.converged()) {
                    throw new AssertionError("CG did not converge: " + r);
                }
                return p.error().max();
            });
        }
        return errors;
    }

    @Test
    void poissonCgShouldConvergeAtSecondOrderToTheExactSolution() throws Exception {
        double[] errors = poissonErrors(2, LEVELS_2D);
        // Measured: 3.62e-4, 9.07e-5, 2.27e-5.
        assertTrue(errors[2] < 3e-5, "poisson2d max error on 63^2: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    @Test
    void poisson3dCgShouldConvergeAtSecondOrderToTheExactSolution() throws Exception {
        double[] errors = poissonErrors(3, LEVELS_3D);
        // Measured: 6.17e-4, 1.56e-4, 3.93e-5.
        assertTrue(errors[2] < 5e-5, "poisson3d max error on 31^3: " + errors[2]);
        Verify.assertSecondOrder(errors);
    }

    /** Max |CG - Jacobi| over the grid after both converge on {@code np} ranks; Jacobi must need more iterations. */
    private static double jacobiVersusCg(int np, int ndims, int n) throws Exception {
        return Ranks.root(np, comm -> {
            Poisson cg = new Poisson(comm, ndims, n);
            Poisson jac = new Poisson(comm, ndims, n);
            Poisson.Result rc = cg.solveCg(1e-12, 1000);
            Poisson.Result rj = jac.solveJacobi(1e-10, 100_000);
            if (!rc.converged() || !rj.converged() || rj.iterations() <= rc.iterations()) {
                throw new AssertionError("cg " + rc + ", jacobi " + rj);
            }
            double[] a = cg.grid().gather(cg.field(), 0);
            double[] b = jac.grid().gather(jac.field(), 0);
            return a == null ? null : maxDiff(a, b);
        });
    }

    @Test
    void jacobiShouldReachTheSameDiscreteSolutionAsCg() throws Exception {
        double diff = jacobiVersusCg(2, 2, 15);
        assertTrue(diff < 1e-8, "max |cg - jacobi| = " + diff);
    }

    @Test
    void jacobi3dShouldReachTheSameDiscreteSolutionAsCg() throws Exception {
        double diff = jacobiVersusCg(3, 3, 9);
        assertTrue(diff < 1e-8, "max |cg - jacobi| = " + diff);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void cgShouldTakeTheSameIterationsOnAnyRankCount() throws Exception {
        assertSameIterationsOnOneToFourRanks(2, 47);
    }

    @Test
    void cg3dShouldTakeTheSameIterationsOnAnyRankCount() throws Exception {
        assertSameIterationsOnOneToFourRanks(3, 19);
    }

    private static void assertSameIterationsOnOneToFourRanks(int ndims, int n) throws Exception {
        int[] iterations = new int[4];
        for (int np = 1; np <= 4; np++) {
            iterations[np - 1] = Ranks.root(np, comm -> new Poisson(comm, ndims, n).solveCg(1e-10, 10_000).iterations());
        }
        for (int np = 2; np <= 4; np++) {
            assertTrue(Math.abs(iterations[np - 1] - iterations[0]) <= 1, "CG iterations by rank count 1..4: "
                + java.util.Arrays.toString(iterations));
        }
        assertTrue(iterations[0] > 10, "CG iterations: " + iterations[0]);
    }

    @Test
    void heat2dShouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> new Heat(comm, 2, 23, 1.0, Heat.stableDt(2, 23, 1.0) * 0.9), 40);
    }

    @Test
    void heat3dShouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> new Heat(comm, 3, 11, 1.0, Heat.stableDt(3, 11, 1.0) * 0.9), 20);
    }

    @Test
    void wave2dShouldGiveBitwiseIdenticalFieldsOnOneToFourRanks() throws Exception {
        Verify.assertBitwiseIdenticalOnOneToFourRanks(comm -> new Wave2D(comm, 23, 1.0, Wave2D.stableDt(23, 1.0) * 0.9), 40);
    }

    @Test
    void shouldRefuseAnUnstableTimeStepNamingDtDxAndTheLimit() throws Exception {
        MpiException e = assertThrows(MpiException.class,
            () -> Ranks.root(1, comm -> new Heat(comm, 2, 99, 1.0, 1e-4)));
        assertTrue(e.getMessage().contains("dt=1.0E-4") && e.getMessage().contains("dx=0.01")
            && e.getMessage().contains("dt <= dx^2 / (4 alpha) = 2.5E-5"), e.getMessage());
    }
}
