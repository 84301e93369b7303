package io.github.exha.availability;

import io.github.exha.availability.AvailabilityDesign.Component;
import io.github.exha.availability.AvailabilityDesign.Kind;
import io.github.exha.availability.AvailabilityDesign.Location;
import io.github.exha.availability.AvailabilityDesign.Replication;
import io.github.exha.availability.AvailabilityDesign.Standby;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.topology.ByteSize;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.config.ClusteredStorageType;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.topology.ExchangeSection;
import io.github.exha.replication.san.SanReplicationSection;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.ReplicationMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.github.exha.core.error.ExhaException;

/**
 * Reads the design of a topology for an estimate, in the words of its sections: the mailbox server is the first one
 * holding mailboxes (else the first with a storage group, else the first mailbox server); a CMS with {@code storage:
 * SHARED} (or a 2003 EVS) is an SCC whose copy is its group's disks, with {@code NON_SHARED} a CCR whose nodes keep a
 * copy each on their own volumes ({@code HOST/LOCAL} when a node declares no SAN volume). The standby is a
 * {@code sanReplication} group replicating the SCC's LUNs (activated on the hosts the replica LUNs are presented to),
 * or else, for Exchange 2007, a cluster in another site without any CMS whose nodes have the clustered mailbox role
 * installed: an SCR target, as seed 003 builds (its first node holds the copy).
 */
final class DesignReader {
    private final Topology topology;
    private final List<HostsSection.HostEntry> hosts;
    private final List<ClustersSection.ClusterEntry> clusters;
    private final List<StorageSection.ArrayEntry> arrays;
    private final List<SanReplicationSection.GroupEntry> groups;
    private final ExchangeSection.ExchangeEntry exchange;
    private final Map<String, Component> components = new LinkedHashMap<>();

    private DesignReader(Topology topology) {
        this.topology = topology;
        this.hosts = topology.section(new HostsSection()).map(HostsSection.Hosts::hosts).orElse(List.of());
        this.clusters = topology.section(new ClustersSection()).map(ClustersSection.ClusterEntries::clusters).orElse(List.of());
        this.arrays = topology.section(new StorageSection()).map(StorageSection.Storage::arrays).orElse(List.of());
        this.groups = topology.section(new SanReplicationSection()).map(SanReplicationSection.SanReplication::groups)
                .orElse(List.of());
        this.exchange = topology.section(new ExchangeSection()).orElse(null);
    }

    /**
     * The design of {@code topology}.
     *
     * @throws ExhaException {@code availability.no-mailbox-server} when it has no mailbox server
     */
    static AvailabilityDesign read(Topology topology) {
        return new DesignReader(topology).design();
    }

    private AvailabilityDesign design() {
        ExchangeSection.ServerEntry server = mailboxServer();
        Kind kind;
        Location primary;
        Optional<ExchangeSection.ClusteredEntry> clustered = server.clustered();
        if (clustered.isPresent()) {
            ExchangeSection.ClusteredEntry entry = clustered.get();
            List<String> nodes = entry.nodes().isEmpty() ? clusterNodes(entry.cluster()) : entry.nodes();
            nodes = startingWith(nodes, entry.node());
            if (entry.storage() == ClusteredStorageType.NON_SHARED) {
                kind = Kind.CCR;
                primary = perNodeLocation(entry.cluster(), nodes, quorumOf(entry.cluster()));
            } else {
                kind = Kind.SCC;
                List<LunRef> luns = entry.disks().stream().map(d -> new LunRef(d.array(), d.lun())).toList();
                primary = sharedLocation(entry.cluster(), nodes, luns, quorumOf(entry.cluster()));
            }
        } else {
            kind = Kind.STANDALONE;
            primary = perNodeLocation(server.standaloneHost(), List.of(server.standaloneHost()),
                    AvailabilityDesign.Quorum.none());
        }
        Optional<Standby> standby = sanStandby(server, primary).or(() -> scrStandby(server, primary));
        double rate = exchange.workload() == null ? ReliabilityDefaults.MESSAGES_PER_HOUR : exchange.workload().messagesPerHour();
        return new AvailabilityDesign(server.name(), kind, primary, standby, List.copyOf(components.values()), rate,
                meanMessageBytes());
    }

    private ExchangeSection.ServerEntry mailboxServer() {
        List<ExchangeSection.ServerEntry> servers = exchange == null ? List.of() : exchange.servers().stream()
                .filter(s -> s.clustered().isPresent() || s.roles().stream().anyMatch(r -> r.equalsIgnoreCase("Mailbox")))
                .toList();
        if (servers.isEmpty()) {
            throw new ExhaException(AvailabilityErrorCode.NO_MAILBOX_SERVER, topology.file() + ": the topology declares no"
                    + " Exchange mailbox server (exchange.servers with a cms:, an evs: or the Mailbox role), so there is no"
                    + " service to estimate");
        }
        for (ExchangeSection.ServerEntry s : servers) {
            String prefix = s.name().toLowerCase(Locale.ROOT) + "\\";
            if (exchange.mailboxes().stream().anyMatch(m -> m.database().toLowerCase(Locale.ROOT).startsWith(prefix))) {
                return s;
            }
        }
        for (ExchangeSection.ServerEntry s : servers) {
            if (exchange.storageGroups().stream().anyMatch(g -> g.server().equalsIgnoreCase(s.name()))) {
                return s;
            }
        }
        return servers.get(0);
    }

