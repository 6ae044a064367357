package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.FarmDeadWorkerProgram;
import io.spmd4j.systemtest.programs.FarmProgram;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Task farms in real jobs through the launcher, in every {@link Mode}. */
class FarmSystemTest {
    /** The dying rank's report of the tasks it takes with it. */
    private static final Pattern IN_FLIGHT = Pattern.compile("spmd4j farm: rank [12]'s process is ending during a"
        + " map; its tasks in flight, whose results are lost: \\d+");

    static Stream<Arguments> oneToFourRanks() {
        return Arrays.stream(Mode.values()).flatMap(m -> IntStream.of(1, 2, 3, 4).mapToObj(np -> Arguments.of(m, np)));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneToFourRanks")
    void mapsReturnResultsInOrderCarryProgramClassesAndCollectFailures(Mode mode, int np) {
        Jobs.Outcome o = Jobs.run(mode, np, FarmProgram.class);
        assertEquals(0, o.exitCode(), o::toString);
        assertEquals(List.of(), o.leftovers(), o::toString);
        long sum = IntStream.range(0, 200).mapToLong(x -> (long) x * x).sum();
        assertTrue(o.out().contains("farm ok " + sum), o::toString);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aDeadRankEndsTheJobAndTheRootNamesItsTasks(Mode mode) {
        Jobs.Outcome o = Jobs.run(mode, 3, FarmDeadWorkerProgram.class);
        assertEquals(FarmDeadWorkerProgram.EXIT, o.exitCode(), o::toString);
        assertTrue(IN_FLIGHT.matcher(o.err()).find(), o::toString);
        assertTrue(!o.out().contains("the map finished"), o::toString);
    }
}
