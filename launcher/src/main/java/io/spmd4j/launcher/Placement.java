package io.spmd4j.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which rank runs on which host: the hosts in the order given, each with its ranks in increasing
 * order. Immutable and thread-safe.
 *
 * <p>Mapping ({@code --map-by}): {@code slot} (the default) fills each host's slots before the next
 * host ({@code a:2,b:2}, 4 ranks: a=0,1 b=2,3); {@code node} deals ranks round-robin over the hosts
 * that still have a free slot (a=0,2 b=1,3). More ranks than slots is refused unless
 * {@code --oversubscribe}; the ranks beyond the slots are then dealt round-robin over all hosts.
 *
 * @param hosts the hosts that run at least one rank, in the order given
 * @param np the number of ranks
 */
record Placement(List<HostRanks> hosts, int np) {
    /** How ranks are dealt to hosts. */
    enum MapBy {
        /** Fill a host's slots, then go to the next host. */
        SLOT,
        /** One rank per host in turn. */
        NODE;

        /** Parses {@code slot} or {@code node} (any case). */
        static MapBy parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--map-by " + name + ": not a mapping; give --map-by slot or --map-by node");
            }
        }
    }

    /**
     * The ranks of one host.
     *
     * @param index position of the host in {@link #hosts()}
     * @param name the host's name as given
     * @param ranks its ranks, increasing
     */
    record HostRanks(int index, String name, List<Integer> ranks) {
        HostRanks {
            ranks = List.copyOf(ranks);
        }
    }

    Placement {
        hosts = List.copyOf(hosts);
    }

    /**
     * Deals {@code np} ranks to {@code hosts}.
     *
     * @throws UsageException when the ranks do not fit and {@code oversubscribe} is false
     */
    static Placement map(List<HostList.Host> hosts, int np, MapBy mapBy, boolean oversubscribe) {
        int total = 0;
        for (HostList.Host h : hosts) {
            total += h.slots();
        }
        if (np > total && !oversubscribe) {
            throw new UsageException("-np " + np + " ranks do not fit the " + total + " slots of " + describe(hosts)
                + "; give fewer ranks, more slots, or --oversubscribe");
        }
        int n = hosts.size();
        List<List<Integer>> ranks = new ArrayList<>();
        int[] used = new int[n];
        for (int i = 0; i < n; i++) {
            ranks.add(new ArrayList<>());
        }
        int rank = 0;
        if (mapBy == MapBy.SLOT) {
            for (int i = 0; i < n && rank < np; i++) {
                while (used[i] < hosts.get(i).slots() && rank < np) {
                    ranks.get(i).add(rank++);
                    used[i]++;
                }
            }
        } else {
            while (rank < Math.min(np, total)) {
                for (int i = 0; i < n && rank < np; i++) {
                    if (used[i] < hosts.get(i).slots()) {
                        ranks.get(i).add(rank++);
                        used[i]++;
                    }
                }
            }
        }
        for (int i = 0; rank < np; i = (i + 1) % n) { // oversubscribed: round-robin over every host
            ranks.get(i).add(rank++);
        }
        List<HostRanks> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!ranks.get(i).isEmpty()) {
                ranks.get(i).sort(null);
                result.add(new HostRanks(result.size(), hosts.get(i).name(), ranks.get(i)));
            }
        }
        return new Placement(result, np);
    }

    /** The host index ({@link HostRanks#index()}) of every rank. */
    int[] hostOfRank() {
        int[] of = new int[np];
        for (HostRanks h : hosts) {
            for (int r : h.ranks()) {
                of[r] = h.index();
            }
        }
        return of;
    }

    private static String describe(List<HostList.Host> hosts) {
        List<String> parts = new ArrayList<>();
        for (HostList.Host h : hosts) {
            parts.add(h.name() + ":" + h.slots());
            if (parts.size() == 8 && hosts.size() > 9) {
                parts.add("... (" + hosts.size() + " hosts)");
                break;
            }
        }
        return String.join(",", parts);
    }
}