    private List<String> clusterNodes(String cluster) {
        return clusters.stream().filter(c -> c.name().equalsIgnoreCase(cluster)).findFirst()
                .map(ClustersSection.ClusterEntry::nodes).orElse(List.of());
    }

    private static List<String> startingWith(List<String> nodes, String first) {
        if (first == null) {
            return nodes;
        }
        List<String> ordered = new ArrayList<>();
        nodes.stream().filter(n -> n.equalsIgnoreCase(first)).forEach(ordered::add);
        nodes.stream().filter(n -> !n.equalsIgnoreCase(first)).forEach(ordered::add);
        return ordered;
    }

    private String siteOf(String host) {
        return hosts.stream().filter(h -> h.name().equalsIgnoreCase(host)).findFirst().map(HostsSection.HostEntry::site)
                .orElse("(default site)");
    }

    private String arraySite(String array) {
        return arrays.stream().filter(a -> a.name().equalsIgnoreCase(array)).findFirst()
                .map(StorageSection.ArrayEntry::site).orElse(null);
    }

    private String component(String name, ComponentClass componentClass) {
        components.putIfAbsent(name.toLowerCase(Locale.ROOT), new Component(name, componentClass));
        return components.get(name.toLowerCase(Locale.ROOT)).name();
    }

    /** Each node keeps its own copy: on its SAN volumes when it declares some, else on its local disks. */
    private Location perNodeLocation(String label, List<String> nodes, AvailabilityDesign.Quorum quorum) {
        List<List<String>> storage = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        for (String node : nodes) {
            component(node, ComponentClass.NODE);
            String site = component(siteOf(node), ComponentClass.SITE);
            sites.add(site);
            List<LunRef> luns = hosts.stream().filter(h -> h.name().equalsIgnoreCase(node)).findFirst()
                    .map(h -> h.volumes().stream().map(HostsSection.VolumeEntry::lun).toList()).orElse(List.of());
            storage.add(luns.isEmpty() ? List.of(component(node + "/LOCAL", ComponentClass.DISK)) : storageOf(luns));
        }
        return new Location(label, nodes, false, storage, sites, quorum);
    }

    private Location sharedLocation(String label, List<String> nodes, List<LunRef> luns,
            AvailabilityDesign.Quorum quorum) {
        List<String> shared = storageOf(luns);
        List<String> sites = new ArrayList<>();
        for (String node : nodes) {
            component(node, ComponentClass.NODE);
            sites.add(component(siteOf(node), ComponentClass.SITE));
        }
        return new Location(label, nodes, true, nodes.stream().map(n -> shared).toList(), sites, quorum);
    }

    /** The LUNs, their arrays and the arrays' sites: everything a copy on them needs up. */
    private List<String> storageOf(List<LunRef> luns) {
        List<String> needed = new ArrayList<>();
        for (LunRef lun : luns) {
            needed.add(component(lun.array() + "/" + lun.lun(), ComponentClass.DISK));
        }
        for (LunRef lun : luns) {
            String array = component(lun.array(), ComponentClass.ARRAY);
            if (!needed.contains(array)) {
                needed.add(array);
            }
            String site = arraySite(lun.array());
            if (site != null && !needed.contains(component(site, ComponentClass.SITE))) {
                needed.add(component(site, ComponentClass.SITE));
            }
        }
        return needed;
    }

