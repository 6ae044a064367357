package io.spmd4j.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.systemtest.programs.MpiPointToPointProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/mpjrun: MPJ Express' option spellings become spmdrun options, and a job runs through it. */
class MpiMpjrunScriptTest {
    private static final Path MPJRUN = Path.of("..", "bin", "mpjrun").toAbsolutePath().normalize();

    private record Run(int code, String out) {
    }

    private static Run mpjrun(boolean print, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", MPJRUN.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (print) {
            pb.environment().put("SPMD4J_MPJRUN_PRINT", "1");
        }
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process proc = pb.start();
        byte[] out = proc.getInputStream().readAllBytes();
        if (!proc.waitFor(180, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
        }
        return new Run(proc.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    }

    @Test
    void translatesEveryDeviceAndOption() throws Exception {
        assertEquals("spmdrun -np 4 --threads -cp app.jar Main a b",
            mpjrun(true, "-np", "4", "-dev", "multicore", "-cp", "app.jar", "Main", "a", "b").out());
        assertEquals("spmdrun -np 2 --transport tcp --wdir /tmp --jvm-args -Xmx1g\\ -Da=b -cp c Main",
            mpjrun(true, "-np", "2", "-dev", "niodev", "-wdir", "/tmp", "-jvmargs", "-Xmx1g -Da=b", "-cp", "c", "Main")
                .out());
        assertEquals("spmdrun -np 2 --transport auto -jar app.jar -np 3",
            mpjrun(true, "-np", "2", "-dev", "hybdev", "-jar", "app.jar", "-np", "3").out(),
            "options after the program are the program's");
        assertEquals("spmdrun --transport auto -np 1 Main", mpjrun(true, "-dev", "smpdev", "Main").out(),
            "mpjrun's default is one rank");
    }

    @Test
    void mapsAMachinesFileToAHostfile(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("machines"), "localhost\n");
        assertEquals("spmdrun -np 2 Main", mpjrun(true, "-np", "2", "-machinesfile", local.toString(), "Main").out());
        Path remote = Files.writeString(dir.resolve("remote"), "localhost\nnode17.cluster.invalid\n");
        assertEquals("spmdrun -np 2 --hostfile " + remote + " --map-by node --oversubscribe Main",
            mpjrun(true, "-np", "2", "-machinesfile", remote.toString(), "Main").out());
    }

    @Test
    void rejectsUnknownOptionsAndDevicesByName() throws Exception {
        Run bad = mpjrun(true, "-np", "2", "-profile", "Main");
        assertEquals(2, bad.code());
        assertTrue(bad.out().contains("unknown option '-profile'"), bad.out());
        Run dev = mpjrun(true, "-dev", "native", "Main");
        assertEquals(2, dev.code());
        assertTrue(dev.out().contains("unknown device 'native'"), dev.out());
        Run np = mpjrun(true, "-np", "zero", "Main");
        assertEquals(2, np.code());
        assertTrue(np.out().contains("'zero'"), np.out());
    }

    @Test
    void runsAnMpiProgramUnchanged() throws Exception {
        Run r = mpjrun(false, "-np", "2", "-dev", "multicore", "-jvmargs", "-Xmx256m", "-cp", Jobs.existingClasspath(),
            MpiPointToPointProgram.class.getName());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("mpi p2p ok"), r.out());
    }
}
