package io.github.exha.exchange.topology;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.exchange.config.AutoDatabaseMountDial;
import io.github.exha.exchange.config.ClusterPlacement;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeOrganization;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.topology.ExchangeSection.ClusteredEntry;
import io.github.exha.exchange.topology.ExchangeSection.DatabaseEntry;
import io.github.exha.exchange.topology.ExchangeSection.ExchangeEntry;
import io.github.exha.exchange.topology.ExchangeSection.InstallationEntry;
import io.github.exha.exchange.topology.ExchangeSection.MailboxEntry;
import io.github.exha.exchange.topology.ExchangeSection.ServerEntry;
import io.github.exha.exchange.topology.ExchangeSection.StorageGroupEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Builds the organization's directory from the topology's {@code exchange:} section on the lab's hosts and clusters:
 * checks every reference (hosts, clusters, nodes, servers, storage groups, databases) and Exchange's rules, naming the
 * file and key path of a bad value. A topology without the section gives an organization named after the lab with no
 * servers, so setup can install Exchange from scratch.
 */
public final class ExchangeTopology {
    /** CHOICE: the organization of a lab whose topology has no {@code exchange:} section. */
    public static final String DEFAULT_ORGANIZATION = "First Organization";
    /** CHOICE: the domain of a lab whose topology names none (no host in a domain, no {@code exchange:} section). */
    public static final String DEFAULT_DOMAIN = "contoso.com";
    /** The kernel random stream object GUIDs are drawn from. */
    public static final String GUID_STREAM = "exchange.guids";

    private ExchangeTopology() {
    }

    /** The {@code exchange:} section, if the topology has one. */
    public static Optional<ExchangeEntry> section(Topology topology) {
        return topology.section(new ExchangeSection());
    }

    /**
     * The directory the topology describes.
     *
     * @throws ExhaException {@code core.topology.invalid-value} naming the file and key path of a bad reference or a
     *     value Exchange refuses
     */
    public static ExchangeDirectory build(Topology topology, Kernel kernel, Datacenter datacenter, Clusters clusters) {
        Optional<ExchangeEntry> section = section(topology);
        String file = topology.file();
        if (section.isEmpty()) {
            String domain = datacenter.hosts().stream().map(Host::domain).flatMap(Optional::stream).findFirst()
                    .orElse(DEFAULT_DOMAIN);
            return new ExchangeDirectory(new ExchangeOrganization(DEFAULT_ORGANIZATION, domain), kernel.journal(),
                    kernel.streams().stream(GUID_STREAM));
        }
        ExchangeEntry entry = section.get();
        ExchangeOrganization organization = at(file, "exchange.organization",
                () -> new ExchangeOrganization(entry.organization().name(), entry.organization().domain()));
        ExchangeDirectory directory = new ExchangeDirectory(organization, kernel.journal(),
                kernel.streams().stream(GUID_STREAM));
        for (int i = 0; i < entry.servers().size(); i++) {
            addServer(directory, entry.servers().get(i), "exchange.servers[" + i + "]", file, datacenter, clusters);
        }
        for (int i = 0; i < entry.installations().size(); i++) {
            InstallationEntry install = entry.installations().get(i);
            String path = "exchange.installations[" + i + "]";
            Host host = host(datacenter, install.host(), file, path + ".host");
            if (directory.installation(host.name()).isPresent()) {
                throw invalid(file, path + ".host", "host '" + host.name() + "' already has an installation");
            }
            at(file, path, () -> {
                directory.putInstallation(new ExchangeInstallation(host.name(), ExchangeBuild.parse(install.build())
                        .orElseThrow(), install.edition(), EnumSet.of(ServerRole.MAILBOX), install.clusteredMailbox(),
                        Optional.empty()));
                return null;
            });
        }
        for (int i = 0; i < entry.storageGroups().size(); i++) {
            StorageGroupEntry group = entry.storageGroups().get(i);
            at(file, "exchange.storageGroups[" + i + "]", () -> directory.addStorageGroup(group.server(), group.name(),
                    group.logFolderPath(), group.systemFolderPath(), group.circularLogging(), false));
        }
        for (int i = 0; i < entry.databases().size(); i++) {
            DatabaseEntry database = entry.databases().get(i);
            at(file, "exchange.databases[" + i + "]", () -> directory.addDatabase(database.storageGroup(),
                    database.name(), database.edbFilePath(), database.kind()));
        }
        for (int i = 0; i < entry.mailboxes().size(); i++) {
            MailboxEntry mailbox = entry.mailboxes().get(i);
            String path = "exchange.mailboxes[" + i + "]";
            if (mailbox.count() == null) {
                at(file, path, () -> directory.addMailbox(mailbox.name(), mailbox.alias(), mailbox.database()));
            } else {
                int width = Math.max(3, Integer.toString(mailbox.count()).length());
                for (int n = 1; n <= mailbox.count(); n++) {
                    // Zero-padded by hand: String.format per mailbox showed in the start of a large lab.
                    String number = Integer.toString(n);
                    String alias = mailbox.prefix() + "0".repeat(Math.max(0, width - number.length())) + number;
                    at(file, path, () -> directory.addMailbox(alias, alias, mailbox.database()));
                }
            }
        }
        return directory;
    }

