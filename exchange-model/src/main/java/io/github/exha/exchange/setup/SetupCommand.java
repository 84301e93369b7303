package io.github.exha.exchange.setup;

import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.clustering.ClusteredMailboxServerState;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.clustering.PassiveCopySeeding;
import io.github.exha.exchange.clustering.SharedDisk;
import io.github.exha.exchange.config.AutoDatabaseMountDial;
import io.github.exha.exchange.config.ClusterPlacement;
import io.github.exha.exchange.config.ClusteredStorageType;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeEdition;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.config.SetupWatermark;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code setup.com} of Exchange 2007, run on the session's host: {@code /mode:Install /roles:...} (a passive clustered
 * mailbox node when the host is a node of a cluster with a CMS), {@code /NewCMS /CMSName /CMSIPAddress
 * [/CMSSharedStorage] [/CMSDataPath]} on the active node, {@code /RemoveCMS}, {@code /ClearLocalCMS /CMSName},
 * {@code /RecoverCMS /CMSName /CMSIPAddress}, {@code /mode:Upgrade} (the host's binaries to the media's build) and
 * {@code /UpgradeCMS} (the CMS this node owns, to the build of the node's binaries). Prerequisites are checked first
 * with setup's messages. A step that fails leaves a {@link SetupWatermark} on the installation; the next run resumes
 * from it, and a run of another action is refused until then. Every run writes its setup log to the journal (source
 * {@value #SOURCE}).
 *
 * <p>The build setup installs or upgrades to is that of the lab's {@link SetupMedia} (the topology's
 * {@code exchange: media:}, Exchange 2007 SP1 by default), Enterprise edition.
 *
 * <h2>Upgrades</h2>
 * {@code /mode:Upgrade} replaces the binaries of a host with the media's newer build. On a clustered mailbox node it
 * is refused while a CMS runs there (move or stop it first); on a stand-alone mailbox server the Information Store
 * stops and starts again, so its databases remount under the new binaries and get their ESE version stamp. It takes
 * {@link #UPGRADE_TIME} of virtual time. {@code /UpgradeCMS}, on the node that owns a stopped (or failed) CMS whose
 * binaries are already upgraded: the CMS's resources are taken offline, its Active Directory object takes the new
 * build, and setup brings the group online; any resource that fails makes the upgrade fail and leaves the watermark
 * (seed 000: Physical Disks on read-only LUNs), and the next {@code /UpgradeCMS} resumes at bringing it online.
 *
 * <p>An SCC's {@code /CMSDataPath} must be on a shared cluster disk (a SAN LUN mounted on that drive here, or named by
 * a Physical Disk resource with that drive, and presented to every node); its Physical Disk resource goes into the CMS
 * group, moved there when one exists already. A CCR needs no disk resource: each node has its own files.
 *
 * <p>Mode RecoverServer is not modelled yet and is refused with a typed error.
 */
public final class SetupCommand implements Command {
    /** Journal source of the setup log. */
    public static final String SOURCE = "ExchangeSetup";
    /** The build of the default media ({@link SetupMedia#DEFAULT}). */
    public static final ExchangeBuild MEDIA_BUILD = SetupMedia.DEFAULT.build();
    /** CHOICE: virtual time {@code /mode:Upgrade} takes to replace a host's binaries. */
    public static final Duration UPGRADE_TIME = Duration.ofMinutes(15);
    /** CHOICE: virtual time {@code /UpgradeCMS} takes to update the CMS before bringing it online. */
    public static final Duration UPGRADE_CMS_TIME = Duration.ofMinutes(2);
    /** The registry key role of a clustered mailbox server's setup actions. */
    static final String CMS_ROLE = "ClusteredMailboxServer";
    /** The registry key role of the host's Mailbox role. */
    static final String MAILBOX_ROLE = "Mailbox";
    private static final String NEW_CMS = "NewCMS";
    private static final String RECOVER_CMS = "RecoverCMS";
    /** The {@code Action} value setup writes for {@code /mode:Upgrade} and {@code /UpgradeCMS}. */
    static final String UPGRADE = "BuildToBuildUpgrade";
    private static final String DEFAULT_DATA_PATH = "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox";
    private static final List<ServerFeature> IIS_FEATURES = List.of(ServerFeature.WEB_SERVER,
            ServerFeature.WEB_ISAPI_EXT, ServerFeature.WEB_METABASE, ServerFeature.WEB_LGCY_MGMT_CONSOLE,
            ServerFeature.WEB_BASIC_AUTH, ServerFeature.WEB_WINDOWS_AUTH);

    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("setup.com", List.of("Setup.com",
            "setup"), CommandSyntax.NATIVE,
            "Exchange 2007 setup: install or upgrade roles; create, remove, recover or upgrade a CMS.",
            List.of(ParameterDescriptor.named("mode", ParameterType.string(), "Install, Uninstall, Upgrade.")
                            .alias("m"),
                    ParameterDescriptor.named("roles", ParameterType.string(), "Mailbox,ClientAccess,...")
                            .alias("r"),
                    ParameterDescriptor.named("NewCMS", ParameterType.switchParameter(), "Create a CMS."),
                    ParameterDescriptor.named("RemoveCMS", ParameterType.switchParameter(), "Remove the CMS."),
                    ParameterDescriptor.named("ClearLocalCMS", ParameterType.switchParameter(),
                            "Remove a CMS's resources from this cluster."),
                    ParameterDescriptor.named("RecoverCMS", ParameterType.switchParameter(),
                            "Recreate a CMS on this cluster from Active Directory."),
                    ParameterDescriptor.named("UpgradeCMS", ParameterType.switchParameter(),
                            "Upgrade the CMS this node owns to the build of the node's binaries."),
                    ParameterDescriptor.named("CMSName", ParameterType.string(), "The CMS's name.").alias("cn"),
                    ParameterDescriptor.named("CMSIPAddress", ParameterType.string(), "The CMS's IP address.")
                            .alias("cip"),
                    ParameterDescriptor.named("CMSSharedStorage", ParameterType.switchParameter(),
                            "Single copy cluster (shared storage).").alias("css"),
                    ParameterDescriptor.named("CMSDataPath", ParameterType.string(), "Where the databases go.")
                            .alias("cdp")),
            false, ConfirmImpact.NONE, true);

    private final ExchangeDirectory directory;
    private final Clusters clusters;
    private final Datacenter datacenter;
    private final ClusteredServerGroups groups;
    private final ClusteredMailboxServers servers;
    private final SetupMedia media;
    // A provider: a lab may bind no Information Store (then a stand-alone upgrade has no store to restart).
    private final Provider<Optional<InformationStore>> store;
    // A provider: replication binds it, and a lab without replication has none.
    private final Provider<Optional<PassiveCopySeeding>> passiveCopySeeding;

    /** Setup over the lab, running from its media. */
    @Inject
    public SetupCommand(ExchangeDirectory directory, Clusters clusters, Datacenter datacenter,
            ClusteredServerGroups groups, ClusteredMailboxServers servers, SetupMedia media,
            Provider<Optional<InformationStore>> store, Provider<Optional<PassiveCopySeeding>> passiveCopySeeding) {
        this.directory = directory;
        this.clusters = clusters;
        this.datacenter = datacenter;
        this.groups = groups;
        this.servers = servers;
        this.media = media;
        this.store = store;
        this.passiveCopySeeding = passiveCopySeeding;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = datacenter.findHost(context.requireHost()).orElseThrow();
        log(context, host, "Setup is choosing the domain controller to use");
        Optional<SetupWatermark> pending = directory.installation(host.name()).flatMap(ExchangeInstallation::watermark);
        if (pending.isPresent()) {
            requireResumable(pending.get(), action(arguments));
            SetupWatermark mark = pending.get();
            log(context, host, "Setup is resuming the action '" + mark.action() + "' from watermark '"
                    + mark.watermark() + "' found under " + mark.registryKey());
        }
        if (arguments.flag("UpgradeCMS")) {
            upgradeCms(context, host);
        } else if (arguments.flag("NewCMS")) {
            newCms(context, host, arguments);
        } else if (arguments.flag("RemoveCMS")) {
            removeCms(context, host, arguments.string("CMSName"));
        } else if (arguments.flag("ClearLocalCMS")) {
            clearLocalCms(context, host, required(arguments, "CMSName"));
        } else if (arguments.flag("RecoverCMS")) {
            recoverCms(context, host, required(arguments, "CMSName"), required(arguments, "CMSIPAddress"));
        } else {
            String mode = arguments.string("mode").orElse("Install");
            switch (mode.toLowerCase(Locale.ROOT)) {
                case "install" -> install(context, host, arguments.string("roles").orElseThrow(() -> prerequisite(
                        "No roles were specified. Use /roles:Mailbox,ClientAccess,HubTransport,...")));
                case "uninstall" -> uninstall(context, host);
                case "upgrade" -> upgrade(context, host);
                default -> throw new ExhaException(SetupErrorCode.NOT_SUPPORTED, "Setup mode '" + mode
                        + "' is not supported by exha yet; use Install, Uninstall or Upgrade.");
            }
        }
    }

    // ---- modes --------------------------------------------------------------------------------------------------

    private void install(CommandContext context, Host host, String roleList) {
        Set<ServerRole> roles = EnumSet.noneOf(ServerRole.class);
        for (String role : roleList.split(",")) {
            roles.add(ServerRole.parse(role.strip()).orElseThrow(() -> prerequisite("Unknown server role '"
                    + role.strip() + "'.")));
        }
        requireDomainMember(host);
        if (roles.contains(ServerRole.MAILBOX)) {
            requireIis(host);
        }
        Optional<FailoverCluster> cluster = clusters.clusterOf(host.name());
        Optional<ExchangeServer> cms = cluster.flatMap(c -> directory.clusteredServers(c.name()).stream()
                .filter(s -> s.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER).findFirst());
        if (cms.isPresent()) {
            // A node of a cluster that has a CMS: the passive clustered mailbox role.
            if (!roles.equals(Set.of(ServerRole.MAILBOX))) {
                throw prerequisite("A clustered mailbox server cannot coexist with other server roles; install only "
                        + "the Mailbox role on cluster node " + host.name() + ".");
            }
            requireClusterable(host);
            requireEnterprise(host);
            directory.putInstallation(new ExchangeInstallation(host.name(), media.build(), ExchangeEdition.ENTERPRISE,
                    roles, true, Optional.empty()));
            ExchangeServer server = cms.get();
            ClusterPlacement placement = server.cluster().orElseThrow();
            if (!placement.isRedundantMachine(host.name())) {
                List<String> machines = new ArrayList<>(placement.redundantMachines());
                machines.add(host.name());
                server = directory.updateServer(server.withCluster(placement.withRedundantMachines(machines)));
                FailoverCluster failover = groups.clusterOf(server);
                for (String resource : failover.group(server.name()).resources()) {
                    failover.setPossibleOwners(resource, machines);
                }
            }
            completed(context, host, "Passive Clustered Mailbox Role");
            seedPassiveCopies(context, host, server);
            return;
        }
        if (cluster.isPresent()) {
            throw prerequisite("Exchange server roles other than the clustered mailbox server cannot be installed on "
                    + "a cluster node. Use /NewCMS to create a clustered mailbox server first.");
        }
        directory.putInstallation(new ExchangeInstallation(host.name(), media.build(), ExchangeEdition.ENTERPRISE,
                roles, false, Optional.empty()));
        if (directory.serverOnHost(host.name()).isEmpty()) {
            directory.addServer(new ExchangeServer(directory.newGuid(), host.name(), host.domain().orElseThrow(),
                    host.site(), media.build(), ExchangeEdition.ENTERPRISE, roles, ServerKind.STANDALONE,
                    Optional.of(host.name()), Optional.empty(), AutoDatabaseMountDial.GOOD_AVAILABILITY,
                    Optional.empty()));
        }
        for (ServerRole role : roles) {
            completed(context, host, role.powerShellName() + " Role");
        }
    }

    // CCR: once the passive role is in, the replication service seeds the node's copies (DOMAIN.md §1). A seed that
    // fails does not undo setup; the copy waits for Update-StorageGroupCopy.
    private void seedPassiveCopies(CommandContext context, Host host, ExchangeServer server) {
        Optional<PassiveCopySeeding> seeding = passiveCopySeeding.get();
        if (server.clusteredStorageType() != ClusteredStorageType.NON_SHARED || seeding.isEmpty()) {
            return;
        }
        log(context, host, "Seeding the storage group copies of clustered mailbox server '" + server.name() + "' on "
                + host.name());
        try {
            context.await(seeding.get().seed(server, host.name()));
        } catch (ExhaException failed) {
            context.warn("Seeding the storage group copies of '" + server.name() + "' on " + host.name() + " failed: "
                    + failed.getMessage() + " Seed them with Update-StorageGroupCopy.");
        }
    }

    private void uninstall(CommandContext context, Host host) {
        directory.serverOnHost(host.name()).ifPresent(server -> directory.removeServer(server.name()));
        directory.removeInstallation(host.name());
        completed(context, host, "Uninstall");
    }

    private void newCms(CommandContext context, Host host, Arguments arguments) {
        String name = required(arguments, "CMSName");
        String ip = required(arguments, "CMSIPAddress");
        requireDomainMember(host);
        FailoverCluster cluster = requireClusterable(host);
        requireEnterprise(host);
        requireIis(host);
        Optional<ExchangeServer> created = directory.findServer(name).filter(s -> s.kind()
                == ServerKind.CLUSTERED_MAILBOX_SERVER && s.cluster().orElseThrow().clusterName()
                .equalsIgnoreCase(cluster.name()));
        Optional<SetupWatermark> mark = watermark(host, NEW_CMS);
        if (mark.isPresent() && created.isPresent()) {
            // The CMS and its group were made by the run that failed; what is left is bringing it online.
            resume(context, host, created.get(), mark.get());
            return;
        }
        requireNameAndAddress(cluster, name, ip);
        if (directory.findServer(name).isPresent()) {
            throw prerequisite("The name '" + name + "' is already used by another server in the organization.");
        }
        ClusteredStorageType storage = arguments.flag("CMSSharedStorage") ? ClusteredStorageType.SHARED
                : ClusteredStorageType.NON_SHARED;
        String dataPath = arguments.string("CMSDataPath").orElse(DEFAULT_DATA_PATH);
        // SCC: the data lives on a shared disk whose resource joins the CMS group, so the data follows the group.
        // CCR: each node has its own files at the same path, even when that path is on a SAN disk.
        List<SharedDisk> disks = switch (storage) {
            case SHARED -> List.of(requireSharedDisk(host, cluster, dataPath));
            case NON_SHARED, DISABLED -> List.of();
        };
        groups.checkDisks(cluster.name(), disks);
        directory.putInstallation(new ExchangeInstallation(host.name(), media.build(), ExchangeEdition.ENTERPRISE,
                Set.of(ServerRole.MAILBOX), true, Optional.empty()));
        ExchangeServer server = directory.addServer(new ExchangeServer(directory.newGuid(), name,
                host.domain().orElseThrow(), host.site(), media.build(), ExchangeEdition.ENTERPRISE,
                Set.of(ServerRole.MAILBOX), ServerKind.CLUSTERED_MAILBOX_SERVER, Optional.empty(),
                Optional.of(new ClusterPlacement(cluster.name(), ip, storage, List.of(host.name()))),
                AutoDatabaseMountDial.GOOD_AVAILABILITY, Optional.empty()));
        directory.addStorageGroup(name, "First Storage Group", dataPath + "\\First Storage Group",
                dataPath + "\\First Storage Group", false, false);
        directory.addDatabase(name + "\\First Storage Group", "Mailbox Database", dataPath
                + "\\First Storage Group\\Mailbox Database.edb", DatabaseKind.MAILBOX);
        completed(context, host, "Mailbox Role");
        groups.create(server, disks, Optional.of(host.name()));
        log(context, host, "Setup is bringing clustered mailbox server '" + name + "' online");
        bringOnline(context, host, server, NEW_CMS);
        completed(context, host, "Clustered Mailbox Server");
    }

    private void resume(CommandContext context, Host host, ExchangeServer server, SetupWatermark mark) {
        context.write("Setup is resuming the action '" + mark.action() + "' for clustered mailbox server '"
                + server.name() + "' from watermark '" + mark.watermark() + "'.");
        if (!groups.exists(server)) {
            groups.create(server, sharedDisksOf(host, server), Optional.of(host.name()));
        }
        bringOnline(context, host, server, mark.action());
        completed(context, host, "Clustered Mailbox Server");
    }

    private void removeCms(CommandContext context, Host host, Optional<String> cmsName) {
        FailoverCluster cluster = requireClusterNode(host);
        List<ExchangeServer> onCluster = directory.clusteredServers(cluster.name()).stream()
                .filter(s -> s.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER).toList();
        ExchangeServer server = onCluster.stream()
                .filter(s -> cmsName.map(s.name()::equalsIgnoreCase).orElse(true)).findFirst()
                .orElseThrow(() -> prerequisite(cmsName.map(n -> "Clustered mailbox server '" + n + "' is not on "
                        + "cluster '" + cluster.name() + "'.").orElse("There is no clustered mailbox server on "
                        + "cluster '" + cluster.name() + "'.")));
        // The first CMS of a cluster stays its responsible MTA, so it goes last (DOMAIN.md 4). The directory lists
        // servers by name; the cluster keeps its groups in creation order, which is installation order.
        List<String> installed = cluster.groups().stream().map(g -> g.name())
                .filter(g -> onCluster.stream().anyMatch(s -> s.name().equalsIgnoreCase(g))).toList();
        if (installed.size() > 1 && installed.get(0).equalsIgnoreCase(server.name())) {
            throw prerequisite("Clustered mailbox server '" + server.name() + "' was the first installed on cluster '"
                    + cluster.name() + "' and must be the last removed; remove " + installed.subList(1,
                    installed.size()) + " first.");
        }
        for (MailboxDatabase database : directory.databasesOnServer(server.name())) {
            if (!directory.mailboxes(database.identity()).isEmpty()) {
                throw prerequisite("Uninstall cannot continue. Database '" + database.identity() + "': This mailbox "
                        + "database contains one or more mailboxes. To get a list of all mailboxes in this database, "
                        + "run the command Get-Mailbox -Database '" + database.identity() + "'.");
            }
        }
        if (groups.exists(server)) {
            context.await(groups.remove(server));
        }
        directory.removeServer(server.name());
        completed(context, host, "Clustered Mailbox Server");
    }

    private void clearLocalCms(CommandContext context, Host host, String name) {
        FailoverCluster cluster = requireClusterNode(host);
        ExchangeServer server = directory.server(name);
        // The local cluster, not the one the directory names: after /RecoverCMS that is the new cluster.
        if (cluster.groups().stream().noneMatch(g -> g.name().equalsIgnoreCase(server.name()))) {
            throw prerequisite("Clustered mailbox server '" + name + "' has no resources on cluster '"
                    + cluster.name() + "'.");
        }
        if (server.cluster().orElseThrow().isRedundantMachine(host.name())) {
            throw prerequisite("The local node '" + host.name() + "' is in the list of redundant machines of "
                    + "clustered mailbox server '" + name + "'. /ClearLocalCMS can only be run on a node that is not.");
        }
        if (cluster.group(server.name()).state() != GroupState.OFFLINE) {
            throw prerequisite("Clustered mailbox server '" + name + "' must be offline before /ClearLocalCMS.");
        }
        groups.clearLocal(server, cluster);
        completed(context, host, "Clear Local Clustered Mailbox Server");
    }

    private void recoverCms(CommandContext context, Host host, String name, String ip) {
        requireDomainMember(host);
        FailoverCluster cluster = requireClusterable(host);
        requireEnterprise(host);
        requireIis(host);
        ExchangeServer server = directory.server(name);
        if (server.kind() != ServerKind.CLUSTERED_MAILBOX_SERVER) {
            throw prerequisite("Server '" + name + "' is not a clustered mailbox server.");
        }
        Optional<SetupWatermark> mark = watermark(host, RECOVER_CMS);
        if (mark.isPresent() && server.cluster().orElseThrow().clusterName().equalsIgnoreCase(cluster.name())) {
            resume(context, host, server, mark.get());
            return;
        }
        requireNameAndAddress(cluster, name, ip);
        List<String> nodes = cluster.nodes().stream().map(n -> n.name()).toList();
        ExchangeServer moved = server.withCluster(new ClusterPlacement(cluster.name(), ip,
                server.cluster().orElseThrow().storageType(), nodes));
        List<SharedDisk> disks = sharedDisksOf(host, moved);
        groups.checkDisks(cluster.name(), disks);
        server = directory.updateServer(moved);
        directory.putInstallation(new ExchangeInstallation(host.name(), media.build(), ExchangeEdition.ENTERPRISE,
                Set.of(ServerRole.MAILBOX), true, Optional.empty()));
        if (!groups.exists(server)) {
            groups.create(server, disks, Optional.of(host.name()));
        }
        bringOnline(context, host, server, RECOVER_CMS);
        completed(context, host, "Clustered Mailbox Server");
    }

    /** An SCC server's shared disks, found from its databases' and logs' drives on this host; none for CCR. */
    private List<SharedDisk> sharedDisksOf(Host host, ExchangeServer server) {
        FailoverCluster cluster = clusters.cluster(server.cluster().orElseThrow().clusterName());
        List<SharedDisk> disks = new ArrayList<>();
        switch (server.cluster().orElseThrow().storageType()) {
            case SHARED -> {
                List<String> paths = new ArrayList<>();
                directory.storageGroups(server.name()).forEach(g -> paths.add(g.logFolderPath()));
                directory.databasesOnServer(server.name()).forEach(d -> paths.add(d.edbFilePath()));
                for (String path : paths) {
                    SharedDisk disk = requireSharedDisk(host, cluster, path);
                    if (!disks.contains(disk)) {
                        disks.add(disk);
                    }
                }
            }
            case NON_SHARED, DISABLED -> {
                // CCR: every node has its own copy of the files; no disk resources.
            }
        }
        return disks;
    }

    // A failed online leaves the watermark, so the next run resumes the action.
    private void bringOnline(CommandContext context, Host host, ExchangeServer server, String action) {
        Operation<Void> online = groups.bringOnline(server);
        try {
            context.await(online);
        } catch (ExhaException e) {
            SetupWatermark mark = new SetupWatermark(CMS_ROLE, action, "BringCmsOnline");
            directory.installation(host.name()).ifPresent(i -> directory.putInstallation(i.withWatermark(
                    Optional.of(mark))));
            log(context, host, "[ERROR] " + e.getMessage());
            context.write("Clustered Mailbox Server ...... FAILED");
            throw new ExhaException(SetupErrorCode.STEP_FAILED, "The clustered mailbox server '" + server.name()
                    + "' could not be brought online: " + e.getMessage() + " Setup left its watermark under "
                    + mark.registryKey() + "; run setup again to resume.", e.nativeCode().orElse(null), null, e);
        }
        directory.installation(host.name()).ifPresent(i -> directory.putInstallation(i.withWatermark(
                Optional.empty())));
    }

    // ---- upgrades -----------------------------------------------------------------------------------------------

    // /mode:Upgrade: the host's binaries to the media's build.
    private void upgrade(CommandContext context, Host host) {
        ExchangeInstallation installed = directory.installation(host.name()).orElseThrow(() -> prerequisite(
                "Exchange Server 2007 is not installed on " + host.name() + "; there is nothing to upgrade. Use "
                        + "/mode:Install."));
        ExchangeBuild target = media.build();
        if (installed.build().version() != target.version()) {
            throw prerequisite("The Exchange installation on " + host.name() + " is " + installed.build()
                    .powerShellName() + "; Exchange Server 2007 setup cannot upgrade it.");
        }
        if (!target.isNewerThan(installed.build())) {
            throw prerequisite("The Exchange binaries on " + host.name() + " are " + installed.build()
                    .displayVersion() + "; the setup media hold " + target.displayVersion() + ", no newer build to "
                    + "upgrade to.");
        }
        if (installed.clusteredMailbox()) {
            for (ExchangeServer cms : clusteredMailboxServers(host)) {
                if (runsOn(cms, host)) {
                    throw prerequisite("Clustered mailbox server '" + cms.name() + "' is " + servers.state(cms)
                            .displayName() + " on " + host.name() + ". Move it to another node with "
                            + "Move-ClusteredMailboxServer, or stop it with Stop-ClusteredMailboxServer, before "
                            + "upgrading this node.");
                }
            }
        }
        log(context, host, "Setup is upgrading the Exchange binaries on " + host.name() + " from "
                + installed.build().displayVersion() + " to " + target.displayVersion());
        // A stand-alone mailbox server's store stops for the upgrade and starts again under the new binaries.
        Optional<ExchangeServer> standalone = directory.serverOnHost(host.name())
                .filter(s -> s.kind() == ServerKind.STANDALONE);
        Optional<InformationStore> informationStore = store.get().filter(is -> standalone.flatMap(s -> is
                .runningOn(s.name())).filter(host.name()::equalsIgnoreCase).isPresent());
        informationStore.ifPresent(is -> context.await(is.stop(standalone.orElseThrow().name())));
        context.sleep(UPGRADE_TIME);
        directory.putInstallation(installed.withBuild(target));
        standalone.ifPresent(server -> directory.updateServer(server.withBuild(target)));
        if (informationStore.isPresent() && host.isRunning()) {
            context.await(informationStore.get().start(standalone.orElseThrow().name(), host.name(), true));
        }
        if (installed.clusteredMailbox()) {
            completed(context, host, "Passive Clustered Mailbox Role");
        } else {
            for (ServerRole role : installed.roles()) {
                completed(context, host, role.powerShellName() + " Role");
            }
        }
    }

    // /UpgradeCMS: the CMS this node owns, to the build of the node's (already upgraded) binaries.
    private void upgradeCms(CommandContext context, Host host) {
        FailoverCluster cluster = requireClusterNode(host);
        ExchangeInstallation installed = directory.installation(host.name())
                .filter(ExchangeInstallation::clusteredMailbox).orElseThrow(() -> prerequisite("The clustered "
                        + "mailbox server role is not installed on " + host.name() + "."));
        List<ExchangeServer> owned = clusteredMailboxServers(host).stream()
                .filter(s -> servers.activeNode(s).filter(host.name()::equalsIgnoreCase).isPresent()).toList();
        if (owned.isEmpty()) {
            throw prerequisite("No clustered mailbox server of cluster '" + cluster.name() + "' is owned by "
                    + host.name() + ". Run /UpgradeCMS on the node that owns the clustered mailbox server.");
        }
        Optional<SetupWatermark> mark = watermark(host, CMS_ROLE, UPGRADE);
        // Several CMSs on one SCC node: the one not upgraded yet (or the one a failed run left), else the first.
        ExchangeServer server = owned.stream().filter(s -> s.build() != installed.build()).findFirst()
                .orElse(owned.get(0));
        if (mark.isPresent() && server.build() == installed.build()) {
            // The directory was upgraded by the run that failed; what is left is bringing the CMS online.
            resume(context, host, server, mark.get());
            return;
        }
        if (installed.build() != media.build()) {
            throw prerequisite("The Exchange binaries on " + host.name() + " are " + installed.build()
                    .displayVersion() + " but the setup media hold " + media.build().displayVersion() + ". Upgrade "
                    + "this node with setup.com /mode:Upgrade before /UpgradeCMS.");
        }
        if (!installed.build().isNewerThan(server.build())) {
            throw prerequisite("Clustered mailbox server '" + server.name() + "' is already at "
                    + server.build().displayVersion() + "; there is nothing to upgrade.");
        }
        ClusteredMailboxServerState state = servers.state(server);
        switch (state) {
            case OFFLINE, FAILED -> {
                // stopped, or failed where it is: setup takes its resources offline itself
            }
            case ONLINE, PARTIALLY_ONLINE, ONLINE_PENDING, OFFLINE_PENDING -> throw prerequisite(
                    "Clustered mailbox server '" + server.name() + "' is " + state.displayName() + ". Stop it with "
                            + "Stop-ClusteredMailboxServer before running /UpgradeCMS.");
        }
        log(context, host, "Setup is upgrading clustered mailbox server '" + server.name() + "' from "
                + server.build().displayVersion() + " to " + installed.build().displayVersion());
        context.await(groups.takeOffline(server));
        context.sleep(UPGRADE_CMS_TIME);
        server = directory.updateServer(server.withBuild(installed.build()));
        log(context, host, "Setup is bringing clustered mailbox server '" + server.name() + "' online");
        bringOnline(context, host, server, UPGRADE);
        completed(context, host, "Clustered Mailbox Server");
    }

    /** The clustered mailbox servers of the host's cluster, as the directory knows them. */
    private List<ExchangeServer> clusteredMailboxServers(Host host) {
        return clusters.clusterOf(host.name()).map(c -> directory.clusteredServers(c.name()).stream()
                .filter(s -> s.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER).toList()).orElse(List.of());
    }

    // Whether the CMS runs (or is starting or stopping) on the host.
    private boolean runsOn(ExchangeServer cms, Host host) {
        if (servers.activeNode(cms).filter(host.name()::equalsIgnoreCase).isEmpty()) {
            return false;
        }
        return switch (servers.state(cms)) {
            case ONLINE, PARTIALLY_ONLINE, ONLINE_PENDING, OFFLINE_PENDING -> true;
            case OFFLINE, FAILED -> false;
        };
    }

    // ---- the watermark -------------------------------------------------------------------------------------------

    /** The registry key role and the {@code Action} value of a setup run: what its watermark would record. */
    private record SetupAction(String role, String action) {
    }

    private static SetupAction action(Arguments arguments) {
        if (arguments.flag("UpgradeCMS")) {
            return new SetupAction(CMS_ROLE, UPGRADE);
        }
        for (String cmsAction : List.of(NEW_CMS, "RemoveCMS", "ClearLocalCMS", RECOVER_CMS)) {
            if (arguments.flag(cmsAction)) {
                return new SetupAction(CMS_ROLE, cmsAction);
            }
        }
        String mode = arguments.string("mode").orElse("Install");
        String action = switch (mode.toLowerCase(Locale.ROOT)) {
            case "install" -> "Install";
            case "uninstall" -> "Uninstall";
            case "upgrade" -> UPGRADE;
            default -> mode;
        };
        return new SetupAction(MAILBOX_ROLE, action);
    }

    // Setup resumes the action a watermark records and refuses any other until it has completed.
    private static void requireResumable(SetupWatermark mark, SetupAction requested) {
        if (!mark.role().equalsIgnoreCase(requested.role()) || !mark.action().equalsIgnoreCase(requested.action())) {
            throw new ExhaException(SetupErrorCode.RESUME_REQUIRED, "Setup previously failed while performing the "
                    + "action '" + mark.action() + "' (watermark '" + mark.watermark() + "' under "
                    + mark.registryKey() + "). You cannot resume setup by performing the action '"
                    + requested.action() + "'.");
        }
    }

    // ---- prerequisites ---------------------------------------------------------------------------------------

    private void requireDomainMember(Host host) {
        if (host.domain().isEmpty()) {
            throw prerequisite("This computer is not a member of a domain. Exchange Server 2007 must be installed "
                    + "on a member server of an Active Directory domain.");
        }
    }

    private static void requireIis(Host host) {
        List<String> missing = IIS_FEATURES.stream().filter(f -> !host.hasFeature(f)).map(ServerFeature::id)
                .toList();
        if (!missing.isEmpty()) {
            throw prerequisite("The Mailbox role requires the IIS components " + String.join(", ", missing)
                    + ". Install them with ServerManagerCmd -i before running setup.");
        }
    }

    private FailoverCluster requireClusterable(Host host) {
        if (!host.os().edition().supportsFailoverClustering()) {
            throw prerequisite("A clustered mailbox server requires Windows Server Enterprise or Datacenter Edition; "
                    + host.name() + " runs " + host.os().caption() + ".");
        }
        return requireClusterNode(host);
    }

    private FailoverCluster requireClusterNode(Host host) {
        if (!host.hasFeature(ServerFeature.FAILOVER_CLUSTERING) && clusters.clusterOf(host.name()).isEmpty()) {
            throw prerequisite("Failover Clustering is not installed on " + host.name() + ". Install it and form "
                    + "the cluster before installing a clustered mailbox server.");
        }
        return clusters.clusterOf(host.name()).orElseThrow(() -> prerequisite("The local computer " + host.name()
                + " is not a member of a cluster. Form the cluster before installing a clustered mailbox server."));
    }

    // Clustered mailbox servers need Exchange Enterprise: binaries already on the host must not be Standard.
    private void requireEnterprise(Host host) {
        Optional<ExchangeInstallation> installed = directory.installation(host.name());
        if (installed.isPresent() && installed.get().edition() == ExchangeEdition.STANDARD) {
            throw prerequisite("A clustered mailbox server requires Exchange Server 2007 Enterprise Edition; the "
                    + "Exchange installation on " + host.name() + " is Standard Edition.");
        }
    }

    /**
     * The shared disk under {@code path}: the SAN LUN mounted on its drive on this host (or named by a Physical Disk
     * resource of the cluster with that drive), presented to every node of the cluster.
     */
    private SharedDisk requireSharedDisk(Host host, FailoverCluster cluster, String path) {
        String refusal = "The database path must be on a shared cluster disk: '" + path + "' ";
        DriveLetter drive;
        try {
            drive = DriveLetter.parse(path.length() >= 2 ? path.substring(0, 2) : path);
        } catch (IllegalArgumentException e) {
            throw prerequisite(refusal + "does not start with a drive letter.");
        }
        Optional<LunRef> lun = host.lunOn(drive);
        if (lun.isEmpty()) {
            // The disk may be online on another node, in a group an administrator made for it.
            lun = cluster.resources().stream().filter(r -> r.type().name().equals(PhysicalDiskType.NAME))
                    .filter(r -> driveOf(r).filter(drive::equals).isPresent())
                    .map(r -> new LunRef(r.privateProperties().get(PhysicalDiskType.ARRAY),
                            r.privateProperties().get(PhysicalDiskType.LUN))).findFirst();
        }
        LunRef ref = lun.orElseThrow(() -> prerequisite(refusal + "is on drive " + drive + ", which is not a SAN "
                + "disk of " + host.name() + " or of cluster '" + cluster.name() + "'."));
        Optional<LunInfo> info = datacenter.fabric().array(ref.array()).flatMap(array -> {
            try {
                return Optional.of(array.lun(ref.lun()));
            } catch (StorageException e) {
                return Optional.empty();
            }
        });
        List<String> unseen = cluster.nodes().stream().map(ClusterNode::name)
                .filter(node -> info.map(i -> i.presentedTo().stream().noneMatch(node::equalsIgnoreCase)).orElse(true))
                .toList();
        if (!unseen.isEmpty()) {
            throw prerequisite(refusal + "LUN '" + ref.lun() + "' on array '" + ref.array() + "' behind drive " + drive
                    + " is not presented to " + String.join(", ", unseen) + ".");
        }
        return new SharedDisk(ref.array(), ref.lun(), drive.toString());
    }

    private static Optional<DriveLetter> driveOf(ClusterResource resource) {
        try {
            return Optional.of(DriveLetter.parse(resource.privateProperties().getOrDefault(PhysicalDiskType.DRIVE,
                    "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // The CMS's network name and address must be its own (seed 004): not the cluster's, a computer's or a server's.
    private void requireNameAndAddress(FailoverCluster cluster, String name, String ip) {
        if (name.equalsIgnoreCase(cluster.name())) {
            throw prerequisite("The clustered mailbox server name '" + name + "' is the name of the cluster; "
                    + "choose a different name.");
        }
        for (String other : clusters.names()) {
            if (other.equalsIgnoreCase(name)) {
                throw prerequisite("The clustered mailbox server name '" + name + "' is the name of cluster '"
                        + other + "'; choose a different name.");
            }
        }
        datacenter.findHost(name).ifPresent(computer -> {
            throw prerequisite("The clustered mailbox server name '" + name + "' is the name of computer '"
                    + computer.name() + "'; choose a different name.");
        });
        if (ip.equals(clusters.address(cluster.name()))) {
            throw prerequisite("The clustered mailbox server IP address '" + ip + "' is the cluster's IP address; "
                    + "choose a different address.");
        }
        for (String other : clusters.names()) {
            if (ip.equals(clusters.address(other))) {
                throw prerequisite("The IP address '" + ip + "' is already in use by cluster '" + other + "'.");
            }
        }
        for (Host computer : datacenter.hosts()) {
            for (Nic nic : computer.nics()) {
                if (nic.address().equals(ip)) {
                    throw prerequisite("The IP address '" + ip + "' is already in use by network connection '"
                            + nic.name() + "' of computer '" + computer.name() + "'.");
                }
            }
        }
        for (ExchangeServer other : directory.servers()) {
            if (!other.name().equalsIgnoreCase(name) && other.cluster().map(ClusterPlacement::ipAddress)
                    .filter(ip::equals).isPresent()) {
                throw prerequisite("The IP address '" + ip + "' is already in use by '" + other.name() + "'.");
            }
        }
    }

    private Optional<SetupWatermark> watermark(Host host, String action) {
        return watermark(host, CMS_ROLE, action);
    }

    private Optional<SetupWatermark> watermark(Host host, String role, String action) {
        return directory.installation(host.name()).flatMap(ExchangeInstallation::watermark)
                .filter(mark -> mark.role().equalsIgnoreCase(role) && mark.action().equalsIgnoreCase(action));
    }

    // ---- output ------------------------------------------------------------------------------------------------

    private static String required(Arguments arguments, String name) {
        return arguments.string(name).orElseThrow(() -> prerequisite("The parameter /" + name
                + " is required for this action."));
    }

    private static ExhaException prerequisite(String message) {
        return new ExhaException(SetupErrorCode.PREREQUISITE_FAILED, message);
    }

    private void completed(CommandContext context, Host host, String step) {
        context.write(step + " ...... COMPLETED");
        log(context, host, step + " completed successfully");
    }

    private static void log(CommandContext context, Host host, String line) {
        context.journal().append(JournalEntry.Type.NOTE, SOURCE, "setup.log", Map.of("host", host.name(),
                "line", "[" + context.clock().instant() + "] " + line));
    }
}
