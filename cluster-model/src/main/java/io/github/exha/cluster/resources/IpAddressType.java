package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The "IP Address" resource type: a client-access IPv4 address a node adds to its NIC on a cluster network. It
 * comes online on a node only if the node's host runs, has an up NIC on the network named by {@value #NETWORK},
 * that network is not cut and allows clients, the address lies in the NIC's subnet, and no host NIC or other online
 * IP Address resource of the lab uses it; otherwise it fails with ERROR_RESMON_ONLINE_FAILED (5018) naming the
 * address. While online, LooksAlive and IsAlive fail when the NIC goes down, the network is cut or the host stops.
 *
 * <p>One instance serves every cluster of a lab, so address conflicts are seen across clusters.
 */
public final class IpAddressType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "IP Address";
    /** Private property: the IPv4 address, dotted quad. */
    public static final String ADDRESS = "Address";
    /** Private property: the subnet mask, dotted quad ({@code 255.255.255.0}) or prefix length ({@code 24}). */
    public static final String SUBNET_MASK = "SubnetMask";
    /** Private property: the cluster network the address lives on. */
    public static final String NETWORK = "Network";
    /** Adding the address to the NIC (with the gratuitous ARP). CHOICE: a second. */
    public static final Duration BIND = Duration.ofSeconds(1);
    /** Removing the address. CHOICE. */
    public static final Duration UNBIND = Duration.ofMillis(500);
    /** Journal entry: a node added the address (attributes address, network, node, resource). */
    public static final String ADDRESS_ADDED = "ip.added";
    /** Journal entry: a node removed the address. */
    public static final String ADDRESS_REMOVED = "ip.removed";

    /** Where an online address lives. */
    private record Binding(String node, String address, String clusterName, String resourceName) {
    }

    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HostConnectivity connectivity;
    // The clusters' current networks, asked each time: networks are renamed and change roles while the lab runs.
    private final Function<String, List<ClusterNetwork>> networksOf;
    // Keyed by ResourceContext.key(): the addresses online now, for conflict detection across the lab.
    private final Map<String, Binding> bindings = new TreeMap<>();

    /**
     * The type over the lab's hosts and networks.
     *
     * @param hosts every host of the lab (their NICs are checked for conflicts)
     * @param connectivity the lab's network state (NICs down, networks cut)
     * @param networksOf a cluster's current networks, by cluster name (ignoring case); empty for an unknown cluster
     */
    public IpAddressType(List<Host> hosts, HostConnectivity connectivity, Function<String, List<ClusterNetwork>> networksOf) {
        super(BIND, UNBIND);
        Objects.requireNonNull(hosts, "hosts").forEach(host -> this.hosts.put(host.name(), host));
        this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
        this.networksOf = Objects.requireNonNull(networksOf, "networksOf");
    }

    /** The type over fixed networks per cluster (ignoring case), for a lab whose networks never change. */
    public IpAddressType(List<Host> hosts, HostConnectivity connectivity, Map<String, List<ClusterNetwork>> clusterNetworks) {
        this(hosts, connectivity, fixed(clusterNetworks));
    }

    private static Function<String, List<ClusterNetwork>> fixed(Map<String, List<ClusterNetwork>> clusterNetworks) {
        Map<String, List<ClusterNetwork>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(clusterNetworks, "clusterNetworks").forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return name -> copy.getOrDefault(name, List.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The node an IP Address resource's address is online on, if it is. */
    public Optional<String> onlineOn(String clusterName, String resourceName) {
        return Optional.ofNullable(bindings.get(clusterName + "/" + resourceName)).map(Binding::node);
    }

    @Override
    protected void claim(ResourceContext context) {
                String address = check(context);
                bindings.put(context.key(), new Binding(context.nodeName(), address, context.clusterName(),
                        context.resourceName()));
                journal(context, ADDRESS_ADDED, address);
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        Binding binding = bindings.get(context.key());
        if (binding == null || !binding.node().equals(context.nodeName())) {
            return false;
        }
        Host host = hosts.get(context.nodeName());
        String networkName = context.property(NETWORK, "");
        // A LooksAlive check of every IP Address resource each interval: loops, not streams.
        String subnet = networkName;
        for (ClusterNetwork network : networksOf.apply(context.clusterName())) {
            if (network.name().equalsIgnoreCase(networkName)) {
                subnet = network.subnet();
                break;
            }
        }
        return host != null && host.isRunning() && !connectivity.isCut(subnet) && hasUpNic(host, subnet);
    }

    @Override
    protected void release(ResourceContext context) {
        Binding binding = bindings.get(context.key());
        if (binding != null && binding.node().equals(context.nodeName())) {
            bindings.remove(context.key());
            journal(context, ADDRESS_REMOVED, binding.address());
        }
    }

    /** Everything that must hold to add the address on the node; returns the address. */
    private String check(ResourceContext context) {
        String text = required(context, ADDRESS);
        int address;
        try {
            address = parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(context, "its address '" + text + "' is not an IPv4 address such as 192.168.10.50");
        }
        String networkName = required(context, NETWORK);
        List<ClusterNetwork> clusterNetworks = networksOf.apply(context.clusterName());
        ClusterNetwork network = clusterNetworks.stream().filter(n -> n.name().equalsIgnoreCase(networkName)).findFirst()
                .orElseThrow(() -> failure(context, "address " + text + " is on network '" + networkName
                        + "', which is not a network of cluster " + context.clusterName() + " (networks: "
                        + clusterNetworks.stream().map(ClusterNetwork::name).toList() + ")"));
        if (!network.allowClients()) {
            // A private network carries only node-to-node traffic: clients never see an address there.
            throw failure(context, "address " + text + " is on cluster network '" + network.name() + "', which is "
                    + network.role() + " (internal cluster communications only) and does not allow client access");
        }
        Host host = hosts.get(context.nodeName());
        if (host == null || !host.isRunning()) {
            throw failure(context, "node " + context.nodeName() + " is not running, so address " + text
                    + " cannot be added");
        }
        Nic nic = host.nics().stream().filter(n -> n.network().equalsIgnoreCase(network.subnet())).findFirst()
                .orElseThrow(() -> failure(context, "node " + context.nodeName() + " has no NIC on network '"
                        + network.name() + "' for address " + text));
        if (connectivity.isCut(network.subnet()) || !hasUpNic(host, network.subnet())) {
            throw failure(context, "NIC '" + nic.name() + "' of " + context.nodeName() + " on network '"
                    + network.name() + "' is down (The network location cannot be reached), so address " + text
                    + " cannot be added");
        }
        int prefix = maskPrefix(context, nic.prefix());
        int mask = nic.prefix() == 32 ? -1 : ~(-1 >>> nic.prefix());
        if (prefix != nic.prefix() || (address & mask) != (nic.addressBits() & mask)) {
            throw failure(context, "address " + text + "/" + prefix + " is not in subnet " + nic.subnet() + " of NIC '"
                    + nic.name() + "' on " + context.nodeName());
        }
        for (Host other : hosts.values()) {
            for (Nic used : other.nics()) {
                if (used.addressBits() == address) {
                    throw conflict(context, text, "NIC '" + used.name() + "' of host " + other.name());
                }
            }
        }
        for (Map.Entry<String, Binding> entry : bindings.entrySet()) {
            Binding binding = entry.getValue();
            if (!entry.getKey().equals(context.key()) && parse(binding.address()) == address) {
                throw conflict(context, text, "IP Address resource '" + binding.resourceName() + "' of cluster "
                        + binding.clusterName() + " online on " + binding.node());
            }
        }
        return text;
    }

    private boolean hasUpNic(Host host, String network) {
        for (Nic nic : host.nics()) {
            if (nic.network().equalsIgnoreCase(network) && connectivity.isNicUp(host.name(), nic.name())) {
                return true;
            }
        }
        return false;
    }

    /** The prefix length {@value #SUBNET_MASK} gives, or the NIC's when it is not set. */
    private static int maskPrefix(ResourceContext context, int nicPrefix) {
        String text = context.property(SUBNET_MASK, "").strip();
        if (text.isEmpty()) {
            return nicPrefix;
        }
        try {
            if (text.chars().allMatch(Character::isDigit) && text.length() <= 2) {
                int prefix = Integer.parseInt(text);
                if (prefix >= 1 && prefix <= 32) {
                    return prefix;
                }
            } else {
                int bits = parse(text);
                int prefix = Integer.bitCount(bits);
                // A mask is contiguous ones from the top.
                if (prefix >= 1 && bits == (prefix == 32 ? -1 : ~(-1 >>> prefix))) {
                    return prefix;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw failure(context, "its subnet mask '" + text + "' is neither a mask such as 255.255.255.0 nor a prefix"
                + " length such as 24");
    }

    private static int parse(String address) {
        // Nic validates a dotted quad; reuse it rather than parse twice.
        return new Nic("x", "x", address.strip(), 32).addressBits();
    }

    private static String required(ResourceContext context, String name) {
        String value = context.property(name, "").strip();
        if (value.isEmpty()) {
            throw failure(context, "its private property '" + name + "' is not set");
        }
        return value;
    }

    // Journaled so invariant checkers can prove an address is online on at most one node at any time.
    private static void journal(ResourceContext context, String name, String address) {
        context.kernel().journal().append(JournalEntry.Type.STATE_CHANGE, context.clusterName(), name,
                Map.of("address", address, "network", context.property(NETWORK, ""), "node", context.nodeName(),
                        "resource", context.resourceName()));
    }

    private static ExhaException conflict(ResourceContext context, String address, String holder) {
        // Tcpip event 4199's wording: Windows refuses to use an address another system already answers for.
        return failure(context, "The system detected an address conflict for IP address " + address + " with "
                + holder + ". Network operations on this system may be disrupted as a result");
    }

    private static ExhaException failure(ResourceContext context, String why) {
        return new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought"
                + " online by the resource monitor: IP Address '" + context.resourceName() + "' on "
                + context.nodeName() + ": " + why + ".", NativeCode.win32(5018));
    }
}
