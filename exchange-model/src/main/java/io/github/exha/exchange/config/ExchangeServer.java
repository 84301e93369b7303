package io.github.exha.exchange.config;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An Exchange server object in the directory: a stand-alone server installed on a host, a 2007 clustered mailbox
 * server (CMS) or a 2003 Exchange Virtual Server (EVS). The physical nodes of a cluster are not server objects;
 * what is installed on them is an {@link ExchangeInstallation}.
 *
 * @param guid the object's GUID
 * @param name the server's NetBIOS name ({@code EXCHCMS})
 * @param domain the Active Directory domain ({@code contoso.com})
 * @param site the Active Directory site
 * @param build the version the object is at (an EVS's is raised by "Upgrade Exchange Virtual Server")
 * @param edition the edition
 * @param roles the server roles; a clustered server has the Mailbox role alone
 * @param kind stand-alone, CMS or EVS
 * @param host the host a stand-alone server is installed on; empty for clustered servers
 * @param cluster where a CMS or EVS lives; empty for stand-alone servers
 * @param autoDatabaseMountDial the CMS's AutoDatabaseMountDial
 * @param forcedDatabaseMountAfter the CMS's ForcedDatabaseMountAfter, if set
 */
public record ExchangeServer(UUID guid, String name, String domain, String site, ExchangeBuild build,
        ExchangeEdition edition, Set<ServerRole> roles, ServerKind kind, Optional<String> host,
        Optional<ClusterPlacement> cluster, AutoDatabaseMountDial autoDatabaseMountDial,
        Optional<Duration> forcedDatabaseMountAfter) {

    /** Longest server name: a NetBIOS computer name. */
    public static final int MAX_NAME_LENGTH = 15;

    /** Validates the object: names, the kind's parts, the clustering rules of DOMAIN.md §4. */
    public ExchangeServer {
        Objects.requireNonNull(guid, "guid");
        requireName(name);
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(autoDatabaseMountDial, "autoDatabaseMountDial");
        Objects.requireNonNull(forcedDatabaseMountAfter, "forcedDatabaseMountAfter");
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        switch (kind) {
            case STANDALONE -> {
                if (host.isEmpty() || cluster.isPresent()) {
                    throw new IllegalArgumentException("stand-alone server " + name + " needs a host and no cluster");
                }
            }
            case CLUSTERED_MAILBOX_SERVER, EXCHANGE_VIRTUAL_SERVER -> {
                if (host.isPresent() || cluster.isEmpty()) {
                    throw new IllegalArgumentException("clustered server " + name + " needs a cluster and no host");
                }
                if (!roles.equals(Set.of(ServerRole.MAILBOX))) {
                    throw new IllegalArgumentException("a clustered mailbox server holds the Mailbox role alone");
                }
            }
        }
        if (kind == ServerKind.CLUSTERED_MAILBOX_SERVER && build.version() != ExchangeVersion.EXCHANGE_2007) {
            throw new IllegalArgumentException("clustered mailbox servers are Exchange 2007; " + name + " is "
                    + build.powerShellName());
        }
        if (kind == ServerKind.EXCHANGE_VIRTUAL_SERVER && build.version() != ExchangeVersion.EXCHANGE_2003) {
            throw new IllegalArgumentException("Exchange Virtual Servers are Exchange 2003; " + name + " is "
                    + build.powerShellName());
        }
    }

    /** Checks a server name: 1 to 15 characters a computer name may hold. */
    public static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a server needs a name, for example EXCHCMS");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("server name '" + name + "' is longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("server name '" + name
                    + "' may hold only letters, digits and hyphens");
        }
        return name;
    }

    /** {@code EXCHCMS.contoso.com}. */
    public String fqdn() {
        return name + "." + domain;
    }

    /** Whether the object is a CMS or an EVS. */
    public boolean isClustered() {
        return cluster.isPresent();
    }

    /** The generation. */
    public ExchangeVersion version() {
        return build.version();
    }

    /** Whether the server has the role. */
    public boolean hasRole(ServerRole role) {
        return roles.contains(role);
    }

    /** The clustered storage type, DISABLED for stand-alone servers. */
    public ClusteredStorageType clusteredStorageType() {
        return cluster.map(ClusterPlacement::storageType).orElse(ClusteredStorageType.DISABLED);
    }

    /** Whether {@code text} names this server (its name or FQDN, ignoring case). */
    public boolean isNamed(String text) {
        if (name.equals(text)) {
            // The usual case (a server looked up by its own name), without lower-casing both on every lookup.
            return true;
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).equals(wanted) || fqdn().toLowerCase(Locale.ROOT).equals(wanted);
    }

    /** The same server at another build. */
    public ExchangeServer withBuild(ExchangeBuild newBuild) {
        return new ExchangeServer(guid, name, domain, site, newBuild, edition, roles, kind, host, cluster,
                autoDatabaseMountDial, forcedDatabaseMountAfter);
    }

    /** The same server in another cluster placement (RecoverCMS, redundant machines). */
    public ExchangeServer withCluster(ClusterPlacement placement) {
        return new ExchangeServer(guid, name, domain, site, build, edition, roles, kind, host, Optional.of(placement),
                autoDatabaseMountDial, forcedDatabaseMountAfter);
    }

    /** The same server with another AutoDatabaseMountDial. */
    public ExchangeServer withAutoDatabaseMountDial(AutoDatabaseMountDial dial) {
        return new ExchangeServer(guid, name, domain, site, build, edition, roles, kind, host, cluster, dial,
                forcedDatabaseMountAfter);
    }

    /** The same server with another ForcedDatabaseMountAfter. */
    public ExchangeServer withForcedDatabaseMountAfter(Optional<Duration> after) {
        return new ExchangeServer(guid, name, domain, site, build, edition, roles, kind, host, cluster,
                autoDatabaseMountDial, after);
    }
}
