package io.github.exha.exchange.clustering;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.cluster.resources.IpAddressType;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ClusterPlacement;
import io.github.exha.exchange.config.ClusteredStorageType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.topology.ExchangeSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and tears down the cluster group of an Exchange Virtual Server (2003) or a clustered mailbox server (2007
 * SCC with shared disks, CCR without), as Exchange setup and the 2003 administrator do: a group named after the server
 * holding IP Address, Network Name, Physical Disk (with its drive) and the Exchange resources, with the dependency
 * trees of DOMAIN.md §§5–6 and the server's redundant machines as possible owners.
 *
 * <p>Resource names are unique in a cluster, so each carries the server's name: {@code IP Address (EXCHCMS)},
 * {@code Network Name (EXCHCMS)}, {@code Disk F: (EXCHCMS)}, {@code Exchange System Attendant (EXCHCMS)},
 * {@code First Storage Group/Mailbox Database (EXCHCMS)} (CHOICE).
 */
public final class ClusteredServerGroups {
    /** Journal source of group building. */
    public static final String SOURCE = "exchange.cluster";

    private final Clusters clusters;
    private final ExchangeDirectory directory;
    private final Kernel kernel;

    /**
     * Groups on the lab's clusters for the directory's servers.
     *
     * @param clusters the lab's clusters
     * @param directory the organization
     * @param kernel the lab's kernel
     */
    public ClusteredServerGroups(Clusters clusters, ExchangeDirectory directory, Kernel kernel) {
        this.clusters = clusters;
        this.directory = directory;
        this.kernel = kernel;
    }

    /** The IP Address resource's name. */
    public static String ipAddressResource(String server) {
        return "IP Address (" + server + ")";
    }

    /** The Network Name resource's name. */
    public static String networkNameResource(String server) {
        return "Network Name (" + server + ")";
    }

    /** The System Attendant resource's name. */
    public static String systemAttendantResource(String server) {
        return ExchangeResourceKind.SYSTEM_ATTENDANT.resourceName(server, "");
    }

    /** The cluster a clustered server lives on. */
    public FailoverCluster clusterOf(ExchangeServer server) {
        return clusters.cluster(placement(server).clusterName());
    }

    /** Whether the server's group exists on its cluster. */
    public boolean exists(ExchangeServer server) {
        return clusterOf(server).groups().stream().anyMatch(g -> g.name().equalsIgnoreCase(server.name()));
    }

