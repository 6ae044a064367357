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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real jobs of separate JVMs launched through spmdrun's launcher, talking over TCP, at every world
 * size from 1 to 4 (4 ranks on a 2-core machine oversubscribe it, which is the point).
 */
class MessagingSystemTest {

    private static Jobs.Outcome ok(Jobs.Outcome o) {
        assertEquals(0, o.exitCode(), o::toString);
        return o;
    }

    private static long lines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void ringPassesTheTokenAroundEveryRank(int np) {
        Jobs.Outcome o = ok(Jobs.run(np, RingProgram.class));
        assertTrue(o.out().contains("ring ok " + 10L * np * (np - 1) / 2), o::toString);
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void pingPongDeliversEveryElementEagerAndRendezvous(int np) {
        assertEquals(np, lines(ok(Jobs.run(np, PingPongProgram.class)).out(), "pingpong ok"));
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void wildcardReceivesSeeEveryMessageOnceInOrderPerSource(int np) {
        assertTrue(ok(Jobs.run(np, WildcardProgram.class)).out().contains("wildcard ok"));
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 4})
    void tenThousandMessagesFromOneSourceArriveInOrder(int np) {
        assertEquals(np, lines(ok(Jobs.run(np, OrderingProgram.class)).out(), "ordering ok"));
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3})
    void sixtyFourMebibyteMessagesArriveIntact(int np) {
        Jobs.Outcome o = ok(Jobs.run(np, LargeMessageProgram.class, List.of("-Xmx256m"),
            Integer.toString(8 << 20)));
        assertTrue(o.out().contains("large ok sent 67108864 bytes"), o::toString);
    }

    @Test
    void messagesBeyondTwoGibibytesArriveIntact() {
        Jobs.Outcome o = ok(Jobs.run(2, LargeMessageProgram.class, List.of("-Xmx3g", "-XX:MaxNewSize=64m"), "300000000"));
        assertTrue(o.out().contains("large ok sent 2400000000 bytes"), o::toString);
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 4})
    void nonblockingTransfersProgressWhileRanksCompute(int np) {
        assertEquals(np, lines(ok(Jobs.run(np, OverlapProgram.class, List.of("-Xmx128m"))).out(), "overlap ok"));
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 4})
    void truncationIsReportedAtTheReceiverAndLaterMessagesArrive(int np) {
        Jobs.Outcome o = ok(Jobs.run(np, TruncationProgram.class));
        assertTrue(o.out().contains("truncation ok"), o::toString);
        assertTrue(o.out().contains("800 bytes") && o.out().contains("80 bytes"), o::toString);
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void collectivesAgreeAcrossProcesses(int np) {
        assertTrue(ok(Jobs.run(np, CollectivesProgram.class)).out().contains("collectives ok"));
    }
}
