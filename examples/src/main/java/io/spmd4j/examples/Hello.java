package io.spmd4j.examples;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;

/** Hello world: every rank says who and where it is. */
public final class Hello {
    private Hello() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm world = Spmd.world();
            System.out.printf("hello from rank %d of %d on %s%n", world.rank(), world.size(), Spmd.processorName());
        }
    }
}