    /**
     * Creates the server's group with every resource, offline, owned by {@code startNode} (else the first redundant
     * machine). Database Instances are created for the directory's databases of the server (2007).
     *
     * @param server a CMS or an EVS of the directory
     * @param disks the shared disks (SCC, EVS); none for CCR. A disk whose LUN already has a Physical Disk resource in
     *     another group is moved into the server's group rather than given a second resource
     * @param startNode the node the group starts on
     * @return the group's name
     * @throws ExhaException WRONG_STATE when an existing disk resource cannot move (it has dependencies)
     */
    public String create(ExchangeServer server, List<SharedDisk> disks, Optional<String> startNode) {
        ClusterPlacement placement = placement(server);
        FailoverCluster cluster = clusters.cluster(placement.clusterName());
        String name = server.name();
        cluster.createGroup(name);
        String node = startNode.orElse(placement.redundantMachines().get(0));
        // An empty group moves at once; the resources are created where the group will start.
        kernel.operations().await(cluster.moveGroup(name, node));
        String ip = ipAddressResource(name);
        cluster.createResource(name, ip, IpAddressType.NAME);
        cluster.setPrivateProperty(ip, IpAddressType.ADDRESS, placement.ipAddress());
        // Setup puts the server's address on the first network that allows clients.
        clusters.networks(cluster.name()).stream().filter(ClusterNetwork::allowClients).findFirst()
                .ifPresent(network -> cluster.setPrivateProperty(ip, IpAddressType.NETWORK, network.name()));
        String networkName = networkNameResource(name);
        cluster.createResource(name, networkName, NetworkNameType.NAME);
        cluster.setPrivateProperty(networkName, NetworkNameType.NAME_PROPERTY, name);
        cluster.addDependency(networkName, ip);
        List<String> diskResources = new ArrayList<>();
        if (placement.storageType() == ClusteredStorageType.SHARED) {
            for (SharedDisk disk : disks) {
                diskResources.add(diskResource(cluster, name, disk));
            }
        }
        String attendant = exchangeResource(cluster, server, ExchangeResourceKind.SYSTEM_ATTENDANT);
        cluster.addDependency(attendant, networkName);
        for (String disk : diskResources) {
            cluster.addDependency(attendant, disk);
        }
        String store = exchangeResource(cluster, server, ExchangeResourceKind.INFORMATION_STORE);
        cluster.addDependency(store, attendant);
        for (ExchangeResourceKind kind : ExchangeResourceKind.values()) {
            switch (kind) {
                case SYSTEM_ATTENDANT, INFORMATION_STORE -> {
                    // created above
                }
                case DATABASE_INSTANCE -> {
                    if (server.version() == ExchangeVersion.EXCHANGE_2007) {
                        for (MailboxDatabase database : directory.databasesOnServer(name)) {
                            addDatabaseInstance(cluster, server, database, store, disks);
                        }
                    }
                }
                case MESSAGE_TRANSFER_AGENT, ROUTING, SMTP, HTTP, MS_SEARCH, POP3, IMAP4 -> {
                    if (kind.existsIn(server.version())) {
                        cluster.addDependency(exchangeResource(cluster, server, kind), attendant);
                    }
                }
            }
        }
        for (ClusterResource resource : resources(cluster, name)) {
            cluster.setPossibleOwners(resource.name(), placement.redundantMachines());
        }
        journal("group.created", server, Map.of("node", node, "storage", placement.storageType().name()));
        return name;
    }

    /**
     * The Physical Disk resource of {@code disk} in the group: created there, or — when the cluster already has one for
     * that LUN in another group (an administrator made it) — moved into the group, so that a LUN never has two disk
     * resources fighting over its reservation. Windows moves a resource with ChangeClusterResourceGroup; exha takes it
     * offline and recreates it, same name and properties, in the group (the group comes online later anyway).
     *
     * @throws ExhaException WRONG_STATE when the existing resource has dependencies or dependents in its group
     */
    private String diskResource(FailoverCluster cluster, String group, SharedDisk disk) {
        Optional<ClusterResource> existing = physicalDisk(cluster, disk);
        if (existing.isEmpty()) {
            String resource = disk.resourceName(group);
            cluster.createResource(group, resource, PhysicalDiskType.NAME);
            cluster.setPrivateProperty(resource, PhysicalDiskType.ARRAY, disk.array());
            cluster.setPrivateProperty(resource, PhysicalDiskType.LUN, disk.lun());
            cluster.setPrivateProperty(resource, PhysicalDiskType.DRIVE, disk.drive());
            return resource;
        }
        ClusterResource old = existing.get();
        if (old.groupName().equalsIgnoreCase(group)) {
            return old.name();
        }
        requireMovable(cluster, old, disk);
        Map<String, String> properties = new java.util.TreeMap<>(old.privateProperties());
        String from = old.groupName();
        kernel.operations().await(cluster.offlineResource(old.name()));
        cluster.deleteResource(old.name());
        cluster.createResource(group, old.name(), PhysicalDiskType.NAME);
        properties.forEach((key, value) -> cluster.setPrivateProperty(old.name(), key, value));
        // The owner mounts the volume from now on: the CMS's data path is on that drive.
        cluster.setPrivateProperty(old.name(), PhysicalDiskType.DRIVE, disk.drive());
        kernel.journal().append(io.github.exha.core.kernel.JournalEntry.Type.STATE_CHANGE, SOURCE, "disk.moved",
                Map.of("resource", old.name(), "from", from, "to", group, "cluster", cluster.name()));
        return old.name();
    }

    /**
     * Checks, before anything changes, that the disks can join a new group: an existing Physical Disk resource of
     * their LUNs has no dependencies and no dependents where it is.
     *
     * @throws ExhaException WRONG_STATE naming the resource that cannot move
     */
    public void checkDisks(String clusterName, List<SharedDisk> disks) {
        FailoverCluster cluster = clusters.cluster(clusterName);
        for (SharedDisk disk : disks) {
            physicalDisk(cluster, disk).ifPresent(resource -> requireMovable(cluster, resource, disk));
        }
    }

