package io.github.exha.cluster.membership;

import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A test world: a kernel, a failover cluster, a {@link Lan} and the membership over them, with invariant checks. */
final class QuorumLab {
    static final Instant START = Instant.parse("2008-03-01T00:00:00Z");
    static final List<ClusterNetwork> NETWORKS = List.of(ClusterNetwork.mixedNetwork("Public"), ClusterNetwork.privateNetwork("Private"));
    static final FileShareWitness FSW = new FileShareWitness("HUB1", "FSW_CLUSTER1", Set.of("CLUSTER1$", "Administrators"));
    static final DiskWitness QUORUM_DISK = new DiskWitness("Disk Q:");

    final Kernel kernel;
    final FailoverCluster cluster;
    final Lan lan = new Lan();
    final ClusterMembership membership;
    final List<String> nodes;
    final List<String> violations = new ArrayList<>();

    QuorumLab(long seed, ClusterVersion version, QuorumConfiguration quorum, String... nodes) {
        this(seed, version, HeartbeatPolicy.defaults(version), quorum, nodes);
    }

    QuorumLab(long seed, ClusterVersion version, HeartbeatPolicy policy, QuorumConfiguration quorum, String... nodes) {
        kernel = Kernel.create("quorum", seed, START);
        cluster = new FailoverCluster("CLUSTER1", kernel, ResourceTypeRegistry.of(new GenericServiceType()), version);
        this.nodes = List.of(nodes);
        for (String node : nodes) {
            cluster.addNode(node);
        }
        membership = new ClusterMembership(kernel, cluster, NETWORKS, lan, policy, quorum);
    }

    /** Starts the membership, then checks the invariants at every later journal entry. */
    QuorumLab start() {
        membership.start();
        checkInvariants(null);
        kernel.journal().subscribe(this::checkInvariants);
        return this;
    }

    /** A group holding one Generic Service, brought online. */
    void onlineGroup(String group) {
        cluster.createGroup(group);
        cluster.createResource(group, group + " Service", GenericServiceType.NAME);
        kernel.operations().await(cluster.onlineGroup(group));
    }

    void run(Duration duration) {
        kernel.scheduler().runFor(duration);
    }

    NodeState engineState(String node) {
        return cluster.node(node).state();
    }

    List<JournalEntry> events(int eventId) {
        return kernel.journal().entries().stream().filter(e -> Integer.toString(eventId).equals(e.attribute(JournalEntry.EVENT_ID)))
                .toList();
    }

    private void checkInvariants(JournalEntry entry) {
        String at = entry == null ? "start" : "#" + entry.sequence() + " " + entry.name() + " " + entry.attributes();
        List<Partition> partitions = membership.partitions();
        int total = membership.totalVotes();
        boolean nodesVote = membership.quorum().model().nodesVote();
        long quorate = partitions.stream().filter(Partition::hasQuorum).count();
        long majorities = partitions.stream().filter(p -> nodesVote ? p.votes() * 2 > total : p.witnessVote()).count();
        long witnesses = partitions.stream().filter(Partition::witnessVote).count();
        if (quorate > 1 || majorities > 1 || witnesses > 1) {
            violations.add(at + ": more than one partition holds quorum or the witness: " + partitions);
        }
        for (Partition p : partitions) {
            boolean expected = nodesVote ? p.votes() * 2 > total : p.witnessVote();
            if (p.hasQuorum() != expected) {
                violations.add(at + ": partition " + p + " quorum flag disagrees with its votes of " + total);
            }
        }
        Partition running = membership.quorumPartition().orElse(null);
        for (ClusterNode node : cluster.nodes()) {
            if (node.state() != NodeState.DOWN && (running == null || !running.contains(node.name()))) {
                violations.add(at + ": " + node.name() + " is " + node.state().displayName()
                        + " in the failover engine outside the partition with quorum " + partitions);
            }
        }
    }
}
