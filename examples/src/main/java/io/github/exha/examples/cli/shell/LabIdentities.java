package io.github.exha.examples.cli.shell;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterNode;
import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.config.StorageGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names a parameter value may take, read from the lab's current state each time (so a storage group created
 * earlier in the session completes afterwards): Exchange servers, storage groups ({@code SERVER\SG}), databases
 * ({@code SERVER\SG\DB}), mailboxes, hosts, clusters and their groups, resources and nodes.
 */
final class LabIdentities {
    private final Lab lab;

    LabIdentities(Lab lab) {
        this.lab = lab;
    }

    /**
     * The values a parameter takes: enum names, {@code $true}/{@code $false}, or the identities of its kind; empty
     * when the value is free text (a path, a comment).
     */
    List<String> values(ParameterDescriptor parameter) {
        ParameterType type = parameter.type().isArray() ? parameter.type().element() : parameter.type();
        return switch (type.kind()) {
            case ENUM -> type.enumNames();
            case BOOL -> List.of("$true", "$false");
            case IDENTITY -> identities(type.typeName());
            case STRING -> byName(parameter.name());
            case INT, LONG, SWITCH, TIMESPAN, ARRAY -> List.of();
        };
    }

    /** Identities by the Exchange parameter type a cmdlet declares. */
    private List<String> identities(String typeName) {
        return switch (typeName) {
            case "ServerIdParameter" -> servers(null);
            case "MailboxServerIdParameter" -> servers(ServerRole.MAILBOX);
            case "ExchangeVirtualServer" -> clusteredServers();
            case "StorageGroupIdParameter" -> storageGroups();
            case "DatabaseIdParameter" -> databases();
            case "MailboxIdParameter", "GeneralMailboxIdParameter" -> mailboxes();
            default -> List.of();
        };
    }

    /** Free-text parameters that in fact name an object, by their (case-insensitive) name. */
    private List<String> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "computername", "targetmachine", "moveto", "nodes" -> hosts();
            case "server" -> servers(null);
            case "storagegroup" -> storageGroups();
            case "cluster" -> clusters();
            case "group" -> clusterGroups();
            default -> List.of();
        };
    }

    /** The computers of the topology. */
    List<String> hosts() {
        return lab.instance(HostDirectory.class).names();
    }

    /** Exchange servers (stand-alone and clustered), optionally only those holding a role. */
    List<String> servers(ServerRole role) {
        return exchange().servers().stream().filter(s -> role == null || s.roles().contains(role))
                .map(ExchangeServer::name).toList();
    }

    /** Clustered mailbox servers and Exchange Virtual Servers. */
    List<String> clusteredServers() {
        return exchange().servers().stream().filter(s -> s.kind() != ServerKind.STANDALONE)
                .map(ExchangeServer::name).toList();
    }

    /** Storage groups as {@code SERVER\Storage Group}. */
    List<String> storageGroups() {
        return exchange().storageGroups().stream().map(StorageGroup::identity).toList();
    }

    /** Databases as {@code SERVER\Storage Group\Database}. */
    List<String> databases() {
        return exchange().databases().stream().map(MailboxDatabase::identity).toList();
    }

    /** Mailboxes by alias. */
    List<String> mailboxes() {
        return exchange().mailboxes().stream().map(Mailbox::alias).toList();
    }

    /** Failover clusters by name. */
    List<String> clusters() {
        return lab.instance(Clusters.class).names();
    }

    /** Groups of every cluster. */
    List<String> clusterGroups() {
        List<String> names = new ArrayList<>();
        for (FailoverCluster cluster : lab.instance(Clusters.class).clusters()) {
            cluster.groups().stream().map(ClusterGroup::name).forEach(names::add);
        }
        return names;
    }

    /** Resources of every cluster. */
    List<String> clusterResources() {
        List<String> names = new ArrayList<>();
        for (FailoverCluster cluster : lab.instance(Clusters.class).clusters()) {
            cluster.resources().stream().map(ClusterResource::name).forEach(names::add);
        }
        return names;
    }

    /** Nodes of every cluster. */
    List<String> clusterNodes() {
        List<String> names = new ArrayList<>();
        for (FailoverCluster cluster : lab.instance(Clusters.class).clusters()) {
            cluster.nodes().stream().map(ClusterNode::name).forEach(names::add);
        }
        return names;
    }

    private ExchangeDirectory exchange() {
        return lab.instance(ExchangeDirectory.class);
    }
}