    private static void addServer(ExchangeDirectory directory, ServerEntry server, String path, String file,
            Datacenter datacenter, Clusters clusters) {
        ExchangeBuild build = server.parsedBuild();
        EnumSet<ServerRole> roles = EnumSet.copyOf(server.parsedRoles());
        Optional<ClusteredEntry> clustered = server.clustered();
        if (clustered.isEmpty()) {
            Host host = host(datacenter, server.standaloneHost(), file, path + ".host");
            String domain = host.domain().orElseThrow(() -> invalid(file, path + ".host", "host '" + host.name()
                    + "' is in a workgroup; Exchange servers are members of a domain"));
            if (clusters.clusterOf(host.name()).isPresent()) {
                throw invalid(file, path + ".host", "host '" + host.name() + "' is a cluster node; Exchange on a "
                        + "cluster is a CMS or an EVS (cms: or evs:)");
            }
            at(file, path, () -> directory.addServer(new ExchangeServer(directory.newGuid(), server.name(), domain,
                    server.site() != null ? server.site() : host.site(), build, server.edition(), roles,
                    ServerKind.STANDALONE, Optional.of(host.name()), Optional.empty(),
                    AutoDatabaseMountDial.GOOD_AVAILABILITY, Optional.empty())));
            at(file, path, () -> {
                directory.putInstallation(new ExchangeInstallation(host.name(), build, server.edition(), roles, false,
                        Optional.empty()));
                return null;
            });
            return;
        }
        ClusteredEntry placement = clustered.get();
        String clusterPath = path + (server.cms() != null ? ".cms" : ".evs");
        if (!clusters.names().stream().anyMatch(n -> n.equalsIgnoreCase(placement.cluster()))) {
            throw invalid(file, clusterPath + ".cluster", "no cluster named '" + placement.cluster()
                    + "' in the clusters: section");
        }
        List<String> clusterNodes = clusters.cluster(placement.cluster()).nodes().stream().map(n -> n.name())
                .toList();
        List<String> redundant = placement.nodes().isEmpty() ? clusterNodes : placement.nodes();
        for (String node : redundant) {
            if (clusterNodes.stream().noneMatch(n -> n.equalsIgnoreCase(node))) {
                throw invalid(file, clusterPath + ".nodes", "'" + node + "' is not a node of cluster '"
                        + placement.cluster() + "'");
            }
        }
        if (placement.node() != null && redundant.stream().noneMatch(n -> n.equalsIgnoreCase(placement.node()))) {
            throw invalid(file, clusterPath + ".node", "'" + placement.node() + "' is not one of the server's nodes "
                    + redundant);
        }
        Host first = host(datacenter, redundant.get(0), file, clusterPath + ".nodes");
        String domain = first.domain().orElseThrow(() -> invalid(file, clusterPath, "node '" + first.name()
                + "' is in a workgroup"));
        ServerKind kind = server.cms() != null ? ServerKind.CLUSTERED_MAILBOX_SERVER
                : ServerKind.EXCHANGE_VIRTUAL_SERVER;
        at(file, path, () -> directory.addServer(new ExchangeServer(directory.newGuid(), server.name(), domain,
                server.site() != null ? server.site() : first.site(), build, server.edition(), roles, kind,
                Optional.empty(), Optional.of(new ClusterPlacement(clusters.cluster(placement.cluster()).name(),
                        placement.ip(), placement.storage(), redundant)),
                AutoDatabaseMountDial.GOOD_AVAILABILITY, Optional.empty())));
    }

    private static Host host(Datacenter datacenter, String name, String file, String path) {
        return datacenter.hosts().stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> invalid(file, path, "no host named '" + name + "' in the hosts: section"));
    }

    private static <T> T at(String file, String path, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ExhaException e) {
            throw invalid(file, path, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(file, path, e.getMessage());
        }
    }

    private static ExhaException invalid(String file, String path, String message) {
        return new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "Invalid value at '" + path + "' in " + file
                + ": " + message);
    }
}
