package io.spmd4j.launcher;

import io.spmd4j.bootstrap.SlurmHostlist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hosts a job may run on and how many ranks each takes ("slots"), read from a hostfile,
 * {@code --host}, or a Slurm allocation. Stateless and thread-safe.
 *
 * <p>A hostfile has one host per line, in any of three formats, which may be mixed:
 * <pre>
 *   # comment; blank lines and text after '#' are ignored
 *   node1 slots=4           Open MPI (optionally max_slots=M, at least slots)
 *   node2:2                 MPICH
 *   node3                   MPJ Express machines file: one slot
 * </pre>
 * A host listed twice gets the sum of its slots, at the place of its first line.
 */
final class HostList {
    /** Largest slot count accepted on one line. */
    static final int MAX_SLOTS = 1 << 20;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:%]+");

    private HostList() {
    }

    /**
     * A host and its slots.
     *
     * @param name the host name or address as given
     * @param slots ranks it takes before it counts as full
     * @param origin where it was given, for messages ({@code "hostfile hosts.txt line 3"})
     */
    record Host(String name, int slots, String origin) {
    }

    /**
     * Reads a hostfile.
     *
     * @throws UsageException naming the file and line of the first bad line, or the file when it cannot be read
     */
    static List<Host> parseHostfile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--hostfile " + file + ": cannot be read (" + e.getMessage()
                + "); give a readable hostfile");
        }
        return parseHostfile(file.toString(), lines);
    }

    /** Parses the lines of a hostfile called {@code name} in messages. */
    static List<Host> parseHostfile(String name, List<String> lines) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String origin = "hostfile " + name + " line " + (i + 1);
            add(hosts, parseLine(text, origin));
        }
        if (hosts.isEmpty()) {
            throw new UsageException("hostfile " + name + " names no host; list one host per line, e.g. node1 slots=4");
        }
        return new ArrayList<>(hosts.values());
    }

    private static Host parseLine(String text, String origin) {
        String[] words = text.split("\\s+");
        String first = words[0];
        int slots = 1;
        String host = first;
        int colon = first.lastIndexOf(':');
        if (colon > 0 && first.indexOf(':') == colon && words.length == 1) { // MPICH host:N (not an IPv6 address)
            host = first.substring(0, colon);
            slots = count(first.substring(colon + 1), origin, text, "the count after ':'");
        }
        Integer maxSlots = null;
        for (int w = 1; w < words.length; w++) {
            String word = words[w];
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            switch (key) {
                case "slots", "cpu", "cpus", "count" -> slots = count(value, origin, text, key);
                case "max_slots", "max-slots" -> maxSlots = count(value, origin, text, key);
                default -> throw new UsageException(origin + ": '" + text + "': unknown attribute '" + word
                    + "'; write HOST slots=N, HOST:N or HOST alone");
            }
        }
        if (maxSlots != null && maxSlots < slots) {
            throw new UsageException(origin + ": '" + text + "': max_slots=" + maxSlots + " is below slots=" + slots
                + "; raise max_slots or lower slots");
        }
        checkHostName(host, origin + ": '" + text + "'");
        return new Host(host, slots, origin);
    }

    private static int count(String value, String origin, String text, String what) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_SLOTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(origin + ": '" + text + "': " + what + " must be a whole number in 1.." + MAX_SLOTS
            + ", got '" + value + "'");
    }

    private static void checkHostName(String host, String where) {
        if (host.isEmpty() || !HOST_NAME.matcher(host).matches()) {
            throw new UsageException(where + ": '" + host + "' is not a host name or address");
        }
    }

    private static void add(Map<String, Host> hosts, Host h) {
        hosts.merge(h.name(), h, (a, b) -> new Host(a.name(), a.slots() + b.slots(), a.origin()));
    }

    /**
     * Parses {@code --host h1,h2:4}: hosts separated by commas, each with an optional {@code :N} slot count
     * (default 1).
     *
     * @throws UsageException naming the bad item
     */
    static List<Host> parseHostOption(String value) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String item : value.split(",", -1)) {
            String s = item.trim();
            String origin = "--host " + value;
            if (s.isEmpty()) {
                throw new UsageException(origin + ": an empty host name; separate hosts by single commas, "
                    + "as in --host h1,h2:4");
            }
            String name = s;
            int slots = 1;
            int colon = s.lastIndexOf(':');
            if (colon > 0 && s.indexOf(':') == colon) {
                name = s.substring(0, colon);
                slots = count(s.substring(colon + 1), origin, s, "the count after ':'");
            }
            checkHostName(name, origin);
            add(hosts, new Host(name, slots, origin));
        }
        return new ArrayList<>(hosts.values());
    }

    /**
     * The nodes of the Slurm allocation this launcher runs in, with the tasks Slurm planned per node as
     * slots, or an empty list outside an allocation.
     *
     * @throws UsageException when the allocation's variables cannot be parsed
     */
    static List<Host> fromSlurm(Map<String, String> env) {
        String nodeList = env.get("SLURM_JOB_NODELIST");
        if (nodeList == null || nodeList.isBlank() || env.get("SLURM_JOB_ID") == null) {
            return List.of();
        }
        String countsVariable = env.get("SLURM_TASKS_PER_NODE") != null ? "SLURM_TASKS_PER_NODE"
            : "SLURM_JOB_CPUS_PER_NODE";
        String counts = env.get(countsVariable);
        try {
            List<String> nodes = SlurmHostlist.expandNodes(nodeList);
            List<Integer> slots = counts == null ? null : SlurmHostlist.expandCounts(counts);
            if (slots != null && slots.size() != nodes.size()) {
                throw new UsageException("the Slurm allocation lists " + nodes.size() + " nodes (SLURM_JOB_NODELIST="
                    + nodeList + ") but " + slots.size() + " counts (" + countsVariable + "=" + counts + ")");
            }
            List<Host> hosts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                int n = slots == null ? 1 : slots.get(i);
                if (n > 0) {
                    hosts.add(new Host(nodes.get(i), n, "the Slurm allocation " + env.get("SLURM_JOB_ID")));
                }
            }
            return hosts;
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot read the Slurm allocation: " + e.getMessage());
        }
    }
}
