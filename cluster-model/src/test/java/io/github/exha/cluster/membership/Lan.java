package io.github.exha.cluster.membership;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A test network: every node hears every other on every network until links are cut. */
final class Lan implements Connectivity {
    private final Set<String> cuts = new TreeSet<>();
    private final Set<String> networkCuts = new TreeSet<>();
    private final Set<String> witnessBlocked = new TreeSet<>();
    private final Map<String, String> sites = new TreeMap<>();

    @Override
    public boolean heartbeatReaches(String from, String to, ClusterNetwork network) {
        String pair = pair(from, to);
        return !cuts.contains(pair) && !networkCuts.contains(pair + "|" + network.name());
    }

    @Override
    public boolean reachesWitness(String node, Witness witness) {
        return !witnessBlocked.contains(node.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean sameSubnet(String a, String b) {
        return sites.getOrDefault(a, "").equals(sites.getOrDefault(b, ""));
    }

    void site(String node, String site) {
        sites.put(node, site);
    }

    void cut(String a, String b) {
        cuts.add(pair(a, b));
    }

    void heal(String a, String b) {
        cuts.remove(pair(a, b));
    }

    void cut(String a, String b, String network) {
        networkCuts.add(pair(a, b) + "|" + network);
    }

    void heal(String a, String b, String network) {
        networkCuts.remove(pair(a, b) + "|" + network);
    }

    /** Cuts every link between {@code side} and the other nodes of {@code all}. */
    void split(Collection<String> side, Collection<String> all) {
        for (String a : side) {
            for (String b : all) {
                if (!side.contains(b)) {
                    cut(a, b);
                }
            }
        }
    }

    void blockWitness(String node) {
        witnessBlocked.add(node.toLowerCase(Locale.ROOT));
    }

    void unblockWitness(String node) {
        witnessBlocked.remove(node.toLowerCase(Locale.ROOT));
    }

    void healAll() {
        cuts.clear();
        networkCuts.clear();
        witnessBlocked.clear();
    }

    private static String pair(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }
}
