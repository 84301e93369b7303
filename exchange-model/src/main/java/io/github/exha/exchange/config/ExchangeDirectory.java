package io.github.exha.exchange.config;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.exchange.error.ExchangeErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The organization's configuration as Active Directory holds it: servers, storage groups, databases and mailboxes,
 * plus what setup installed on each host. Every change is checked against Exchange's rules first (names, edition
 * limits, clustering rules), so a refused change leaves the directory as it was, and every accepted change is
 * journaled. Lookups take identities as EMS does ({@code EXCHCMS\First Storage Group\Mailbox Database}, a bare name
 * when it is unique) and fail with EMS's messages.
 */
public final class ExchangeDirectory {
    /** Journal source of directory changes. */
    public static final String SOURCE = "exchange.directory";
    /**
     * CHOICE: the domain controller EMS names in "could not be found" messages; a lab has no DC of its own, so exha
     * names the first one of the domain.
     */
    public static final String DOMAIN_CONTROLLER = "DC1";

    private final ExchangeOrganization organization;
    private final Journal journal;
    private final RandomGenerator guids;
    private final Map<String, ExchangeServer> servers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, ExchangeInstallation> installations = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Insertion order is creation order, which is the order EMS lists storage groups and databases in.
    private final Map<String, StorageGroup> storageGroups = new LinkedHashMap<>();
    private final Map<String, MailboxDatabase> databases = new LinkedHashMap<>();
    private final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();
    // mailboxes() as last returned, null once a mailbox is added, moved or removed: the workload reads the list at
    // every arrival, and copying thousands of mailboxes each time dominated a large lab's run.
    private List<Mailbox> mailboxList;
    // databases(storageGroup) by storage group, null once a database is added, changed or removed: the replication
    // service asks at every pump, and scanning every database of a 400-storage-group lab each time dominated.
    private Map<String, List<MailboxDatabase>> databasesByGroup;
    private TransportConfig transportConfig = TransportConfig.defaults();
    // Bumped by every change (they all journal through changed()), so callers can cache what they derive.
    private long revision;
    // What storageGroup(), database(), mailbox() and databases(group) found, by identity as asked; emptied by every
    // change (the lists also when databasesByGroup is rebuilt). The mail and replication paths ask for the same few
    // identities many times a second, and lower-casing each one to look it up showed in a day of mail.
    private final Map<String, StorageGroup> foundStorageGroups = new HashMap<>();
    private final Map<String, MailboxDatabase> foundDatabases = new HashMap<>();
    private final Map<String, Mailbox> foundMailboxes = new HashMap<>();
    private final Map<String, List<MailboxDatabase>> foundDatabaseLists = new HashMap<>();

    /**
     * An empty organization.
     *
     * @param organization its name and domain
     * @param journal where changes are recorded
     * @param guids the seeded stream object GUIDs are drawn from
     */
    public ExchangeDirectory(ExchangeOrganization organization, Journal journal, RandomGenerator guids) {
        this.organization = organization;
        this.journal = journal;
        this.guids = guids;
    }

    /** The organization. */
    public ExchangeOrganization organization() {
        return organization;
    }

