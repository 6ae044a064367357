package io.spmd4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelMainTest {
    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    /** What rank 0 printed and every rank's exit code. */
    private record Outcome(List<Integer> codes, String out, String err) {
    }

    private static Outcome run(int np, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<Integer> codes = Ranks.run(np, comm -> KernelsMain.run(comm, args, comm.rank() == 0 ? o : SINK,
            comm.rank() == 0 ? e : SINK));
        return new Outcome(codes, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRunHeat2dPrintProgressAndWriteSummaryVtkAndPng(@TempDir Path dir) throws Exception {
        Outcome r = run(2, "heat2d", "--n", "40", "--steps", "30", "--out", dir.toString());
        assertEquals(List.of(0, 0), r.codes(), r.err());
        assertTrue(r.out().contains("step 3/30   10.0%") && r.out().contains("step 30/30  100.0%")
            && r.out().contains("ETA"), r.out());
        String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.startsWith("{\"kernel\":\"heat2d\",\"grid\":[40, 40],\"processGrid\":[2, 1],\"ranks\":2,"
            + "\"steps\":30,\"startStep\":0,"), json);
        assertTrue(json.contains("\"mlups\":") && json.contains("\"errorMax\":"), json);
        String vti = Files.readString(dir.resolve("heat2d.vti"), StandardCharsets.ISO_8859_1);
        assertTrue(vti.startsWith("<?xml") && vti.contains("WholeExtent=\"0 39 0 39 0 0\"")
            && vti.contains("Name=\"u\""), vti.substring(0, 400));
        BufferedImage png = ImageIO.read(dir.resolve("heat2d.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() > 256 && png.getHeight() >= 256, png.getWidth() + "x" + png.getHeight());
    }

    @Test
    void shouldWriteSnapshotsEveryKStepsListedInACollection(@TempDir Path dir) throws Exception {
        Outcome r = run(3, "burgers2d", "--n", "24", "--steps", "10", "--every", "4", "--out", dir.toString());
        assertEquals(List.of(0, 0, 0), r.codes(), r.err());
        for (String f : List.of("burgers2d_000004.vti", "burgers2d_000008.vti", "burgers2d_000004.png",
            "burgers2d_000008.png", "burgers2d.vti", "burgers2d.png", "burgers2d.pvd")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(!Files.exists(dir.resolve("burgers2d_000010.vti")));
        String pvd = Files.readString(dir.resolve("burgers2d.pvd"));
        assertTrue(pvd.indexOf("burgers2d_000004.vti") < pvd.indexOf("burgers2d_000008.vti")
            && pvd.indexOf("burgers2d_000004.vti") > 0, pvd);
        String vti = Files.readString(dir.resolve("burgers2d.vti"), StandardCharsets.ISO_8859_1);
        assertTrue(vti.contains("Name=\"u\"") && vti.contains("Name=\"v\""), vti.substring(0, 600));
    }

    @Test
    void shouldDeriveTheStepsFromTheEndTime() throws Exception {
        Outcome r = run(1, "fp1d", "--n", "64", "--dt", "0.01", "--time", "0.25");
        assertEquals(List.of(0), r.codes(), r.err());
        assertTrue(r.out().contains("\"steps\":25,") && r.out().contains("\"time\":0.250000000"), r.out());
    }

    /** The state after an interrupted run resumed from its checkpoint equals an uninterrupted run's, bit for bit. */
    @ParameterizedTest
    @ValueSource(strings = {"heat2d", "heat3d", "wave2d", "burgers2d", "ks1d", "fp1d"})
    void shouldEndWithTheSameFieldAfterACheckpointAndRestart(String kernel, @TempDir Path dir) throws Exception {
        String n = kernel.endsWith("3d") ? "12" : kernel.endsWith("1d") ? "72" : "26";
        String cut = dir.resolve("cut").toString();
        String resumed = dir.resolve("resumed").toString();
        String whole = dir.resolve("whole").toString();
        // The "cut" job reaches step 14 with a checkpoint at 7 and 14, as a job killed by its wall-time limit would.
        assertEquals(List.of(0, 0), run(2, kernel, "--n", n, "--steps", "14", "--checkpoint-every", "7",
            "--out", cut).codes());
        Outcome r = run(3, kernel, "--n", n, "--steps", "33", "--restart", cut, "--out", resumed);
        assertEquals(List.of(0, 0, 0), r.codes(), r.err());
        assertTrue(r.out().contains("\"startStep\":14,") && r.out().contains("resumed at step 14"), r.out());
        assertEquals(List.of(0, 0), run(2, kernel, "--n", n, "--steps", "33", "--out", whole).codes());
        byte[] a = Files.readAllBytes(Path.of(whole, kernel + ".vti"));
        byte[] b = Files.readAllBytes(Path.of(resumed, kernel + ".vti"));
        assertArrayEquals(a, b, kernel + ": resumed run differs from the uninterrupted one");
        byte[] c = Files.readAllBytes(Path.of(cut, kernel + ".vti"));
        assertTrue(!java.util.Arrays.equals(a, c), "the field must change between step 14 and 33");
    }

    @Test
    void shouldExitWithCode2AndOneLineOnBadInput(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ckpt");
        assertEquals(List.of(0), run(1, "heat2d", "--n", "20", "--steps", "5", "--checkpoint-every", "5",
            "--out", ckpt.toString()).codes());
        List<String[]> bad = new ArrayList<>(List.of(
            new String[] {"heat9d"},
            new String[] {"heat2d", "--n", "0"},
            new String[] {"heat2d", "--n", "-5"},
            new String[] {"heat2d", "--steps", "0"},
            new String[] {"heat2d", "--bogus", "1"},
            new String[] {"heat2d", "--dt", "1"},
            new String[] {"heat3d", "--n", "1"},
            new String[] {"ks1d", "--n", "7"},
            new String[] {"fp1d", "--n", "4"},
            new String[] {"fp1d", "--n", "64", "--dt", "1"},
            new String[] {"burgers2d", "--n", "64", "--dt", "0.1"},
            new String[] {"ks1d", "--n", "64", "--dt", "0.01"},
            new String[] {"wave2d", "--every", "5"},
            new String[] {"heat2d", "--steps", "5", "--time", "1"},
            new String[] {"poisson2d", "--checkpoint-every", "5", "--out", dir.toString()},
            new String[] {"heat2d", "--n", "20", "--restart", dir.resolve("missing").toString()},
            new String[] {"heat2d", "--n", "24", "--restart", ckpt.toString()},
            new String[] {"wave2d", "--n", "20", "--restart", ckpt.toString()},
            new String[] {"heat2d", "--n", "20", "--steps", "5", "--restart", ckpt.toString()}));
        for (String[] args : bad) {
            Outcome r = run(4, args);
            String what = String.join(" ", args);
            assertEquals(List.of(2, 2, 2, 2), r.codes(), what + ": " + r.err());
            assertTrue(r.err().startsWith("kernels: ") && r.err().endsWith("\n")
                && r.err().indexOf('\n') == r.err().length() - 1, what + ": " + r.err());
            assertEquals("", r.out(), what);
        }
    }

    @Test
    void shouldPrintHelpAndVersionAndExitZero() throws Exception {
        Outcome help = run(1, "--help");
        assertEquals(List.of(0), help.codes());
        assertTrue(help.out().startsWith("usage: KernelsMain KERNEL") && help.out().contains("--checkpoint-every"),
            help.out());
        Outcome version = run(1, "--version");
        assertTrue(version.out().startsWith("spmd4j kernels "), version.out());
    }

    @Test
    void shouldParseOptionsIntoAnImmutableRecord() {
        RunOptions o = RunOptions.parse(new String[] {"wave2d", "--n", "64", "--steps", "9", "--dt", "0.001",
            "--out", "o", "--every", "3", "--checkpoint-every", "6"});
        assertEquals(new RunOptions("wave2d", 64, 9, 0, 0.001, RunOptions.DEFAULT_TOL, Path.of("o"), 3, 6, null, 0), o);
        assertEquals(RunOptions.defaults("ks1d"), RunOptions.parse(new String[] {"ks1d"}));
        assertNull(RunOptions.parse(new String[] {"--help"}));
        RunOptions.UsageException e = assertThrows(RunOptions.UsageException.class,
            () -> RunOptions.parse(new String[] {"heat2d", "--steps", "x"}));
        assertEquals("--steps 'x': not an integer", e.getMessage());
    }
}
