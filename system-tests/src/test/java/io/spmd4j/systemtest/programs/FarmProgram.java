package io.spmd4j.systemtest.programs;

import io.spmd4j.Comm;
import io.spmd4j.Spmd;
import io.spmd4j.codec.JavaSerializationCodec;
import io.spmd4j.farm.Farm;
import io.spmd4j.farm.FarmResult;
import io.spmd4j.farm.TaskException;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Farm maps in a real job: numbers in input order on every rank, objects of the program's own class
 * through the codec (allowed by the program, as a user would), and collected failures; rank 0 prints
 * {@code farm ok SUM}.
 */
public final class FarmProgram {
    private FarmProgram() {
    }

    /** A parameter of the program's own class: the codec must be told to allow it. */
    record Params(int n, double scale) implements Serializable {
    }

    public static void main(String[] args) {
        try (Spmd spmd = Spmd.init(args)) {
            Spmd.codec(JavaSerializationCodec.create().allowing(Params.class.getName()));
            Comm w = Spmd.world();
            List<Integer> inputs = IntStream.range(0, 200).boxed().collect(Collectors.toList());

            List<Long> squares = Farm.map(w, inputs, x -> {
                Thread.sleep(x % 5);
                return (long) x * x;
            });
            for (int x = 0; x < 200; x++) {
                Check.equal((long) x * x, squares.get(x), "square " + x + " on rank " + w.rank());
            }

            List<Params> params = inputs.stream().map(x -> new Params(x, 0.5)).collect(Collectors.toList());
            FarmResult<Params> scaled = Farm.builder(w).chunkSize(3).resultsEverywhere().build()
                .map(params, p -> new Params(p.n(), p.scale() * p.n()));
            for (int x = 0; x < 200; x++) {
                Check.that(scaled.results().get(x).equals(new Params(x, 0.5 * x)), "params " + x);
            }

            FarmResult<Integer> partly = Farm.builder(w).collectFailures().build().map(inputs, x -> {
                if (x % 50 == 7) {
                    throw new IllegalArgumentException("no " + x);
                }
                return x;
            });
            Check.equal(4, partly.failedCount(), "failed tasks");
            if (w.rank() == 0) {
                List<Integer> failed = partly.failures().stream().map(TaskException::taskIndex)
                    .collect(Collectors.toList());
                Check.that(failed.equals(List.of(7, 57, 107, 157)), "failed tasks " + failed);
                long sum = squares.stream().mapToLong(Long::longValue).sum();
                System.out.println("farm ok " + sum);
            }
        }
    }
}
