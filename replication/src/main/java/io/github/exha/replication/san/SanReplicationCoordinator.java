package io.github.exha.replication.san;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.ReplicationPair;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Storage-based site resilience seen from Exchange: which SAN consistency groups and pairs carry which clustered
 * mailbox server's disks, storage groups and databases. It reads the Physical Disk resources of each clustered
 * server's group (their {@code Array}, {@code Lun} and {@code Drive} properties) and the directory's paths, and
 * reaches the arrays only through the storage SPI, so it works with any certified plugin.
 *
 * <p>A group is found by name on every array it takes part in; the coordinator hands out the instance of a powered
 * array, so a group whose source array is lost can still be failed over from its target.
 */
public final class SanReplicationCoordinator {
    /** Journal source of storage-based replication. */
    public static final String SOURCE = "replication.san";
    /**
     * How long the lab waits at build for a declared group's first full copy. CHOICE: an hour of virtual time is far
     * more than the thin-provisioned copies of a lab need; a group still copying then is an error in the topology.
     */
    public static final Duration INITIAL_COPY_LIMIT = Duration.ofHours(1);

    private final StorageFabric fabric;
    private final Supplier<ExchangeDirectory> directory;
    private final Supplier<Clusters> clusters;

    /**
     * A coordinator over the lab's arrays and its Exchange organization.
     *
     * @param fabric the lab's arrays
     * @param directory the organization (asked on each call, as servers come and go)
     * @param clusters the lab's clusters
     */
    public SanReplicationCoordinator(StorageFabric fabric, Supplier<ExchangeDirectory> directory,
            Supplier<Clusters> clusters) {
        this.fabric = fabric;
        this.directory = directory;
        this.clusters = clusters;
    }

    // ---- arrays and groups ---------------------------------------------------------------------------------

    /**
     * The array named {@code name} (case-insensitive).
     *
     * @throws ExhaException {@link SanReplicationErrorCode#ARRAY_NOT_FOUND}
     */
    public StorageArray array(String name) {
        for (StorageArray array : fabric.arrays()) {
            if (array.name().equalsIgnoreCase(name)) {
                return array;
            }
        }
        List<String> names = fabric.arrays().stream().map(StorageArray::name).toList();
        throw new ExhaException(SanReplicationErrorCode.ARRAY_NOT_FOUND, "There is no storage array named '" + name
                + "'." + NearestNames.didYouMean(name, names, "") + " Arrays: " + String.join(", ", names));
    }

