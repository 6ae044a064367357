package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMainTest {
    @Test
    void shouldRunHeat2dPrintProgressAndWriteTheJsonSummary(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Integer> codes = Ranks.run(2, comm -> KernelsMain.run(comm,
            new String[] {"heat2d", "--n", "40", "--steps", "30", "--out", dir.toString()},
            comm.rank() == 0 ? out : new PrintStream(OutputStream.nullOutputStream())));
        assertEquals(List.of(0, 0), codes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("step 30/30  100.0%"), text);
        String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.startsWith("{\"kernel\":\"heat2d\",\"grid\":[40, 40],\"processGrid\":[2, 1],\"ranks\":2,"
            + "\"steps\":30,"), json);
        assertTrue(json.contains("\"mlups\":") && json.contains("\"errorMax\":"), json);
    }

    @Test
    void shouldExitWithCode2OnBadInput() throws Exception {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        for (String[] args : List.of(new String[] {"heat9d"}, new String[] {"heat2d", "--n", "0"},
            new String[] {"heat2d", "--bogus", "1"}, new String[] {"heat2d", "--dt", "1"},
            new String[] {"heat3d", "--n", "1"})) {
            assertEquals(List.of(2, 2, 2, 2), Ranks.run(4, comm -> KernelsMain.run(comm, args, sink)),
                String.join(" ", args));
        }
    }

    @Test
    void shouldParseOptionsIntoAnImmutableRecord() {
        RunOptions o = RunOptions.parse(new String[] {"wave2d", "--n", "64", "--steps", "9", "--dt", "0.001"});
        assertEquals(new RunOptions("wave2d", 64, 9, 0.001, RunOptions.DEFAULT_TOL, null), o);
        assertNull(RunOptions.parse(new String[] {"--help"}));
        RunOptions.UsageException e = assertThrows(RunOptions.UsageException.class,
            () -> RunOptions.parse(new String[] {"heat2d", "--steps", "x"}));
        assertEquals("--steps 'x': not an integer", e.getMessage());
    }
}