    private static void requireMovable(FailoverCluster cluster, ClusterResource resource, SharedDisk disk) {
        boolean tied = !resource.dependencies().isEmpty() || cluster.resources().stream()
                .anyMatch(r -> r.dependencies().stream().anyMatch(resource.name()::equalsIgnoreCase));
        if (tied) {
            throw new ExhaException(ClusteringErrorCode.WRONG_STATE, "The Physical Disk resource '" + resource.name()
                    + "' of LUN '" + disk.lun() + "' on array '" + disk.array() + "' has dependencies in group '"
                    + resource.groupName() + "'; remove them so that it can move into the clustered server's group.");
        }
    }

    /** The cluster's Physical Disk resource for the disk's LUN, in any group. */
    private static Optional<ClusterResource> physicalDisk(FailoverCluster cluster, SharedDisk disk) {
        return cluster.resources().stream().filter(r -> r.type().name().equals(PhysicalDiskType.NAME)
                && disk.array().equalsIgnoreCase(r.privateProperties().getOrDefault(PhysicalDiskType.ARRAY, ""))
                && disk.lun().equalsIgnoreCase(r.privateProperties().getOrDefault(PhysicalDiskType.LUN, "")))
                .findFirst();
    }

    /** Adds the Database Instance of a database created after the group (2007). */
    public void addDatabaseInstance(ExchangeServer server, MailboxDatabase database, List<SharedDisk> disks) {
        FailoverCluster cluster = clusterOf(server);
        addDatabaseInstance(cluster, server, database,
                ExchangeResourceKind.INFORMATION_STORE.resourceName(server.name(), ""), disks);
        cluster.setPossibleOwners(databaseInstanceResource(server.name(), database),
                placement(server).redundantMachines());
    }

    /** The Database Instance resource's name: {@code First Storage Group/Mailbox Database (EXCHCMS)}. */
    public static String databaseInstanceResource(String server, MailboxDatabase database) {
        return ExchangeResourceKind.DATABASE_INSTANCE.resourceName(server, database.storageGroup() + "/"
                + database.name());
    }

    private void addDatabaseInstance(FailoverCluster cluster, ExchangeServer server, MailboxDatabase database,
            String store, List<SharedDisk> disks) {
        String resource = databaseInstanceResource(server.name(), database);
        cluster.createResource(server.name(), resource, ExchangeResourceKind.DATABASE_INSTANCE.typeName());
        cluster.setPrivateProperty(resource, ExchangeResourceKind.SERVER_NAME, server.name());
        cluster.setPrivateProperty(resource, ExchangeResourceKind.DATABASE, database.identity());
        cluster.addDependency(resource, store);
        String drive = database.edbFilePath().length() >= 2 ? database.edbFilePath().substring(0, 2)
                .toUpperCase(Locale.ROOT) : "";
        for (SharedDisk disk : disks) {
            if (disk.drive().equals(drive)) {
                cluster.addDependency(resource, physicalDisk(cluster, disk).map(ClusterResource::name)
                        .orElse(disk.resourceName(server.name())));
            }
        }
    }

    private static String exchangeResource(FailoverCluster cluster, ExchangeServer server,
            ExchangeResourceKind kind) {
        String resource = kind.resourceName(server.name(), "");
        cluster.createResource(server.name(), resource, kind.typeName());
        cluster.setPrivateProperty(resource, ExchangeResourceKind.SERVER_NAME, server.name());
        return resource;
    }

    /** Brings the server's group online on its owner. */
    public Operation<Void> bringOnline(ExchangeServer server) {
        return clusterOf(server).onlineGroup(server.name());
    }

    /** Takes the server's group offline. */
    public Operation<Void> takeOffline(ExchangeServer server) {
        return clusterOf(server).offlineGroup(server.name());
    }

