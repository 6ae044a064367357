package io.spmd4j.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Slurm's compressed lists without calling {@code scontrol}: node lists such as
 * {@code n[1-3],x[01-02],login} and per-node counts such as {@code 4,1(x2)}. Stateless and
 * thread-safe.
 *
 * <p>Node lists: items separated by commas outside brackets; an item is literal text with any number
 * of bracket groups, each a comma-separated list of numbers and ranges {@code lo-hi}; an item with
 * several groups stands for their Cartesian product, left group outermost
 * ({@code r[1-2]n[1-2]} is {@code r1n1,r1n2,r2n1,r2n2}). A range keeps the zero padding of its lower
 * bound ({@code [08-10]} is {@code 08,09,10}). Counts: items {@code N} or {@code N(xK)} (N repeated K
 * times).
 */
public final class SlurmHostlist {
    /** Upper bound of the names one list may expand to, against a typo like {@code n[1-99999999]}. */
    public static final int MAX_EXPANDED = 1_000_000;

    private SlurmHostlist() {
    }

    /**
     * Expands a node list ({@code SLURM_JOB_NODELIST}, {@code SLURM_STEP_NODELIST}).
     *
     * @throws IllegalArgumentException naming the list and what is wrong with it
     */
    public static List<String> expandNodes(String list) {
        List<String> out = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            if (item.isEmpty()) {
                throw bad(list, "an empty item");
            }
            List<String> names = new ArrayList<>();
            names.add("");
            int i = 0;
            while (i < item.length()) {
                int open = item.indexOf('[', i);
                String literal = open < 0 ? item.substring(i) : item.substring(i, open);
                if (literal.indexOf(']') >= 0) {
                    throw bad(list, "a ']' without '['");
                }
                names.replaceAll(n -> n + literal);
                if (open < 0) {
                    break;
                }
                int close = item.indexOf(']', open);
                if (close < 0) {
                    throw bad(list, "a '[' without ']'");
                }
                List<String> numbers = expandRanges(list, item.substring(open + 1, close));
                List<String> product = new ArrayList<>(names.size() * numbers.size());
                for (String n : names) {
                    for (String number : numbers) {
                        product.add(n + number);
                    }
                }
                checkSize(list, out.size() + product.size());
                names = product;
                i = close + 1;
            }
            out.addAll(names);
            checkSize(list, out.size());
        }
        return out;
    }

    /**
     * Expands a count list ({@code SLURM_TASKS_PER_NODE}, {@code SLURM_STEP_TASKS_PER_NODE},
     * {@code SLURM_JOB_CPUS_PER_NODE}).
     *
     * @throws IllegalArgumentException naming the list and what is wrong with it
     */
    public static List<Integer> expandCounts(String list) {
        List<Integer> out = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String s = item.trim();
            int paren = s.indexOf('(');
            int count;
            int repeat = 1;
            try {
                if (paren < 0) {
                    count = Integer.parseInt(s);
                } else {
                    if (!s.endsWith(")") || !s.startsWith("x", paren + 1)) {
                        throw bad(list, "an item '" + s + "' that is not N or N(xK)");
                    }
                    count = Integer.parseInt(s.substring(0, paren));
                    repeat = Integer.parseInt(s.substring(paren + 2, s.length() - 1));
                }
            } catch (NumberFormatException e) {
                throw bad(list, "an item '" + s + "' that is not N or N(xK)");
            }
            if (count < 0 || repeat < 1) {
                throw bad(list, "an item '" + s + "' with a negative count or a repeat below 1");
            }
            checkSize(list, out.size() + repeat);
            for (int k = 0; k < repeat; k++) {
                out.add(count);
            }
        }
        return out;
    }

    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(list.substring(start).trim());
        return items;
    }

    private static List<String> expandRanges(String list, String ranges) {
        List<String> out = new ArrayList<>();
        for (String r : ranges.split(",", -1)) {
            int dash = r.indexOf('-');
            String lo = dash < 0 ? r : r.substring(0, dash);
            String hi = dash < 0 ? r : r.substring(dash + 1);
            if (!lo.matches("\\d{1,9}") || !hi.matches("\\d{1,9}")) {
                throw bad(list, "a range '" + r + "' that is not N or N-M");
            }
            long from = Long.parseLong(lo);
            long to = Long.parseLong(hi);
            if (to < from) {
                throw bad(list, "a range '" + r + "' that runs backwards");
            }
            checkSize(list, out.size() + (to - from + 1));
            for (long v = from; v <= to; v++) {
                String digits = Long.toString(v);
                out.add("0".repeat(Math.max(0, lo.length() - digits.length())) + digits);
            }
        }
        return out;
    }

    private static void checkSize(String list, long size) {
        if (size > MAX_EXPANDED) {
            throw bad(list, "more than " + MAX_EXPANDED + " entries");
        }
    }

    private static IllegalArgumentException bad(String list, String what) {
        return new IllegalArgumentException("Slurm list '" + list + "' has " + what);
    }
}
