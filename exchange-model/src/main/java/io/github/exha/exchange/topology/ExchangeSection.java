package io.github.exha.exchange.topology;

import io.github.exha.cluster.topology.ByteSize;
import io.github.exha.core.topology.TopologySection;
import io.github.exha.exchange.config.ClusteredStorageType;
import io.github.exha.exchange.config.DatabaseKind;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeEdition;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.ServerRole;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code exchange:} section: the Exchange organization, its servers (stand-alone, CMS, EVS), what is installed on
 * cluster nodes, storage groups, databases, mailboxes and the mail workload.
 *
 * <pre>
 * exchange:
 *   organization: { name: Contoso, domain: contoso.com }
 *   servers:
 *     - { name: EXCHMAILBOX, host: EXCHMAILBOX, build: 2007 SP1, edition: ENTERPRISE, roles: [Mailbox, HubTransport] }
 *     - name: EVS1                               # an Exchange 2003 virtual server
 *       build: 2003 SP1
 *       evs: { cluster: EXCLUSTER, ip: 192.168.10.31, node: NODE1, disks: [{ disk: SAN/EVS1-DATA, drive: F }] }
 *     - name: EXCHCMS                            # an Exchange 2007 clustered mailbox server
 *       build: 2007 SP1
 *       cms: { cluster: SCCCLUSTER, ip: 192.168.10.30, storage: SHARED, node: NODE1, disks: [...] }
 *   installations:                               # Exchange binaries on cluster nodes
 *     - { host: NODE1, build: 2003 SP1, edition: ENTERPRISE, clusteredMailbox: true }
 *   storageGroups:
 *     - { server: EXCHMAILBOX, name: First Storage Group, logFolderPath: 'E:\Logs\SG1', systemFolderPath: 'E:\Logs\SG1' }
 *   databases:
 *     - { storageGroup: EXCHMAILBOX\First Storage Group, name: Mailbox Database, edbFilePath: 'E:\DB\Mailbox Database.edb' }
 *   mailboxes:
 *     - { database: EXCHMAILBOX\First Storage Group\Mailbox Database, count: 20, prefix: user }
 *     - { database: EXCHMAILBOX\First Storage Group\Mailbox Database, name: Paul Cunningham, alias: paul }
 *   workload: { messagesPerHour: 600, size: { distribution: lognormal, mean: 75KB, sigma: 1.0 } }
 *   media: 2007 SP2                              # the Exchange 2007 media setup.com runs from (default 2007 SP1)
 * </pre>
 *
 * What an entry can check alone is checked as the section is read, so errors carry file positions; references to
 * hosts, clusters and other entries, and Exchange's rules (editions, limits, paths), are checked when the
 * organization is built ({@link ExchangeTopology}).
 */
public final class ExchangeSection implements TopologySection<ExchangeSection.ExchangeEntry> {
    /** The section's key. */
    public static final String KEY = "exchange";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<ExchangeEntry> type() {
        return ExchangeEntry.class;
    }

    @Override
    public String description() {
        return "Exchange organization: servers, EVS and CMS, node installations, storage groups, databases, "
                + "mailboxes and the mail workload";
    }

    /**
     * The section's value.
     *
     * @param organization the organization's name and domain
     * @param servers the Exchange server objects
     * @param installations Exchange binaries installed on cluster nodes (hosts of stand-alone servers need none)
     * @param storageGroups the storage groups
     * @param databases the mailbox and public folder databases
     * @param mailboxes mailboxes, one by one or in numbered batches
     * @param workload the mail generator's settings, if mail should flow
     * @param media the Exchange 2007 build of the setup media {@code setup.com} runs from ({@code 2007 SP2}); absent:
     *     the default media (see {@code io.github.exha.exchange.setup.SetupMedia})
     */
    public record ExchangeEntry(OrganizationEntry organization, List<ServerEntry> servers,
            List<InstallationEntry> installations, List<StorageGroupEntry> storageGroups,
            List<DatabaseEntry> databases, List<MailboxEntry> mailboxes, WorkloadEntry workload, String media) {
        /** Validates the section's shape. */
        public ExchangeEntry {
            if (organization == null) {
                throw new IllegalArgumentException("exchange needs an organization: { name: Contoso, domain: "
                        + "contoso.com }");
            }
            servers = servers == null ? List.of() : List.copyOf(servers);
            installations = installations == null ? List.of() : List.copyOf(installations);
            storageGroups = storageGroups == null ? List.of() : List.copyOf(storageGroups);
            databases = databases == null ? List.of() : List.copyOf(databases);
            mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
            // Exchange 2007 service packs ship as full installation media: setup installs and upgrades to this build.
            if (media != null && ExchangeBuild.parse(media).filter(b -> b.version() == ExchangeVersion.EXCHANGE_2007)
                    .isEmpty()) {
                throw new IllegalArgumentException("unknown Exchange 2007 media '" + media
                        + "'; use one of 2007 RTM, 2007 SP1, 2007 SP2, 2007 SP3");
            }
        }
    }

