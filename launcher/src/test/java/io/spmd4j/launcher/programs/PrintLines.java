package io.spmd4j.launcher.programs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code PrintLines COUNT LENGTH}: writes COUNT lines {@code "<rank> <i> <payload> <rank>"} of about
 * LENGTH characters to stdout and as many to stderr, each line in several writes, each flushed, so
 * that the launcher (or, with ranks as threads, their JVM's line collector) sees partial lines, and the
 * last stdout line without its newline.
 */
public final class PrintLines {
    private static final int PIECES = 3;

    private PrintLines() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        int rank = Ranks.rank();
        char fill = (char) ('a' + rank % 26);
        String payload = String.valueOf(fill).repeat(length);
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            writeInPieces(System.out, rank + " " + i + " " + payload + " " + rank + (last ? "" : "\n"));
            writeInPieces(System.err, rank + " " + i + " " + payload + " " + rank + "\n");
        }
    }

    private static void writeInPieces(PrintStream out, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int step = Math.max(1, b.length / PIECES);
        for (int off = 0; off < b.length; off += step) {
            out.write(b, off, Math.min(step, b.length - off));
            out.flush();
        }
    }
}
