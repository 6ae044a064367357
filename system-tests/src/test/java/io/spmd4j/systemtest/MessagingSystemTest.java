package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.CollectivesProgram;
import io.spmd4j.systemtest.programs.LargeMessageProgram;
import io.spmd4j.systemtest.programs.OrderingProgram;
import io.spmd4j.systemtest.programs.OverlapProgram;
import io.spmd4j.systemtest.programs.PingPongProgram;
import io.spmd4j.systemtest.programs.RingProgram;
import io.spmd4j.systemtest.programs.TruncationProgram;
import io.spmd4j.systemtest.programs.WildcardProgram;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real jobs launched through spmdrun's launcher, in every {@link Mode}: separate JVMs over TCP,
 * separate JVMs over shared memory, and threads of one JVM; at world sizes from 1 to 4 (4 ranks on a
 * 2-core machine oversubscribe it, which is the point). Every job must leave its shared-memory base
 * directory empty.
 */
class MessagingSystemTest {

    private static Jobs.Outcome ok(Jobs.Outcome o) {
        assertEquals(0, o.exitCode(), o::toString);
        assertEquals(List.of(), o.leftovers(), () -> "the job left files behind\n" + o);
        return o;
    }

    /** Every mode with every given world size. */
    private static Stream<Arguments> everyMode(int... worldSizes) {
        return Arrays.stream(Mode.values())
            .flatMap(mode -> IntStream.of(worldSizes).mapToObj(np -> Arguments.of(mode, np)));
    }

    static Stream<Arguments> oneToFourRanks() {
        return everyMode(1, 2, 3, 4);
    }

    static Stream<Arguments> twoAndFourRanks() {
        return everyMode(2, 4);
    }

    static Stream<Arguments> twoAndThreeRanks() {
        return everyMode(2, 3);
    }

    static Stream<Arguments> oneTwoAndFourRanks() {
        return everyMode(1, 2, 4);
    }

    private static long lines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneToFourRanks")
    void ringPassesTheTokenAroundEveryRank(Mode mode, int np) {
        Jobs.Outcome o = ok(Jobs.run(mode, np, RingProgram.class));
        assertTrue(o.out().contains("ring ok " + 10L * np * (np - 1) / 2), o::toString);
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneToFourRanks")
    void pingPongDeliversEveryElementEagerAndRendezvous(Mode mode, int np) {
        assertEquals(np, lines(ok(Jobs.run(mode, np, PingPongProgram.class)).out(), "pingpong ok"));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneToFourRanks")
    void wildcardReceivesSeeEveryMessageOnceInOrderPerSource(Mode mode, int np) {
        assertTrue(ok(Jobs.run(mode, np, WildcardProgram.class)).out().contains("wildcard ok"));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("twoAndFourRanks")
    void tenThousandMessagesFromOneSourceArriveInOrder(Mode mode, int np) {
        assertEquals(np, lines(ok(Jobs.run(mode, np, OrderingProgram.class)).out(), "ordering ok"));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("twoAndThreeRanks")
    void sixtyFourMebibyteMessagesArriveIntact(Mode mode, int np) {
        Jobs.Outcome o = ok(Jobs.run(mode, np, LargeMessageProgram.class, List.of("-Xmx256m"),
            Integer.toString(8 << 20)));
        assertTrue(o.out().contains("large ok sent 67108864 bytes"), o::toString);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void messagesBeyondTwoGibibytesArriveIntact(Mode mode) {
        Jobs.Outcome o = ok(Jobs.run(mode, 2, LargeMessageProgram.class, List.of("-Xmx3g", "-XX:MaxNewSize=64m"),
            "300000000"));
        assertTrue(o.out().contains("large ok sent 2400000000 bytes"), o::toString);
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("twoAndFourRanks")
    void nonblockingTransfersProgressWhileRanksCompute(Mode mode, int np) {
        assertEquals(np, lines(ok(Jobs.run(mode, np, OverlapProgram.class, List.of("-Xmx128m"))).out(),
            "overlap ok"));
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneTwoAndFourRanks")
    void truncationIsReportedAtTheReceiverAndLaterMessagesArrive(Mode mode, int np) {
        Jobs.Outcome o = ok(Jobs.run(mode, np, TruncationProgram.class));
        assertTrue(o.out().contains("truncation ok"), o::toString);
        assertTrue(o.out().contains("800 bytes") && o.out().contains("80 bytes"), o::toString);
    }

    @ParameterizedTest(name = "{0} np={1}")
    @MethodSource("oneToFourRanks")
    void collectivesAgreeAcrossProcesses(Mode mode, int np) {
        assertTrue(ok(Jobs.run(mode, np, CollectivesProgram.class)).out().contains("collectives ok"));
    }
}