    /**
     * The organization.
     *
     * @param name its name
     * @param domain the Active Directory domain of its servers and users
     */
    public record OrganizationEntry(String name, String domain) {
        /** Requires both values. */
        public OrganizationEntry {
            require(name, "the organization needs a name, for example Contoso");
            require(domain, "the organization needs a domain, for example contoso.com");
        }
    }

    /**
     * One Exchange server object.
     *
     * @param name its name
     * @param host the host a stand-alone server is installed on (defaults to its name unless it is a CMS or EVS)
     * @param build its build: {@code 2007 SP1}, {@code EXCHANGE_2003_SP1} or {@code 8.1.240.6}
     * @param edition STANDARD or ENTERPRISE (default ENTERPRISE)
     * @param roles 2007 roles (default Mailbox)
     * @param site the AD site (default the host's site, or the first node's)
     * @param cms present for an Exchange 2007 clustered mailbox server
     * @param evs present for an Exchange 2003 virtual server
     */
    public record ServerEntry(String name, String host, String build, ExchangeEdition edition, List<String> roles,
            String site, ClusteredEntry cms, ClusteredEntry evs) {
        /** Validates the entry alone. */
        public ServerEntry {
            require(name, "a server needs a name, for example EXCHMAILBOX");
            name = name.strip();
            require(build, "server '" + name + "' needs a build, for example 2007 SP1 or 2003 SP1");
            if (ExchangeBuild.parse(build).isEmpty()) {
                throw new IllegalArgumentException("server '" + name + "': unknown build '" + build
                        + "'; use one of 2003 RTM, 2003 SP1, 2003 SP2, 2007 RTM, 2007 SP1, 2007 SP2, 2007 SP3");
            }
            edition = edition == null ? ExchangeEdition.ENTERPRISE : edition;
            roles = roles == null || roles.isEmpty() ? List.of("Mailbox") : List.copyOf(roles);
            for (String role : roles) {
                if (role == null || ServerRole.parse(role).isEmpty()) {
                    throw new IllegalArgumentException("server '" + name + "': unknown role '" + role
                            + "'; use Mailbox, ClientAccess, HubTransport, UnifiedMessaging or Edge");
                }
            }
            if (cms != null && evs != null) {
                throw new IllegalArgumentException("server '" + name + "' cannot be both a CMS and an EVS");
            }
            if ((cms != null || evs != null) && host != null) {
                throw new IllegalArgumentException("server '" + name + "' is clustered; it has no host of its own");
            }
        }

        /** The parsed build. */
        public ExchangeBuild parsedBuild() {
            return ExchangeBuild.parse(build).orElseThrow();
        }

        /** The parsed roles. */
        public List<ServerRole> parsedRoles() {
            return roles.stream().map(role -> ServerRole.parse(role).orElseThrow()).toList();
        }

        /** The CMS or EVS part, if the server is clustered. */
        public Optional<ClusteredEntry> clustered() {
            return Optional.ofNullable(cms != null ? cms : evs);
        }

        /** The host of a stand-alone server: {@code host}, else the server's name. */
        public String standaloneHost() {
            return host != null ? host.strip() : name;
        }
    }

