package io.spmd4j.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one string into words the way a POSIX shell would, without expansions: blanks separate
 * words, {@code '...'} quotes literally, {@code "..."} quotes with {@code \"}, {@code \\}, {@code \$}
 * and {@code \`} escapes, and an unquoted backslash quotes the next character. Used for
 * {@code --jvm-args "-Xmx2g -Dname='a b'"}. Stateless and thread-safe.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /**
     * Returns the words of {@code text}; an empty or blank text has none.
     *
     * @throws UsageException if a quote is not closed or the text ends in a lone backslash
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UsageException("unclosed ' in \"" + text + "\"; close the quote");
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new UsageException("\"" + text + "\" ends with a lone backslash; remove it or quote it");
                }
                word.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Quotes {@code word} for a POSIX shell, so that the shell reads it back as one word unchanged:
     * words of safe characters stay as they are, others go in single quotes. The inverse of {@link #split}.
     */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,+@%".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Appends the body of a double-quoted part starting at {@code from}; returns the index after it. */
    private static int doubleQuoted(String text, int from, StringBuilder word) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new UsageException("unclosed \" in \"" + text + "\"; close the quote");
    }
}
