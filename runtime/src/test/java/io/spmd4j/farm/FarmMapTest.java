package io.spmd4j.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.Comm;
import io.spmd4j.ErrorClass;
import io.spmd4j.MpiException;
import io.spmd4j.Spmd;
import io.spmd4j.TestWorlds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Results and their order, on every transport and world sizes 1 to 5, with every way to feed and place them. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestWorlds.Transport.class)
class FarmMapTest {
    @Parameter
    TestWorlds.Transport transport;

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /** A task whose duration varies with its input, so that ranks finish out of order. */
    private static long square(int x) throws InterruptedException {
        if (x % 7 == 0) {
            Thread.sleep(x % 3);
        }
        return (long) x * x;
    }

    private static List<Long> squares(int n) {
        return IntStream.range(0, n).mapToObj(x -> (long) x * x).collect(Collectors.toList());
    }

    /** No farm message is left behind for the program's own receives. */
    static void assertNothingLeft(Comm c) {
        c.barrier();
        assertNull(c.iprobe(Spmd.ANY_SOURCE, Spmd.ANY_TAG), "a message was left unreceived on rank " + c.rank());
        c.barrier();
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldReturnEveryResultInInputOrderOnEveryRank(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            List<Long> out = Farm.map(c, range(300), FarmMapTest::square);
            assertEquals(squares(300), out);
            assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void shouldHoldResultsOnAnyRootOnlyWithChunksAndPrefetch(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            int root = np - 1;
            FarmResult<Long> r = Farm.builder(c).root(root).chunkSize(7).prefetch(2).build()
                .map(range(250), FarmMapTest::square);
            assertEquals(250, r.taskCount());
            assertEquals(250, r.completedCount());
            assertTrue(r.ok());
            assertEquals(250, Arrays.stream(r.tasksPerRank()).sum(), "tasks per rank on rank " + c.rank());
            if (c.rank() == root) {
                assertTrue(r.holdsResults());
                assertEquals(squares(250), r.results());
                assertEquals(List.of(), r.failures());
            } else {
                assertFalse(r.holdsResults());
                MpiException e = assertThrows(MpiException.class, r::results);
                assertEquals(ErrorClass.ERR_ROOT, e.errorClass());
            }
            assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldMapAStreamPulledLazilyOnTheRoot(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            List<Progress> seen = new ArrayList<>();
            Stream<Integer> inputs = c.rank() == 0 ? IntStream.range(0, 97).boxed() : Stream.empty();
            FarmResult<Long> r = Farm.builder(c).chunkSize(5).resultsEverywhere().progress(seen::add).build()
                .map(inputs, FarmMapTest::square);
            assertEquals(squares(97), r.results());
            assertEquals(97, r.taskCount());
            if (c.rank() == 0) {
                Progress last = seen.get(seen.size() - 1);
                assertEquals(97, last.done());
                assertEquals(97, last.total());
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(seen.get(i).done() >= seen.get(i - 1).done(), "progress went back: " + seen);
                }
            }
            assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldMapNothingAndRunMapsBackToBack(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            assertEquals(List.of(), Farm.map(c, List.<Integer>of(), FarmMapTest::square));
            for (int round = 0; round < 3; round++) {
                int n = 10 * round + 1;
                assertEquals(squares(n), Farm.map(c, range(n), FarmMapTest::square));
            }
            assertNothingLeft(c);
        });
    }

    /**
     * The root hands out the other ranks' first chunks before its own, so with fewer tasks than ranks
     * some ranks, the root among them, get none: they must be stopped cleanly, and the results still
     * come back in order, map after map.
     */
    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {3, 5})
    void shouldMapFewerTasksThanRanks(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            for (int n = 1; n < np; n++) {
                FarmResult<Long> r = Farm.builder(c).prefetch(2).resultsEverywhere().build()
                    .map(range(n), FarmMapTest::square);
                assertEquals(squares(n), r.results());
                assertEquals(n, Arrays.stream(r.tasksPerRank()).sum(), "tasks per rank " + Arrays.toString(
                    r.tasksPerRank()));
            }
            assertNothingLeft(c);
        });
    }

    /**
     * Small results go to the other ranks inside their SUMMARY, large ones by a broadcast after it:
     * both must arrive whole and in order, with a failure reported on every rank by task and rank.
     */
    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 3})
    void shouldSendSmallResultsInlineAndLargeOnesByBroadcast(int np) throws Exception {
        assertTrue(ResultBlob.inline(1000, np));
        assertTrue(ResultBlob.inline(Integer.MAX_VALUE, 1), "a lone root sends nothing");
        assertFalse(ResultBlob.inline(4 * 40_000 * 8, np));
        TestWorlds.run(np, transport, c -> {
            for (int length : new int[] {10, 40_000}) {
                FarmResult<double[]> r = Farm.builder(c).resultsEverywhere().collectFailures().build()
                    .map(range(5), x -> {
                        if (x == 3) {
                            throw new IllegalStateException("no result for 3");
                        }
                        double[] a = new double[length];
                        Arrays.fill(a, x + 0.5);
                        return a;
                    });
                assertTrue(r.holdsResults(), "rank " + c.rank());
                for (int x = 0; x < 5; x++) {
                    if (x == 3) {
                        assertNull(r.results().get(x));
                    } else {
                        double[] want = new double[length];
                        Arrays.fill(want, x + 0.5);
                        assertArrayEquals(want, r.results().get(x), "result " + x + " on rank " + c.rank());
                    }
                }
                assertEquals(1, r.failures().size());
                TaskException f = r.failures().get(0);
                assertEquals(3, f.taskIndex());
                assertTrue(f.rank() >= 0 && f.rank() < np, "rank of the failure: " + f.rank());
                assertTrue(f.getMessage().contains("no result for 3"), f.getMessage());
            }
            assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldCarryObjectsThroughTheCodec(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            List<BigInteger> inputs = IntStream.range(0, 30).mapToObj(BigInteger::valueOf).collect(Collectors.toList());
            List<List<String>> out = Farm.map(c, inputs, x -> List.of(x.toString(), x.pow(3).toString()));
            for (int x = 0; x < 30; x++) {
                assertEquals(List.of(Integer.toString(x), Long.toString((long) x * x * x)), out.get(x));
            }
            assertNothingLeft(c);
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3})
    void shouldLeaveTheRootFreeOfTasksWhenAsked(int np) throws Exception {
        TestWorlds.run(np, transport, c -> {
            FarmResult<Long> r = Farm.builder(c).coordinatorComputes(false).resultsEverywhere().build()
                .map(range(40), FarmMapTest::square);
            assertEquals(squares(40), r.results());
            int[] perRank = r.tasksPerRank();
            if (np > 1) {
                assertEquals(0, perRank[0], "the root ran tasks: " + Arrays.toString(perRank));
            } else {
                assertArrayEquals(new int[] {40}, perRank, "a lone root must compute");
            }
            assertNothingLeft(c);
        });
    }
}
