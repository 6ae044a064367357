package io.spmd4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void shouldSplitOnBlanks() {
        assertEquals(List.of("-Xmx1g", "-Da=b"), ShellWords.split("  -Xmx1g \t -Da=b\n"));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void shouldHonourQuotesAndEscapes() {
        assertEquals(List.of("-Dk=a b", "-Dq=\"x\"", "c d", "e$f", ""),
            ShellWords.split("-Dk='a b' -Dq='\"x\"' c\\ d \"e\\$f\" ''"));
        assertEquals(List.of("-Dp=it's"), ShellWords.split("-Dp=\"it's\""));
    }

    @Test
    void shouldRejectUnclosedQuotes() {
        assertThrows(UsageException.class, () -> ShellWords.split("-Da='b"));
        assertThrows(UsageException.class, () -> ShellWords.split("-Da=\"b"));
        assertThrows(UsageException.class, () -> ShellWords.split("trailing\\"));
    }

    @Test
    void shouldQuoteWordsSoThatTheShellReadsThemBack() {
        List<String> words = List.of("plain", "/opt/a b/lib/*", "it's", "", "$HOME", "a\"b", "-Dx=1,2");
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            line.append(ShellWords.quote(w)).append(' ');
        }
        assertEquals(words, ShellWords.split(line.toString()));
        assertEquals("plain", ShellWords.quote("plain"));
        assertEquals("'a b'", ShellWords.quote("a b"));
    }
}
