package io.github.exha.cluster.membership;

import java.util.List;

/**
 * A set of running nodes that can all hear each other, with the votes they hold.
 *
 * @param nodes the nodes, by name (case-insensitive order)
 * @param nodeVotes the nodes' votes (0 for disk-only models)
 * @param witnessVote whether this partition has arbitrated the witness (the quorum disk, for disk-only models)
 * @param votes all votes it holds
 * @param hasQuorum whether it may run the cluster: more than half of all configured votes, or for disk-only
 *     models the disk; the partition with quorum is the running cluster, the nodes of the others have their
 *     cluster service stopped
 */
public record Partition(List<String> nodes, int nodeVotes, boolean witnessVote, int votes, boolean hasQuorum) {
    /** Stores an unmodifiable copy of the nodes. */
    public Partition {
        nodes = List.copyOf(nodes);
    }

    /** Whether {@code node} (case-insensitive) is in this partition. */
    public boolean contains(String node) {
        return nodes.stream().anyMatch(n -> n.equalsIgnoreCase(node));
    }
}
