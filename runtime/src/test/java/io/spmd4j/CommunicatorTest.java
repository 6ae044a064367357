package io.spmd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** dup, split, create, free and compare; groups; isolation of traffic between communicators. */
@ParameterizedClass(name = "{0}")
@EnumSource(EnginePair.Kind.class)
class CommunicatorTest {
    @Parameter
    EnginePair.Kind kind;

    private void run(int np, EnginePair.RankBody body) throws Exception {
        try (EnginePair p = new EnginePair(np, kind)) {
            p.run(body);
        }
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldSplitByColorAndOrderByKey(int np) throws Exception {
        run(np, c -> {
            int r = c.rank();
            // even and odd ranks, each half in reverse order; the last rank opts out
            int color = r == np - 1 && np > 1 ? Spmd.UNDEFINED : r % 2;
            Comm half = c.split(color, -r);
            if (color == Spmd.UNDEFINED) {
                assertNull(half);
            } else {
                int members = 0;
                for (int i = 0; i < np - (np > 1 ? 1 : 0); i++) {
                    members += i % 2 == color ? 1 : 0;
                }
                assertEquals(members, half.size());
                int[] ranks = new int[half.size()];
                half.allgather(new int[] {r}, 0, 1, ranks, 0);
                for (int i = 1; i < ranks.length; i++) {
                    assertTrue(ranks[i - 1] > ranks[i], "ordered by key: " + java.util.Arrays.toString(ranks));
                }
                assertEquals(r, ranks[half.rank()]);
                int[] sum = new int[1];
                half.allreduce(new int[] {r}, 0, sum, 0, 1, Op.SUM);
                int expected = 0;
                for (int v : ranks) {
                    expected += v;
                }
                assertEquals(expected, sum[0]);
                half.free();
            }
            c.barrier();
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void shouldKeepTrafficOnEachCommunicatorApart(int np) throws Exception {
        run(np, c -> {
            Comm dup = c.dup();
            Comm dup2 = dup.dup();
            assertEquals(Comparison.CONGRUENT, c.compare(dup));
            assertEquals(Comparison.IDENT, dup.compare(dup));
            int right = (c.rank() + 1) % np;
            int left = (c.rank() - 1 + np) % np;
            // a message on dup with tag 5 must not match a wildcard receive on the world or on dup2
            Request onDup = dup.isend(new int[] {100 + c.rank()}, 0, 1, right, 5);
            Request onDup2 = dup2.isend(new int[] {200 + c.rank()}, 0, 1, right, 5);
            int[] got = new int[1];
            Status s = c.sendrecv(new int[] {300 + c.rank()}, 0, 1, right, 7, got, 0, 1, Spmd.ANY_SOURCE, Spmd.ANY_TAG);
            assertEquals(300 + left, got[0]);
            assertEquals(7, s.tag());
            assertNull(c.iprobe(Spmd.ANY_SOURCE, Spmd.ANY_TAG), "the world sees nothing of dup's traffic");
            dup2.recv(got, 0, 1, Spmd.ANY_SOURCE, Spmd.ANY_TAG);
            assertEquals(200 + left, got[0]);
            dup.recv(got, 0, 1, left, 5);
            assertEquals(100 + left, got[0]);
            Request.awaitAll(onDup, onDup2);
            // collectives on different communicators interleave without mixing
            int[] a = new int[1];
            int[] b = new int[1];
            Request ib = dup.iallreduce(new int[] {1}, 0, a, 0, 1, Op.SUM);
            c.allreduce(new int[] {10}, 0, b, 0, 1, Op.SUM);
            ib.await();
            assertEquals(np, a[0]);
            assertEquals(10 * np, b[0]);
            dup2.free();
            dup.free();
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {2, 4})
    void shouldGiveEveryCommunicatorOfARankAContextOfItsOwn(int np) throws Exception {
        run(np, c -> {
            Set<Integer> ids = new HashSet<>();
            ids.add(c.id);
            Comm[] made = {c.dup(), c.split(c.rank() % 2, 0), c.split(0, c.rank()), c.create(c.group().incl(0)),
                c.createCart(new int[] {np}, new boolean[] {true}, false)};
            for (Comm m : made) {
                if (m != null) {
                    assertTrue(ids.add(m.id), "context " + m.id + " used twice");
                }
            }
            Comm sub = made[1].dup(); // creation on a sub-communicator moves past every id its members hold
            assertTrue(ids.add(sub.id), "context " + sub.id + " used twice");
        });
    }

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 3, 4})
    void shouldCreateCommunicatorsFromGroups(int np) throws Exception {
        run(np, c -> {
            Group world = c.group();
            assertEquals(np, world.size());
            assertEquals(c.rank(), world.rank());
            Group reversed = world.incl(java.util.stream.IntStream.range(0, np).map(i -> np - 1 - i).toArray());
            Comm rev = c.create(reversed);
            assertNotNull(rev);
            assertEquals(np - 1 - c.rank(), rev.rank());
            assertEquals(np == 1 ? Comparison.CONGRUENT : Comparison.SIMILAR, c.compare(rev));
            int[] order = new int[np];
            rev.gather(new int[] {c.rank()}, 0, 1, order, 0, 0);
            if (rev.rank() == 0) {
                assertEquals(np - 1, order[0]);
            }
            Comm small = c.create(np > 1 ? world.incl(0, 1) : world.incl(0));
            if (c.rank() < Math.min(2, np)) {
                assertNotNull(small);
                assertEquals(c.rank(), small.rank());
                small.barrier();
                small.free();
            } else {
                assertNull(small);
            }
            rev.free();
            MpiException e = assertThrows(MpiException.class, rev::barrier);
            assertEquals(ErrorClass.ERR_COMM, e.errorClass());
            assertTrue(e.getMessage().contains("freed"), e.getMessage());
            e = assertThrows(MpiException.class, () -> rev.send(new int[1], 0, 1, 0, 0));
            assertEquals(ErrorClass.ERR_COMM, e.errorClass());
            e = assertThrows(MpiException.class, () -> rev.allreduce(new int[1], 0, new int[1], 0, 1, Op.SUM));
            assertEquals(ErrorClass.ERR_COMM, e.errorClass());
            e = assertThrows(MpiException.class, c::free);
            assertEquals(ErrorClass.ERR_COMM, e.errorClass());
            c.barrier();
        });
    }

    @Test
    void shouldCombineGroupsLikeSets() {
        Group g = new Group(new int[] {10, 11, 12, 13, 14}, 12);
        assertEquals(2, g.rank());
        Group odd = g.incl(3, 1);
        assertArrayEquals(new int[] {13, 11}, odd.worldRanks());
        assertEquals(Spmd.UNDEFINED, odd.rank());
        Group rest = g.excl(1, 3);
        assertArrayEquals(new int[] {10, 12, 14}, rest.worldRanks());
        assertEquals(1, rest.rank());
        assertArrayEquals(new int[] {13, 11, 10, 12, 14}, Group.union(odd, rest).worldRanks());
        assertArrayEquals(new int[] {12}, Group.intersection(rest, g.incl(2, 3)).worldRanks());
        assertArrayEquals(new int[] {10, 14}, Group.difference(rest, g.incl(2, 3)).worldRanks());
        assertArrayEquals(new int[] {1, Spmd.UNDEFINED, 0, Spmd.PROC_NULL},
            g.translateRanks(new int[] {1, 0, 3, Spmd.PROC_NULL}, odd));
        assertEquals(Comparison.IDENT, Group.compare(g, g.incl(0, 1, 2, 3, 4)));
        assertEquals(Comparison.SIMILAR, Group.compare(g, g.incl(4, 3, 2, 1, 0)));
        assertEquals(Comparison.UNEQUAL, Group.compare(g, rest));
        assertEquals(0, Group.intersection(odd, rest).size());
        assertNotEquals(odd, rest);
        MpiException e = assertThrows(MpiException.class, () -> g.incl(5));
        assertEquals(ErrorClass.ERR_RANK, e.errorClass());
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertThrows(MpiException.class, () -> g.excl(1, 1));
        assertThrows(MpiException.class, () -> g.translateRanks(new int[] {-3}, odd));
    }
}
