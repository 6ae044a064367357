package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.farm.Farm;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A rank dies in the middle of a map: the first task from 10 on that runs on a rank other than 0
 * ends its JVM (with {@code --threads}, the job's one JVM) with exit code 3. The job must end with
 * that code and the dying rank must name the tasks it held.
 */
public final class FarmDeadWorkerProgram {
    /** The exit code of the dying rank. */
    public static final int EXIT = 3;

    private FarmDeadWorkerProgram() {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Comm w = Spmd.world();
            List<Integer> inputs = IntStream.range(0, 400).boxed().collect(Collectors.toList());
            Farm.map(w, inputs, x -> {
                if (x >= 10 && w.rank() != 0) {
                    System.exit(EXIT);
                }
                Thread.sleep(20);
                return x;
            });
            System.out.println("the map finished although a rank died");
        }
    }
}
