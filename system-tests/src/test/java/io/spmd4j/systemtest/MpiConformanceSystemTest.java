package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.MpiCollectiveProgram;
import io.spmd4j.systemtest.programs.MpiPointToPointProgram;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mpiJava 1.2 conformance programs ({@code import mpi.*}) run unchanged through spmdrun at
 * np 2, 3 and 4: as processes over TCP (the transport MPJ Express' niodev corresponds to) and as
 * threads of one JVM (its multicore device).
 */
class MpiConformanceSystemTest {
    static Stream<Arguments> modesAndSizes() {
        return Stream.of(Mode.TCP, Mode.THREADS).flatMap(mode -> IntStream.of(2, 3, 4)
            .mapToObj(np -> Arguments.of(mode, np)));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("modesAndSizes")
    void pointToPointProgramPasses(Mode mode, int np) {
        Jobs.Outcome o = Jobs.run(mode, np, MpiPointToPointProgram.class, List.of("-Xmx128m"), "app-arg", "-np");
        assertEquals(0, o.exitCode(), o::toString);
        assertTrue(o.out().contains("mpi p2p ok"), o::toString);
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("modesAndSizes")
    void collectiveProgramPasses(Mode mode, int np) {
        Jobs.Outcome o = Jobs.run(mode, np, MpiCollectiveProgram.class, List.of("-Xmx128m"));
        assertEquals(0, o.exitCode(), o::toString);
        assertTrue(o.out().contains("mpi collectives ok"), o::toString);
    }
}
