package io.github.exha.availability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an availability estimate understood of a topology: the mailbox server it estimates, where it runs (the
 * primary location), the standby copy in another place if any (SCR or SAN replication), every component whose
 * failure matters, and the workload that turns a recovery point into messages.
 *
 * @param server the mailbox server (CMS, EVS or stand-alone) whose availability is estimated
 * @param kind how its primary location keeps its data
 * @param primary where it runs
 * @param standby the standby copy an administrator activates when the primary location is lost, if any
 * @param components every component of the design, each once
 * @param messagesPerHour the workload's mail rate
 * @param messageBytes the workload's mean message size
 */
public record AvailabilityDesign(String server, Kind kind, Location primary, Optional<Standby> standby,
        List<Component> components, double messagesPerHour, double messageBytes) {
    /** How the primary location keeps its data. */
    public enum Kind {
        /** A single copy cluster (or a 2003 EVS): one copy on shared storage, automatic failover between nodes. */
        SCC,
        /** Cluster continuous replication: a copy per node, automatic (possibly lossy) failover. */
        CCR,
        /** A stand-alone mailbox server: one node, one copy. */
        STANDALONE
    }

    /** How the standby copy is kept. */
    public enum Replication {
        /** Standby continuous replication: closed logs shipped over the WAN; manual activation. */
        SCR,
        /** Synchronous array replication: the replica has every acknowledged write; manual site failover. */
        SAN_SYNC,
        /** Asynchronous array replication: the replica lags; manual site failover. */
        SAN_ASYNC
    }

    /** Validates and copies. */
    public AvailabilityDesign {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(standby, "standby");
        components = List.copyOf(components);
        if (!(messagesPerHour > 0) || !(messageBytes > 0)) {
            throw new IllegalArgumentException("the workload's rate and message size must be positive");
        }
    }

    /** One line for people: {@code CCR on CCRCLUSTER (NODE1, NODE2; Production) + SCR to ...}. */
    public String describe() {
        String text = switch (kind) {
            case SCC -> "SCC";
            case CCR -> "CCR";
            case STANDALONE -> "stand-alone";
        } + " " + server + " on " + primary.describe();
        return standby.map(s -> text + " + " + switch (s.replication()) {
            case SCR -> "SCR";
            case SAN_SYNC -> "SAN replication (SYNC)";
            case SAN_ASYNC -> "SAN replication (ASYNC)";
        } + " over " + s.link() + " to " + s.location().describe()).orElse(text);
    }

    /**
     * A component that fails and is repaired.
     *
     * @param name its name in the topology
     * @param componentClass its class
     */
    public record Component(String name, ComponentClass componentClass) {
        /** Validates. */
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(componentClass, "componentClass");
        }
    }

    /**
     * A place a copy of the databases can be served from.
     *
     * @param label its name for people (a cluster, a host)
     * @param nodes the hosts that can serve it, in failover order
     * @param shared whether the copy is on shared storage (one copy for every node) rather than one copy per node
     * @param nodeStorage per node, the disks and arrays (and their sites) its own copy needs; for shared storage the
     *     same list for every node
     * @param nodeSites per node, its site
     */
    public record Location(String label, List<String> nodes, boolean shared, List<List<String>> nodeStorage,
            List<String> nodeSites, Quorum quorum) {
        /** Validates and copies. */
        public Location {
            nodes = List.copyOf(nodes);
            nodeStorage = nodeStorage.stream().map(List::copyOf).toList();
            nodeSites = List.copyOf(nodeSites);
            Objects.requireNonNull(quorum, "quorum");
            if (nodes.isEmpty() || nodeStorage.size() != nodes.size() || nodeSites.size() != nodes.size()) {
                throw new IllegalArgumentException("a location needs nodes, each with its storage and site");
            }
        }

        /** {@code CCRCLUSTER (NODE1, NODE2; Production; quorum ...)}. */
        public String describe() {
            return label + " (" + String.join(", ", nodes) + "; " + String.join(", ", nodeSites.stream().distinct().toList())
                    + (quorum.voters().isEmpty() ? "" : "; " + quorum.describe()) + ")";
        }
    }

    /**
     * What a Windows cluster needs to keep running: {@code needed} of the {@code voters} up (a node counts only while
     * its site is up). A stand-alone server has no voters and needs none.
     *
     * @param model the quorum model's name as Windows shows it, or empty for a stand-alone server
     * @param voters the nodes and witness (a file share witness's host, or a quorum disk) that vote
     * @param voterSites per voter, its site (empty text for a disk witness)
     * @param needed how many voters must be up
     */
    public record Quorum(String model, List<String> voters, List<String> voterSites, int needed) {
        /** Validates and copies. */
        public Quorum {
            Objects.requireNonNull(model, "model");
            voters = List.copyOf(voters);
            voterSites = List.copyOf(voterSites);
            if (voterSites.size() != voters.size() || needed < 0 || needed > voters.size()) {
                throw new IllegalArgumentException("a quorum needs a site per voter and at most as many votes as voters");
            }
        }

        /** None: a stand-alone server. */
        public static Quorum none() {
            return new Quorum("", List.of(), List.of(), 0);
        }

        /** {@code Majority Node Set: 2 of NODE1, NODE2}. */
        public String describe() {
            return model + ": " + needed + " of " + String.join(", ", voters);
        }
    }

    /**
     * The standby copy.
     *
     * @param replication how it is kept
     * @param location where it can be activated
     * @param link the link replication crosses (a SAN link, or the WAN between the sites as {@code SITE-SITE})
     * @param target the node holding an SCR copy (activation needs it), or null for SAN replication (any node)
     */
    public record Standby(Replication replication, Location location, String link, String target) {
        /** Validates. */
        public Standby {
            Objects.requireNonNull(replication, "replication");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(link, "link");
        }
    }
}
