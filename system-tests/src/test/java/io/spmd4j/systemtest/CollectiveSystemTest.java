package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.CollectiveSuiteProgram;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collective, communicator and topology layer in real jobs, in every {@link Mode}, on world
 * sizes that are and are not powers of two.
 */
class CollectiveSystemTest {
    static Stream<Arguments> modesAndSizes() {
        return Arrays.stream(Mode.values()).flatMap(mode -> IntStream.of(1, 3, 4).mapToObj(np -> Arguments.of(mode, np)));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("modesAndSizes")
    void collectivesCommunicatorsAndTopologiesWorkAcrossRanks(Mode mode, int np) {
        Jobs.Outcome o = Jobs.run(mode, np, CollectiveSuiteProgram.class, List.of("-Xmx512m"));
        assertEquals(0, o.exitCode(), o::toString);
        assertEquals(List.of(), o.leftovers(), () -> "the job left files behind\n" + o);
        assertTrue(o.out().contains("collective suite ok"), o::toString);
    }
}
