package io.spmd4j.launcher.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Echoes every stdin line as {@code "rank R: LINE"}, then prints {@code "rank R: eof after N lines"}. */
public final class EchoStdin {
    private EchoStdin() {
    }

    public static void main(String[] args) throws IOException {
        int rank = Ranks.rank();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.out.println("rank " + rank + ": " + line);
            n++;
        }
        System.out.println("rank " + rank + ": eof after " + n + " lines");
    }
}
