package io.github.exha.cluster.failover;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One failover cluster (MSCS on Windows 2003, WSFC on 2008): nodes, groups and resources with the resource state
 * machine, dependencies, restart and failover policy, failback and health checks of DOMAIN.md §8, on the kernel's
 * virtual time.
 *
 * <p>Membership and quorum are decided elsewhere: they tell the cluster which nodes are up through
 * {@link #nodeDown}, {@link #nodeUp}, {@link #nodeJoining}, {@link #pause} and {@link #resume}.
 *
 * <p>Administrative actions ({@code cluster group /online}, {@code /moveto}, {@code cluster resource /fail}, ...)
 * return an {@link Operation} that completes in virtual time; an action the cluster refuses throws its
 * {@link ExhaException} (with the Win32 number) before anything changes. Every resource and group state change
 * and every owner change is journaled as a {@link JournalEntry.Type#STATE_CHANGE} with this cluster's name as
 * source; failures are {@link JournalEntry.Type#EVENT_LOG} entries with Windows event ids (1069 resource failed,
 * 1153 failover, 1154 failback, 1205 group not completely online/offline, 1254 failover threshold on 2008).
 *
 * <p>Invariant: a resource is active (online or pending) on at most one node, and only while every resource it
 * depends on is online on that node. A group moves by taking everything offline first.
 */
public final class FailoverCluster {
    /** Event id: a cluster resource failed. */
    public static final int EVENT_RESOURCE_FAILED = 1069;
    /** Event id: the cluster service is attempting to fail a group over (FM_EVENT_GROUP_FAILOVER). */
    public static final int EVENT_GROUP_FAILOVER = 1153;
    /** Event id: the cluster service is attempting to fail a group back (FM_EVENT_GROUP_FAILBACK). */
    public static final int EVENT_GROUP_FAILBACK = 1154;
    /** Event id: the cluster service failed to bring a group completely online or offline. */
    public static final int EVENT_GROUP_FAILED = 1205;
    /** Event id (2008): a group exceeded its failover threshold and is left failed. */
    public static final int EVENT_FAILOVER_THRESHOLD = 1254;

    private final String name;
    private final Kernel kernel;
    private final ResourceTypeRegistry types;
    private final ClusterVersion version;
    // Keyed by lower-case name: Windows cluster names are case-insensitive. Insertion order is the cluster order.
    private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
    private final Map<String, ClusterGroup> groups = new LinkedHashMap<>();
    private final Map<String, ClusterResource> resources = new LinkedHashMap<>();

    /**
     * An empty cluster named {@code name} in the world of {@code kernel}.
     *
     * @throws IllegalArgumentException for a blank name
     */
    public FailoverCluster(String name, Kernel kernel, ResourceTypeRegistry types, ClusterVersion version) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cluster needs a name");
        }
        this.name = name;
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.types = Objects.requireNonNull(types, "types");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The cluster's name (the journal source of its entries). */
    public String name() {
        return name;
    }

    /** Which Windows version the cluster behaves like. */
    public ClusterVersion version() {
        return version;
    }

    // ================================================================ nodes

    /**
     * Adds a node that is {@link NodeState#UP}.
     *
     * @throws ExhaException {@code OBJECT_ALREADY_EXISTS} (5010) for a name already used
     */
    public ClusterNode addNode(String nodeName) {
        return addNode(nodeName, NodeState.UP);
    }

    /**
     * Adds a node that is {@link NodeState#UP} (forming) or {@link NodeState#JOINING} ("Add Node" on a running
     * cluster: it hosts nothing until {@link #nodeUp}). The new node is not a possible owner of resources whose
     * possible owners were set explicitly, as on Windows.
     *
     * @throws ExhaException {@code OBJECT_ALREADY_EXISTS} (5010) for a name already used; {@code INVALID_ARGUMENT}
     *     for another initial state
     */
    public ClusterNode addNode(String nodeName, NodeState initial) {
        requireName(nodeName, "node");
        if (initial != NodeState.UP && initial != NodeState.JOINING) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "A node is added Up or Joining, not " + initial + ".");
        }
        if (nodes.containsKey(key(nodeName))) {
            throw new ExhaException(ClusterErrorCode.OBJECT_ALREADY_EXISTS, "The node is already a member of the cluster: '"
                    + nodeName + "' in cluster " + name + ".", NativeCode.win32(5065));
        }
        ClusterNode node = new ClusterNode(nodeName, initial);
        nodes.put(key(nodeName), node);
        journalState("node.state", Map.of("node", nodeName, "from", "", "to", initial.displayName()));
        // Groups that had nowhere to go may now come online here.
        recoverStrandedGroups();
        return node;
    }

    /**
     * Evicts a node ({@code cluster node <n> /evict}): it leaves the possible and preferred owner lists, and groups it
     * still owns (offline, since it is down) pass to their next node.
     *
     * @throws ExhaException {@code CANT_EVICT_ACTIVE_NODE} (5009) unless the node is Down; {@code INVALID_STATE}
     *     (5023) for the last node, since evicting it would destroy the cluster
     */
    public void evictNode(String nodeName) {
        ClusterNode node = node(nodeName);
        if (nodes.size() == 1) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The node " + node.name() + " is the last node of "
                    + name + "; evicting it would destroy the cluster, which exha does not model.", NativeCode.win32(5023));
        }
        if (node.state != NodeState.DOWN) {
            throw new ExhaException(ClusterErrorCode.CANT_EVICT_ACTIVE_NODE, "A cluster node cannot be evicted from the"
                    + " cluster unless the node is down or it is the last node: " + node.name() + " is "
                    + node.state.displayName() + ".", NativeCode.win32(5009));
        }
        nodes.remove(key(node.name()));
        for (ClusterGroup group : groups.values()) {
            group.preferredOwners.remove(node);
            for (ClusterResource resource : group.resources.values()) {
                if (resource.possibleOwners != null) {
                    resource.possibleOwners.remove(node);
                }
            }
            if (group.owner == node) {
                ClusterNode next = failoverOrder(group).stream().findFirst().orElse(null);
                setOwner(group, next);
            }
        }
        journalState("node.evicted", Map.of("node", node.name()));
        recoverStrandedGroups();
    }

    /** The node named {@code nodeName}; {@code NODE_NOT_FOUND} (5042) if there is none. */
    public ClusterNode node(String nodeName) {
        ClusterNode node = nodeName == null ? null : nodes.get(key(nodeName));
        if (node == null) {
            throw new ExhaException(ClusterErrorCode.NODE_NOT_FOUND,
                    "The cluster node was not found: '" + nodeName + "'.", NativeCode.win32(5042));
        }
        return node;
    }

    /** Every node, in the order they were added. */
    public List<ClusterNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /**
     * The node crashed or lost quorum: every resource on it stops at once (goes Offline), and the groups it owned fail
     * over to their next available node.
     */
    public void nodeDown(String nodeName) {
        ClusterNode node = node(nodeName);
        if (node.state == NodeState.DOWN) {
            return;
        }
        setNodeState(node, NodeState.DOWN);
        ExhaException lost = new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE,
                "The cluster node " + node.name() + " went down.", NativeCode.win32(5050));
        for (ClusterGroup group : List.copyOf(groups.values())) {
            // Dependents stop before what they depend on, as the resource monitor would unwind them.
            List<ClusterResource> order = topologicalOrder(group);
            for (int i = order.size() - 1; i >= 0; i--) {
                ClusterResource resource = order.get(i);
                if (resource.node == node) {
                    terminate(resource, ResourceState.OFFLINE, lost);
                } else if (resource.awaitingProviders && group.owner == node) {
                    cancelOnlineRequest(resource, lost);
                }
            }
        }
        for (ClusterGroup group : List.copyOf(groups.values())) {
            if (group.owner != node || group.moving) {
                continue;
            }
            if (group.resources.values().stream().anyMatch(r -> r.persistentOnline)) {
                failover(group, "node " + node.name() + " went down");
            } else {
                ClusterNode target = nextOwner(group, node);
                if (target != null) {
                    setOwner(group, target);
                }
            }
        }
        if (nodes.values().stream().allMatch(n -> n.state == NodeState.DOWN)) {
            forgetFailures();
        }
    }

    // The cluster service stopped on every node: failed states and restart / failover counts were in its memory only.
    // When the cluster forms again, every group starts from its persistent state (found by the replication chaos test,
    // seeds 20070379 and 20070468: a CMS left Failed before quorum was lost stayed Failed for good).
    private void forgetFailures() {
        for (ClusterGroup group : groups.values()) {
            group.failovers.clear();
            for (ClusterResource resource : group.resources.values()) {
                resource.restarts.clear();
                if (resource.state == ResourceState.FAILED) {
                    setState(resource, ResourceState.OFFLINE, null);
                }
            }
        }
    }

    /** The node is up again (or for the first time): stranded groups come online, failback is considered. */
    public void nodeUp(String nodeName) {
        ClusterNode node = node(nodeName);
        if (node.state == NodeState.UP) {
            return;
        }
        setNodeState(node, NodeState.UP);
        recoverStrandedGroups();
        considerFailback();
    }

    /** The node is joining: a member soon, but it hosts nothing yet. */
    public void nodeJoining(String nodeName) {
        ClusterNode node = node(nodeName);
        if (node.state != NodeState.DOWN) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The node " + node.name() + " is "
                    + node.state.displayName() + "; only a Down node can join.", NativeCode.win32(5023));
        }
        setNodeState(node, NodeState.JOINING);
    }

    /**
     * Pauses the node ({@code cluster node /pause}): it keeps the groups it runs but takes no new ones.
     *
     * @throws ExhaException {@code INVALID_STATE} (5023) unless the node is Up
     */
    public void pause(String nodeName) {
        ClusterNode node = node(nodeName);
        if (node.state == NodeState.PAUSED) {
            return;
        }
        if (node.state != NodeState.UP) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The node " + node.name() + " is "
                    + node.state.displayName() + " and cannot be paused.", NativeCode.win32(5023));
        }
        setNodeState(node, NodeState.PAUSED);
    }

    /**
     * Resumes a paused node ({@code cluster node /resume}).
     *
     * @throws ExhaException {@code INVALID_STATE} (ERROR_CLUSTER_NODE_NOT_PAUSED, 5058) unless it is paused
     */
    public void resume(String nodeName) {
        ClusterNode node = node(nodeName);
        if (node.state != NodeState.PAUSED) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The cluster node is not paused: " + node.name() + ".",
                    NativeCode.win32(5058));
        }
        setNodeState(node, NodeState.UP);
        recoverStrandedGroups();
        considerFailback();
    }

    // ================================================================ groups and resources

    /**
     * Creates an empty group owned by the first available node.
     *
     * @throws ExhaException {@code OBJECT_ALREADY_EXISTS} (5010) for a name already used
     */
    public ClusterGroup createGroup(String groupName) {
        requireName(groupName, "group");
        if (groups.containsKey(key(groupName))) {
            throw alreadyExists("group", groupName);
        }
        ClusterGroup group = new ClusterGroup(groupName, this);
        groups.put(key(groupName), group);
        journalState("group.state", Map.of("group", groupName, "node", "", "from", "", "to", group.state.displayName()));
        ClusterNode owner = nextOwner(group, null);
        if (owner != null) {
            setOwner(group, owner);
        }
        return group;
    }

    /**
     * Deletes an empty group.
     *
     * @throws ExhaException {@code GROUP_NOT_FOUND} (5013); {@code INVALID_STATE} (ERROR_DIR_NOT_EMPTY, 145) if it
     *     still holds resources
     */
    public void deleteGroup(String groupName) {
        ClusterGroup group = group(groupName);
        if (!group.resources.isEmpty()) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The group '" + group.name()
                    + "' still contains resources: " + group.resources() + ".", NativeCode.win32(145));
        }
        if (group.failbackTimer != null) {
            group.failbackTimer.cancel();
        }
        groups.remove(key(groupName));
        journalState("group.deleted", Map.of("group", group.name()));
    }

    /** The group named {@code groupName}; {@code GROUP_NOT_FOUND} (5013) if there is none. */
    public ClusterGroup group(String groupName) {
        ClusterGroup group = groupName == null ? null : groups.get(key(groupName));
        if (group == null) {
            throw new ExhaException(ClusterErrorCode.GROUP_NOT_FOUND,
                    "The cluster group could not be found: '" + groupName + "'.", NativeCode.win32(5013));
        }
        return group;
    }

    /** Every group, in creation order. */
    public List<ClusterGroup> groups() {
        return List.copyOf(groups.values());
    }

    /**
     * The first group, in creation order, whose name equals {@code name} ignoring case, if any (without copying the
     * groups: asked at every replication pump).
     */
    public Optional<ClusterGroup> findGroup(String name) {
        for (ClusterGroup group : groups.values()) {
            if (group.name().equalsIgnoreCase(name)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /**
     * Creates an offline resource of type {@code typeName} in a group.
     *
     * @throws ExhaException {@code OBJECT_ALREADY_EXISTS} (5010), {@code GROUP_NOT_FOUND} (5013),
     *     {@code RESOURCE_TYPE_NOT_FOUND} (5078)
     */
    public ClusterResource createResource(String groupName, String resourceName, String typeName) {
        requireName(resourceName, "resource");
        ClusterGroup group = group(groupName);
        if (resources.containsKey(key(resourceName))) {
            throw alreadyExists("resource", resourceName);
        }
        ResourceType type = types.type(typeName);
        ClusterResource resource = new ClusterResource(resourceName, type, group);
        resources.put(key(resourceName), resource);
        group.resources.put(key(resourceName), resource);
        journalState("resource.state", Map.of("resource", resourceName, "group", group.name(), "node", "",
                "from", "", "to", resource.state.displayName()));
        type.created(context(resource, group.owner));
        updateGroupState(group);
        return resource;
    }

    /**
     * Deletes an offline (or failed) resource that nothing depends on.
     *
     * @throws ExhaException {@code RESOURCE_NOT_FOUND} (5007); {@code DEPENDENT_RESOURCE_EXISTS} (5001);
     *     {@code RESOURCE_ONLINE} (5019) unless it is Offline or Failed
     */
    public void deleteResource(String resourceName) {
        ClusterResource resource = resource(resourceName);
        List<ClusterResource> dependents = dependentsOf(resource);
        if (!dependents.isEmpty()) {
            throw new ExhaException(ClusterErrorCode.DEPENDENT_RESOURCE_EXISTS, "The cluster resource '" + resource.name()
                    + "' cannot be deleted because other resources depend on it: "
                    + dependents.stream().map(ClusterResource::name).toList() + ".", NativeCode.win32(5001));
        }
        if (resource.state != ResourceState.OFFLINE && resource.state != ResourceState.FAILED || resource.awaitingProviders) {
            throw new ExhaException(ClusterErrorCode.RESOURCE_ONLINE, "The cluster resource '" + resource.name()
                    + "' is " + resource.state.displayName() + "; take it offline before deleting it.", NativeCode.win32(5019));
        }
        resources.remove(key(resourceName));
        resource.group.resources.remove(key(resourceName));
        journalState("resource.deleted", Map.of("resource", resource.name(), "group", resource.group.name()));
        updateGroupState(resource.group);
    }

    /** The resource named {@code resourceName}; {@code RESOURCE_NOT_FOUND} (5007) if there is none. */
    public ClusterResource resource(String resourceName) {
        ClusterResource resource = resourceName == null ? null : resources.get(key(resourceName));
        if (resource == null) {
            throw new ExhaException(ClusterErrorCode.RESOURCE_NOT_FOUND,
                    "The cluster resource could not be found: '" + resourceName + "'.", NativeCode.win32(5007));
        }
        return resource;
    }

    /** Every resource, in creation order. */
    public List<ClusterResource> resources() {
        return List.copyOf(resources.values());
    }

    /** Sets (or, with a null value, removes) a private property of a resource. */
    public void setPrivateProperty(String resourceName, String property, String value) {
        ClusterResource resource = resource(resourceName);
        requireName(property, "property");
        if (value == null) {
            resource.privateProperties.remove(property);
        } else {
            resource.privateProperties.put(property, value);
        }
    }

    /** Sets a resource's restart and health-check policy; it applies from the next state change. */
    public void setResourcePolicy(String resourceName, ResourcePolicy policy) {
        resource(resourceName).policy = Objects.requireNonNull(policy, "policy");
    }

    /** Sets a group's failover and failback policy. */
    public void setGroupPolicy(String groupName, GroupPolicy policy) {
        ClusterGroup group = group(groupName);
        group.policy = Objects.requireNonNull(policy, "policy");
        considerFailback();
    }

    /**
     * Restricts the nodes that may host a resource ({@code cluster resource /addowner}); an empty list means every
     * node (the default).
     *
     * @throws ExhaException {@code NODE_NOT_FOUND} (5042); {@code INVALID_STATE} (5023) if the resource is active on
     *     a node the list leaves out
     */
    public void setPossibleOwners(String resourceName, List<String> nodeNames) {
        ClusterResource resource = resource(resourceName);
        Set<ClusterNode> owners = new LinkedHashSet<>();
        for (String nodeName : nodeNames) {
            owners.add(node(nodeName));
        }
        if (resource.node != null && !owners.isEmpty() && !owners.contains(resource.node)) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The resource '" + resource.name() + "' is "
                    + resource.state.displayName() + " on " + resource.node.name()
                    + ", which must stay one of its possible owners.", NativeCode.win32(5023));
        }
        resource.possibleOwners = owners.isEmpty() ? null : owners;
    }

    /**
     * Sets a group's preferred owners, most preferred first ({@code cluster group /setowners}).
     *
     * @throws ExhaException {@code NODE_NOT_FOUND} (5042)
     */
    public void setPreferredOwners(String groupName, List<String> nodeNames) {
        ClusterGroup group = group(groupName);
        List<ClusterNode> owners = new ArrayList<>();
        for (String nodeName : nodeNames) {
            ClusterNode node = node(nodeName);
            if (!owners.contains(node)) {
                owners.add(node);
            }
        }
        group.preferredOwners = owners;
        considerFailback();
    }

    /** The group's failover order: its preferred owners in order, then the other nodes in cluster order. */
    public List<String> failoverOrder(String groupName) {
        return failoverOrder(group(groupName)).stream().map(ClusterNode::name).toList();
    }

    // ================================================================ dependencies

    /**
     * Makes {@code resourceName} depend on {@code providerName} ({@code cluster resource /adddep}).
     *
     * @throws ExhaException {@code RESOURCE_NOT_FOUND} (5007); {@code INVALID_DEPENDENCY} with
     *     ERROR_CIRCULAR_DEPENDENCY (1059) for a resource on itself or a cycle, with ERROR_INVALID_PARAMETER (87)
     *     across groups; {@code DEPENDENCY_ALREADY_EXISTS} (5003); on Windows 2003 {@code RESOURCE_ONLINE} (5019)
     *     unless the dependent resource is offline
     */
    public void addDependency(String resourceName, String providerName) {
        ClusterResource resource = resource(resourceName);
        ClusterResource provider = resource(providerName);
        if (resource == provider || dependsOn(provider, resource)) {
            throw new ExhaException(ClusterErrorCode.INVALID_DEPENDENCY, "Circular dependency: '" + provider.name()
                    + "' already depends on '" + resource.name() + "'" + (resource == provider ? " (itself)" : "") + ".",
                    NativeCode.win32(1059));
        }
        if (resource.group != provider.group) {
            throw new ExhaException(ClusterErrorCode.INVALID_DEPENDENCY, "The resources '" + resource.name() + "' (group '"
                    + resource.group.name() + "') and '" + provider.name() + "' (group '" + provider.group.name()
                    + "') are not in the same group.", NativeCode.win32(87));
        }
        if (resource.dependencies.contains(provider)) {
            throw new ExhaException(ClusterErrorCode.DEPENDENCY_ALREADY_EXISTS, "The cluster resource cannot be made "
                    + "dependent on the specified resource because it is already dependent: '" + resource.name()
                    + "' on '" + provider.name() + "'.", NativeCode.win32(5003));
        }
        boolean offline = (resource.state == ResourceState.OFFLINE || resource.state == ResourceState.FAILED)
                && !resource.awaitingProviders;
        if (version == ClusterVersion.WINDOWS_2003 && !offline) {
            throw new ExhaException(ClusterErrorCode.RESOURCE_ONLINE, "The operation could not be completed because the "
                    + "cluster resource is online: '" + resource.name() + "' is " + resource.state.displayName() + ".",
                    NativeCode.win32(5019));
        }
        resource.dependencies.add(provider);
        journalState("resource.dependency.added", Map.of("resource", resource.name(), "group", resource.group.name(),
                "provider", provider.name()));
    }

    /**
     * Removes a dependency ({@code cluster resource /removedep}).
     *
     * @throws ExhaException {@code RESOURCE_NOT_FOUND} (5007); {@code DEPENDENCY_NOT_FOUND} (5002)
     */
    public void removeDependency(String resourceName, String providerName) {
        ClusterResource resource = resource(resourceName);
        ClusterResource provider = resource(providerName);
        if (!resource.dependencies.contains(provider)) {
            throw new ExhaException(ClusterErrorCode.DEPENDENCY_NOT_FOUND, "The cluster resource dependency cannot be found: '"
                    + resource.name() + "' on '" + provider.name() + "'.", NativeCode.win32(5002));
        }
        resource.dependencies.remove(provider);
        journalState("resource.dependency.removed", Map.of("resource", resource.name(), "group", resource.group.name(),
                "provider", provider.name()));
    }

    // ================================================================ administrative actions

    /**
     * Brings a resource online on its group's owner, after everything it depends on ({@code /online}).
     *
     * @return completes when the resource is online; fails (5018) if it or a provider fails first
     * @throws ExhaException {@code HOST_NODE_NOT_AVAILABLE} (5005) if the owner is not up;
     *     {@code HOST_NODE_NOT_RESOURCE_OWNER} (5015) if the owner may not host it or a provider;
     *     {@code INVALID_STATE} (5023) while it or its group is being taken offline
     */
    public Operation<Void> onlineResource(String resourceName) {
        ClusterResource resource = resource(resourceName);
        ClusterGroup group = resource.group;
        requireSettled(group);
        if (resource.state == ResourceState.OFFLINE_PENDING || resource.awaitingDependents) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The resource '" + resource.name()
                    + "' is going offline.", NativeCode.win32(5023));
        }
        requireHostable(group, withProviders(resource));
        for (ClusterResource r : withProviders(resource)) {
            r.persistentOnline = true;
        }
        return requestOnline(resource);
    }

    /**
     * Takes a resource offline, its dependents first ({@code /offline}).
     *
     * @throws ExhaException {@code INVALID_STATE} (5023) while its group is moving
     */
    public Operation<Void> offlineResource(String resourceName) {
        ClusterResource resource = resource(resourceName);
        requireSettled(resource.group);
        for (ClusterResource r : withDependents(resource)) {
            r.persistentOnline = false;
        }
        return requestOffline(resource);
    }

    /**
     * Brings every resource of a group online on its owner (choosing the first available node in failover order if
     * the owner is not up).
     *
     * @throws ExhaException {@code HOST_NODE_NOT_AVAILABLE} (5005), {@code HOST_NODE_NOT_RESOURCE_OWNER} (5015),
     *     {@code INVALID_STATE} (5023) while the group moves or a resource goes offline
     */
    public Operation<Void> onlineGroup(String groupName) {
        ClusterGroup group = group(groupName);
        requireSettled(group);
        for (ClusterResource resource : group.resources.values()) {
            if (resource.state == ResourceState.OFFLINE_PENDING || resource.awaitingDependents) {
                throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The resource '" + resource.name()
                        + "' is going offline.", NativeCode.win32(5023));
            }
        }
        boolean anyActive = group.resources.values().stream().anyMatch(r -> r.node != null || r.awaitingProviders);
        ClusterNode owner = group.owner;
        if ((owner == null || owner.state == NodeState.DOWN || owner.state == NodeState.JOINING) && !anyActive) {
            owner = firstAvailable(group, failoverOrder(group));
            if (owner == null) {
                throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, "No node can host group '"
                        + group.name() + "'.", NativeCode.win32(5005));
            }
        }
        requireHostable(group, owner, group.resources.values());
        if (owner != group.owner) {
            setOwner(group, owner);
        }
        for (ClusterResource resource : group.resources.values()) {
            resource.persistentOnline = true;
        }
        return all("bring group " + group.name() + " online", requestAll(group.resources.values(), true));
    }

    /**
     * Takes every resource of a group offline.
     *
     * @throws ExhaException {@code INVALID_STATE} (5023) while the group moves
     */
    public Operation<Void> offlineGroup(String groupName) {
        ClusterGroup group = group(groupName);
        requireSettled(group);
        for (ClusterResource resource : group.resources.values()) {
            resource.persistentOnline = false;
        }
        return all("take group " + group.name() + " offline", requestAll(group.resources.values(), false));
    }

    /**
     * Moves a group to {@code nodeName} ({@code cluster group /moveto}): everything goes offline, then what was online
     * comes online on the target.
     *
     * @throws ExhaException {@code NODE_NOT_FOUND} (5042); {@code HOST_NODE_NOT_AVAILABLE} (5005) if the target is
     *     down or joining, (ERROR_CLUSTER_NODE_PAUSED, 5070) if it is paused; {@code HOST_NODE_NOT_RESOURCE_OWNER}
     *     (5015) if it may not host a resource; {@code INVALID_STATE} (5023) while the group already moves
     */
    public Operation<Void> moveGroup(String groupName, String nodeName) {
        ClusterGroup group = group(groupName);
        ClusterNode target = node(nodeName);
        requireSettled(group);
        switch (target.state) {
            case UP:
                break;
            case PAUSED:
                throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE,
                        "The cluster node is paused: " + target.name() + ".", NativeCode.win32(5070));
            case DOWN:
            case JOINING:
                throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, "The cluster node " + target.name()
                        + " is " + target.state.displayName() + " and cannot host group '" + group.name() + "'.",
                        NativeCode.win32(5005));
        }
        requireHostable(group, target, group.resources.values());
        if (target == group.owner) {
            return done("move group " + group.name() + " to " + target.name());
        }
        return relocate(group, target, "move group " + group.name() + " to " + target.name());
    }

    /**
     * Moves a group to the next node in its failover order ({@code cluster group /move} without a node).
     *
     * @throws ExhaException {@code HOST_NODE_NOT_AVAILABLE} (5005) if no other node can host it
     */
    public Operation<Void> moveGroup(String groupName) {
        ClusterGroup group = group(groupName);
        requireSettled(group);
        ClusterNode target = nextOwner(group, group.owner);
        if (target == null || target == group.owner) {
            throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, "No other node can host group '"
                    + group.name() + "'.", NativeCode.win32(5005));
        }
        return moveGroup(groupName, target.name());
    }

    /**
     * Fails an online resource on purpose ({@code cluster resource /fail}); the restart policy then applies.
     *
     * @return completed once the resource is marked failed
     * @throws ExhaException {@code RESOURCE_NOT_ONLINE} (5004) if it is not online; {@code INVALID_STATE} (5023)
     *     if it is pending
     */
    public Operation<Void> failResource(String resourceName) {
        ClusterResource resource = resource(resourceName);
        switch (resource.state) {
            case ONLINE:
                break;
            case ONLINE_PENDING:
            case OFFLINE_PENDING:
            case INITIALIZING:
                throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The resource '" + resource.name() + "' is "
                        + resource.state.displayName() + ".", NativeCode.win32(5023));
            case OFFLINE:
            case FAILED:
            case UNKNOWN:
                throw new ExhaException(ClusterErrorCode.RESOURCE_NOT_ONLINE, "The cluster resource is not online: '"
                        + resource.name() + "' is " + resource.state.displayName() + ".", NativeCode.win32(5004));
        }
        resourceFailed(resource, "failed by the administrator");
        return done("fail resource " + resource.name());
    }

    // ================================================================ invariant support

    /** Every resource that is online or pending, with the node it is on, in creation order. */
    public List<ResourcePlacement> placements() {
        List<ResourcePlacement> placements = new ArrayList<>();
        for (ClusterResource resource : resources.values()) {
            if (resource.node != null) {
                placements.add(new ResourcePlacement(resource.name(), resource.group.name(), resource.node.name(), resource.state));
            }
        }
        return placements;
    }

    // ================================================================ state machine: online

    private Operation<Void> requestOnline(ClusterResource resource) {
        switch (resource.state) {
            case ONLINE:
                return done("bring resource " + resource.name() + " online");
            case ONLINE_PENDING:
                return waiter(resource.onlineWaiters, "bring resource " + resource.name() + " online", "it to come online");
            case OFFLINE_PENDING: {
                // Online after the offline in progress has finished.
                Operation<Void> operation = kernel.operations().create("bring resource " + resource.name() + " online");
                operation.waitingFor("it to finish going offline");
                requestOffline(resource).whenDone(o -> requestOnline(resource).whenDone(p -> forward(p, operation)));
                return operation;
            }
            case OFFLINE:
            case FAILED:
            case INITIALIZING:
            case UNKNOWN:
                break;
        }
        Operation<Void> operation = waiter(resource.onlineWaiters, "bring resource " + resource.name() + " online",
                "its providers to come online");
        if (!resource.awaitingProviders) {
            resource.awaitingProviders = true;
            long token = resource.token;
            List<ClusterResource> providers = List.copyOf(resource.dependencies);
            if (providers.isEmpty()) {
                providersReady(resource, token, null);
            } else {
                int[] remaining = {providers.size()};
                ExhaException[] failure = {null};
                for (ClusterResource provider : providers) {
                    requestOnline(provider).whenDone(o -> {
                        if (o.isFailed() && failure[0] == null) {
                            failure[0] = o.failure().orElseThrow();
                        }
                        if (--remaining[0] == 0) {
                            providersReady(resource, token, failure[0]);
                        }
                    });
                }
            }
        }
        return operation;
    }

    private void providersReady(ClusterResource resource, long token, ExhaException providerFailure) {
        if (resource.token != token || !resource.awaitingProviders) {
            return;
        }
        resource.awaitingProviders = false;
        if (providerFailure != null) {
            // A resource whose provider failed is never brought online.
            failAll(resource.takeOnlineWaiters(), providerFailure);
            return;
        }
        ClusterNode node = resource.group.owner;
        for (ClusterResource provider : resource.dependencies) {
            if (provider.state != ResourceState.ONLINE || provider.node != node) {
                failAll(resource.takeOnlineWaiters(), onlineFailed(resource, "its provider '" + provider.name()
                        + "' is " + provider.state.displayName()));
                return;
            }
        }
        if (node == null || node.state == NodeState.DOWN || node.state == NodeState.JOINING) {
            failAll(resource.takeOnlineWaiters(), new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE,
                    "No node is available to host resource '" + resource.name() + "'.", NativeCode.win32(5005)));
            return;
        }
        if (!resource.canRunOn(node)) {
            failAll(resource.takeOnlineWaiters(), new ExhaException(ClusterErrorCode.HOST_NODE_NOT_RESOURCE_OWNER,
                    "The node " + node.name() + " is not a possible owner of resource '" + resource.name() + "'.",
                    NativeCode.win32(5015)));
            return;
        }
        startOnline(resource, node);
    }

    private void startOnline(ClusterResource resource, ClusterNode node) {
        long token = ++resource.token;
        setState(resource, ResourceState.ONLINE_PENDING, node);
        Operation<Void> work;
        try {
            work = resource.type().online(context(resource, node));
        } catch (ExhaException e) {
            resourceFailed(resource, e.getMessage(), e.nativeCode().orElse(null));
            return;
        }
        resource.pendingTimer = kernel.scheduler().schedule(resource.policy.pendingTimeout(), () -> {
            if (resource.token == token && resource.state == ResourceState.ONLINE_PENDING) {
                resourceFailed(resource, "it stayed OnlinePending longer than its pending timeout of "
                        + resource.policy.pendingTimeout());
            }
        });
        work.whenDone(o -> {
            if (resource.token != token || resource.state != ResourceState.ONLINE_PENDING) {
                return;
            }
            cancel(resource.pendingTimer);
            if (o.isFailed()) {
                ExhaException failure = o.failure().orElseThrow();
                resourceFailed(resource, failure.getMessage(), failure.nativeCode().orElse(null));
                return;
            }
            setState(resource, ResourceState.ONLINE, node);
            startHealthChecks(resource, token, node);
            completeAll(resource.takeOnlineWaiters());
        });
    }

    private void startHealthChecks(ClusterResource resource, long token, ClusterNode node) {
        ResourceContext context = context(resource, node);
        resource.looksAliveTimer = kernel.scheduler().scheduleEvery(resource.policy.looksAliveInterval(),
                resource.policy.looksAliveInterval(), () -> {
                    if (resource.token == token && resource.state == ResourceState.ONLINE
                            && !resource.type().looksAlive(context)) {
                        resourceFailed(resource, "its LooksAlive check failed");
                    }
                });
        resource.isAliveTimer = kernel.scheduler().scheduleEvery(resource.policy.isAliveInterval(),
                resource.policy.isAliveInterval(), () -> {
                    if (resource.token == token && resource.state == ResourceState.ONLINE
                            && !resource.type().isAlive(context)) {
                        resourceFailed(resource, "its IsAlive check failed");
                    }
                });
    }

    // ================================================================ state machine: offline

    private Operation<Void> requestOffline(ClusterResource resource) {
        if (resource.awaitingProviders) {
            cancelOnlineRequest(resource, new ExhaException(ClusterErrorCode.INVALID_STATE,
                    "Bringing resource '" + resource.name() + "' online was cancelled by taking it offline.",
                    NativeCode.win32(5023)));
        }
        switch (resource.state) {
            case OFFLINE:
            case INITIALIZING:
            case UNKNOWN:
                return done("take resource " + resource.name() + " offline");
            case FAILED:
                // Taking a failed resource offline clears the failure.
                setState(resource, ResourceState.OFFLINE, null);
                return done("take resource " + resource.name() + " offline");
            case OFFLINE_PENDING:
                return waiter(resource.offlineWaiters, "take resource " + resource.name() + " offline", "it to go offline");
            case ONLINE:
            case ONLINE_PENDING:
                break;
        }
        Operation<Void> operation = waiter(resource.offlineWaiters, "take resource " + resource.name() + " offline",
                "its dependents to go offline");
        if (!resource.awaitingDependents) {
            resource.awaitingDependents = true;
            long token = resource.token;
            List<ClusterResource> dependents = dependentsOf(resource);
            int[] remaining = {dependents.size()};
            if (dependents.isEmpty()) {
                dependentsStopped(resource, token);
            }
            for (ClusterResource dependent : dependents) {
                requestOffline(dependent).whenDone(o -> {
                    if (--remaining[0] == 0) {
                        dependentsStopped(resource, token);
                    }
                });
            }
        }
        return operation;
    }

    private void dependentsStopped(ClusterResource resource, long token) {
        if (resource.token != token || !resource.awaitingDependents) {
            return;
        }
        resource.awaitingDependents = false;
        switch (resource.state) {
            case ONLINE:
                startOffline(resource);
                return;
            case ONLINE_PENDING:
                // Abandon the online in progress: the resource never came up.
                terminate(resource, ResourceState.OFFLINE, new ExhaException(ClusterErrorCode.INVALID_STATE,
                        "Bringing resource '" + resource.name() + "' online was cancelled by taking it offline.",
                        NativeCode.win32(5023)));
                return;
            case OFFLINE:
            case FAILED:
            case OFFLINE_PENDING:
            case INITIALIZING:
            case UNKNOWN:
                completeAll(resource.takeOfflineWaiters());
        }
    }

    private void startOffline(ClusterResource resource) {
        ClusterNode node = resource.node;
        long token = ++resource.token;
        cancelTimers(resource);
        setState(resource, ResourceState.OFFLINE_PENDING, node);
        Operation<Void> work;
        try {
            work = resource.type().offline(context(resource, node));
        } catch (ExhaException e) {
            offlineFailed(resource, e.getMessage());
            return;
        }
        resource.pendingTimer = kernel.scheduler().schedule(resource.policy.pendingTimeout(), () -> {
            if (resource.token == token && resource.state == ResourceState.OFFLINE_PENDING) {
                offlineFailed(resource, "it stayed OfflinePending longer than its pending timeout of "
                        + resource.policy.pendingTimeout());
            }
        });
        work.whenDone(o -> {
            if (resource.token != token || resource.state != ResourceState.OFFLINE_PENDING) {
                return;
            }
            cancel(resource.pendingTimer);
            if (o.isFailed()) {
                offlineFailed(resource, o.failure().orElseThrow().getMessage());
                return;
            }
            resource.token++;
            setState(resource, ResourceState.OFFLINE, null);
            completeAll(resource.takeOfflineWaiters());
        });
    }

    private void offlineFailed(ClusterResource resource, String reason) {
        // A resource that cannot stop is terminated and marked failed; no restart, since it was asked to stop.
        ClusterGroup group = resource.group;
        terminate(resource, ResourceState.FAILED, onlineFailed(resource, reason));
        eventLog(EVENT_RESOURCE_FAILED, "Cluster resource '" + resource.name() + "' in Resource Group '" + group.name()
                + "' failed.", Map.of("resource", resource.name(), "group", group.name(), "reason", reason));
    }

    // ================================================================ failures, restarts, failover

    private void resourceFailed(ClusterResource resource, String reason) {
        resourceFailed(resource, reason, null);
    }

    /**
     * A resource failed; {@code cause} is the Win32 error its type reported (a Network Name without an IP Address
     * dependency reports 5002), or null for ERROR_RESMON_ONLINE_FAILED (5018).
     */
    private void resourceFailed(ClusterResource resource, String reason, NativeCode cause) {
        ClusterGroup group = resource.group;
        boolean stopping = resource.awaitingDependents || resource.state == ResourceState.OFFLINE_PENDING;
        // Dependents stop first (deepest first); they are restarted with the resource if the policy restarts it.
        List<ClusterResource> dependents = transitiveDependents(resource);
        List<ClusterResource> restartWith = new ArrayList<>();
        ExhaException providerFailed = onlineFailed(resource, "it failed: " + reason, cause);
        for (int i = dependents.size() - 1; i >= 0; i--) {
            ClusterResource dependent = dependents.get(i);
            if (dependent.node != null || dependent.awaitingProviders) {
                restartWith.add(0, dependent);
                terminate(dependent, ResourceState.OFFLINE, providerFailed);
            }
        }
        terminate(resource, ResourceState.FAILED, providerFailed);
        eventLog(EVENT_RESOURCE_FAILED, "Cluster resource '" + resource.name() + "' in Resource Group '" + group.name()
                + "' failed.", Map.of("resource", resource.name(), "group", group.name(), "reason", reason));
        if (group.moving || stopping) {
            return;
        }
        applyRestartPolicy(resource, restartWith, reason);
    }

    private void applyRestartPolicy(ClusterResource resource, List<ClusterResource> restartWith, String reason) {
        ResourcePolicy policy = resource.policy;
        switch (policy.restartAction()) {
            case DONT_RESTART:
                return;
            case RESTART_NO_NOTIFY:
            case RESTART_NOTIFY:
                break;
        }
        prune(resource.restarts, policy.restartPeriod());
        if (resource.restarts.size() < policy.restartThreshold()) {
            resource.restarts.addLast(kernel.scheduler().now());
            ClusterGroup group = resource.group;
            ClusterNode node = group.owner;
            // Restart on the next event rather than inside the failure's call stack.
            kernel.scheduler().schedule(Duration.ZERO, () -> {
                if (group.owner != node || group.moving || resource.state != ResourceState.FAILED) {
                    return;
                }
                requestOnline(resource);
                for (ClusterResource dependent : restartWith) {
                    if (dependent.persistentOnline && dependent.group == group && resources.containsValue(dependent)) {
                        requestOnline(dependent);
                    }
                }
            });
            return;
        }
        if (policy.restartAction() == RestartAction.RESTART_NOTIFY) {
            failover(resource.group, "resource '" + resource.name() + "' exceeded its restart threshold (" + reason + ")");
        }
    }

    private void failover(ClusterGroup group, String reason) {
        if (group.moving) {
            return;
        }
        prune(group.failovers, group.policy.failoverPeriod());
        int threshold = group.policy.failoverThreshold() == GroupPolicy.UNSET
                ? Math.max(nodes.size() - 1, 0) : group.policy.failoverThreshold();
        ClusterNode from = group.owner;
        if (group.failovers.size() >= threshold) {
            leaveFailed(group, "it exceeded its failover threshold of " + threshold + " in " + group.policy.failoverPeriod()
                    + " (" + reason + ")", true);
            return;
        }
        ClusterNode target = nextOwner(group, from);
        if (target == null) {
            leaveFailed(group, "no node can host it (" + reason + ")", false);
            return;
        }
        group.failovers.addLast(kernel.scheduler().now());
        eventLog(EVENT_GROUP_FAILOVER, "Cluster service is attempting to failover the Cluster Resource Group '"
                + group.name() + "' from node " + nameOf(from) + " to node " + target.name() + ".",
                Map.of("group", group.name(), "from", nameOf(from), "to", target.name(), "reason", reason));
        relocate(group, target, "fail over group " + group.name() + " to " + target.name());
    }

    private void leaveFailed(ClusterGroup group, String why, boolean thresholdExceeded) {
        eventLog(EVENT_GROUP_FAILED, "The Cluster Service failed to bring the Resource Group '" + group.name()
                + "' completely online or offline.", Map.of("group", group.name(), "reason", why));
        if (thresholdExceeded && version == ClusterVersion.WINDOWS_2008) {
            eventLog(EVENT_FAILOVER_THRESHOLD, "Clustered service or application '" + group.name() + "' has exceeded its "
                    + "failover threshold.  It has exhausted the configured number of failover attempts within the "
                    + "failover period of time allotted to it and will be left in a failed state.",
                    Map.of("group", group.name()));
        }
        // What still runs is taken offline; the failed resources stay failed, so the group stays Failed.
        for (ClusterResource resource : group.resources.values()) {
            if (resource.state != ResourceState.FAILED) {
                requestOffline(resource);
            }
        }
    }

    /** Takes the whole group offline, then brings what was meant to be online up on {@code target}. */
    private Operation<Void> relocate(ClusterGroup group, ClusterNode target, String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.waitingFor("group " + group.name() + " to go offline");
        List<ClusterResource> wanted = group.resources.values().stream().filter(r -> r.persistentOnline).toList();
        group.moving = true;
        List<Operation<Void>> stops = requestAll(group.resources.values(), false);
        all(description + ": offline", stops).whenDone(o -> {
            group.moving = false;
            ClusterNode destination = target;
            if (!destination.acceptsGroups() || !hostable(destination, group.resources.values())) {
                // The target went away while the group was stopping: take the next node in order instead.
                destination = nextOwner(group, group.owner);
            }
            if (destination == null) {
                leaveFailed(group, "no node can host it", false);
                operation.fail(new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE,
                        "No node is available to host group '" + group.name() + "'.", NativeCode.win32(5005)));
                return;
            }
            setOwner(group, destination);
            for (ClusterResource resource : group.resources.values()) {
                resource.restarts.clear();
            }
            operation.waitingFor("group " + group.name() + " to come online on " + destination.name());
            List<ClusterResource> stillThere = wanted.stream().filter(r -> r.group == group && resources.containsValue(r)).toList();
            all(description + ": online", requestAll(stillThere, true)).whenDone(p -> forward(p, operation));
        });
        return operation;
    }

    /** Groups whose owner cannot host them any more but which should run: bring them up elsewhere. */
    private void recoverStrandedGroups() {
        for (ClusterGroup group : List.copyOf(groups.values())) {
            if (group.moving) {
                continue;
            }
            boolean ownerGone = group.owner == null || group.owner.state == NodeState.DOWN || group.owner.state == NodeState.JOINING;
            if (!ownerGone) {
                // A group left offline when no node could host it (the cluster lost quorum everywhere) comes back
                // when its owner is a member again, as the cluster service restores the groups' persistent state.
                if (group.owner.acceptsGroups() && wantedButAllOffline(group)) {
                    relocate(group, group.owner, "bring group " + group.name() + " online on " + group.owner.name()
                            + " again");
                }
                continue;
            }
            ClusterNode target = nextOwner(group, group.owner);
            if (target == null) {
                continue;
            }
            if (group.resources.values().stream().anyMatch(r -> r.persistentOnline)) {
                relocate(group, target, "bring stranded group " + group.name() + " online on " + target.name());
            } else {
                setOwner(group, target);
            }
        }
    }

    // Should run (a resource is persistently online), yet nothing runs, is starting or has failed.
    private static boolean wantedButAllOffline(ClusterGroup group) {
        return group.resources.values().stream().anyMatch(r -> r.persistentOnline)
                && group.resources.values().stream().allMatch(r -> r.state == ResourceState.OFFLINE);
    }

    // ================================================================ failback

    private void considerFailback() {
        for (ClusterGroup group : List.copyOf(groups.values())) {
            considerFailback(group);
        }
    }

    private void considerFailback(ClusterGroup group) {
        if (!group.policy.failbackAllowed() || group.moving || group.preferredOwners.isEmpty()) {
            return;
        }
        ClusterNode best = firstAvailable(group, group.preferredOwners);
        if (best == null || best == group.owner) {
            return;
        }
        Instant now = kernel.scheduler().now();
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        if (group.policy.failbackWindowContains(hour)) {
            if (group.failbackTimer != null) {
                group.failbackTimer.cancel();
                group.failbackTimer = null;
            }
            ClusterNode from = group.owner;
            eventLog(EVENT_GROUP_FAILBACK, "Cluster service is attempting to failback the Cluster Resource Group '"
                    + group.name() + "' from node " + nameOf(from) + " to node " + best.name() + ".",
                    Map.of("group", group.name(), "from", nameOf(from), "to", best.name()));
            relocate(group, best, "fail back group " + group.name() + " to " + best.name());
            return;
        }
        if (group.failbackTimer != null && group.failbackTimer.isPending()) {
            return;
        }
        // Wait for the window to open; the timer is a daemon so it never keeps an idle world running.
        ZonedDateTime opening = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                .withHour(group.policy.failbackWindowStart());
        if (!opening.toInstant().isAfter(now)) {
            opening = opening.plusDays(1);
        }
        group.failbackTimer = kernel.scheduler().scheduleAt(opening.toInstant(), () -> {
            group.failbackTimer = null;
            if (groups.get(key(group.name())) == group) {
                considerFailback(group);
            }
        }, Liveness.DAEMON);
    }

    // ================================================================ plumbing

    private void terminate(ClusterResource resource, ResourceState to, ExhaException why) {
        ClusterNode node = resource.node;
        resource.token++;
        resource.awaitingProviders = false;
        resource.awaitingDependents = false;
        cancelTimers(resource);
        if (node != null) {
            resource.type().terminate(context(resource, node));
        }
        setState(resource, to, null);
        failAll(resource.takeOnlineWaiters(), why);
        completeAll(resource.takeOfflineWaiters());
    }

    private void cancelOnlineRequest(ClusterResource resource, ExhaException why) {
        resource.awaitingProviders = false;
        resource.token++;
        failAll(resource.takeOnlineWaiters(), why);
    }

    private void cancelTimers(ClusterResource resource) {
        cancel(resource.pendingTimer);
        cancel(resource.looksAliveTimer);
        cancel(resource.isAliveTimer);
        resource.pendingTimer = null;
        resource.looksAliveTimer = null;
        resource.isAliveTimer = null;
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void setState(ClusterResource resource, ResourceState to, ClusterNode node) {
        ResourceState from = resource.state;
        ClusterNode journalNode = node != null ? node : resource.node;
        resource.state = to;
        resource.node = to.isActive() ? node : null;
        if (from != to) {
            journalState("resource.state", Map.of("resource", resource.name(), "group", resource.group.name(),
                    "node", nameOf(journalNode), "from", from.displayName(), "to", to.displayName()));
        }
        updateGroupState(resource.group);
    }

    private void updateGroupState(ClusterGroup group) {
        GroupState derived = GroupState.derive(group.resources.values().stream().map(ClusterResource::state).toList());
        if (derived != group.state) {
            GroupState from = group.state;
            group.state = derived;
            journalState("group.state", Map.of("group", group.name(), "node", nameOf(group.owner),
                    "from", from.displayName(), "to", derived.displayName()));
        }
    }

    private void setOwner(ClusterGroup group, ClusterNode owner) {
        ClusterNode from = group.owner;
        group.owner = owner;
        if (from != owner) {
            journalState("group.owner", Map.of("group", group.name(), "from", nameOf(from), "to", nameOf(owner)));
        }
    }

    private void setNodeState(ClusterNode node, NodeState to) {
        NodeState from = node.state;
        node.state = to;
        journalState("node.state", Map.of("node", node.name(), "from", from.displayName(), "to", to.displayName()));
    }

    private void journalState(String entryName, Map<String, String> attributes) {
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name, entryName, attributes);
    }

    private void eventLog(int eventId, String message, Map<String, String> details) {
        Map<String, String> attributes = new LinkedHashMap<>(details);
        attributes.put(JournalEntry.EVENT_ID, Integer.toString(eventId));
        attributes.put("message", message);
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, name, "ClusSvc", attributes);
    }

    private ResourceContext context(ClusterResource resource, ClusterNode node) {
        return new ResourceContext(name, resource.group.name(), resource.name(), nameOf(node), resource.privateProperties, kernel,
                resource.dependencies.stream().map(provider -> provider.type().name()).toList());
    }

    private List<ClusterNode> failoverOrder(ClusterGroup group) {
        List<ClusterNode> order = new ArrayList<>(group.preferredOwners);
        for (ClusterNode node : nodes.values()) {
            if (!order.contains(node)) {
                order.add(node);
            }
        }
        return order;
    }

    /** The next node after {@code current} in failover order that is up and may host every resource; else null. */
    private ClusterNode nextOwner(ClusterGroup group, ClusterNode current) {
        List<ClusterNode> order = failoverOrder(group);
        int start = current == null ? 0 : order.indexOf(current) + 1;
        List<ClusterNode> rotation = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ClusterNode candidate = order.get((start + i) % order.size());
            if (candidate != current) {
                rotation.add(candidate);
            }
        }
        if (current != null) {
            // The current owner is the last resort (a failover that finds no other node restarts in place).
            rotation.add(current);
        }
        return firstAvailable(group, rotation);
    }

    private ClusterNode firstAvailable(ClusterGroup group, List<ClusterNode> candidates) {
        for (ClusterNode candidate : candidates) {
            if (candidate.acceptsGroups() && hostable(candidate, group.resources.values())) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean hostable(ClusterNode node, Collection<ClusterResource> resources) {
        return resources.stream().allMatch(r -> r.canRunOn(node));
    }

    private void requireHostable(ClusterGroup group, Collection<ClusterResource> toStart) {
        ClusterNode owner = group.owner;
        if (owner == null || owner.state == NodeState.DOWN || owner.state == NodeState.JOINING) {
            throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, "The owner of group '" + group.name()
                    + "' (" + nameOf(owner) + ") is not available.", NativeCode.win32(5005));
        }
        requireHostable(group, owner, toStart);
    }

    private static void requireHostable(ClusterGroup group, ClusterNode node, Collection<ClusterResource> toStart) {
        for (ClusterResource resource : toStart) {
            if (!resource.canRunOn(node)) {
                throw new ExhaException(ClusterErrorCode.HOST_NODE_NOT_RESOURCE_OWNER, "The cluster node " + node.name()
                        + " is not a possible owner of resource '" + resource.name() + "' in group '" + group.name() + "'.",
                        NativeCode.win32(5015));
            }
        }
    }

    private static void requireSettled(ClusterGroup group) {
        if (group.moving) {
            throw new ExhaException(ClusterErrorCode.INVALID_STATE, "The group '" + group.name()
                    + "' is moving; try again when it has settled.", NativeCode.win32(5023));
        }
    }

    private List<ClusterResource> dependentsOf(ClusterResource provider) {
        return provider.group.resources.values().stream().filter(r -> r.dependencies.contains(provider)).toList();
    }

    /** The resources that depend on {@code provider} directly or not, providers before dependents. */
    private List<ClusterResource> transitiveDependents(ClusterResource provider) {
        List<ClusterResource> result = new ArrayList<>();
        for (ClusterResource resource : topologicalOrder(provider.group)) {
            if (resource != provider && dependsOn(resource, provider)) {
                result.add(resource);
            }
        }
        return result;
    }

    private static boolean dependsOn(ClusterResource resource, ClusterResource provider) {
        ArrayDeque<ClusterResource> work = new ArrayDeque<>(resource.dependencies);
        Set<ClusterResource> seen = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            ClusterResource next = work.removeFirst();
            if (next == provider) {
                return true;
            }
            if (seen.add(next)) {
                work.addAll(next.dependencies);
            }
        }
        return false;
    }

    private static List<ClusterResource> withProviders(ClusterResource resource) {
        Set<ClusterResource> result = new LinkedHashSet<>();
        ArrayDeque<ClusterResource> work = new ArrayDeque<>(List.of(resource));
        while (!work.isEmpty()) {
            ClusterResource next = work.removeFirst();
            if (result.add(next)) {
                work.addAll(next.dependencies);
            }
        }
        return List.copyOf(result);
    }

    private List<ClusterResource> withDependents(ClusterResource resource) {
        List<ClusterResource> result = new ArrayList<>(List.of(resource));
        result.addAll(transitiveDependents(resource));
        return result;
    }

    /** The group's resources with every provider before its dependents (creation order breaks ties). */
    private static List<ClusterResource> topologicalOrder(ClusterGroup group) {
        List<ClusterResource> order = new ArrayList<>();
        Set<ClusterResource> placed = new LinkedHashSet<>();
        for (ClusterResource resource : group.resources.values()) {
            visit(resource, placed, order);
        }
        return order;
    }

    private static void visit(ClusterResource resource, Set<ClusterResource> placed, List<ClusterResource> order) {
        if (placed.contains(resource)) {
            return;
        }
        placed.add(resource);
        for (ClusterResource provider : resource.dependencies) {
            visit(provider, placed, order);
        }
        order.add(resource);
    }

    private List<Operation<Void>> requestAll(Collection<ClusterResource> targets, boolean online) {
        List<Operation<Void>> operations = new ArrayList<>();
        for (ClusterResource resource : List.copyOf(targets)) {
            operations.add(online ? requestOnline(resource) : requestOffline(resource));
        }
        return operations;
    }

    /** An operation that completes when all do, failing with the first failure. */
    private Operation<Void> all(String description, List<Operation<Void>> parts) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.waitingFor(parts.size() + " resource operation(s)");
        if (parts.isEmpty()) {
            operation.complete(null);
            return operation;
        }
        int[] remaining = {parts.size()};
        ExhaException[] failure = {null};
        for (Operation<Void> part : parts) {
            part.whenDone(o -> {
                if (o.isFailed() && failure[0] == null) {
                    failure[0] = o.failure().orElseThrow();
                }
                if (--remaining[0] == 0) {
                    if (failure[0] != null) {
                        operation.fail(failure[0]);
                    } else {
                        operation.complete(null);
                    }
                }
            });
        }
        return operation;
    }

    private Operation<Void> waiter(List<Operation<Void>> waiters, String description, String waitingFor) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.waitingFor(waitingFor);
        waiters.add(operation);
        return operation;
    }

    private Operation<Void> done(String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.complete(null);
        return operation;
    }

    private static void forward(Operation<Void> from, Operation<Void> to) {
        if (to.isDone()) {
            return;
        }
        if (from.isFailed()) {
            to.fail(from.failure().orElseThrow());
        } else {
            to.complete(null);
        }
    }

    private static void completeAll(List<Operation<Void>> operations) {
        for (Operation<Void> operation : operations) {
            if (!operation.isDone()) {
                operation.complete(null);
            }
        }
    }

    private static void failAll(List<Operation<Void>> operations, ExhaException why) {
        for (Operation<Void> operation : operations) {
            if (!operation.isDone()) {
                operation.fail(why);
            }
        }
    }

    private static ExhaException onlineFailed(ClusterResource resource, String reason) {
        return onlineFailed(resource, reason, null);
    }

    private static ExhaException onlineFailed(ClusterResource resource, String reason, NativeCode cause) {
        NativeCode code = cause == null ? NativeCode.win32(5018) : cause;
        return new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought online "
                + "by the resource monitor: '" + resource.name() + "' (" + reason + "). Error ID: " + code.number() + " ("
                + String.format(java.util.Locale.ROOT, "%08x", code.number()) + ")", code);
    }

    private void prune(ArrayDeque<Instant> times, Duration period) {
        Instant horizon = kernel.scheduler().now().minus(period);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    List<String> nodesIn(Set<ClusterNode> subset) {
        return nodes.values().stream().filter(n -> subset == null || subset.contains(n)).map(ClusterNode::name).toList();
    }

    private ExhaException alreadyExists(String kind, String objectName) {
        return new ExhaException(ClusterErrorCode.OBJECT_ALREADY_EXISTS, "The specified object already exists: "
                + kind + " '" + objectName + "' in cluster " + name + ".", NativeCode.win32(5010));
    }

    private static void requireName(String objectName, String kind) {
        if (objectName == null || objectName.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " needs a name");
        }
    }

    private static String nameOf(ClusterNode node) {
        return node == null ? "" : node.name();
    }

    private static String key(String objectName) {
        return objectName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "FailoverCluster[" + name + ", " + version + ", nodes=" + nodes.size() + ", groups=" + groups.size()
                + ", resources=" + resources.size() + "]";
    }
}
