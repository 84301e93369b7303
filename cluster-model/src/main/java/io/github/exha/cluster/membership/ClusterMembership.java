package io.github.exha.cluster.membership;

import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster service's membership and quorum for one {@link FailoverCluster} (DOMAIN.md §8): heartbeats, regroup
 * into partitions, vote counting and arbitration of the witness, on the kernel's virtual time.
 *
 * <p><b>Heartbeats.</b> Every member observes every other member on each network that carries heartbeats
 * ({@link NetworkRole#carriesHeartbeats()}: private and mixed), with one daemon periodic timer per ordered pair of
 * nodes at the {@link HeartbeatPolicy} interval (2003: 1.2 s; 2008: SameSubnetDelay or CrossSubnetDelay). A tick
 * at which the peer's heartbeat does not reach the observer on a network is a miss; a heartbeat resets the count.
 * At the threshold (2003: 6; 2008: 5) the observer logs 1123 for that network, and the first observer to lose an
 * interface logs 1126 for it. When the peer is missed on <em>all</em> heartbeat networks the observer calls a
 * regroup, so a node is removed exactly delay × threshold (7.2 s / 5 s) after its last heartbeat.
 *
 * <p><b>Regroup.</b> At the end of the instant, the running members that are up split into partitions of nodes that
 * can all hear each other now (both ways, on some heartbeat network): connected components, each pruned to a
 * clique by dropping the node with the fewest links (ties: the last by name). Each partition logs 1135 for each
 * member it lost.
 *
 * <p><b>Votes.</b> One per node for majority models, plus the witness's vote for the one partition that arbitrates
 * it. Arbitration: the current owner keeps the witness while it still reaches it; otherwise the lowest-named member
 * of the running cluster that reaches it takes it, and only if none does, the lowest-named stopped node that
 * reaches it. A partition has quorum with more than half of all configured votes; under disk-only models (2003
 * shared disk, 2008 Disk Only) the partition owning the disk has quorum. Since the witness goes to one partition
 * and partitions are disjoint, at most one partition ever holds quorum (checked on every evaluation).
 *
 * <p><b>Consequences.</b> Members outside the partition with quorum stop their cluster service (1177) and the
 * failover engine gets {@link FailoverCluster#nodeDown}, so their groups move to the partition with quorum. A
 * stopped node retries at every membership check (one per same-subnet heartbeat interval): it joins when it hears
 * every member of the running cluster ({@link FailoverCluster#nodeJoining}, then {@link FailoverCluster#nodeUp} at
 * the next check), and stopped nodes form a new cluster when their partition wins quorum. A crash is noticed by the
 * heartbeats; a crashed node that reboots before that is removed at once when it tries to join again.
 *
 * <p>Order of effects: nodes leave the engine before the new view is published and join after it, so at every
 * journal entry each node the engine has Up, Paused or Joining is in the partition with quorum.
 */
public final class ClusterMembership {
    /** NM_EVENT_NETINTERFACE_UP: the node (re)established communication with a node on a network. */
    public static final int EVENT_COMMUNICATION_RESTORED = 1122;
    /** NM_EVENT_NETINTERFACE_UNREACHABLE: the node lost communication with a node on a network. */
    public static final int EVENT_COMMUNICATION_LOST = 1123;
    /** NM_EVENT_CLUSTER_NETINTERFACE_UP: a node's interface on a network is operational again. */
    public static final int EVENT_INTERFACE_UP = 1125;
    /** NM_EVENT_CLUSTER_NETINTERFACE_UNREACHABLE: a node's interface is unreachable by at least one other node. */
    public static final int EVENT_INTERFACE_UNREACHABLE = 1126;
    /** NM_EVENT_NODE_DOWN: a node was removed from the active cluster membership. */
    public static final int EVENT_NODE_REMOVED = 1135;
    /** MM_EVENT_ARBITRATION_FAILED: the cluster service is shutting down because quorum was lost. */
    public static final int EVENT_QUORUM_LOST = 1177;

    /** Fault point: at each membership check, a member's host crashes (detail: the node). */
    public static final String NODE_CRASH_FAULT = "cluster.membership.node-crash";
    /** Fault point: at each membership check, the witness becomes unavailable until {@link #witnessRestored()}. */
    public static final String WITNESS_OUTAGE_FAULT = "cluster.membership.witness-outage";

    // By name ignoring case, then by name; from the lower-case name each member keeps.
    private static final Comparator<Member> MEMBER_ORDER =
            Comparator.comparing((Member m) -> m.lowerName).thenComparing(m -> m.name);

    private final Kernel kernel;
    private final FailoverCluster cluster;
    // Replaced (never mutated) when an administrator renames a network or changes its role.
    private List<ClusterNetwork> networks;
    private List<ClusterNetwork> heartbeatNetworks;
    private final Connectivity connectivity;
    private final HeartbeatPolicy policy;
    private final FaultPoint nodeCrash;
    private final FaultPoint witnessOutage;
    // Keyed by lower-case name; insertion order is the engine's node order.
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    // Per "node|network": how many observers currently miss that interface.
    private final Map<String, Integer> interfaceMisses = new LinkedHashMap<>();
    private QuorumConfiguration quorum;
    private String witnessOwner;
    private boolean witnessAvailable = true;
    private List<Partition> partitions = List.of();
    private boolean started;
    private boolean regroupPending;
    private Timer checkTimer;

    /**
     * The membership of {@code cluster}'s nodes (all nodes it has now), on {@code networks}, under {@code quorum}.
     * Nothing runs until {@link #start()}.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-network} without a network that carries heartbeats or
     *     with duplicate names; {@code cluster.quorum.invalid-heartbeat-setting} for a policy the version does not
     *     allow; and the errors of {@link #configureQuorum}
     */
    public ClusterMembership(Kernel kernel, FailoverCluster cluster, List<ClusterNetwork> networks, Connectivity connectivity,
            HeartbeatPolicy policy, QuorumConfiguration quorum) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.networks = checkNetworks(cluster.name(), Objects.requireNonNull(networks, "networks"));
        this.heartbeatNetworks = this.networks.stream().filter(ClusterNetwork::carriesHeartbeats).toList();
        policy.validateFor(cluster.version());
        validate(Objects.requireNonNull(quorum, "quorum"));
        this.quorum = quorum;
        for (ClusterNode node : cluster.nodes()) {
            members.put(key(node.name()), new Member(node.name()));
        }
        this.nodeCrash = kernel.faultPoints().register(NODE_CRASH_FAULT, "a cluster node's host crashes; its heartbeats stop");
        this.witnessOutage = kernel.faultPoints().register(WITNESS_OUTAGE_FAULT,
                "the quorum witness (file share or disk) becomes unavailable");
    }

    // ================================================================ lifecycle and configuration

    /**
     * Forms the cluster from the nodes the engine has not marked Down and starts the heartbeats and the periodic
     * membership check. Nodes outside the partition with quorum go Down in the engine.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-state} when started twice
     */
    public void start() {
        if (started) {
            throw new ExhaException(QuorumErrorCode.INVALID_STATE, "The membership of " + cluster.name() + " is already running.");
        }
        started = true;
        for (Member member : members.values()) {
            member.state = cluster.node(member.name).state() == NodeState.DOWN ? MemberState.STOPPED : MemberState.MEMBER;
        }
        reconcile(Cause.FORM, null);
        connectAll();
        Duration period = policy.delay(true);
        checkTimer = kernel.scheduler().scheduleEvery(period, period, this::check, Liveness.DAEMON);
    }

    private void connectAll() {
        for (Member observer : members.values()) {
            for (Member peer : members.values()) {
                if (observer != peer) {
                    connect(observer, peer);
                }
            }
        }
    }

    private void connect(Member observer, Member peer) {
        Link link = new Link(observer, peer, connectivity.sameSubnet(observer.name, peer.name));
        links.add(link);
        Duration delay = policy.delay(link.sameSubnet);
        // The first heartbeat goes out one interval after now, so every firing is a whole multiple.
        link.timer = kernel.scheduler().scheduleEvery(delay, delay, link::tick, Liveness.DAEMON);
    }

    private static List<ClusterNetwork> checkNetworks(String clusterName, List<ClusterNetwork> networks) {
        Set<String> names = new LinkedHashSet<>();
        for (ClusterNetwork network : networks) {
            if (!names.add(network.name().toLowerCase(Locale.ROOT))) {
                throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "Two cluster networks are named '" + network.name() + "'.");
            }
        }
        if (networks.stream().noneMatch(ClusterNetwork::carriesHeartbeats)) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "Cluster " + clusterName
                    + " has no network enabled for internal cluster communications (private or mixed); its nodes"
                    + " could not exchange heartbeats.");
        }
        return List.copyOf(networks);
    }

    // ================================================================ nodes joining and leaving

    /**
     * Adds a node the engine has just added {@linkplain FailoverCluster#addNode(String, NodeState) Joining} ("Add
     * Node", {@code cluster /add}):
     * its cluster service joins the running cluster at once, which counts its vote from now on; the engine sees it
     * Joining until the next membership check. The node must hear, and be heard by, every running member.
     *
     * @throws ExhaException {@code cluster.quorum.node-unreachable} (ERROR_CLUSTER_NODE_UNREACHABLE, 5072) when the
     *     node's host is down or cannot exchange heartbeats with a running member; {@code cluster.quorum.invalid-state}
     *     when the cluster is not running (no partition with quorum) or the node is already a member
     */
    public void addMember(String node) {
        String name = cluster.node(node).name();
        checkJoin(name);
        Member member = new Member(name);
        member.hostUp = connectivity.hostRunning(name);
        members.put(key(name), member);
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.added", Map.of("node", name));
        if (!started) {
            return;
        }
        // Joins with the add itself, so the running cluster never counts the new vote without the new node.
        member.state = MemberState.JOINING;
        member.joinedAt = kernel.clock().nanos();
        for (Member other : List.copyOf(members.values())) {
            if (other != member) {
                connect(other, member);
                connect(member, other);
            }
        }
        reconcile(Cause.CHECK, null);
    }

    /**
     * Checks that {@code node} could join now, without changing anything: what {@link #addMember} refuses.
     *
     * @throws ExhaException as {@link #addMember}
     */
    public void checkJoin(String node) {
        if (members.containsKey(key(node))) {
            throw new ExhaException(QuorumErrorCode.INVALID_STATE, "The node " + node + " is already a member of "
                    + cluster.name() + ".", NativeCode.win32(5065));
        }
        if (started && quorumPartition().isEmpty()) {
            throw new ExhaException(QuorumErrorCode.INVALID_STATE, "The cluster " + cluster.name()
                    + " is not running (no partition holds quorum); a node can only join a running cluster.");
        }
        Member candidate = new Member(node);
        candidate.hostUp = connectivity.hostRunning(node);
        if (!started) {
            return;
        }
        Optional<Member> deaf = members.values().stream().filter(Member::active).filter(m -> !communicate(candidate, m))
                .findFirst();
        if (!candidate.hostUp || deaf.isPresent()) {
            throw new ExhaException(QuorumErrorCode.NODE_UNREACHABLE, "The cluster node is not reachable: " + node
                    + (candidate.hostUp ? " cannot exchange heartbeats with " + deaf.get().name + " on any network"
                            + " enabled for cluster communications" : " is not running") + ".", NativeCode.win32(5051));
        }
    }

    /**
     * Forgets an evicted node ({@code cluster node /evict}): its links stop and its vote no longer counts, so the
     * remaining nodes may gain or lose quorum. The engine must already have evicted it.
     */
    public void removeMember(String node) {
        Member member = member(node);
        for (Link link : List.copyOf(links)) {
            if (link.observer == member || link.peer == member) {
                link.reset();
                link.timer.cancel();
                links.remove(link);
            }
        }
        members.remove(key(member.name));
        if (member.name.equals(witnessOwner)) {
            witnessOwner = null;
        }
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.evicted", Map.of("node", member.name));
        if (started) {
            reconcile(Cause.LEAVE, null);
        }
    }

    /**
     * The node's cluster service stops in an orderly way (a shutdown or {@code net stop clussvc}): it tells the
     * others it is leaving, so they regroup at once instead of waiting for missed heartbeats, and its groups move
     * on. A node that is not running the cluster is left alone.
     */
    public void leave(String node) {
        Member member = member(node);
        if (!member.active()) {
            return;
        }
        member.state = MemberState.STOPPED;
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.leave", Map.of("node", member.name));
        cluster.nodeDown(member.name);
        for (Link link : links) {
            if (link.observer == member || link.peer == member) {
                link.reset();
            }
        }
        reconcile(Cause.LEAVE, null);
    }

    // ================================================================ networks

    /**
     * Renames a cluster network ({@code cluster network "Cluster Network 1" /rename:Heartbeat}); heartbeats keep
     * running on it.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-network} for an unknown network (5045) or a name in use
     *     (ERROR_CLUSTER_NETWORK_EXISTS, 5044)
     */
    public void renameNetwork(String network, String newName) {
        ClusterNetwork current = network(network);
        if (newName == null || newName.isBlank()) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "A cluster network needs a name.");
        }
        replaceNetwork(current, current.renamed(newName.strip()));
    }

    /**
     * Changes what a cluster network is used for ({@code cluster network "Heartbeat" /prop Role=1}, or on 2008
     * unticking "Allow clients to connect through this network"). Heartbeats start or stop on it at once.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-network} for an unknown network (5045);
     *     {@code cluster.quorum.last-internal-network} (5066) when no network would be left for internal cluster
     *     communication
     */
    public void setNetworkRole(String network, NetworkRole role) {
        ClusterNetwork current = network(network);
        replaceNetwork(current, current.withRole(Objects.requireNonNull(role, "role")));
    }

    /** The network named {@code name} (ignoring case). */
    public ClusterNetwork network(String name) {
        return networks.stream().filter(n -> n.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ExhaException(QuorumErrorCode.INVALID_NETWORK, "The cluster network was not found: '"
                        + name + "'." + NearestNames.didYouMean(String.valueOf(name),
                                networks.stream().map(ClusterNetwork::name).toList(), "") + " Networks of " + cluster.name()
                        + ": " + networks.stream().map(ClusterNetwork::name).toList(), NativeCode.win32(5045)));
    }

    private void replaceNetwork(ClusterNetwork current, ClusterNetwork replacement) {
        List<ClusterNetwork> changed = networks.stream().map(n -> n == current ? replacement : n).toList();
        if (networks.stream().anyMatch(n -> n != current && n.name().equalsIgnoreCase(replacement.name()))) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "The cluster network already exists: '"
                    + replacement.name() + "'.", NativeCode.win32(5044));
        }
        if (changed.stream().noneMatch(ClusterNetwork::carriesHeartbeats)) {
            throw new ExhaException(QuorumErrorCode.LAST_INTERNAL_NETWORK, "The cluster network '" + current.name()
                    + "' is the only one configured for internal cluster communication between two or more active"
                    + " cluster nodes. The internal communication capability cannot be removed from the network.",
                    NativeCode.win32(5066));
        }
        List<ClusterNetwork> checked = checkNetworks(cluster.name(), changed);
        // Heartbeat bookkeeping is per network: settle it on the old list, then start afresh on the new one.
        for (Link link : links) {
            link.reset();
            link.timer.cancel();
        }
        links.clear();
        networks = checked;
        heartbeatNetworks = networks.stream().filter(ClusterNetwork::carriesHeartbeats).toList();
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "network.changed", Map.of(
                "network", current.name(), "name", replacement.name(), "role", replacement.role().name(),
                "subnet", replacement.subnet()));
        if (started) {
            connectAll();
        }
    }

    /**
     * Stops the heartbeats and checks (the world keeps the last view); for tearing a lab down.
     */
    public void stop() {
        links.forEach(link -> link.timer.cancel());
        if (checkTimer != null) {
            checkTimer.cancel();
        }
    }

    /**
     * Changes the quorum model (2008 "Configure Cluster Quorum Settings", 2003 {@code cluster /quorum}) and
     * re-evaluates quorum at once: the running cluster may lose it, or stopped nodes may form one.
     *
     * @throws ExhaException {@code cluster.quorum.model-version-mismatch} for a model of the other Windows version;
     *     {@code cluster.quorum.witness-access-denied} (ERROR_ACCESS_DENIED, 5) for a file share that does not grant
     *     the cluster account {@code CLUSTERNAME$} Full Control
     */
    public void configureQuorum(QuorumConfiguration configuration) {
        validate(Objects.requireNonNull(configuration, "configuration"));
        quorum = configuration;
        witnessOwner = null;
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "quorum.configured", Map.of(
                "model", configuration.model().displayName(),
                "witness", configuration.witness().map(Witness::displayName).orElse("")));
        if (started) {
            reconcile(Cause.CHECK, null);
        }
    }

    private void validate(QuorumConfiguration configuration) {
        QuorumModel model = configuration.model();
        ClusterVersion version = cluster.version();
        if (model.version() != version) {
            throw new ExhaException(QuorumErrorCode.MODEL_VERSION_MISMATCH, "The quorum model '" + model.displayName()
                    + "' is not available on " + versionName(version) + " (cluster " + cluster.name() + "); it is a "
                    + versionName(model.version()) + " model.");
        }
        if (configuration.witness().orElse(null) instanceof FileShareWitness share) {
            String account = clusterAccount();
            if (!share.grantsFullControl(account)) {
                throw new ExhaException(QuorumErrorCode.WITNESS_ACCESS_DENIED, "The file share witness " + share.path()
                        + " cannot be used: the cluster computer account '" + account
                        + "' does not have Full Control on the share.", NativeCode.win32(5));
            }
        }
    }

    /** The cluster's computer account, {@code CLUSTERNAME$}, which must have Full Control on a witness share. */
    public String clusterAccount() {
        return cluster.name().toUpperCase(Locale.ROOT) + "$";
    }

    // ================================================================ faults

    /** The node's host crashes: its heartbeats stop; the others notice after the detection time. */
    public void crash(String node) {
        Member member = member(node);
        if (!member.hostUp) {
            return;
        }
        member.hostUp = false;
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.host", Map.of("node", member.name, "to", "Crashed"));
        if (member.state == MemberState.STOPPED) {
            member.state = MemberState.CRASHED;
        }
        if (member.name.equals(witnessOwner)) {
            // The crash releases the share handle or the disk reservation; another node may arbitrate it now.
            witnessOwner = null;
        }
        // A member's crash stays unknown to the cluster until the heartbeats miss it.
    }

    /**
     * The node's host is up again; its cluster service starts and will try to join. If the cluster still counts it
     * as a member (the crash was not detected yet) that stale membership is removed at once (1135).
     *
     * @throws ExhaException {@code cluster.quorum.invalid-state} if the host is running
     */
    public void restart(String node) {
        Member member = member(node);
        if (member.hostUp) {
            throw new ExhaException(QuorumErrorCode.INVALID_STATE, "The node " + member.name + " is running.");
        }
        member.hostUp = true;
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.host", Map.of("node", member.name, "to", "Running"));
        if (member.active()) {
            if (started) {
                reconcile(Cause.REBOOT, member);
            }
        } else {
            member.state = MemberState.STOPPED;
        }
    }

    /** The witness (share host or disk) becomes unavailable to every node. */
    public void witnessUnavailable() {
        if (witnessAvailable) {
            witnessAvailable = false;
            kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "quorum.witness", Map.of("to", "Unavailable"));
        }
    }

    /** The witness is available again (to the nodes {@link Connectivity} lets reach it). */
    public void witnessRestored() {
        if (!witnessAvailable) {
            witnessAvailable = true;
            kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "quorum.witness", Map.of("to", "Available"));
        }
    }

    // ================================================================ queries

    /** The current quorum configuration. */
    public QuorumConfiguration quorum() {
        return quorum;
    }

    /** The heartbeat policy. */
    public HeartbeatPolicy policy() {
        return policy;
    }

    /** The networks, in configuration order. */
    public List<ClusterNetwork> networks() {
        return networks;
    }

    /** The node's membership state. */
    public MemberState state(String node) {
        return member(node).state;
    }

    /** Whether the node's host is running. */
    public boolean isHostUp(String node) {
        return member(node).hostUp;
    }

    /**
     * The partitions of the last evaluation: the pieces of the running cluster first, then the candidate partitions
     * of stopped nodes. At most one has quorum; its nodes are the running cluster.
     */
    public List<Partition> partitions() {
        return partitions;
    }

    /** The partition holding quorum, if any. */
    public Optional<Partition> quorumPartition() {
        return partitions.stream().filter(Partition::hasQuorum).findFirst();
    }

    /** Every configured vote: each node's (majority models), then the witness's. */
    public List<QuorumVote> configuredVotes() {
        List<QuorumVote> votes = new ArrayList<>();
        if (quorum.model().nodesVote()) {
            members.values().forEach(m -> votes.add(new QuorumVote(m.name, false)));
        }
        quorum.witness().ifPresent(w -> votes.add(new QuorumVote(w.displayName(), true)));
        return List.copyOf(votes);
    }

    /** The node that has arbitrated the witness (owns the quorum disk), if any. */
    public Optional<String> witnessOwner() {
        return Optional.ofNullable(witnessOwner);
    }

    // ================================================================ heartbeats

    private final class Link {
        final Member observer;
        final Member peer;
        final boolean sameSubnet;
        final int threshold;
        final int[] missed;
        boolean declared;
        Timer timer;

        Link(Member observer, Member peer, boolean sameSubnet) {
            this.observer = observer;
            this.peer = peer;
            this.sameSubnet = sameSubnet;
            this.threshold = policy.threshold(sameSubnet);
            this.missed = new int[heartbeatNetworks.size()];
        }

        void tick() {
            if (!observer.hostUp || !observer.active() || !peer.active()) {
                reset();
                return;
            }
            boolean heardAny = false;
            for (int i = 0; i < missed.length; i++) {
                ClusterNetwork network = heartbeatNetworks.get(i);
                if (peer.hostUp && connectivity.heartbeatReaches(peer.name, observer.name, network)) {
                    heardAny = true;
                    if (missed[i] >= threshold) {
                        eventLog(EVENT_COMMUNICATION_RESTORED, observer.name, "The node (re)established communication with cluster node '"
                                + peer.name + "' on network '" + network.name() + "'.", Map.of("node", peer.name, "network", network.name()));
                        interfaceRecovered(peer, network, true);
                    }
                    missed[i] = 0;
                } else if (++missed[i] == threshold) {
                    eventLog(EVENT_COMMUNICATION_LOST, observer.name, "The node lost communication with cluster node '"
                            + peer.name + "' on network '" + network.name() + "'.", Map.of("node", peer.name, "network", network.name()));
                    interfaceLost(peer, network);
                }
            }
            if (heardAny) {
                declared = false;
            } else if (!declared && allMissed()) {
                declared = true;
                requestRegroup();
            }
        }

        private boolean allMissed() {
            for (int count : missed) {
                if (count < threshold) {
                    return false;
                }
            }
            return true;
        }

        void reset() {
            for (int i = 0; i < missed.length; i++) {
                if (missed[i] >= threshold) {
                    interfaceRecovered(peer, heartbeatNetworks.get(i), false);
                }
                missed[i] = 0;
            }
            declared = false;
        }
    }

    private void interfaceLost(Member node, ClusterNetwork network) {
        String key = key(node.name) + "|" + network.name();
        int count = interfaceMisses.merge(key, 1, Integer::sum);
        if (count == 1) {
            eventLog(EVENT_INTERFACE_UNREACHABLE, cluster.name(), "The interface for cluster node '" + node.name + "' on network '"
                    + network.name() + "' is unreachable by at least one other cluster node attached to the network.",
                    Map.of("node", node.name, "network", network.name()));
        }
    }

    private void interfaceRecovered(Member node, ClusterNetwork network, boolean heard) {
        String key = key(node.name) + "|" + network.name();
        int count = interfaceMisses.getOrDefault(key, 0) - 1;
        if (count <= 0) {
            interfaceMisses.remove(key);
            // Only a heartbeat proves the interface works; a node leaving the membership just stops being watched.
            if (heard) {
                eventLog(EVENT_INTERFACE_UP, cluster.name(), "The interface for cluster node '" + node.name + "' on network '"
                        + network.name() + "' is operational (up).", Map.of("node", node.name, "network", network.name()));
            }
        } else {
            interfaceMisses.put(key, count);
        }
    }

    private void requestRegroup() {
        if (regroupPending) {
            return;
        }
        regroupPending = true;
        // At the end of the instant: every heartbeat timer due now has run, so simultaneous losses regroup once.
        kernel.scheduler().schedule(Duration.ZERO, () -> {
            regroupPending = false;
            reconcile(Cause.REGROUP, null);
        }, Liveness.DAEMON);
    }

    // ================================================================ membership check

    private void check() {
        for (Member member : members.values()) {
            if (member.active() && member.hostUp && nodeCrash.fires(member.name)) {
                crash(member.name);
            }
        }
        if (quorum.witness().isPresent() && witnessAvailable && witnessOutage.fires(quorum.witness().get().displayName())) {
            witnessUnavailable();
        }
        long now = kernel.clock().nanos();
        for (Member member : members.values()) {
            if (member.state == MemberState.JOINING && member.hostUp && member.joinedAt < now) {
                member.state = MemberState.MEMBER;
                cluster.nodeUp(member.name);
            }
        }
        reconcile(Cause.CHECK, null);
    }

    private enum Cause {
        /** Forming at start: split by connectivity, no removal events. */
        FORM,
        /** Heartbeats were lost: split by connectivity, removals logged. */
        REGROUP,
        /** Periodic or reconfiguration check: votes and witness re-evaluated, joins admitted, no split. */
        CHECK,
        /** A member rebooted before its crash was detected: it is removed. */
        REBOOT,
        /** A member left in an orderly way or was evicted: the rest stays whole, nothing is logged as lost. */
        LEAVE
    }

    private void reconcile(Cause cause, Member rebooted) {
        // Runs at every membership check: plain loops, no streams (issue 9's day of mail).
        List<Member> oldActive = new ArrayList<>(members.size());
        List<Member> reachable = new ArrayList<>(members.size());
        boolean anyActiveUp = false;
        for (Member member : members.values()) {
            if (member.active()) {
                oldActive.add(member);
                anyActiveUp |= member.hostUp;
                if (member.hostUp && member != rebooted) {
                    reachable.add(member);
                }
            }
        }
        // The running cluster's pieces.
        List<List<Member>> activePieces = switch (cause) {
            case FORM, REGROUP, REBOOT -> cliques(reachable);
            // Between regroups the running cluster stays whole (undetected crashes still count); it dissolves only
            // when none of its hosts runs, as nobody is left to run it.
            case CHECK, LEAVE -> anyActiveUp ? List.of(sorted(oldActive)) : List.of();
        };
        // Stopped nodes whose host runs (the rebooted node is a piece of its own, below).
        List<Member> stoppedNodes = new ArrayList<>();
        for (Member member : members.values()) {
            if (member.hostUp && !member.active() && member != rebooted) {
                stoppedNodes.add(member);
            }
        }
        List<List<Member>> stoppedPieces = new ArrayList<>(cliques(stoppedNodes));
        if (rebooted != null) {
            // The rebooted node's service starts afresh: it only joins at a later check.
            stoppedPieces.add(List.of(rebooted));
        }
        String owner = arbitrate(activePieces, stoppedPieces);
        int total = totalVotes();
        List<List<Member>> pieces = new ArrayList<>(activePieces);
        pieces.addAll(stoppedPieces);
        int winner = winner(pieces, owner, total);
        if (winner >= 0 && winner < activePieces.size() && cause == Cause.CHECK) {
            admitJoiners(pieces, winner, activePieces.size());
        }
        // A handful of members: a list's contains is the cheapest set.
        List<Member> winning = winner >= 0 ? pieces.get(winner) : List.of();
        List<Partition> view = new ArrayList<>(pieces.size());
        int quorate = 0;
        for (int i = 0; i < pieces.size(); i++) {
            List<Member> piece = pieces.get(i);
            if (!piece.isEmpty()) {
                Partition partition = partition(piece, owner, total, i == winner);
                view.add(partition);
                quorate += partition.hasQuorum() ? 1 : 0;
            }
        }
        if (quorate > 1) {
            throw new ExhaException(QuorumErrorCode.SPLIT_BRAIN, "Two partitions of " + cluster.name() + " hold quorum: " + view);
        }

        // Leave the engine first, while the old view still covers every node that is up there.
        List<Member> leaving = new ArrayList<>();
        for (Member member : oldActive) {
            if (!winning.contains(member)) {
                leaving.add(member);
            }
        }
        for (Member member : leaving) {
            if (cluster.node(member.name).state() != NodeState.DOWN) {
                cluster.nodeDown(member.name);
            }
        }
        // Publish the new view.
        long now = kernel.clock().nanos();
        List<Member> joining = new ArrayList<>();
        for (Member member : members.values()) {
            if (winning.contains(member)) {
                if (!member.active()) {
                    member.state = MemberState.JOINING;
                    member.joinedAt = now;
                    joining.add(member);
                }
            } else {
                member.state = member.hostUp ? MemberState.STOPPED : MemberState.CRASHED;
            }
        }
        witnessOwner = owner;
        List<Partition> previous = partitions;
        // At nearly every check the view is the one already published: keep that list rather than copy an equal one.
        boolean changed = !samePartitions(view, previous);
        if (changed) {
            partitions = List.copyOf(view);
        }
        if (cause == Cause.REGROUP || cause == Cause.REBOOT) {
            for (List<Member> piece : activePieces) {
                String reporter = piece.get(0).name;
                for (Member removed : oldActive) {
                    if (!piece.contains(removed)) {
                        eventLog(EVENT_NODE_REMOVED, reporter, removedMessage(removed.name), Map.of("node", removed.name));
                    }
                }
            }
        }
        for (Member member : leaving) {
            if (member.hostUp && member != rebooted) {
                eventLog(EVENT_QUORUM_LOST, member.name, quorumLostMessage(), Map.of("node", member.name));
            }
        }
        if (changed) {
            kernel.journal().append(JournalEntry.Type.STATE_CHANGE, cluster.name(), "membership.view", Map.of(
                    "cause", cause.name().toLowerCase(Locale.ROOT),
                    "partitions", describe(partitions),
                    "quorum", quorumPartition().map(p -> String.join(",", p.nodes())).orElse(""),
                    // Counted, not inferred, so a journal checker can prove "at most one partition holds quorum".
                    "partitionsWithQuorum", Long.toString(partitions.stream().filter(Partition::hasQuorum).count()),
                    "witnessOwner", owner == null ? "" : owner));
        }
        // Join the engine last, now that the view has them in the partition with quorum.
        for (Member member : joining) {
            if (cluster.node(member.name).state() == NodeState.DOWN) {
                cluster.nodeJoining(member.name);
            } else {
                // Already up in the engine (forming at start): a member straight away.
                member.state = MemberState.MEMBER;
            }
        }
    }

    /** {@code a.equals(b)}, component by component without the records' generic equals (once per check). */
    private static boolean samePartitions(List<Partition> a, List<Partition> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Partition x = a.get(i);
            Partition y = b.get(i);
            if (x.nodeVotes() != y.nodeVotes() || x.witnessVote() != y.witnessVote() || x.votes() != y.votes()
                    || x.hasQuorum() != y.hasQuorum() || !x.nodes().equals(y.nodes())) {
                return false;
            }
        }
        return true;
    }

    /** Stopped nodes that hear every node of the running winner join it, in name order. */
    private void admitJoiners(List<List<Member>> pieces, int winner, int activeCount) {
        List<Member> running = new ArrayList<>(pieces.get(winner));
        for (int i = activeCount; i < pieces.size(); i++) {
            List<Member> piece = new ArrayList<>(pieces.get(i));
            for (Member candidate : List.copyOf(piece)) {
                if (communicatesWithAll(candidate, running)) {
                    running.add(candidate);
                    piece.remove(candidate);
                }
            }
            pieces.set(i, piece);
        }
        pieces.set(winner, sorted(running));
    }

    private boolean communicatesWithAll(Member candidate, List<Member> nodes) {
        for (Member member : nodes) {
            if (!communicate(candidate, member)) {
                return false;
            }
        }
        return true;
    }

    private int winner(List<List<Member>> pieces, String owner, int total) {
        int winner = -1;
        for (int i = 0; i < pieces.size(); i++) {
            if (!pieces.get(i).isEmpty() && hasQuorum(pieces.get(i), owner, total)) {
                if (winner >= 0) {
                    throw new ExhaException(QuorumErrorCode.SPLIT_BRAIN, "Two partitions of " + cluster.name() + " hold quorum.");
                }
                winner = i;
            }
        }
        return winner;
    }

    private boolean hasQuorum(List<Member> piece, String owner, int total) {
        boolean witness = owns(piece, owner);
        if (!quorum.model().nodesVote()) {
            return witness;
        }
        int votes = piece.size() + (witness ? 1 : 0);
        return votes * 2 > total;
    }

    private Partition partition(List<Member> piece, String owner, int total, boolean quorate) {
        boolean witness = owns(piece, owner);
        int nodeVotes = quorum.model().nodesVote() ? piece.size() : 0;
        List<String> names = new ArrayList<>(piece.size());
        for (Member member : piece) {
            names.add(member.name);
        }
        return new Partition(names, nodeVotes, witness, nodeVotes + (witness ? 1 : 0), quorate);
    }

    private static boolean owns(List<Member> piece, String owner) {
        if (owner != null) {
            for (Member member : piece) {
                if (member.name.equals(owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** All configured votes: one per node (majority models) plus one for the witness. */
    public int totalVotes() {
        return (quorum.model().nodesVote() ? members.size() : 0) + (quorum.witness().isPresent() ? 1 : 0);
    }

    /**
     * Who holds the witness after this evaluation: the current owner while it reaches it, else the lowest-named
     * running member that reaches it, else the lowest-named stopped node that does (only a forming cluster
     * arbitrates then).
     */
    private String arbitrate(List<List<Member>> activePieces, List<List<Member>> stoppedPieces) {
        Optional<Witness> witness = quorum.witness();
        if (witness.isEmpty()) {
            return null;
        }
        List<Member> running = sorted(activePieces.stream().flatMap(List::stream).toList());
        List<Member> stopped = sorted(stoppedPieces.stream().flatMap(List::stream).toList());
        if (witnessOwner != null) {
            for (Member member : running) {
                if (member.name.equals(witnessOwner) && reachesWitness(member, witness.get())) {
                    return member.name;
                }
            }
            for (Member member : stopped) {
                if (member.name.equals(witnessOwner) && reachesWitness(member, witness.get())) {
                    return member.name;
                }
            }
        }
        for (Member member : running) {
            if (reachesWitness(member, witness.get())) {
                return member.name;
            }
        }
        for (Member member : stopped) {
            if (reachesWitness(member, witness.get())) {
                return member.name;
            }
        }
        return null;
    }

    private boolean reachesWitness(Member member, Witness witness) {
        return witnessAvailable && member.hostUp && connectivity.reachesWitness(member.name, witness);
    }

    /** Whether the two nodes hear each other now, both ways, on some heartbeat network each. */
    private boolean communicate(Member a, Member b) {
        return a.hostUp && b.hostUp && hears(a, b) && hears(b, a);
    }

    private boolean hears(Member from, Member to) {
        for (ClusterNetwork network : heartbeatNetworks) {
            if (connectivity.heartbeatReaches(from.name, to.name, network)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits {@code candidates} into partitions whose nodes all hear each other: the component of the lowest-named
     * remaining node, pruned to a clique by dropping the node with the fewest links (ties: the last by name), then
     * the same on what is left.
     */
    private List<List<Member>> cliques(List<Member> candidates) {
        List<Member> remaining = new ArrayList<>(sorted(candidates));
        List<List<Member>> result = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Member> component = new ArrayList<>();
            component.add(remaining.get(0));
            for (int i = 0; i < component.size(); i++) {
                Member from = component.get(i);
                for (Member other : remaining) {
                    if (!component.contains(other) && communicate(from, other)) {
                        component.add(other);
                    }
                }
            }
            List<Member> clique = new ArrayList<>(sorted(component));
            while (true) {
                Member weakest = null;
                int fewest = Integer.MAX_VALUE;
                boolean complete = true;
                for (Member member : clique) {
                    int linksOf = 0;
                    for (Member other : clique) {
                        if (other != member && communicate(member, other)) {
                            linksOf++;
                        }
                    }
                    if (linksOf < clique.size() - 1) {
                        complete = false;
                    }
                    // "<=" so that among equals the last by name is dropped.
                    if (linksOf <= fewest) {
                        fewest = linksOf;
                        weakest = member;
                    }
                }
                if (complete) {
                    break;
                }
                clique.remove(weakest);
            }
            result.add(List.copyOf(clique));
            remaining.removeAll(clique);
        }
        return result;
    }

    // ================================================================ helpers

    private static final class Member {
        final String name;
        final String lowerName;
        boolean hostUp = true;
        MemberState state = MemberState.STOPPED;
        long joinedAt;

        Member(String name) {
            this.name = name;
            this.lowerName = name.toLowerCase(Locale.ROOT);
        }

        boolean active() {
            return switch (state) {
                case MEMBER, JOINING -> true;
                case STOPPED, CRASHED -> false;
            };
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Member member(String node) {
        Member member = node == null ? null : members.get(key(node));
        if (member == null) {
            // The engine knows the right error (NODE_NOT_FOUND, 5042) for a node it does not have.
            cluster.node(node);
            throw new ExhaException(QuorumErrorCode.INVALID_STATE, "The node " + node + " was added to " + cluster.name()
                    + " after its membership was created.");
        }
        return member;
    }

    private static List<Member> sorted(List<Member> nodes) {
        // Arrays.sort is stable, as the stream's sort was; the lower-case names are computed once per member.
        Member[] array = nodes.toArray(new Member[0]);
        Arrays.sort(array, MEMBER_ORDER);
        return List.of(array);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String describe(List<Partition> view) {
        return view.stream().map(p -> "[" + String.join(",", p.nodes()) + " votes=" + p.votes() + (p.witnessVote() ? "+w" : "")
                + (p.hasQuorum() ? " quorum" : "") + "]").collect(Collectors.joining(" "));
    }

    private String removedMessage(String node) {
        return switch (cluster.version()) {
            case WINDOWS_2003 -> "Cluster node " + node + " was removed from the active server cluster membership. Cluster service"
                    + " may have been stopped on the node, the node may have failed, or the node may have lost communication"
                    + " with the other active server cluster nodes.";
            case WINDOWS_2008 -> "Cluster node '" + node + "' was removed from the active failover cluster membership. The Cluster"
                    + " service on this node may have stopped. This could also be due to the node having lost communication"
                    + " with other active nodes in the failover cluster.";
        };
    }

    private String quorumLostMessage() {
        return switch (cluster.version()) {
            case WINDOWS_2003 -> "Cluster service is shutting down because the membership engine failed to arbitrate for the"
                    + " quorum device.";
            case WINDOWS_2008 -> "The Cluster service is shutting down because quorum was lost.";
        };
    }

    private static String versionName(ClusterVersion version) {
        return switch (version) {
            case WINDOWS_2003 -> "Windows Server 2003";
            case WINDOWS_2008 -> "Windows Server 2008";
        };
    }

    /** Journals an event the cluster service writes to the System log of {@code loggedOn}. */
    private void eventLog(int eventId, String loggedOn, String message, Map<String, String> details) {
        Map<String, String> attributes = new LinkedHashMap<>(details);
        attributes.put(JournalEntry.EVENT_ID, Integer.toString(eventId));
        attributes.put("message", message);
        attributes.put("loggedOn", loggedOn);
        String source = switch (cluster.version()) {
            case WINDOWS_2003 -> "ClusSvc";
            case WINDOWS_2008 -> "Microsoft-Windows-FailoverClustering";
        };
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, cluster.name(), source, attributes);
    }

    @Override
    public String toString() {
        return "ClusterMembership[" + cluster.name() + ", " + quorum.model().displayName() + ", " + describe(partitions) + "]";
    }
}
