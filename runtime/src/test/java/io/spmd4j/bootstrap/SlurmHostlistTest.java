package io.spmd4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmHostlistTest {
    @Test
    void shouldExpandRangesListsAndPlainNames() {
        assertEquals(List.of("n1", "n2", "n3"), SlurmHostlist.expandNodes("n[1-3]"));
        assertEquals(List.of("n1", "n2", "n3", "x01", "x02", "login"),
            SlurmHostlist.expandNodes("n[1-3],x[01-02],login"));
        assertEquals(List.of("a1", "a3", "a4", "a5", "a9"), SlurmHostlist.expandNodes("a[1,3-5,9]"));
        assertEquals(List.of("spmd-h1"), SlurmHostlist.expandNodes("spmd-h1"));
    }

    @Test
    void shouldKeepZeroPaddingOfTheLowerBound() {
        assertEquals(List.of("c08", "c09", "c10", "c11"), SlurmHostlist.expandNodes("c[08-11]"));
        assertEquals(List.of("c098", "c099", "c100"), SlurmHostlist.expandNodes("c[098-100]"));
    }

    @Test
    void shouldExpandSeveralBracketGroupsAsAProduct() {
        assertEquals(List.of("r1n1", "r1n2", "r2n1", "r2n2"), SlurmHostlist.expandNodes("r[1-2]n[1-2]"));
        assertEquals(List.of("r1-n1.ib", "r1-n2.ib"), SlurmHostlist.expandNodes("r1-n[1-2].ib"));
    }

    @Test
    void shouldExpandCounts() {
        assertEquals(List.of(2, 2, 2), SlurmHostlist.expandCounts("2(x3)"));
        assertEquals(List.of(4, 1, 1), SlurmHostlist.expandCounts("4,1(x2)"));
        assertEquals(List.of(3), SlurmHostlist.expandCounts("3"));
    }

    @Test
    void shouldNameTheListAndTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SlurmHostlist.expandNodes("n[3-1]"));
        assertTrue(e.getMessage().contains("'n[3-1]'") && e.getMessage().contains("backwards"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandNodes("n[1-3"));
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandNodes("n1]"));
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandNodes("n1,,n2"));
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandNodes("n[a-b]"));
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandNodes("n[1-99999999]"));
        e = assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandCounts("2(3)"));
        assertTrue(e.getMessage().contains("'2(3)'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandCounts("2(x0)"));
        assertThrows(IllegalArgumentException.class, () -> SlurmHostlist.expandCounts(""));
    }
}
