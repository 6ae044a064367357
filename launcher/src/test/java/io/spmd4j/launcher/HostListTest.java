package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostListTest {
    private static List<String> names(List<HostList.Host> hosts) {
        return hosts.stream().map(h -> h.name() + ":" + h.slots()).toList();
    }

    @Test
    void shouldReadTheThreeFormatsWithCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts");
        Files.writeString(f, "# cluster\n\nnode1 slots=4   # Open MPI\nnode2:2\n  node3  \nnode4 slots=2 max_slots=8\n");
        List<HostList.Host> hosts = HostList.parseHostfile(f);
        assertEquals(List.of("node1:4", "node2:2", "node3:1", "node4:2"), names(hosts));
        assertEquals("hostfile " + f + " line 3", hosts.get(0).origin());
    }

    @Test
    void shouldAddTheSlotsOfAHostListedTwice() {
        List<HostList.Host> hosts = HostList.parseHostfile("m", List.of("a", "b", "a", "a:2"));
        assertEquals(List.of("a:4", "b:1"), names(hosts));
    }

    @Test
    void shouldNameFileAndLineOfABadLine() {
        UsageException e = assertThrows(UsageException.class,
            () -> HostList.parseHostfile("hosts.txt", List.of("ok slots=1", "# c", "bad slots=x")));
        assertTrue(e.getMessage().startsWith("hostfile hosts.txt line 3: 'bad slots=x': slots must be"), e.getMessage());
        e = assertThrows(UsageException.class, () -> HostList.parseHostfile("h", List.of("n1 cores=2")));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("unknown attribute 'cores=2'"),
            e.getMessage());
        e = assertThrows(UsageException.class, () -> HostList.parseHostfile("h", List.of("n1 slots=4 max_slots=2")));
        assertTrue(e.getMessage().contains("max_slots=2 is below slots=4"), e.getMessage());
        e = assertThrows(UsageException.class, () -> HostList.parseHostfile("h", List.of("n1:0")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(UsageException.class, () -> HostList.parseHostfile("empty", List.of("# nothing", "")));
        assertTrue(e.getMessage().contains("names no host"), e.getMessage());
        e = assertThrows(UsageException.class, () -> HostList.parseHostfile(Path.of("/no/such/hostfile")));
        assertTrue(e.getMessage().startsWith("--hostfile /no/such/hostfile: cannot be read"), e.getMessage());
    }

    @Test
    void shouldParseTheHostOption() {
        assertEquals(List.of("h1:1", "h2:4"), names(HostList.parseHostOption("h1,h2:4")));
        UsageException e = assertThrows(UsageException.class, () -> HostList.parseHostOption("h1,,h2"));
        assertTrue(e.getMessage().contains("empty host name"), e.getMessage());
        assertThrows(UsageException.class, () -> HostList.parseHostOption("h1:many"));
    }

    @Test
    void shouldTakeNodesAndTasksFromASlurmAllocation() {
        Map<String, String> env = Map.of("SLURM_JOB_ID", "9", "SLURM_JOB_NODELIST", "n[1-3]",
            "SLURM_TASKS_PER_NODE", "4,2(x2)");
        assertEquals(List.of("n1:4", "n2:2", "n3:2"), names(HostList.fromSlurm(env)));
        assertTrue(HostList.fromSlurm(Map.of()).isEmpty());
        UsageException e = assertThrows(UsageException.class, () -> HostList.fromSlurm(Map.of("SLURM_JOB_ID", "9",
            "SLURM_JOB_NODELIST", "n[1-3]", "SLURM_TASKS_PER_NODE", "2(x2)")));
        assertTrue(e.getMessage().contains("3 nodes") && e.getMessage().contains("2 counts"), e.getMessage());
    }
}
