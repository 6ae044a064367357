package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spmd4j.launcher.programs.SleepForever;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad command line exits with 2, one line naming the value and a usage line, and starts no rank. */
class BadCommandLineTest {
    @TempDir
    static Path tmp;

    private record Result(int code, String out, List<String> errLines) {
    }

    private static Result spmdrun(String... args) {
        LineCapture out = new LineCapture();
        LineCapture err = new LineCapture();
        int code = Main.run(args, out.printStream(), err.printStream(), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.text(), err.lines());
    }

    static Stream<Arguments> badCommandLines() {
        String cp = TestPrograms.classes().toString();
        String program = SleepForever.class.getName();
        return Stream.of(
            Arguments.of(List.of("-np", "0", "-cp", cp, program), "spmdrun: -np 0: "),
            Arguments.of(List.of("-np", "abc", "-cp", cp, program), "spmdrun: -np abc: "),
            Arguments.of(List.of("-np", "2", "-cp", cp, "no.such.Main"), "spmdrun: main class no.such.Main not found"),
            Arguments.of(List.of("-np", "2", "-cp", cp + ":/no/such/dir", program),
                "spmdrun: classpath entry /no/such/dir: no such file or directory"),
            Arguments.of(List.of("-np", "2", "-cp", cp), "spmdrun: no main class given"),
            Arguments.of(List.of("-np", "2", "--wdir", "/no/such/dir", "-cp", cp, program),
                "spmdrun: --wdir /no/such/dir: no such directory"),
            Arguments.of(List.of("-np", "2", "-jar", "/no/such/app.jar"), "spmdrun: -jar /no/such/app.jar: no such file"),
            Arguments.of(List.of("--frobnicate", "-cp", cp, program), "spmdrun: unknown option --frobnicate"),
            Arguments.of(List.of("-np", "2", "--transport", "rdma", "-cp", cp, program),
                "spmdrun: --transport rdma: not a transport; give --transport auto, shm or tcp"),
            Arguments.of(List.of("--threads", "-np", "2", "--transport", "tcp", "-cp", cp, program),
                "spmdrun: --transport tcp with --threads: ranks that run as threads always talk through the "
                    + "in-memory transport"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void shouldExitWithUsageCodeAndOneLineNamingTheValue(List<String> args, String expectedStart) {
        Result r = spmdrun(args.toArray(new String[0]));
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(2, r.errLines().size(), "one message line and one usage line: " + r.errLines());
        assertTrue(r.errLines().get(0).startsWith(expectedStart), r.errLines().get(0));
        assertEquals(SpmdrunCommandLine.USAGE_HINT, r.errLines().get(1));
        assertEquals("", r.out());
    }

    @Test
    void shouldRejectUnreadableClasspathEntry() throws IOException {
        Path secret = Files.createDirectory(tmp.resolve("unreadable"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: every file is readable");
        Result r = spmdrun("-np", "2", "-cp", secret.toString(), SleepForever.class.getName());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.errLines().get(0).startsWith("spmdrun: classpath entry " + secret + ": not readable"),
            r.errLines().get(0));
    }

    @Test
    void shouldRejectClasspathJarThatCannotBeRead() throws IOException {
        Path corrupt = Files.write(tmp.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4});
        Result r = spmdrun("-np", "2", "-cp", corrupt.toString(), SleepForever.class.getName());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.errLines().get(0).startsWith("spmdrun: classpath entry " + corrupt + ": not a readable jar"),
            r.errLines().get(0));
        assertEquals(2, r.errLines().size(), r.errLines().toString());
    }

    @Test
    void shouldRejectJarWithoutMainClass() throws IOException {
        Path jar = tmp.resolve("plain.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Result r = spmdrun("-np", "2", "-jar", jar.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.errLines().get(0).contains("names no Main-Class"), r.errLines().get(0));
    }

    @Test
    void shouldPrintHelpAndVersion() {
        Result help = spmdrun("--help");
        assertEquals(0, help.code());
        for (String flag : List.of("-np", "-cp", "-jar", "--jvm-args", "-x", "--wdir", "--tag-output", "--timeout",
            "--transport", "--threads", "--version", "--help")) {
            assertTrue(help.out().contains(flag.equals("-np") ? "--np <N>" : flag), "help mentions " + flag);
        }
        Result version = spmdrun("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("spmdrun (spmd4j) "), version.out());
    }
}