    /** A new object GUID from the seeded stream. */
    public UUID newGuid() {
        // Version-4 layout, so GUIDs look like the ones AD assigns.
        long high = (guids.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long low = (guids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /**
     * A number that changes whenever anything in the directory changes: what a caller derived from the directory
     * (a database's storage group, its server's store) holds as long as the revision is the same.
     */
    public long revision() {
        return revision;
    }

    /** The organization's transport settings (the transport dumpster's size and time). */
    public TransportConfig transportConfig() {
        return transportConfig;
    }

    /** Replaces the organization's transport settings ({@code Set-TransportConfig}). */
    public void setTransportConfig(TransportConfig config) {
        transportConfig = java.util.Objects.requireNonNull(config, "config");
        changed("transport-config.changed", organization.name(), Map.of("maxDumpsterSizePerStorageGroup",
                Long.toString(config.maxDumpsterSizePerStorageGroup()), "maxDumpsterTime",
                config.maxDumpsterTime().toString()));
    }

    // ---- servers -------------------------------------------------------------------------------------------------

    /** Every server object, by name. */
    public List<ExchangeServer> servers() {
        return List.copyOf(servers.values());
    }

    /** The server named (name or FQDN), if any. */
    public Optional<ExchangeServer> findServer(String identity) {
        String name = identity.contains(".") ? identity.substring(0, identity.indexOf('.')) : identity;
        return Optional.ofNullable(servers.get(name)).filter(server -> server.isNamed(identity));
    }

    /**
     * The server named (name or FQDN).
     *
     * @throws ExhaException OBJECT_NOT_FOUND with EMS's message
     */
    public ExchangeServer server(String identity) {
        return findServer(identity).orElseThrow(() -> notFound(identity));
    }

    /** The stand-alone server installed on a host, if any. */
    public Optional<ExchangeServer> serverOnHost(String host) {
        return servers.values().stream().filter(s -> s.host().map(h -> h.equalsIgnoreCase(host)).orElse(false))
                .findFirst();
    }

    /** The clustered servers (CMS and EVS) of a Windows cluster. */
    public List<ExchangeServer> clusteredServers(String clusterName) {
        return servers.values().stream()
                .filter(s -> s.cluster().map(c -> c.clusterName().equalsIgnoreCase(clusterName)).orElse(false))
                .toList();
    }

    /**
     * Adds a server object.
     *
     * @throws ExhaException DUPLICATE_NAME, EDITION_NOT_SUPPORTED for a clustered Standard server
     */
    public ExchangeServer addServer(ExchangeServer server) {
        if (servers.containsKey(server.name())) {
            throw new ExhaException(ExchangeErrorCode.DUPLICATE_NAME, "The server name '" + server.name()
                    + "' is already in use in organization '" + organization.name() + "'.");
        }
        requireClusterEdition(server);
        servers.put(server.name(), server);
        changed("server.added", server.name(), Map.of("kind", server.kind().name(), "build",
                server.build().buildNumber()));
        return server;
    }

    /** Replaces a server object (same name) after checking the rules again. */
    public ExchangeServer updateServer(ExchangeServer server) {
        ExchangeServer old = server(server.name());
        if (!old.guid().equals(server.guid())) {
            throw new IllegalArgumentException("updateServer changes an existing object; use addServer");
        }
        requireClusterEdition(server);
        servers.put(server.name(), server);
        changed("server.changed", server.name(), Map.of("build", server.build().buildNumber()));
        return server;
    }

    /**
     * Removes a server object with its storage groups, databases and the mailboxes homed on them (what
     * {@code setup /RemoveCMS} does to the directory; it refuses earlier when mailboxes remain).
     */
    public void removeServer(String name) {
        ExchangeServer server = server(name);
        for (StorageGroup group : storageGroups(server.name())) {
            for (MailboxDatabase database : databases(group.identity())) {
                mailboxes.values().removeIf(m -> m.database().equalsIgnoreCase(database.identity()));
                mailboxList = null;
                databases.remove(key(database.identity()));
                databasesByGroup = null;
            }
            storageGroups.remove(key(group.identity()));
        }
        servers.remove(server.name());
        changed("server.removed", server.name(), Map.of());
    }

    private void requireClusterEdition(ExchangeServer server) {
        if (server.isClustered() && server.edition() != ExchangeEdition.ENTERPRISE) {
            throw new ExhaException(ExchangeErrorCode.EDITION_NOT_SUPPORTED, "Clustered mailbox servers require "
                    + "Exchange Server Enterprise Edition; '" + server.name() + "' is Standard Edition.");
        }
    }

    // ---- installations -------------------------------------------------------------------------------------------

    /** What setup installed on a host, if anything. */
    public Optional<ExchangeInstallation> installation(String host) {
        return Optional.ofNullable(installations.get(host));
    }

    /** Every host's installation, by host name. */
    public List<ExchangeInstallation> installations() {
        return List.copyOf(installations.values());
    }

    /** Records what setup installed on a host (replacing what was there). */
    public void putInstallation(ExchangeInstallation installation) {
        installations.put(installation.host(), installation);
        changed("installation.changed", installation.host(), Map.of("build", installation.build().buildNumber(),
                "watermark", installation.watermark().map(SetupWatermark::watermark).orElse("")));
    }

    /** Forgets a host's installation (uninstall). */
    public void removeInstallation(String host) {
        if (installations.remove(host) != null) {
            changed("installation.removed", host, Map.of());
        }
    }

    // ---- storage groups ------------------------------------------------------------------------------------------

    /** Every storage group, in creation order. */
    public List<StorageGroup> storageGroups() {
        return List.copyOf(storageGroups.values());
    }

    /** The storage groups of one server, in creation order. */
    public List<StorageGroup> storageGroups(String server) {
        return storageGroups.values().stream().filter(g -> g.server().equalsIgnoreCase(server)).toList();
    }

    /**
     * A storage group by identity: {@code Server\Name}, or the name alone when exactly one server has it.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, AMBIGUOUS_IDENTITY
     */
    public StorageGroup storageGroup(String identity) {
        StorageGroup found = foundStorageGroups.get(identity);
        if (found == null) {
            found = storageGroups.get(key(identity));
            if (found == null) {
                found = unique(identity, storageGroups.values(), g -> g.name().equalsIgnoreCase(identity));
            }
            foundStorageGroups.put(identity, found);
        }
        return found;
    }

    /**
     * Creates a storage group with the next free log prefix.
     *
     * @throws ExhaException OBJECT_NOT_FOUND (server), DUPLICATE_NAME, LIMIT_REACHED, INVALID_ARGUMENT (paths in use,
     *     a clustered server's paths), NOT_SUPPORTED (a server without the Mailbox role)
     */
    public StorageGroup addStorageGroup(String serverIdentity, String name, String logFolderPath,
            String systemFolderPath, boolean circularLogging, boolean recovery) {
        ExchangeServer server = server(serverIdentity);
        if (!server.hasRole(ServerRole.MAILBOX)) {
            throw new ExhaException(ExchangeErrorCode.NOT_SUPPORTED, "Server '" + server.name()
                    + "' does not have the Mailbox role installed.");
        }
        StorageGroup group = validated(() -> new StorageGroup(newGuidLater(), server.name(), name, logFolderPath,
                systemFolderPath, nextPrefix(server.name()), circularLogging, recovery, ReplicationKind.NONE));
        if (storageGroups.containsKey(key(group.identity()))) {
            throw new ExhaException(ExchangeErrorCode.DUPLICATE_NAME, "Storage group '" + name
                    + "' already exists on server '" + server.name() + "'.");
        }
        int limit = server.edition().maxStorageGroups(server.version());
        long count = storageGroups(server.name()).stream().filter(g -> !g.recovery()).count();
        if (!recovery && count >= limit) {
            throw new ExhaException(ExchangeErrorCode.LIMIT_REACHED, "Server '" + server.name() + "' already has "
                    + count + " storage groups, the most Exchange " + editionName(server) + " allows.");
        }
        for (StorageGroup other : storageGroups(server.name())) {
            if (WindowsPaths.same(other.logFolderPath(), logFolderPath)) {
                throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, "The log folder path '" + logFolderPath
                        + "' is already used by storage group '" + other.identity() + "'.");
            }
        }
        group = new StorageGroup(newGuid(), group.server(), group.name(), group.logFolderPath(),
                group.systemFolderPath(), group.logFilePrefix(), circularLogging, recovery, ReplicationKind.NONE);
        storageGroups.put(key(group.identity()), group);
        changed("storage-group.added", group.identity(), Map.of("logFilePrefix", group.logFilePrefix(),
                "logFolderPath", group.logFolderPath()));
        return group;
    }

    /** Replaces a storage group object (same identity). */
    public StorageGroup updateStorageGroup(StorageGroup group) {
        StorageGroup old = storageGroup(group.identity());
        if (!old.guid().equals(group.guid())) {
            throw new IllegalArgumentException("updateStorageGroup changes an existing object");
        }
        storageGroups.put(key(group.identity()), group);
        changed("storage-group.changed", group.identity(), Map.of("logFolderPath", group.logFolderPath(),
                "systemFolderPath", group.systemFolderPath()));
        return group;
    }

    /**
     * Removes an empty storage group.
     *
     * @throws ExhaException WRONG_STATE while it still holds databases
     */
    public void removeStorageGroup(String identity) {
        StorageGroup group = storageGroup(identity);
        if (!databases(group.identity()).isEmpty()) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Storage group '" + group.identity()
                    + "' cannot be deleted because it contains one or more databases. Delete the databases first.");
        }
        storageGroups.remove(key(group.identity()));
        changed("storage-group.removed", group.identity(), Map.of());
    }

