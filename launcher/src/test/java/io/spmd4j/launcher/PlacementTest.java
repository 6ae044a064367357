package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final List<HostList.Host> A2_B2_C1 = List.of(new HostList.Host("a", 2, "t"),
        new HostList.Host("b", 2, "t"), new HostList.Host("c", 1, "t"));

    @Test
    void shouldFillSlotsHostByHost() {
        Placement p = Placement.map(A2_B2_C1, 4, Placement.MapBy.SLOT, false);
        assertArrayEquals(new int[] {0, 0, 1, 1}, p.hostOfRank());
        assertEquals(2, p.hosts().size()); // c runs nothing and is left out
        assertEquals(List.of(2, 3), p.hosts().get(1).ranks());
    }

    @Test
    void shouldDealRanksRoundRobinByNode() {
        Placement p = Placement.map(A2_B2_C1, 5, Placement.MapBy.NODE, false);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, p.hostOfRank());
        assertEquals(List.of(0, 3), p.hosts().get(0).ranks());
    }

    @Test
    void shouldRefuseMoreRanksThanSlotsUnlessOversubscribing() {
        UsageException e = assertThrows(UsageException.class,
            () -> Placement.map(A2_B2_C1, 6, Placement.MapBy.SLOT, false));
        assertTrue(e.getMessage().contains("-np 6") && e.getMessage().contains("5 slots")
            && e.getMessage().contains("a:2,b:2,c:1") && e.getMessage().contains("--oversubscribe"), e.getMessage());
        Placement p = Placement.map(A2_B2_C1, 8, Placement.MapBy.SLOT, true);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 0, 1, 2}, p.hostOfRank());
        assertEquals(List.of(0, 1, 5), p.hosts().get(0).ranks());
    }

    @Test
    void shouldParseTheMappingNames() {
        assertEquals(Placement.MapBy.NODE, Placement.MapBy.parse("Node"));
        UsageException e = assertThrows(UsageException.class, () -> Placement.MapBy.parse("core"));
        assertTrue(e.getMessage().contains("--map-by core"), e.getMessage());
    }
}