    /** Every consistency group of the lab, once each, sorted by name. */
    public List<ConsistencyGroup> groups() {
        Map<String, ConsistencyGroup> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // Powered arrays first: operations on a group whose source is lost reach the survivor through its instance.
        for (boolean powered : new boolean[] {true, false}) {
            for (StorageArray array : fabric.arrays()) {
                if (array.isPoweredOn() == powered) {
                    for (ConsistencyGroup group : array.consistencyGroups()) {
                        byName.putIfAbsent(group.name(), group);
                    }
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * The group named {@code name} (case-insensitive).
     *
     * @throws ExhaException {@link SanReplicationErrorCode#GROUP_NOT_FOUND}
     */
    public ConsistencyGroup group(String name) {
        List<ConsistencyGroup> all = groups();
        for (ConsistencyGroup group : all) {
            if (group.name().equalsIgnoreCase(name)) {
                return group;
            }
        }
        List<String> names = all.stream().map(ConsistencyGroup::name).toList();
        throw new ExhaException(SanReplicationErrorCode.GROUP_NOT_FOUND, "There is no consistency group named '" + name
                + "' on the lab's arrays." + NearestNames.didYouMean(name, names, "")
                + (names.isEmpty() ? " No array replicates." : " Groups: " + String.join(", ", names)));
    }

    /** The groups {@code array} takes part in, as source or target. */
    public List<ConsistencyGroup> groupsOfArray(String arrayName) {
        String name = array(arrayName).name();
        return groups().stream().filter(g -> g.status().sourceArray().equals(name)
                || g.status().targetArray().equals(name)).toList();
    }

    /**
     * The groups a command acts on, named in exactly one way.
     *
     * @param group a consistency group's name
     * @param server a clustered server whose disks the groups replicate
     * @param storageGroup a storage group whose folders or databases the groups replicate
     * @throws ExhaException {@link SanReplicationErrorCode#AMBIGUOUS_TARGET} when not exactly one is given, else as
     *     {@link #group}, {@link #groupsOfServer}, {@link #groupsOfStorageGroup}
     */
    public List<ConsistencyGroup> select(Optional<String> group, Optional<String> server,
            Optional<String> storageGroup) {
        int given = (group.isPresent() ? 1 : 0) + (server.isPresent() ? 1 : 0) + (storageGroup.isPresent() ? 1 : 0);
        if (given != 1) {
            throw new ExhaException(SanReplicationErrorCode.AMBIGUOUS_TARGET, "Name the replication to act on with"
                    + " exactly one of -Group, -Server or -StorageGroup.");
        }
        if (group.isPresent()) {
            return List.of(group(group.get()));
        }
        if (server.isPresent()) {
            return groupsOfServer(server.get());
        }
        return groupsOfStorageGroup(storageGroup.orElseThrow());
    }

    // ---- Exchange's disks ----------------------------------------------------------------------------------

    /** Every Physical Disk of every clustered Exchange server's group, by server then resource name. */
    public List<ExchangeDisk> exchangeDisks() {
        List<ExchangeDisk> disks = new ArrayList<>();
        for (ExchangeServer server : directory.get().servers()) {
            disks.addAll(disksOf(server));
        }
        return List.copyOf(disks);
    }

    /**
     * The Physical Disks of a clustered server's group: none when the server is not clustered or its group does not
     * exist (yet) on its cluster.
     *
     * @throws ExhaException the directory's not-found error when there is no such server
     */
    public List<ExchangeDisk> disksOf(String serverName) {
        return disksOf(directory.get().server(serverName));
    }

    private List<ExchangeDisk> disksOf(ExchangeServer server) {
        if (server.cluster().isEmpty()) {
            return List.of();
        }
        String clusterName = server.cluster().get().clusterName();
        if (clusters.get().names().stream().noneMatch(clusterName::equalsIgnoreCase)) {
            return List.of();
        }
        FailoverCluster cluster = clusters.get().cluster(clusterName);
        if (cluster.groups().stream().noneMatch(g -> g.name().equalsIgnoreCase(server.name()))) {
            return List.of();
        }
        List<ExchangeDisk> disks = new ArrayList<>();
        for (String resourceName : cluster.group(server.name()).resources()) {
            ClusterResource resource = cluster.resource(resourceName);
            if (!resource.type().name().equals(PhysicalDiskType.NAME)) {
                continue;
            }
            Map<String, String> properties = resource.privateProperties();
            String array = properties.getOrDefault(PhysicalDiskType.ARRAY, "");
            String lun = properties.getOrDefault(PhysicalDiskType.LUN, "");
            if (array.isBlank() || lun.isBlank()) {
                continue;
            }
            String drive = normalDrive(properties.getOrDefault(PhysicalDiskType.DRIVE, ""));
            disks.add(new ExchangeDisk(server.name(), cluster.name(), resource.name(), new LunRef(array, lun), drive,
                    storageGroupsOn(server.name(), drive), databasesOn(server.name(), drive)));
        }
        disks.sort((a, b) -> a.resource().compareToIgnoreCase(b.resource()));
        return List.copyOf(disks);
    }

    private List<String> storageGroupsOn(String server, String drive) {
        if (drive.isEmpty()) {
            return List.of();
        }
        return directory.get().storageGroups(server).stream()
                .filter(sg -> onDrive(sg.logFolderPath(), drive) || onDrive(sg.systemFolderPath(), drive))
                .map(StorageGroup::identity).toList();
    }

    private List<String> databasesOn(String server, String drive) {
        if (drive.isEmpty()) {
            return List.of();
        }
        return directory.get().databasesOnServer(server).stream().filter(db -> onDrive(db.edbFilePath(), drive))
                .map(MailboxDatabase::identity).toList();
    }

    private static boolean onDrive(String path, String drive) {
        return path != null && path.length() >= 2 && path.substring(0, 2).equalsIgnoreCase(drive);
    }

    // "F", "f:" and "F:\" all name drive F:.
    private static String normalDrive(String text) {
        String t = text.strip();
        return t.isEmpty() ? "" : t.substring(0, 1).toUpperCase(Locale.ROOT) + ":";
    }

    /** The Exchange disks on a LUN (a source LUN and its replica may each be a disk of a different server). */
    public List<ExchangeDisk> disksOn(LunRef lun) {
        return exchangeDisks().stream().filter(d -> same(d.lun(), lun)).toList();
    }

    /** The Exchange disks on either LUN of a pair. */
    public List<ExchangeDisk> disksOf(ReplicationPair pair) {
        return exchangeDisks().stream().filter(d -> same(d.lun(), pair.source()) || same(d.lun(), pair.target()))
                .toList();
    }

    /**
     * The groups replicating a disk of the clustered server's group (as source or as target).
     *
     * @throws ExhaException {@link SanReplicationErrorCode#NOT_REPLICATED} when none does
     */
    public List<ConsistencyGroup> groupsOfServer(String serverName) {
        ExchangeServer server = directory.get().server(serverName);
        List<ExchangeDisk> disks = disksOf(server);
        List<ConsistencyGroup> found = groups().stream().filter(g -> g.status().pairs().stream()
                .anyMatch(p -> disks.stream().anyMatch(d -> same(d.lun(), p.source()) || same(d.lun(), p.target()))))
                .toList();
        if (found.isEmpty()) {
            throw new ExhaException(SanReplicationErrorCode.NOT_REPLICATED, "No consistency group replicates a disk of"
                    + " '" + server.name() + "'" + (disks.isEmpty() ? " (its cluster group has no Physical Disk)."
                    : " (its disks: " + String.join(", ", disks.stream().map(d -> d.lun().toString()).toList())
                    + ")."));
        }
        return found;
    }

    /**
     * The groups replicating a disk that holds a folder or a database of the storage group.
     *
     * @throws ExhaException the directory's not-found error, or {@link SanReplicationErrorCode#NOT_REPLICATED}
     */
    public List<ConsistencyGroup> groupsOfStorageGroup(String identity) {
        StorageGroup storageGroup = directory.get().storageGroup(identity);
        List<ExchangeDisk> disks = disksOf(storageGroup.server()).stream()
                .filter(d -> d.storageGroups().contains(storageGroup.identity())
                        || directory.get().databases(storageGroup.identity()).stream()
                                .anyMatch(db -> d.databases().contains(db.identity())))
                .toList();
        List<ConsistencyGroup> found = groups().stream().filter(g -> g.status().pairs().stream()
                .anyMatch(p -> disks.stream().anyMatch(d -> same(d.lun(), p.source()) || same(d.lun(), p.target()))))
                .toList();
        if (found.isEmpty()) {
            throw new ExhaException(SanReplicationErrorCode.NOT_REPLICATED, "No consistency group replicates the disks"
                    + " of storage group '" + storageGroup.identity() + "'.");
        }
        return found;
    }

    private static boolean same(LunRef a, LunRef b) {
        return a.array().equalsIgnoreCase(b.array()) && a.lun().equalsIgnoreCase(b.lun());
    }

    // ---- errors and the declared groups ----------------------------------------------------------------------

    /**
     * The refusal of an array as a command reports it: the SPI's code kept (see {@link SanReplicationErrorCode#of}),
     * the array's sentence prefixed with what was being done.
     */
    public static ExhaException refused(String doing, StorageException e) {
        return new ExhaException(SanReplicationErrorCode.of(e.code()), doing + " was refused by the array: "
                + e.getMessage() + " (" + e.code().id() + ")", null, null, e);
    }

    /**
     * Creates the groups of the {@code sanReplication:} section on their source arrays, adds their pairs and enables
     * those to replicate, running virtual time until each first full copy is done.
     *
     * @throws ExhaException a {@code replication.san.storage.*} code naming the group when an array refuses, or
     *     {@link SanReplicationErrorCode#ARRAY_NOT_FOUND}
     */
    public void createDeclared(SanReplicationSection.SanReplication section, Kernel kernel) {
        for (SanReplicationSection.GroupEntry entry : section.groups()) {
            StorageArray source = array(entry.source());
            StorageArray target = array(entry.target());
            String doing = "Creating consistency group '" + entry.name() + "' from " + source.name() + " to "
                    + target.name();
            ConsistencyGroup group;
            try {
                group = source.createConsistencyGroup(new GroupSpec(entry.name(), entry.mode(), target.name(),
                        entry.link()));
                for (SanReplicationSection.PairEntry pair : entry.pairs()) {
                    group.addPair(pair.source(), pair.target());
                }
                if (entry.enabled()) {
                    group.enable();
                }
            } catch (StorageException e) {
                throw refused(doing, e);
            }
            kernel.journal().append(JournalEntry.Type.STATE_CHANGE, SOURCE, "group.declared", Map.of("group",
                    entry.name(), "source", source.name(), "target", target.name(), "mode", entry.mode().name(),
                    "pairs", Integer.toString(entry.pairs().size())));
            if (entry.enabled()) {
                ConsistencyGroup declared = group;
                kernel.scheduler().runUntil(() -> declared.status().state() != ReplicationState.SYNCHRONIZING,
                        kernel.clock().instant().plus(INITIAL_COPY_LIMIT));
                if (declared.status().state() != ReplicationState.IN_SYNC) {
                    throw new ExhaException(SanReplicationErrorCode.STORAGE_INVALID_STATE, doing + ": its first copy"
                            + " did not finish within " + INITIAL_COPY_LIMIT.toMinutes() + " minutes; it is "
                            + declared.status().state() + ".");
                }
            }
        }
    }
}