    private String nextPrefix(String server) {
        for (int n = 0; n < 100; n++) {
            String prefix = String.format(Locale.ROOT, "E%02d", n);
            if (storageGroups(server).stream().noneMatch(g -> g.logFilePrefix().equals(prefix))) {
                return prefix;
            }
        }
        throw new ExhaException(ExchangeErrorCode.LIMIT_REACHED, "Server '" + server + "' has no free log prefix.");
    }

    // ---- databases -----------------------------------------------------------------------------------------------

    /** Every database, in creation order. */
    public List<MailboxDatabase> databases() {
        return List.copyOf(databases.values());
    }

    /** The databases of one storage group (identity), in creation order. */
    public List<MailboxDatabase> databases(String storageGroupIdentity) {
        List<MailboxDatabase> found = foundDatabaseLists.get(storageGroupIdentity);
        if (found != null && databasesByGroup != null) {
            return found;
        }
        if (databasesByGroup == null) {
            foundDatabaseLists.clear();
            Map<String, List<MailboxDatabase>> byGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (MailboxDatabase database : databases.values()) {
                byGroup.computeIfAbsent(database.storageGroupIdentity(), g -> new ArrayList<>()).add(database);
            }
            byGroup.replaceAll((group, list) -> List.copyOf(list));
            databasesByGroup = byGroup;
        }
        found = databasesByGroup.getOrDefault(storageGroupIdentity, List.of());
        foundDatabaseLists.put(storageGroupIdentity, found);
        return found;
    }

