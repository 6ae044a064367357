package io.spmd4j.launcher.programs;

import io.spmd4j.Comm;
import io.spmd4j.Op;
import io.spmd4j.Spmd;

/**
 * A multi-host check: every rank joins the job (under spmdrun or a bare srun), sums the ranks with an
 * allreduce, passes a barrier and prints {@code rank R of N on HOST pid P sum S}; then, by its
 * arguments, exits 0 ({@code ok}, the default), has rank R exit with CODE ({@code fail R CODE}), or
 * waits to be ended ({@code sleep}). Used by the integration scripts under {@code .ci/integration}.
 */
public final class HostCheck {
    private HostCheck() {
    }

    /** Runs the check; see the class comment. */
    @SuppressWarnings("try") // the try only finalizes
    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "ok";
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            long[] sum = new long[1];
            world.allreduce(new long[] {world.rank()}, 0, sum, 0, 1, Op.SUM);
            world.barrier();
            System.out.println("rank " + world.rank() + " of " + world.size() + " on " + Spmd.processorName()
                + " pid " + ProcessHandle.current().pid() + " sum " + sum[0]);
            System.out.flush();
            if (mode.equals("fail") && world.rank() == Integer.parseInt(args[1])) {
                System.err.println("rank " + world.rank() + " failing with " + args[2]);
                System.exit(Integer.parseInt(args[2]));
            }
            if (mode.equals("sleep") || mode.equals("fail")) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
