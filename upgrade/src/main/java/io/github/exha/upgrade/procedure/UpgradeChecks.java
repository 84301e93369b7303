package io.github.exha.upgrade.procedure;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.clustering.ClusteredMailboxServerState;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.update.PendingRestarts;
import io.github.exha.replication.continuous.CopyKind;
import io.github.exha.replication.continuous.CopyStateMoveCheck;
import io.github.exha.replication.continuous.ReplicationService;
import io.github.exha.replication.continuous.StorageGroupCopy;
import io.github.exha.replication.san.SanReplicationCoordinator;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.upgrade.workflow.Precondition;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the procedures' preconditions ask of a lab, each answer empty when the fact holds or saying why not. They read
 * the world only. Where Exchange has the rule itself (Move-ClusteredMailboxServer's copy check), the check reuses it,
 * so the failure carries Exchange's code and message.
 */
public final class UpgradeChecks {
    private final ExchangeDirectory directory;
    private final ClusteredMailboxServers servers;
    private final CopyStateMoveCheck copies;
    private final ReplicationService replication;
    private final SanReplicationCoordinator san;
    private final Clusters clusters;
    private final PendingRestarts restarts;
    private final Datacenter datacenter;
    private final InformationStore store;

    /**
     * Checks over the lab's organization, clusters, clustered mailbox servers, pending restarts, continuous and
     * storage-based replication.
     */
    @Inject
    public UpgradeChecks(ExchangeDirectory directory, ClusteredMailboxServers servers, CopyStateMoveCheck copies,
            ReplicationService replication, SanReplicationCoordinator san, Clusters clusters,
            PendingRestarts restarts, Datacenter datacenter, InformationStore store) {
        this.datacenter = datacenter;
        this.store = store;
        this.clusters = clusters;
        this.restarts = restarts;
        this.directory = directory;
        this.servers = servers;
        this.copies = copies;
        this.replication = replication;
        this.san = san;
    }

    /**
     * A precondition whose check asks the lab's {@code UpgradeChecks} (the procedures' way to declare theirs).
     *
     * @param fact one of these checks, empty when the fact holds
     */
    public static Precondition precondition(String code, String description,
            Function<UpgradeChecks, Optional<String>> fact) {
        return new Precondition(code, description, lab -> fact.apply(lab.instance(UpgradeChecks.class)));
    }

    /** The CMS exists, is Online and runs on {@code node}. */
    public Optional<String> cmsOnlineOn(String cms, String node) {
        Optional<ExchangeServer> server = cms(cms);
        if (server.isEmpty()) {
            return Optional.of("there is no clustered mailbox server '" + cms + "'");
        }
        ClusteredMailboxServerState state = servers.state(server.get());
        if (state != ClusteredMailboxServerState.ONLINE) {
            return Optional.of(cms + " is " + state.displayName());
        }
        String active = servers.activeNode(server.get()).orElse("");
        return active.equalsIgnoreCase(node) ? Optional.empty()
                : Optional.of(cms + " runs on " + active + ", not on " + node);
    }

    /** The CMS exists and is Offline (stopped). */
    public Optional<String> cmsOffline(String cms) {
        Optional<ExchangeServer> server = cms(cms);
        if (server.isEmpty()) {
            return Optional.of("there is no clustered mailbox server '" + cms + "'");
        }
        ClusteredMailboxServerState state = servers.state(server.get());
        return state == ClusteredMailboxServerState.OFFLINE ? Optional.empty()
                : Optional.of(cms + " is " + state.displayName());
    }

    /** The CMS serves no one: Offline or Failed (stopped, or its site lost). */
    public Optional<String> cmsNotServing(String cms) {
        Optional<ExchangeServer> server = cms(cms);
        if (server.isEmpty()) {
            return Optional.of("there is no clustered mailbox server '" + cms + "'");
        }
        ClusteredMailboxServerState state = servers.state(server.get());
        return switch (state) {
            case OFFLINE, FAILED -> Optional.empty();
            case ONLINE, PARTIALLY_ONLINE, ONLINE_PENDING, OFFLINE_PENDING -> Optional.of(cms + " is "
                    + state.displayName() + " on " + servers.activeNode(server.get()).orElse("its cluster"));
        };
    }

    /** The storage group ({@code Server\Name}) has a seeded SCR copy on {@code standby} that has not failed. */
    public Optional<String> standbyCopyReady(String storageGroup, String standby) {
        Optional<StorageGroup> group = directory.storageGroups().stream()
                .filter(g -> g.identity().equalsIgnoreCase(storageGroup)).findFirst();
        if (group.isEmpty()) {
            return Optional.of("there is no storage group '" + storageGroup + "'");
        }
        Optional<StorageGroupCopy> copy = replication.copy(group.get(), standby)
                .filter(c -> c.kind() == CopyKind.STANDBY);
        if (copy.isEmpty()) {
            return Optional.of(storageGroup + " has no standby continuous replication copy on " + standby);
        }
        if (copy.get().isFailed() || copy.get().isSeeding()) {
            return Optional.of("the copy of " + storageGroup + " on " + standby + " is "
                    + (copy.get().isFailed() ? "Failed" : "Seeding"));
        }
        return Optional.empty();
    }

    /**
     * The CMS could move to {@code target} as far as replication is concerned: no copy failed, seeding or suspended.
     *
     * @throws io.github.exha.core.error.ExhaException Exchange's own refusal of the move, when a copy is not healthy
     */
    public Optional<String> copiesAllowMove(String cms, String target) {
        Optional<ExchangeServer> server = cms(cms);
        if (server.isEmpty()) {
            return Optional.of("there is no clustered mailbox server '" + cms + "'");
        }
        copies.check(server.get(), target, false);
        return Optional.empty();
    }

    /** {@code host}'s Exchange binaries are at {@code build}. */
    public Optional<String> installedBuild(String host, ExchangeBuild build) {
        Optional<ExchangeInstallation> installation = directory.installation(host);
        if (installation.isEmpty()) {
            return Optional.of("Exchange is not installed on " + host);
        }
        ExchangeBuild installed = installation.get().build();
        return installed == build ? Optional.empty()
                : Optional.of(host + " runs " + installed.displayVersion());
    }

    /** {@code host}'s Exchange binaries are older than {@code build}: there is an upgrade to make. */
    public Optional<String> installedBelow(String host, ExchangeBuild build) {
        Optional<ExchangeInstallation> installation = directory.installation(host);
        if (installation.isEmpty()) {
            return Optional.of("Exchange is not installed on " + host);
        }
        ExchangeBuild installed = installation.get().build();
        return build.isNewerThan(installed) ? Optional.empty()
                : Optional.of(host + " already runs " + installed.displayVersion());
    }

    /** The SAN consistency group is in {@code state}. */
    public Optional<String> consistencyGroupIs(String group, ReplicationState state) {
        ReplicationStatus status;
        try {
            status = san.group(group).status();
        } catch (ExhaException e) {
            return Optional.of(e.getMessage());
        } catch (StorageException e) {
            return Optional.of("the arrays cannot say: " + e.getMessage());
        }
        return status.state() == state ? Optional.empty()
                : Optional.of("consistency group " + group + " is " + status.state());
    }

    /** The LUN of {@code array} is presented with {@code access}. */
    public Optional<String> lunAccess(String array, String lun, AccessState access) {
        try {
            AccessState state = san.array(array).lun(lun).accessState();
            return state == access ? Optional.empty()
                    : Optional.of("LUN " + lun + " on array " + array + " is " + state);
        } catch (ExhaException e) {
            return Optional.of(e.getMessage());
        } catch (StorageException e) {
            return Optional.of("array " + array + " cannot say: " + e.getMessage());
        }
    }

    /** The cluster group {@code group} of {@code cluster} is online on {@code node} ({@code expected}) or not. */
    public Optional<String> groupOwnedBy(String cluster, String group, String node, boolean expected) {
        ClusterGroup found;
        try {
            found = clusters.cluster(cluster).group(group);
        } catch (ExhaException e) {
            return Optional.of(e.getMessage());
        }
        String owner = found.ownerNode().orElse("");
        boolean ownedByNode = owner.equalsIgnoreCase(node);
        if (ownedByNode == expected) {
            return Optional.empty();
        }
        return Optional.of(expected ? group + " is on " + (owner.isEmpty() ? "no node" : owner)
                : group + " is on " + node);
    }

    /** {@code host} has no restart pending (an installer that left its work for the next boot). */
    public Optional<String> noRestartPending(String host) {
        List<String> pending = restarts.pending(host);
        return pending.isEmpty() ? Optional.empty()
                : Optional.of(host + " waits for a restart to finish " + String.join(", ", pending));
    }

    /** {@code host} runs and has a volume on {@code drive} (DOMAIN.md §7: the drive letters match on both nodes). */
    public Optional<String> hasDrive(String host, String drive) {
        try {
            datacenter.host(host).volume(drive);
            return Optional.empty();
        } catch (ExhaException e) {
            return Optional.of(host + ": " + e.getMessage());
        }
    }

    /** The database is mounted ({@code expected}) or not. */
    public Optional<String> databaseMounted(String database, boolean expected) {
        boolean mounted;
        try {
            mounted = store.isMounted(database);
        } catch (ExhaException e) {
            return Optional.of(e.getMessage());
        }
        return mounted == expected ? Optional.empty()
                : Optional.of(database + " is " + (mounted ? "mounted" : "dismounted"));
    }

    /** The storage group's copies are all suspended. */
    public Optional<String> copiesSuspended(String storageGroup) {
        Optional<StorageGroup> group = directory.storageGroups().stream()
                .filter(g -> g.identity().equalsIgnoreCase(storageGroup)).findFirst();
        if (group.isEmpty()) {
            return Optional.of("there is no storage group '" + storageGroup + "'");
        }
        List<StorageGroupCopy> copies = replication.copiesOf(group.get());
        if (copies.isEmpty()) {
            return Optional.of(storageGroup + " has no copy");
        }
        return copies.stream().filter(c -> !c.isSuspended()).findFirst()
                .map(c -> "the copy of " + storageGroup + " on " + c.targetMachine() + " is not suspended");
    }

    private Optional<ExchangeServer> cms(String name) {
        return directory.findServer(name).filter(s -> s.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER);
    }
}