    /**
     * Where a CMS or EVS lives.
     *
     * @param cluster the Windows cluster
     * @param ip the server's own IP address
     * @param storage SHARED (SCC, every EVS) or NON_SHARED (CCR); default SHARED
     * @param node the node its group starts on (default the first node of the cluster)
     * @param nodes its redundant machines (default every node of the cluster)
     * @param disks the shared disks of its group (SCC and EVS)
     */
    public record ClusteredEntry(String cluster, String ip, ClusteredStorageType storage, String node,
            List<String> nodes, List<DiskEntry> disks) {
        /** Validates the entry alone. */
        public ClusteredEntry {
            require(cluster, "a clustered server needs its cluster, for example cluster: SCCCLUSTER");
            require(ip, "a clustered server needs its own ip address");
            storage = storage == null ? ClusteredStorageType.SHARED : storage;
            if (storage == ClusteredStorageType.DISABLED) {
                throw new IllegalArgumentException("a clustered server's storage is SHARED or NON_SHARED");
            }
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
            disks = disks == null ? List.of() : List.copyOf(disks);
            if (storage == ClusteredStorageType.NON_SHARED && !disks.isEmpty()) {
                throw new IllegalArgumentException("a CCR clustered mailbox server (storage NON_SHARED) has no shared "
                        + "disks; each node keeps its files on its own volumes");
            }
        }
    }

    /**
     * A shared disk of a clustered server's group.
     *
     * @param disk {@code ARRAY/LUN}
     * @param drive the drive letter its volume is mounted on
     */
    public record DiskEntry(String disk, String drive) {
        /** Validates the entry alone. */
        public DiskEntry {
            require(disk, "a disk names its LUN as ARRAY/LUN, for example SAN-MAIN/EXCH-DB");
            if (disk.chars().filter(c -> c == '/').count() != 1) {
                throw new IllegalArgumentException("disk '" + disk + "' must be written ARRAY/LUN");
            }
            require(drive, "disk '" + disk + "' needs the drive letter its volume is mounted on");
        }

        /** The array's name. */
        public String array() {
            return disk.substring(0, disk.indexOf('/')).strip();
        }

        /** The LUN's name. */
        public String lun() {
            return disk.substring(disk.indexOf('/') + 1).strip();
        }
    }

    /**
     * Exchange binaries on a host that is not a stand-alone server (a cluster node).
     *
     * @param host the host
     * @param build the build of its binaries
     * @param edition STANDARD or ENTERPRISE (default ENTERPRISE)
     * @param clusteredMailbox whether the Mailbox role is the clustered one (default true)
     */
    public record InstallationEntry(String host, String build, ExchangeEdition edition, Boolean clusteredMailbox) {
        /** Validates the entry alone. */
        public InstallationEntry {
            require(host, "an installation names its host");
            require(build, "installation on '" + host + "' needs a build, for example 2003 SP1");
            if (ExchangeBuild.parse(build).isEmpty()) {
                throw new IllegalArgumentException("installation on '" + host + "': unknown build '" + build + "'");
            }
            edition = edition == null ? ExchangeEdition.ENTERPRISE : edition;
            clusteredMailbox = clusteredMailbox == null ? Boolean.TRUE : clusteredMailbox;
        }
    }

    /**
     * A storage group.
     *
     * @param server its server
     * @param name its name
     * @param logFolderPath its log folder
     * @param systemFolderPath its system folder (default the log folder)
     * @param circularLogging whether circular logging is on (default false)
     */
    public record StorageGroupEntry(String server, String name, String logFolderPath, String systemFolderPath,
            Boolean circularLogging) {
        /** Validates the entry alone. */
        public StorageGroupEntry {
            require(server, "a storage group names its server");
            require(name, "a storage group needs a name, for example First Storage Group");
            require(logFolderPath, "storage group '" + name + "' needs a logFolderPath");
            systemFolderPath = systemFolderPath == null ? logFolderPath : systemFolderPath;
            circularLogging = circularLogging != null && circularLogging;
        }
    }

