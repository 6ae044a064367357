package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineForwarderTest {

    private static String forward(String input, String tag) {
        LineCapture capture = new LineCapture();
        OutputDrain drain = new OutputDrain(1);
        new LineForwarder(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), capture.printStream(),
            tag, drain).run();
        assertTrue(drain.await(0), "the forwarder did not report the end of its stream");
        return capture.text();
    }

    @Test
    void shouldTagEveryLineAndEndAFinalPartialLine() {
        assertEquals("[3] a\n[3] \n[3] b\r\n[3] tail\n", forward("a\n\nb\r\ntail", "[3] "));
    }

    @Test
    void shouldPassBytesUnchangedWithoutTag() {
        assertEquals("äöü ✓\n", forward("äöü ✓\n", null));
        assertEquals("", forward("", null));
    }

    @Test
    void shouldBreakLinesLongerThanTheLimit() {
        String text = forward("x".repeat(LineForwarder.MAX_LINE_BYTES + 10) + "\n", null);
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        assertEquals(LineForwarder.MAX_LINE_BYTES, lines[0].length());
        assertTrue(lines[1].matches("x{10}"));
    }

    @Test
    void shouldDescribeExitCodes() {
        assertEquals("exited with code 3", ExitCodes.describe(3));
        assertEquals("was killed by signal 9 (SIGKILL)", ExitCodes.describe(137));
        assertEquals("was killed by signal 15 (SIGTERM)", ExitCodes.describe(143));
        assertTrue(ExitCodes.describe(129).contains("lost its connection to the launcher"));
    }
}
