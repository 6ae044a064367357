package io.spmd4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmEnvTest {
    /** What srun -N3 -n6 gives task {@code procId} on {@code node} (the variables as measured on Slurm 22.05). */
    private static Map<String, String> task(int procId, String node, int localId) {
        Map<String, String> env = new HashMap<>();
        env.put("SLURM_JOB_ID", "42");
        env.put("SLURM_STEP_ID", "3");
        env.put("SLURM_PROCID", Integer.toString(procId));
        env.put("SLURM_NTASKS", "6");
        env.put("SLURM_STEP_NUM_TASKS", "6");
        env.put("SLURM_LOCALID", Integer.toString(localId));
        env.put("SLURM_STEP_NODELIST", "n[1-3]");
        env.put("SLURM_STEP_TASKS_PER_NODE", "2(x3)");
        env.put("SLURMD_NODENAME", node);
        return env;
    }

    @Test
    void shouldReadIdentityAndNodesOfAStepTask() {
        SlurmEnv s = SlurmEnv.detect(task(3, "n2", 1)).orElseThrow();
        assertEquals(3, s.rank());
        assertEquals(6, s.size());
        assertEquals(List.of("n1", "n2", "n3"), s.nodes());
        assertEquals(List.of(2, 2, 2), s.tasksPerNode());
        assertEquals("n1", s.firstNode());
        assertFalse(s.isRendezvousHost());
        assertEquals("slurm-42.3", s.spmdJobId());
        assertTrue(SlurmEnv.detect(task(0, "n1", 0)).orElseThrow().isRendezvousHost());
        assertFalse(SlurmEnv.detect(task(1, "n1", 1)).orElseThrow().isRendezvousHost());
    }

    @Test
    void shouldNotApplyToLaunchedRanksBatchScriptsOrWhenTurnedOff() {
        Map<String, String> launched = task(0, "n1", 0);
        launched.put(LaunchEnv.RANK, "0");
        assertTrue(SlurmEnv.detect(launched).isEmpty());
        Map<String, String> batch = task(0, "n1", 0);
        batch.remove("SLURM_STEP_ID");
        batch.remove("SLURM_STEP_NODELIST");
        assertTrue(SlurmEnv.detect(batch).isEmpty());
        Map<String, String> off = task(0, "n1", 0);
        off.put(SlurmEnv.BOOTSTRAP_VARIABLE, "singleton");
        assertTrue(SlurmEnv.detect(off).isEmpty());
        assertTrue(SlurmEnv.detect(Map.of()).isEmpty());
    }

    @Test
    void shouldFallBackToNodeIdAndUnevenTaskCounts() {
        Map<String, String> env = task(4, "n2", 0);
        env.remove("SLURMD_NODENAME");
        env.put("SLURM_NODEID", "1");
        env.put("SLURM_STEP_TASKS_PER_NODE", "4,1(x2)");
        SlurmEnv s = SlurmEnv.detect(env).orElseThrow();
        assertEquals("n2", s.nodeName());
        assertEquals(List.of(4, 1, 1), s.tasksPerNode());
    }

    @Test
    void shouldRejectInconsistentVariablesNamingThem() {
        Map<String, String> env = task(0, "n1", 0);
        env.put("SLURM_STEP_TASKS_PER_NODE", "2(x2)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SlurmEnv.detect(env));
        assertTrue(e.getMessage().contains("3 nodes") && e.getMessage().contains("2 entries"), e.getMessage());
        Map<String, String> rank = task(6, "n1", 0);
        assertThrows(IllegalStateException.class, () -> SlurmEnv.detect(rank));
        Map<String, String> stranger = task(0, "x9", 0);
        e = assertThrows(IllegalStateException.class, () -> SlurmEnv.detect(stranger));
        assertTrue(e.getMessage().contains("x9"), e.getMessage());
    }
}