    /**
     * A database.
     *
     * @param storageGroup its storage group ({@code SERVER\Storage Group})
     * @param name its name
     * @param edbFilePath its file
     * @param kind MAILBOX (default) or PUBLIC_FOLDER
     */
    public record DatabaseEntry(String storageGroup, String name, String edbFilePath, DatabaseKind kind) {
        /** Validates the entry alone. */
        public DatabaseEntry {
            require(storageGroup, "a database names its storage group as SERVER\\Storage Group");
            require(name, "a database needs a name, for example Mailbox Database");
            require(edbFilePath, "database '" + name + "' needs an edbFilePath");
            kind = kind == null ? DatabaseKind.MAILBOX : kind;
        }
    }

    /**
     * One mailbox ({@code name}, {@code alias}) or a numbered batch ({@code count}, {@code prefix}: user001, ...).
     *
     * @param database the database it is homed on
     * @param name a single mailbox's display name
     * @param alias a single mailbox's alias (default the name without spaces)
     * @param count how many numbered mailboxes
     * @param prefix the numbered mailboxes' alias prefix (default user)
     */
    public record MailboxEntry(String database, String name, String alias, Integer count, String prefix) {
        /** Validates the entry alone. */
        public MailboxEntry {
            require(database, "a mailbox entry names its database");
            if ((name == null) == (count == null)) {
                throw new IllegalArgumentException("a mailbox entry has either a name (one mailbox) or a count "
                        + "(numbered mailboxes)");
            }
            if (count != null && (count < 1 || count > 100_000)) {
                throw new IllegalArgumentException("mailbox count must be 1 to 100000: " + count);
            }
            prefix = prefix == null ? "user" : prefix;
            if (name != null && alias == null) {
                alias = name.replaceAll("[^A-Za-z0-9.]", "").toLowerCase(Locale.ROOT);
            }
        }
    }

    /**
     * The mail generator.
     *
     * @param messagesPerHour the mean arrival rate over all mailboxes
     * @param size the message size distribution
     */
    public record WorkloadEntry(Double messagesPerHour, SizeEntry size) {
        /** Validates the entry alone. */
        public WorkloadEntry {
            if (messagesPerHour == null || !(messagesPerHour > 0) || messagesPerHour > 10_000_000) {
                throw new IllegalArgumentException("workload needs messagesPerHour between 0 and 10000000, for "
                        + "example 600");
            }
            size = size == null ? new SizeEntry("lognormal", "75KB", null, null, 1.0) : size;
        }
    }

    /**
     * A message size distribution: {@code fixed} (mean), {@code uniform} (min, max) or {@code lognormal} (mean,
     * sigma of the underlying normal).
     *
     * @param distribution fixed, uniform or lognormal
     * @param mean the mean size ({@code 75KB})
     * @param min the smallest size (uniform)
     * @param max the largest size (uniform)
     * @param sigma the shape of the lognormal (default 1.0)
     */
    public record SizeEntry(String distribution, String mean, String min, String max, Double sigma) {
        /** Validates the entry alone. */
        public SizeEntry {
            require(distribution, "a size names its distribution: fixed, uniform or lognormal");
            distribution = distribution.strip().toLowerCase(Locale.ROOT);
            switch (distribution) {
                case "fixed", "lognormal" -> require(mean, "a " + distribution + " size needs a mean, e.g. 75KB");
                case "uniform" -> {
                    require(min, "a uniform size needs min");
                    require(max, "a uniform size needs max");
                }
                default -> throw new IllegalArgumentException("unknown size distribution '" + distribution
                        + "'; use fixed, uniform or lognormal");
            }
            for (String bytes : new String[] {mean, min, max}) {
                if (bytes != null) {
                    long value = ByteSize.parse(bytes).bytes();
                    if (value < 1) {
                        throw new IllegalArgumentException("a message size is at least 1 byte: " + bytes);
                    }
                }
            }
            if (min != null && max != null && ByteSize.parse(min).bytes() > ByteSize.parse(max).bytes()) {
                throw new IllegalArgumentException("min " + min + " is larger than max " + max);
            }
            sigma = sigma == null ? 1.0 : sigma;
            if (!(sigma > 0) || sigma > 5) {
                throw new IllegalArgumentException("sigma must be between 0 and 5: " + sigma);
            }
        }
    }

    static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }
}
