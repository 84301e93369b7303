package io.github.exha.cluster.network;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.membership.Connectivity;
import io.github.exha.cluster.membership.DiskWitness;
import io.github.exha.cluster.membership.FileShareWitness;
import io.github.exha.cluster.membership.Witness;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reachability between the lab's hosts over their networks, with network faults.
 *
 * <p>Two hosts reach each other on a network when both are running, both have a NIC on that network (a NIC's
 * {@link Nic#network()} names it, ignoring case) that is up, the network is not cut, and their sites are not
 * partitioned from each other. A cluster network is matched to the hosts' networks by name. A file share witness is
 * reached when its host is running and shares some network with the node under the same rules; a disk witness is
 * reached by any running node (CHOICE: the SAN path is not modelled here; the quorum disk's LUN masking is the
 * storage fabric's business).
 *
 * <p>Every answer is a function of the hosts' power states and the faults in effect, so runs are deterministic. Each
 * fault that changes something is journaled as a {@code STATE_CHANGE} entry with source {@code network}:
 * {@code network.cut}, {@code network.healed}, {@code nic.down}, {@code nic.up}; repeating a fault already in effect
 * changes nothing and journals nothing.
 *
 * <p>Transfers between hosts ({@link #transferTime}) take the latency and bandwidth of the path: the declared WAN link
 * between two sites ({@code siteLinks:}), which carries one transfer at a time in the order they were asked for, or
 * else the {@link #LAN} default, on which transfers do not contend (CHOICE).
 */
public final class HostConnectivity implements Connectivity {
    /** The journal source of network faults. */
    public static final String SOURCE = "network";

    private final Kernel kernel;
    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // The same hosts by their exact names: the heartbeats ask by the names the hosts have, several times a second.
    private final Map<String, Host> byExactName = new HashMap<>();
    private final Set<String> networks = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> sites = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    // Sorted sets of lower-case keys, so iteration (and so any journal order) never depends on hashing.
    private final Set<String> cutNetworks = new TreeSet<>();
    private final Set<String> sitePartitions = new TreeSet<>();
    private final Set<String> downNics = new TreeSet<>();
    // site pair -> its WAN link, and when (scheduler nanos) the link is free again
    private final Map<String, LinkSpeed> siteLinks = new TreeMap<>();
    private final Map<String, Long> linkBusyUntil = new TreeMap<>();

    /**
     * The speed of a network path.
     *
     * @param latency one-way latency, not negative
     * @param bytesPerSecond bandwidth, positive
     */
    public record LinkSpeed(Duration latency, long bytesPerSecond) {
        /** Validates the speed. */
        public LinkSpeed {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative() || bytesPerSecond <= 0) {
                throw new IllegalArgumentException("a link has a latency of zero or more and a positive bandwidth");
            }
        }

        /** How long {@code bytes} take to go through at this bandwidth, latency excluded. */
        public Duration serialization(long bytes) {
            return Duration.ofNanos(Math.multiplyExact(bytes, 1_000_000_000L) / bytesPerSecond);
        }
    }

    /**
     * CHOICE: the LAN between hosts of one site, and between sites without a declared link: no latency and 100 Mbit/s
     * (12.5 MiB/s, 80 ms per MiB), as the lab always assumed for log shipping.
     */
    public static final LinkSpeed LAN = new LinkSpeed(Duration.ZERO, 13_107_200L);

    /**
     * The connectivity of {@code hosts}, with no fault in effect.
     *
     * @throws IllegalArgumentException if two hosts share a name (ignoring case)
     */
    public HostConnectivity(Kernel kernel, List<Host> hosts) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        for (Host host : Objects.requireNonNull(hosts, "hosts")) {
            if (this.hosts.putIfAbsent(host.name(), host) != null) {
                throw new IllegalArgumentException("two hosts are named '" + host.name() + "'");
            }
            byExactName.put(host.name(), host);
            sites.add(host.site());
            host.nics().forEach(nic -> networks.add(nic.network()));
        }
    }

    /**
     * Declares the WAN links between sites ({@code siteLinks:}).
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a site no host stands in, or two links between the same sites
     */
    public void declareSiteLink(String siteA, String siteB, LinkSpeed speed) {
        String pair = requireSitePair(siteA, siteB);
        if (siteLinks.putIfAbsent(pair, Objects.requireNonNull(speed, "speed")) != null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "Sites '" + siteA + "' and '" + siteB
                    + "' already have a link.");
        }
    }

    // ---- chaos: slow links (exha chaos) ----
    /**
     * Makes the WAN between two sites run at {@code speed} (a congested or degraded link), until
     * {@link #restoreSiteLink}. Journaled as {@code link.slow}.
     *
     * @return the link it had, or null when the sites had no declared link (their traffic ran at {@link #LAN} speed)
     * @throws ExhaException {@code INVALID_ARGUMENT} for a site no host stands in, or the same site twice
     */
    public LinkSpeed slowSiteLink(String siteA, String siteB, LinkSpeed speed) {
        String pair = requireSitePair(siteA, siteB);
        LinkSpeed before = siteLinks.put(pair, Objects.requireNonNull(speed, "speed"));
        journal("link.slow", sitesAttributes(siteA, siteB));
        return before;
    }

    /**
     * Gives two sites back the link {@link #slowSiteLink} returned (null: no declared link). Journaled as
     * {@code link.restored}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a site no host stands in, or the same site twice
     */
    public void restoreSiteLink(String siteA, String siteB, LinkSpeed before) {
        String pair = requireSitePair(siteA, siteB);
        if (before == null) {
            siteLinks.remove(pair);
        } else {
            siteLinks.put(pair, before);
        }
        journal("link.restored", sitesAttributes(siteA, siteB));
    }
    // ---- end chaos ----

    /** The speed of the path between two hosts: their sites' WAN link, or {@link #LAN}. */
    public LinkSpeed speed(Host a, Host b) {
        return a.site().equalsIgnoreCase(b.site()) ? LAN
                : siteLinks.getOrDefault(sitePair(a.site(), b.site()), LAN);
    }

    /**
     * How long sending {@code bytes} from {@code a} to {@code b} takes from now: the latency plus the time the bytes
     * need at the path's bandwidth, after the transfers already on a WAN link (which this one then joins).
     */
    public Duration transferTime(Host a, Host b, long bytes) {
        LinkSpeed speed = speed(a, b);
        Duration serialization = speed.serialization(bytes);
        if (a.site().equalsIgnoreCase(b.site()) || !siteLinks.containsKey(sitePair(a.site(), b.site()))) {
            return speed.latency().plus(serialization);
        }
        String pair = sitePair(a.site(), b.site());
        long now = kernel.scheduler().nowNanos();
        long start = Math.max(now, linkBusyUntil.getOrDefault(pair, now));
        long free = start + serialization.toNanos();
        linkBusyUntil.put(pair, free);
        return Duration.ofNanos(free - now).plus(speed.latency());
    }

    // ================================================================ Connectivity

    @Override
    public boolean heartbeatReaches(String from, String to, ClusterNetwork network) {
        Host a = host(from);
        Host b = host(to);
        return a != null && b != null && reaches(a, b, network.subnet());
    }

    @Override
    public boolean reachesWitness(String node, Witness witness) {
        Host host = host(node);
        if (host == null || !host.isRunning()) {
            return false;
        }
        if (witness instanceof FileShareWitness share) {
            Host server = hosts.get(share.host());
            return server != null && reachesOnAnyNetwork(host, server);
        }
        // A disk witness: see the class comment.
        return witness instanceof DiskWitness;
    }

    @Override
    public boolean hostRunning(String node) {
        Host host = host(node);
        return host != null && host.isRunning();
    }

    /** Two nodes share a subnet when, on some network both are on, their NICs are in the same IP subnet. */
    @Override
    public boolean sameSubnet(String a, String b) {
        Host x = hosts.get(a);
        Host y = hosts.get(b);
        if (x == null || y == null) {
            return true;
        }
        for (Nic nic : x.nics()) {
            for (Nic other : y.nics()) {
                if (nic.network().equalsIgnoreCase(other.network()) && nic.subnet().equals(other.subnet())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code a} and {@code b} reach each other on {@code network} now (the rules in the class comment).
     * A host always reaches itself while it runs and has a NIC up on the network.
     */
    public boolean reaches(Host a, Host b, String network) {
        // Asked for every heartbeat and every log copy: the fault sets are empty most of the time, so their keys are
        // only built when some fault of that kind is in effect.
        if (!a.isRunning() || !b.isRunning() || !cutNetworks.isEmpty() && cutNetworks.contains(key(network))) {
            return false;
        }
        if (!hasNicUpOn(a, network) || !hasNicUpOn(b, network)) {
            return false;
        }
        return sitePartitions.isEmpty() || !sitePartitions.contains(sitePair(a.site(), b.site()));
    }

    /** Whether {@code a} and {@code b} reach each other on some network they are both on. */
    public boolean reachesOnAnyNetwork(Host a, Host b) {
        for (Nic nic : a.nics()) {
            if (reaches(a, b, nic.network())) {
                return true;
            }
        }
        return false;
    }

    // ================================================================ faults

    /**
     * Cuts {@code network} (a switch fails): no traffic on it between any hosts until {@link #heal(String)}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a network no host has a NIC on
     */
    public void cut(String network) {
        String name = requireNetwork(network);
        if (cutNetworks.add(key(name))) {
            journal("network.cut", Map.of("network", name));
        }
    }

    /**
     * Restores {@code network} after {@link #cut(String)}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a network no host has a NIC on
     */
    public void heal(String network) {
        String name = requireNetwork(network);
        if (cutNetworks.remove(key(name))) {
            journal("network.healed", Map.of("network", name));
        }
    }

    /**
     * Partitions two sites (the WAN between them fails): no traffic between a host of one and a host of the other,
     * on any network, until {@link #healBetweenSites}. Traffic inside each site goes on.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a site no host stands in, or the same site twice
     */
    public void cutBetweenSites(String siteA, String siteB) {
        String pair = requireSitePair(siteA, siteB);
        if (sitePartitions.add(pair)) {
            journal("network.cut", sitesAttributes(siteA, siteB));
        }
    }

    /**
     * Ends the partition between two sites.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a site no host stands in, or the same site twice
     */
    public void healBetweenSites(String siteA, String siteB) {
        String pair = requireSitePair(siteA, siteB);
        if (sitePartitions.remove(pair)) {
            journal("network.healed", sitesAttributes(siteA, siteB));
        }
    }

    /**
     * Takes the NIC named {@code nic} of {@code host} down (cable pulled, driver failed).
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for an unknown host or NIC
     */
    public void nicDown(String host, String nic) {
        Nic found = requireNic(host, nic);
        String h = hosts.get(host).name();
        if (downNics.add(nicKey(h, found.name()))) {
            journal("nic.down", Map.of("host", h, "nic", found.name(), "network", found.network()));
        }
    }

    /**
     * Brings the NIC named {@code nic} of {@code host} up again.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for an unknown host or NIC
     */
    public void nicUp(String host, String nic) {
        Nic found = requireNic(host, nic);
        String h = hosts.get(host).name();
        if (downNics.remove(nicKey(h, found.name()))) {
            journal("nic.up", Map.of("host", h, "nic", found.name(), "network", found.network()));
        }
    }

    // ================================================================ queries

    /** The networks the hosts' NICs are on, sorted ignoring case. */
    public List<String> networks() {
        return List.copyOf(networks);
    }

    /** The sites the hosts stand in, sorted ignoring case. */
    public List<String> sites() {
        return List.copyOf(sites);
    }

    /** Whether {@code network} is cut. */
    public boolean isCut(String network) {
        return !cutNetworks.isEmpty() && cutNetworks.contains(key(network));
    }

    /** Whether the two sites are partitioned from each other. */
    public boolean isPartitioned(String siteA, String siteB) {
        return sitePartitions.contains(sitePair(siteA, siteB));
    }

    /** Whether the NIC named {@code nic} of {@code host} is up (an unknown NIC is not). */
    public boolean isNicUp(String host, String nic) {
        Host h = host(host);
        if (h == null) {
            return false;
        }
        for (Nic candidate : h.nics()) {
            if (candidate.name().equalsIgnoreCase(nic)) {
                return downNics.isEmpty() || !downNics.contains(nicKey(h.name(), nic));
            }
        }
        return false;
    }

    // ================================================================ helpers

    /** The host named {@code name}, ignoring case; null when there is none. */
    private Host host(String name) {
        Host exact = name == null ? null : byExactName.get(name);
        return exact != null ? exact : hosts.get(name);
    }

    private boolean hasNicUpOn(Host host, String network) {
        for (Nic nic : host.nics()) {
            if (nic.network().equalsIgnoreCase(network)
                    && (downNics.isEmpty() || !downNics.contains(nicKey(host.name(), nic.name())))) {
                return true;
            }
        }
        return false;
    }

    private String requireNetwork(String network) {
        for (String known : networks) {
            if (known.equalsIgnoreCase(network)) {
                return known;
            }
        }
        throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No host has a NIC on network '" + network + "'."
                + NearestNames.didYouMean(String.valueOf(network), networks, "") + " Networks: " + names(networks));
    }

    private String requireSitePair(String siteA, String siteB) {
        for (String site : new String[] {siteA, siteB}) {
            if (site == null || !sites.contains(site)) {
                throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No host stands in site '" + site + "'."
                        + NearestNames.didYouMean(String.valueOf(site), sites, "") + " Sites: " + names(sites));
            }
        }
        if (siteA.equalsIgnoreCase(siteB)) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "A partition is between two different sites, not '"
                    + siteA + "' and itself.");
        }
        return sitePair(siteA, siteB);
    }

    private Nic requireNic(String host, String nic) {
        Host h = host == null ? null : hosts.get(host);
        if (h == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No host is named '" + host + "'."
                    + NearestNames.didYouMean(String.valueOf(host), hosts.keySet(), "") + " Hosts: " + names(hosts.keySet()));
        }
        List<String> nicNames = new ArrayList<>();
        for (Nic candidate : h.nics()) {
            if (candidate.name().equalsIgnoreCase(nic)) {
                return candidate;
            }
            nicNames.add(candidate.name());
        }
        throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "Host " + h.name() + " has no NIC named '" + nic + "'."
                + NearestNames.didYouMean(String.valueOf(nic), nicNames, "") + " NICs: " + names(nicNames));
    }

    private Map<String, String> sitesAttributes(String siteA, String siteB) {
        // Sorted so that cutting A|B and B|A journal the same entry.
        String a = canonicalSite(siteA);
        String b = canonicalSite(siteB);
        boolean ordered = a.compareToIgnoreCase(b) <= 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("siteA", ordered ? a : b);
        attributes.put("siteB", ordered ? b : a);
        return attributes;
    }

    private String canonicalSite(String site) {
        return sites.stream().filter(s -> s.equalsIgnoreCase(site)).findFirst().orElse(site);
    }

    private void journal(String name, Map<String, String> attributes) {
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, SOURCE, name, attributes);
    }

    private static String sitePair(String a, String b) {
        String x = key(a);
        String y = key(b);
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    private static String nicKey(String host, String nic) {
        return key(host) + "|" + key(nic);
    }

    private static String key(String name) {
        return String.valueOf(name).toLowerCase(Locale.ROOT);
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String toString() {
        return "HostConnectivity[hosts=" + hosts.keySet() + ", cut=" + cutNetworks + ", partitions=" + sitePartitions
                + ", nicsDown=" + downNics + "]";
    }
}
