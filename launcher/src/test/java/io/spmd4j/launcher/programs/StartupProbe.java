package io.spmd4j.launcher.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import java.time.Instant;

/**
 * The trivial job of the start-up benchmark: joins the job, passes one barrier and prints
 * {@code barrier R EPOCH_NS}, the wall-clock time right after the barrier, then finalizes. The
 * benchmark takes the latest of these times minus the moment it started the launcher.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /** Runs the probe. */
    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            world.barrier();
            Instant now = Instant.now();
            System.out.println("barrier " + world.rank() + " " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        }
    }
}