    /** The databases of one server, in creation order. */
    public List<MailboxDatabase> databasesOnServer(String server) {
        return databases.values().stream().filter(d -> d.server().equalsIgnoreCase(server)).toList();
    }

    /**
     * A database by identity: {@code Server\StorageGroup\Name}, {@code Server\Name}, or the name alone when unique.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, AMBIGUOUS_IDENTITY
     */
    public MailboxDatabase database(String identity) {
        MailboxDatabase found = foundDatabases.get(identity);
        if (found == null) {
            found = findDatabase(identity);
            foundDatabases.put(identity, found);
        }
        return found;
    }

    private MailboxDatabase findDatabase(String identity) {
        MailboxDatabase exact = databases.get(key(identity));
        if (exact != null) {
            return exact;
        }
        String[] parts = identity.split("\\\\", -1);
        return switch (parts.length) {
            case 1 -> unique(identity, databases.values(), d -> d.name().equalsIgnoreCase(identity));
            case 2 -> unique(identity, databases.values(),
                    d -> d.server().equalsIgnoreCase(parts[0]) && d.name().equalsIgnoreCase(parts[1]));
            default -> throw notFound(identity);
        };
    }

    /**
     * Creates a database in a storage group.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, DUPLICATE_NAME, LIMIT_REACHED, INVALID_ARGUMENT (a file in use)
     */
    public MailboxDatabase addDatabase(String storageGroupIdentity, String name, String edbFilePath,
            DatabaseKind kind) {
        StorageGroup group = storageGroup(storageGroupIdentity);
        ExchangeServer server = server(group.server());
        MailboxDatabase database = validated(() -> new MailboxDatabase(newGuidLater(), group.server(), group.name(),
                name, edbFilePath, kind, false, true));
        if (databases.containsKey(key(database.identity()))) {
            throw new ExhaException(ExchangeErrorCode.DUPLICATE_NAME, "Database '" + name
                    + "' already exists in storage group '" + group.identity() + "'.");
        }
        List<MailboxDatabase> inGroup = databases(group.identity());
        if (inGroup.size() >= ExchangeEdition.maxDatabasesPerStorageGroup()) {
            throw new ExhaException(ExchangeErrorCode.LIMIT_REACHED, "Storage group '" + group.identity()
                    + "' already has " + inGroup.size() + " databases, the most a storage group can hold.");
        }
        if (group.replicated() != ReplicationKind.NONE && !inGroup.isEmpty()) {
            throw new ExhaException(ExchangeErrorCode.NOT_SUPPORTED, "Storage group '" + group.identity()
                    + "' is enabled for continuous replication and already contains a database. A replicated "
                    + "storage group can contain only one database.");
        }
        if (kind == DatabaseKind.PUBLIC_FOLDER
                && databasesOnServer(server.name()).stream().anyMatch(d -> d.kind() == DatabaseKind.PUBLIC_FOLDER)) {
            throw new ExhaException(ExchangeErrorCode.LIMIT_REACHED, "Server '" + server.name()
                    + "' already has a public folder database; a server can have only one.");
        }
        int limit = server.edition().maxDatabases(server.version());
        int count = databasesOnServer(server.name()).size();
        if (count >= limit) {
            throw new ExhaException(ExchangeErrorCode.LIMIT_REACHED, "Server '" + server.name() + "' already has "
                    + count + " databases, the most Exchange " + editionName(server) + " allows.");
        }
        for (MailboxDatabase other : databasesOnServer(server.name())) {
            if (WindowsPaths.same(other.edbFilePath(), edbFilePath)) {
                throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, "The file '" + edbFilePath
                        + "' is already used by database '" + other.identity() + "'.");
            }
        }
        database = new MailboxDatabase(newGuid(), database.server(), database.storageGroup(), database.name(),
                database.edbFilePath(), kind, false, true);
        databases.put(key(database.identity()), database);
        databasesByGroup = null;
        changed("database.added", database.identity(), Map.of("edbFilePath", database.edbFilePath()));
        return database;
    }

    /** Replaces a database object (same identity). */
    public MailboxDatabase updateDatabase(MailboxDatabase database) {
        MailboxDatabase old = database(database.identity());
        if (!old.guid().equals(database.guid())) {
            throw new IllegalArgumentException("updateDatabase changes an existing object");
        }
        databases.put(key(database.identity()), database);
        databasesByGroup = null;
        changed("database.changed", database.identity(), Map.of("edbFilePath", database.edbFilePath(),
                "allowFileRestore", Boolean.toString(database.allowFileRestore())));
        return database;
    }

    /**
     * Removes a database object.
     *
     * @throws ExhaException WRONG_STATE while mailboxes are homed on it
     */
    public void removeDatabase(String identity) {
        MailboxDatabase database = database(identity);
        if (!mailboxes(database.identity()).isEmpty()) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Database '" + database.identity()
                    + "' contains one or more mailboxes. To get a list of all mailboxes in this database, run the "
                    + "command Get-Mailbox -Database <Database ID>.");
        }
        databases.remove(key(database.identity()));
        databasesByGroup = null;
        changed("database.removed", database.identity(), Map.of());
    }

    // ---- mailboxes -----------------------------------------------------------------------------------------------

    /** Every mailbox, in creation order. */
    public List<Mailbox> mailboxes() {
        if (mailboxList == null) {
            mailboxList = List.copyOf(mailboxes.values());
        }
        return mailboxList;
    }

    /** The mailboxes homed on one database (identity). */
    public List<Mailbox> mailboxes(String databaseIdentity) {
        return mailboxes.values().stream().filter(m -> m.database().equalsIgnoreCase(databaseIdentity)).toList();
    }

    /**
     * A mailbox by alias, name or primary SMTP address.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, AMBIGUOUS_IDENTITY
     */
    public Mailbox mailbox(String identity) {
        Mailbox found = foundMailboxes.get(identity);
        if (found == null) {
            found = mailboxes.get(key(identity));
            if (found == null) {
                found = unique(identity, mailboxes.values(), m -> m.name().equalsIgnoreCase(identity)
                        || m.primarySmtpAddress().equalsIgnoreCase(identity));
            }
            foundMailboxes.put(identity, found);
        }
        return found;
    }

    /**
     * Creates a mailbox on a mailbox database.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, DUPLICATE_NAME (alias), INVALID_ARGUMENT (a public folder database)
     */
    public Mailbox addMailbox(String name, String alias, String databaseIdentity) {
        MailboxDatabase database = database(databaseIdentity);
        if (database.kind() != DatabaseKind.MAILBOX) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, "'" + database.identity()
                    + "' is a public folder database; mailboxes are created on mailbox databases.");
        }
        Mailbox mailbox = validated(() -> new Mailbox(newGuidLater(), name, alias, database.identity(),
                alias + "@" + organization.domain()));
        if (mailboxes.containsKey(key(alias))) {
            throw new ExhaException(ExchangeErrorCode.DUPLICATE_NAME, "The alias '" + alias
                    + "' is already being used by another mailbox in the organization.");
        }
        mailbox = new Mailbox(newGuid(), name, alias, database.identity(), mailbox.primarySmtpAddress());
        mailboxes.put(key(alias), mailbox);
        mailboxList = null;
        changed("mailbox.added", alias, Map.of("database", database.identity()));
        return mailbox;
    }

    /** Re-homes a mailbox on another database (Move-Mailbox). */
    public Mailbox moveMailbox(String identity, String targetDatabase) {
        Mailbox mailbox = mailbox(identity);
        MailboxDatabase target = database(targetDatabase);
        if (target.kind() != DatabaseKind.MAILBOX) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, "'" + target.identity()
                    + "' is a public folder database; mailboxes move to mailbox databases.");
        }
        Mailbox moved = mailbox.withDatabase(target.identity());
        mailboxes.put(key(mailbox.alias()), moved);
        mailboxList = null;
        changed("mailbox.moved", mailbox.alias(), Map.of("from", mailbox.database(), "to", target.identity()));
        return moved;
    }

    /**
     * Removes a mailbox and its user (Remove-Mailbox). Its content is synthetic, so nothing is left behind to purge.
     *
     * @throws ExhaException OBJECT_NOT_FOUND, AMBIGUOUS_IDENTITY
     */
    public void removeMailbox(String identity) {
        Mailbox mailbox = mailbox(identity);
        mailboxes.remove(key(mailbox.alias()));
        mailboxList = null;
        changed("mailbox.removed", mailbox.alias(), Map.of("database", mailbox.database()));
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    /** The error EMS gives for an identity that names nothing. */
    public ExhaException notFound(String identity) {
        return new ExhaException(ExchangeErrorCode.OBJECT_NOT_FOUND, "The operation could not be performed because "
                + "object '" + identity + "' could not be found on domain controller '" + DOMAIN_CONTROLLER + "."
                + organization.domain() + "'.");
    }

    private <T> T unique(String identity, Iterable<T> candidates, Predicate<T> matches) {
        List<T> found = new ArrayList<>();
        for (T candidate : candidates) {
            if (matches.test(candidate)) {
                found.add(candidate);
            }
        }
        if (found.size() > 1) {
            throw new ExhaException(ExchangeErrorCode.AMBIGUOUS_IDENTITY, "The operation could not be performed "
                    + "because '" + identity + "' matches multiple entries.");
        }
        if (found.isEmpty()) {
            throw notFound(identity);
        }
        return found.get(0);
    }

    private static String editionName(ExchangeServer server) {
        return server.edition() == ExchangeEdition.ENTERPRISE ? "Enterprise Edition" : "Standard Edition";
    }

    private static String key(String identity) {
        return identity.toLowerCase(Locale.ROOT);
    }

    // Records validate names and paths; their IllegalArgumentException becomes a typed error with the same text.
    private static <T> T validated(java.util.function.Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    // A placeholder GUID for validating a record before the real one is drawn, so a refused change draws nothing.
    private static UUID newGuidLater() {
        return new UUID(0, 0);
    }

    private void changed(String what, String object, Map<String, String> attributes) {
        revision++;
        foundStorageGroups.clear();
        foundDatabases.clear();
        foundMailboxes.clear();
        foundDatabaseLists.clear();
        Map<String, String> all = new TreeMap<>(attributes);
        all.put("object", object);
        journal.append(JournalEntry.Type.STATE_CHANGE, SOURCE, what, all);
    }
}
