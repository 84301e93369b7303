package io.github.exha.cluster.failover;

import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A resource of a {@link FailoverCluster}: a typed unit of work inside a group. Read its state here; change it
 * through the cluster.
 */
public final class ClusterResource {
    private final String name;
    private final ResourceType type;
    final ClusterGroup group;
    final Map<String, String> privateProperties = new TreeMap<>();
    // Node names (as created); null means every node of the cluster.
    Set<ClusterNode> possibleOwners;
    final Set<ClusterResource> dependencies = new LinkedHashSet<>();
    ResourcePolicy policy;

    ResourceState state = ResourceState.OFFLINE;
    ClusterNode node;
    // Bumped whenever the engine abandons what the resource was doing, so stale callbacks do nothing.
    long token;
    // The administrator (or a group action) wants the resource online: failover and restarts bring it back.
    boolean persistentOnline;
    boolean awaitingProviders;
    boolean awaitingDependents;
    List<Operation<Void>> onlineWaiters = new ArrayList<>();
    List<Operation<Void>> offlineWaiters = new ArrayList<>();
    final ArrayDeque<Instant> restarts = new ArrayDeque<>();
    Timer pendingTimer;
    Timer looksAliveTimer;
    Timer isAliveTimer;

    ClusterResource(String name, ResourceType type, ClusterGroup group) {
        this.name = name;
        this.type = type;
        this.group = group;
        this.policy = type.defaultPolicy();
    }

    /** The resource's name. */
    public String name() {
        return name;
    }

    /** The resource's type. */
    public ResourceType type() {
        return type;
    }

    /** The name of the resource's group. */
    public String groupName() {
        return group.name();
    }

    /** The resource's state. */
    public ResourceState state() {
        return state;
    }

    /** The node the resource is active on (online or pending), if any. */
    public Optional<String> hostNode() {
        return Optional.ofNullable(node).map(ClusterNode::name);
    }

    /** The names of the resources this one depends on, in the order they were added. */
    public List<String> dependencies() {
        return dependencies.stream().map(ClusterResource::name).toList();
    }

    /** The names of the nodes that may host it, in cluster order; all nodes when unrestricted. */
    public List<String> possibleOwners() {
        return group.cluster.nodesIn(possibleOwners);
    }

    /** The private properties, sorted by name. */
    public Map<String, String> privateProperties() {
        return Collections.unmodifiableMap(new TreeMap<>(privateProperties));
    }

    /** The restart and health-check policy. */
    public ResourcePolicy policy() {
        return policy;
    }

    /** Whether the resource is meant to be online (its persistent state). */
    public boolean persistentOnline() {
        return persistentOnline;
    }

    /** How many restarts in place the current restart period has seen. */
    public int recentRestarts() {
        return restarts.size();
    }

    boolean canRunOn(ClusterNode candidate) {
        return possibleOwners == null || possibleOwners.contains(candidate);
    }

    List<Operation<Void>> takeOnlineWaiters() {
        List<Operation<Void>> waiters = onlineWaiters;
        onlineWaiters = new ArrayList<>();
        return waiters;
    }

    List<Operation<Void>> takeOfflineWaiters() {
        List<Operation<Void>> waiters = offlineWaiters;
        offlineWaiters = new ArrayList<>();
        return waiters;
    }

    @Override
    public String toString() {
        return "ClusterResource[" + name + ", " + state.displayName() + hostNode().map(n -> " on " + n).orElse("") + "]";
    }
}