    /**
     * Takes the server's group offline and deletes it with every resource ({@code setup /RemoveCMS}).
     */
    public Operation<Void> remove(ExchangeServer server) {
        FailoverCluster cluster = clusterOf(server);
        Operation<Void> operation = kernel.operations().create("remove the group of " + server.name());
        cluster.offlineGroup(server.name()).whenDone(o -> {
            if (o.isFailed()) {
                operation.fail(o.failure().orElseThrow());
                return;
            }
            deleteResources(cluster, server.name(), false);
            cluster.deleteGroup(server.name());
            journal("group.removed", server, Map.of());
            operation.complete(null);
        });
        return operation;
    }

    /**
     * Removes the server's resources from its offline group but keeps the group and, on SCC, its Physical Disks
     * ({@code setup /ClearLocalCMS}); on CCR the emptied group is deleted.
     */
    public void clearLocal(ExchangeServer server) {
        clearLocal(server, clusterOf(server));
    }

    /**
     * As {@link #clearLocal(ExchangeServer)} on a given cluster: after {@code /RecoverCMS} the directory places the
     * server on the new cluster, and {@code /ClearLocalCMS} cleans the old one.
     */
    public void clearLocal(ExchangeServer server, FailoverCluster cluster) {
        boolean keepDisks = placement(server).storageType() == ClusteredStorageType.SHARED;
        deleteResources(cluster, server.name(), keepDisks);
        if (cluster.group(server.name()).resources().isEmpty()) {
            cluster.deleteGroup(server.name());
        }
        journal("group.cleared", server, Map.of("keptDisks", Boolean.toString(keepDisks), "from", cluster.name()));
    }

    private static void deleteResources(FailoverCluster cluster, String group, boolean keepDisks) {
        // Dependents first: delete repeatedly whatever nothing else depends on.
        List<ClusterResource> left = resources(cluster, group).stream()
                .filter(r -> !(keepDisks && r.type().name().equals(PhysicalDiskType.NAME))).toList();
        List<String> remaining = new ArrayList<>(left.stream().map(ClusterResource::name).toList());
        while (!remaining.isEmpty()) {
            for (String name : List.copyOf(remaining)) {
                boolean needed = resources(cluster, group).stream().anyMatch(r -> r.dependencies().stream()
                        .anyMatch(name::equalsIgnoreCase));
                if (!needed) {
                    cluster.deleteResource(name);
                    remaining.remove(name);
                }
            }
        }
    }

    private static List<ClusterResource> resources(FailoverCluster cluster, String group) {
        return cluster.group(group).resources().stream().map(cluster::resource).toList();
    }

    private static ClusterPlacement placement(ExchangeServer server) {
        return server.cluster().orElseThrow(() -> new IllegalArgumentException(server.name()
                + " is not a clustered server"));
    }

    /**
     * Creates and brings online the groups of the clustered servers a topology declares ({@code cms:} / {@code evs:}
     * entries with their disks and starting node); what a lab does at build, so the world starts with them running.
     * A group that fails to come online is left as the cluster leaves it (the journal says why).
     */
    public void createDeclared(Optional<ExchangeSection.ExchangeEntry> section) {
        if (section.isEmpty()) {
            return;
        }
        for (ExchangeSection.ServerEntry entry : section.get().servers()) {
            Optional<ExchangeSection.ClusteredEntry> clustered = entry.clustered();
            if (clustered.isEmpty()) {
                continue;
            }
            ExchangeServer server = directory.server(entry.name());
            List<SharedDisk> disks = clustered.get().disks().stream()
                    .map(d -> new SharedDisk(d.array(), d.lun(), d.drive())).toList();
            create(server, disks, Optional.ofNullable(clustered.get().node()));
            Operation<Void> online = bringOnline(server);
            kernel.scheduler().runUntil(online::isDone);
        }
    }

    private void journal(String what, ExchangeServer server, Map<String, String> attributes) {
        Map<String, String> all = new java.util.TreeMap<>(attributes);
        all.put("server", server.name());
        all.put("cluster", placement(server).clusterName());
        kernel.journal().append(io.github.exha.core.kernel.JournalEntry.Type.STATE_CHANGE, SOURCE, what, all);
    }
}
