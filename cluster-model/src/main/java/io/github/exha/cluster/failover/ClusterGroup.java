package io.github.exha.cluster.failover;

import io.github.exha.core.kernel.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group of a {@link FailoverCluster}: resources that fail over together. Read its state here; change it through
 * the cluster.
 */
public final class ClusterGroup {
    private final String name;
    final FailoverCluster cluster;
    final Map<String, ClusterResource> resources = new LinkedHashMap<>();
    List<ClusterNode> preferredOwners = new ArrayList<>();
    ClusterNode owner;
    GroupPolicy policy = GroupPolicy.DEFAULT;
    GroupState state = GroupState.OFFLINE;
    final ArrayDeque<Instant> failovers = new ArrayDeque<>();
    // True while the group is being taken offline to move elsewhere: failures then trigger no policy.
    boolean moving;
    Timer failbackTimer;

    ClusterGroup(String name, FailoverCluster cluster) {
        this.name = name;
        this.cluster = cluster;
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    /** The group's state, derived from its resources. */
    public GroupState state() {
        return state;
    }

    /** The node that owns the group, if any. */
    public Optional<String> ownerNode() {
        return Optional.ofNullable(owner).map(ClusterNode::name);
    }

    /** The preferred owners, most preferred first. */
    public List<String> preferredOwners() {
        return preferredOwners.stream().map(ClusterNode::name).toList();
    }

    /** The names of its resources, in creation order. */
    public List<String> resources() {
        return List.copyOf(resources.keySet().stream().map(k -> resources.get(k).name()).toList());
    }

    /** The failover and failback policy. */
    public GroupPolicy policy() {
        return policy;
    }

    /** How many failovers the current failover period has seen. */
    public int recentFailovers() {
        return failovers.size();
    }

    /** Whether the group is being moved (its offline phase). */
    public boolean isMoving() {
        return moving;
    }

    @Override
    public String toString() {
        return "ClusterGroup[" + name + ", " + state.displayName() + ownerNode().map(n -> " on " + n).orElse("") + "]";
    }
}