    /** A consistency group replicating the primary's shared LUNs to another array. */
    private Optional<Standby> sanStandby(ExchangeSection.ServerEntry server, Location primary) {
        if (!primary.shared()) {
            return Optional.empty();
        }
        ExchangeSection.ClusteredEntry entry = server.clustered().orElseThrow();
        for (SanReplicationSection.GroupEntry group : groups) {
            List<LunRef> targets = new ArrayList<>();
            for (ExchangeSection.DiskEntry disk : entry.disks()) {
                if (disk.array().equalsIgnoreCase(group.source())) {
                    group.pairs().stream().filter(p -> p.source().equalsIgnoreCase(disk.lun())).findFirst()
                            .ifPresent(p -> targets.add(new LunRef(group.target(), p.target())));
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            List<String> nodes = new ArrayList<>();
            arrays.stream().filter(a -> a.name().equalsIgnoreCase(group.target())).flatMap(a -> a.luns().stream())
                    .filter(l -> targets.stream().anyMatch(t -> t.lun().equalsIgnoreCase(l.name())))
                    .flatMap(l -> l.presentedTo().stream())
                    .filter(n -> nodes.stream().noneMatch(n::equalsIgnoreCase)).forEach(nodes::add);
            if (nodes.isEmpty()) {
                continue;
            }
            Location location = sharedLocation(group.target(), nodes, targets, clusters.stream()
                    .filter(c -> c.nodes().stream().anyMatch(nodes.get(0)::equalsIgnoreCase)).findFirst()
                    .map(c -> quorumOf(c.name())).orElse(AvailabilityDesign.Quorum.none()));
            String link = component(group.link(), ComponentClass.LINK);
            Replication replication = group.mode() == ReplicationMode.SYNC ? Replication.SAN_SYNC : Replication.SAN_ASYNC;
            return Optional.of(new Standby(replication, location, link, null));
        }
        return Optional.empty();
    }

    /** An Exchange 2007 cluster elsewhere with the clustered mailbox role installed and no CMS: an SCR target. */
    private Optional<Standby> scrStandby(ExchangeSection.ServerEntry server, Location primary) {
        if (server.parsedBuild().version() != ExchangeVersion.EXCHANGE_2007) {
            return Optional.empty();
        }
        String primarySite = primary.nodeSites().get(0);
        for (ClustersSection.ClusterEntry cluster : clusters) {
            boolean hasServer = exchange.servers().stream().anyMatch(s -> s.clustered()
                    .filter(c -> c.cluster().equalsIgnoreCase(cluster.name())).isPresent());
            boolean isPrimary = cluster.nodes().stream().anyMatch(n -> primary.nodes().stream().anyMatch(n::equalsIgnoreCase));
            boolean mailboxRole = !cluster.nodes().isEmpty() && cluster.nodes().stream().allMatch(n -> exchange.installations()
                    .stream().anyMatch(i -> i.host().equalsIgnoreCase(n) && i.clusteredMailbox()));
            String site = siteOf(cluster.nodes().isEmpty() ? "" : cluster.nodes().get(0));
            if (hasServer || isPrimary || !mailboxRole || site.equalsIgnoreCase(primarySite)) {
                continue;
            }
            Location location = perNodeLocation(cluster.name(), cluster.nodes(), quorumOf(cluster.name()));
            String link = component(sitePair(primarySite, site), ComponentClass.LINK);
            return Optional.of(new Standby(Replication.SCR, location, link, cluster.nodes().get(0)));
        }
        return Optional.empty();
    }

    /**
     * The votes cluster {@code name} needs: with a node-voting model a majority of its nodes and witness (a file share
     * witness is its host's vote), else the quorum disk alone. A cluster declaring no quorum counts its nodes' votes.
     */
    private AvailabilityDesign.Quorum quorumOf(String name) {
        Optional<ClustersSection.ClusterEntry> cluster = clusters.stream().filter(c -> c.name().equalsIgnoreCase(name))
                .findFirst();
        if (cluster.isEmpty()) {
            return AvailabilityDesign.Quorum.none();
        }
        List<String> voters = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        ClustersSection.QuorumEntry quorum = cluster.get().quorum();
        QuorumModel model = quorum == null ? null : quorum.model();
        if (model == null || model.nodesVote()) {
            for (String node : cluster.get().nodes()) {
                voters.add(component(node, ComponentClass.NODE));
                sites.add(component(siteOf(node), ComponentClass.SITE));
            }
        }
        if (quorum != null && quorum.witness() != null) {
            ClustersSection.WitnessEntry witness = quorum.witness();
            if (witness.host() != null) {
                voters.add(component(witness.host(), ComponentClass.NODE));
                sites.add(component(siteOf(witness.host()), ComponentClass.SITE));
            } else {
                voters.add(component(cluster.get().name() + "/" + witness.disk(), ComponentClass.DISK));
                sites.add("");
            }
        }
        int needed = model != null && !model.nodesVote() ? 1 : voters.size() / 2 + 1;
        return new AvailabilityDesign.Quorum(model == null ? "node majority" : model.displayName(), voters, sites, needed);
    }

    private static String sitePair(String a, String b) {
        return a.compareToIgnoreCase(b) <= 0 ? a + "-" + b : b + "-" + a;
    }

    private double meanMessageBytes() {
        if (exchange.workload() == null) {
            return ReliabilityDefaults.MESSAGE_BYTES;
        }
        ExchangeSection.SizeEntry size = exchange.workload().size();
        return switch (size.distribution()) {
            case "uniform" -> (ByteSize.parse(size.min()).bytes() + ByteSize.parse(size.max()).bytes()) / 2.0;
            default -> ByteSize.parse(size.mean()).bytes();
        };
    }
}
