package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spmd4j.launcher.programs.PrintPauseFail;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A line that a rank wrote before the job ended reaches the launcher's stream even when the launcher
 * had not read it from the rank's pipe yet as it ended the job. Ending a rank through
 * {@code Process.destroy()} closes the launcher's end of the rank's pipes, which throws away what is still
 * in them; the launcher ends ranks through their process handles instead.
 *
 * <p>The launcher's stdout here holds the first line of the failing rank until that rank has exited and
 * the launcher has had a second to end the job, so the rank's second line is still in the pipe then.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndOfJobOutputTest {
    private static final Pattern FIRST = Pattern.compile("first (\\d+)");

    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(booleans = {false, true})
    void shouldPassOnLinesStillInThePipeWhenTheJobEnds(boolean threads) {
        LaunchOptions o = TestPrograms.options(2, PrintPauseFail.class, "1", "3").threads(threads).build();
        assertEquals(3, Launcher.run(o, new PrintStream(new HoldFirstLine(out), true, StandardCharsets.UTF_8),
            err.printStream(), null), err.text());
        assertTrue(out.lines().contains("second"), "the rank's last line was lost; stdout:\n" + out.text()
            + "stderr:\n" + err.text());
    }

    /** Passes bytes on to a capture, but holds a write of the {@code "first PID"} line as described above. */
    private static final class HoldFirstLine extends OutputStream {
        private final LineCapture to;

        HoldFirstLine(LineCapture to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            to.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Matcher first = FIRST.matcher(new String(b, off, len, StandardCharsets.UTF_8));
            if (first.find()) {
                ProcessHandle.of(Long.parseLong(first.group(1))).ifPresent(p -> p.onExit().join());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            to.write(b, off, len);
        }
    }
}
