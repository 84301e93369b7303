package io.github.exha.exchange.server;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseIdentity;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.EseVersion;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.StorageGroupSettings;
import io.github.exha.exchange.store.StorageGroupStore;
import io.github.exha.exchange.store.StoreDatabase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The lab's Information Store services, on the log-based store of {@code io.github.exha.exchange.store}: each running
 * server has, on the host it runs on, one {@link StorageGroupStore} per storage group of the directory, whose files
 * live on that host's volumes at the directory's paths. A stand-alone server's store starts with its host (and is
 * running when the lab starts); a CMS's or EVS's is started by its Information Store cluster resource on the node that
 * owns the group, which on SCC and EVS sees the shared disks and on CCR its own copy of the files.
 *
 * <p>The directory is read afresh at every call, so storage groups and databases created, moved or renamed by EMS
 * are what the store uses next time it opens them.
 */
public final class ExchangeInformationStore implements InformationStore {
    /** Journal source of the service's own entries. */
    public static final String SOURCE = "MSExchangeIS";
    /** The image name of the Information Store process, which holds the store's files open. */
    public static final String PROCESS = "store.exe";
    /** The lost log resilience depth of a CCR storage group from Exchange 2007 SP1 on (DOMAIN.md §3). */
    public static final int CCR_SP1_LOST_LOG_RESILIENCE_DEPTH = 10;

    private final ExchangeDirectory directory;
    private final Kernel kernel;
    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // server -> host its store runs on
    private final Map<String, String> running = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // "host|storage group GUID" -> the storage group's store on that host; kept, so a host has one per group.
    private final Map<String, StorageGroupStore> stores = new LinkedHashMap<>();
    // database identity, as asked -> its store object where it was last found: every delivery and every health
    // check asks, and resolving the directory's objects and the store's settings each time dominated the mail path.
    private final Map<String, Placement> placements = new HashMap<>();

    /**
     * Where a database's store object is while the directory stays at {@code revision} and its server keeps running on
     * {@code host}: nothing {@link #storeDatabase} would change then (settings and path were already in line).
     */
    private record Placement(long revision, String server, String host, StoreDatabase store) {
    }

    /**
     * The service over the lab's directory and hosts. Starts the store of every stand-alone server whose host runs,
     * and follows the hosts' power: a boot starts the store again, a crash or shutdown ends it.
     */
    @Inject
    public ExchangeInformationStore(ExchangeDirectory directory, Datacenter datacenter, Kernel kernel) {
        this.directory = directory;
        this.kernel = kernel;
        for (Host host : datacenter.hosts()) {
            hosts.put(host.name(), host);
            host.onPowerTransition(transition -> {
                if (transition.to() == PowerState.ON) {
                    directory.serverOnHost(host.name()).filter(s -> s.hasRole(ServerRole.MAILBOX))
                            .ifPresent(server -> start(server.name(), host.name(), true));
                } else {
                    // The stores end themselves with the host; forget what ran there.
                    running.values().removeIf(h -> h.equalsIgnoreCase(host.name()));
                }
            });
        }
        // The lab starts with the stand-alone servers' databases mounted, as the topology describes a running world.
        kernel.operations().await(startStandaloneServers());
    }

    /**
     * Starts the stores of the stand-alone mailbox servers whose hosts run, mounting their databases; returns an
     * operation done when every mount finished (a mount that fails is journaled and leaves its database dismounted).
     */
    public Operation<Void> startStandaloneServers() {
        List<Operation<Void>> starts = new ArrayList<>();
        for (ExchangeServer server : directory.servers()) {
            if (server.kind() == ServerKind.STANDALONE && server.hasRole(ServerRole.MAILBOX)) {
                Host host = hosts.get(server.host().orElseThrow());
                if (host != null && host.isRunning()) {
                    starts.add(start(server.name(), host.name(), true));
                }
            }
        }
        return all(starts, "start the Information Store of the stand-alone servers");
    }

    @Override
    public Operation<Void> start(String serverName, String hostName, boolean mountDatabases) {
        ExchangeServer server = directory.server(serverName);
        Host host = host(hostName);
        if (!host.isRunning()) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "The Microsoft Exchange Information Store service "
                    + "of " + server.name() + " cannot start on " + host.name() + ": the host is not running.",
                    NativeCode.win32(1722));
        }
        String current = running.get(server.name());
        if (current != null && !current.equalsIgnoreCase(host.name())) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "The Information Store of " + server.name()
                    + " already runs on " + current + ".");
        }
        running.put(server.name(), host.name());
        journal("store.started", server.name(), host.name());
        if (!mountDatabases) {
            return done("start the Information Store of " + server.name());
        }
        List<Operation<Void>> mounts = new ArrayList<>();
        for (MailboxDatabase database : directory.databasesOnServer(server.name())) {
            if (database.mountAtStartup()) {
                Operation<Void> mount = storeDatabase(server, host, database).mount(database.allowFileRestore());
                Operation<Void> settled = kernel.operations().create("mount " + database.identity());
                // A database that cannot mount stays dismounted; the service itself runs (as in Exchange).
                mount.whenDone(m -> settled.complete(null));
                mounts.add(settled);
            }
        }
        return all(mounts, "start the Information Store of " + server.name());
    }

    @Override
    public Operation<Void> stop(String serverName) {
        ExchangeServer server = directory.server(serverName);
        String hostName = running.get(server.name());
        if (hostName == null) {
            return done("stop the Information Store of " + server.name());
        }
        Host host = host(hostName);
        List<Operation<Void>> dismounts = new ArrayList<>();
        for (MailboxDatabase database : directory.databasesOnServer(server.name())) {
            StoreDatabase store = storeDatabase(server, host, database);
            if (store.isMounted()) {
                dismounts.add(store.dismount());
            }
        }
        Operation<Void> stopped = all(dismounts, "stop the Information Store of " + server.name());
        stopped.whenDone(op -> {
            running.remove(server.name());
            journal("store.stopped", server.name(), hostName);
        });
        return stopped;
    }

    @Override
    public void terminate(String serverName) {
        String hostName = running.remove(serverName);
        if (hostName == null) {
            return;
        }
        for (StorageGroup group : directory.storageGroups(serverName)) {
            StorageGroupStore store = stores.get(key(hostName, group));
            if (store != null) {
                store.terminate("the Information Store of " + serverName + " was terminated");
            }
        }
        journal("store.terminated", serverName, hostName);
    }

    @Override
    public Optional<String> runningOn(String serverName) {
        return Optional.ofNullable(running.get(serverName));
    }

    @Override
    public Operation<Void> mount(String databaseIdentity) {
        MailboxDatabase database = directory.database(databaseIdentity);
        ExchangeServer server = directory.server(database.server());
        String hostName = running.get(server.name());
        if (hostName == null) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Exchange is unable to mount the database that you "
                    + "specified. Specified database: " + database.identity() + "; Error code: MapiExceptionNetworkError:"
                    + " Unable to make admin interface connection to server. (hr=0x80040115, ec=-2147221227)");
        }
        StoreDatabase store = storeDatabase(server, host(hostName), database);
        Operation<Void> mounted = kernel.operations().create("mount " + database.identity());
        store.mount(database.allowFileRestore()).whenDone(op -> {
            if (op.isFailed()) {
                ExhaException cause = op.failure().orElseThrow();
                mounted.fail(new ExhaException(cause.code(), "Exchange is unable to mount the database that you "
                        + "specified. Specified database: " + database.identity() + "; Error code: "
                        + "MapiExceptionCallFailed: Unable to mount database. (hr=0x80004005, ec="
                        + cause.nativeCode().map(NativeCode::number).map(String::valueOf).orElse("-1") + ") "
                        + cause.getMessage(), cause.nativeCode().orElse(null), null, cause));
            } else {
                mounted.complete(null);
            }
        });
        return mounted;
    }

    @Override
    public Operation<Void> dismount(String databaseIdentity) {
        MailboxDatabase database = directory.database(databaseIdentity);
        ExchangeServer server = directory.server(database.server());
        String hostName = running.get(server.name());
        if (hostName == null) {
            return done("dismount " + database.identity());
        }
        StoreDatabase store = storeDatabase(server, host(hostName), database);
        return store.isMounted() ? store.dismount() : done("dismount " + database.identity());
    }

    @Override
    public boolean isMounted(String databaseIdentity) {
        StoreDatabase store = placed(databaseIdentity);
        return store != null && store.isMounted();
    }

    @Override
    public Optional<Operation<Void>> deliver(Mailbox mailbox, long messageId, long logicalSize, int checksum) {
        StoreDatabase store = placed(mailbox.database());
        return store != null && store.isMounted()
                ? Optional.of(store.deliver(messageId, mailbox.alias(), logicalSize, checksum)) : Optional.empty();
    }

    @Override
    public Optional<SortedSet<Long>> heldMessages(String databaseIdentity) {
        Optional<StoreDatabase> database = storeOf(databaseIdentity);
        if (database.isEmpty()) {
            return Optional.empty();
        }
        if (database.get().isMounted()) {
            return Optional.of(database.get().messageIds());
        }
        try {
            DatabaseFile file = database.get().readFile();
            return file.header().state() == DatabaseState.CLEAN_SHUTDOWN ? Optional.of(file.messageIds())
                    : Optional.empty();
        } catch (ExhaException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<MailboxUsage>> mailboxUsage(String databaseIdentity) {
        StoreDatabase store = placed(databaseIdentity);
        return store != null && store.isMounted() ? Optional.of(usage(store)) : Optional.empty();
    }

    // One pass over the mounted database's records, summed per recipient.
    private static List<MailboxUsage> usage(StoreDatabase database) {
        Map<String, MailboxUsage> byMailbox = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (long id : database.messageIds()) {
            database.message(id).ifPresent(record -> byMailbox.merge(record.mailbox(),
                    new MailboxUsage(record.mailbox(), 1, record.logicalSize()),
                    (held, one) -> held.plus(one.totalItemSize())));
        }
        return List.copyOf(byMailbox.values());
    }

    @Override
    public void closeCurrentLogForBackup(String databaseIdentity) {
        storeOf(databaseIdentity).ifPresent(database -> database.storageGroup().closeCurrentLogForBackup());
    }

    @Override
    public List<OpenFile> openFiles(Host host) {
        List<OpenFile> open = new ArrayList<>();
        for (StorageGroupStore store : stores.values()) {
            if (store.host() != host || !store.isRunning()) {
                continue;
            }
            // ESE holds the log stream's files and the attached databases; closed logs are not held.
            StorageGroupSettings settings = store.settings();
            LogFormat format = settings.format();
            List<String> logs = new ArrayList<>(List.of(format.currentName(settings.prefix()),
                    format.temporaryName(settings.prefix())));
            logs.addAll(format.reserveNames(settings.prefix()));
            for (String log : logs) {
                open.add(new OpenFile(inFolder(settings.logFolder(), log), PROCESS));
            }
            open.add(new OpenFile(store.checkpointPath(), PROCESS));
            for (StoreDatabase database : store.databases()) {
                if (database.isMounted()) {
                    open.add(new OpenFile(database.path(), PROCESS));
                }
            }
        }
        return open;
    }

    private static String inFolder(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    /**
     * The store of a database on the host its server runs on now, if the server runs, for checks that read the files
     * (which messages it holds, its header).
     */
    public Optional<StoreDatabase> storeOf(String databaseIdentity) {
        return Optional.ofNullable(placed(databaseIdentity));
    }

    /**
     * The store object of a database on the host its server runs on now, as {@link #storeDatabase} gives it; null when
     * the server does not run.
     *
     * @throws ExhaException OBJECT_NOT_FOUND for a database or server the directory does not have
     */
    private StoreDatabase placed(String databaseIdentity) {
        Placement placement = placements.get(databaseIdentity);
        if (placement != null && placement.revision() == directory.revision()
                && placement.host().equals(running.get(placement.server()))) {
            return placement.store();
        }
        long revision = directory.revision();
        MailboxDatabase database = directory.database(databaseIdentity);
        ExchangeServer server = directory.server(database.server());
        String hostName = running.get(server.name());
        if (hostName == null) {
            return null;
        }
        Host host = host(hostName);
        StoreDatabase store = storeDatabase(server, host, database);
        if (store.storageGroup().settings().equals(settings(server, host,
                directory.storageGroup(database.storageGroupIdentity())))
                && store.path().equalsIgnoreCase(database.edbFilePath())) {
            placements.put(databaseIdentity, new Placement(revision, server.name(), hostName, store));
        } else {
            // Not in line yet (mounted at its old path, running with the old settings): resolve again next time.
            placements.remove(databaseIdentity);
        }
        return store;
    }

    // The store object of a database on a host, created or brought in line with the directory's paths.
    private StoreDatabase storeDatabase(ExchangeServer server, Host host, MailboxDatabase database) {
        StorageGroup group = directory.storageGroup(database.storageGroupIdentity());
        StorageGroupSettings settings = settings(server, host, group);
        StorageGroupStore store = stores.get(key(host.name(), group));
        if (store == null) {
            store = new StorageGroupStore(kernel, host, settings);
            stores.put(key(host.name(), group), store);
        } else if (!store.settings().equals(settings) && !store.isRunning()) {
            store.reconfigure(settings);
        }
        StoreDatabase existing = store.findDatabase(database.guid()).orElse(null);
        if (existing != null) {
            if (!existing.path().equalsIgnoreCase(database.edbFilePath()) && !existing.isMounted()) {
                existing.relocate(database.edbFilePath());
            }
            return existing;
        }
        return store.addDatabase(new DatabaseIdentity(database.identity(), database.guid()), database.edbFilePath());
    }

    private StorageGroupSettings settings(ExchangeServer server, Host host, StorageGroup group) {
        // The binaries on the host stamp the databases; a stand-alone host or a node has an installation.
        ExchangeBuild binaries = directory.installation(host.name()).map(ExchangeInstallation::build)
                .orElse(server.build());
        return StorageGroupSettings.of(group.identity(), formatOf(server.version()), group.logFolderPath(),
                        new EseVersion(ExchangeBuild.ESE_FORMAT, binaries.eseUpdate()))
                .withPrefix(new LogPrefix(group.logFilePrefix()))
                .withFolders(group.logFolderPath(), group.systemFolderPath())
                .withCircularLogging(group.circularLoggingEnabled())
                .withLostLogResilienceDepth(lostLogResilienceDepth(server));
    }

    // DOMAIN.md §3: a CCR CMS holds database writes back so a lossy failover's divergent logs never reach the
    // database (an incremental reseed can then repair the old active): SP1 10 generations, RTM 1 + the dial's
    // threshold; stand-alone, LCR and SCC servers 1.
    private static int lostLogResilienceDepth(ExchangeServer server) {
        if (!server.isClustered() || server.clusteredStorageType()
                != io.github.exha.exchange.config.ClusteredStorageType.NON_SHARED) {
            return StorageGroupSettings.DEFAULT_LOST_LOG_RESILIENCE_DEPTH;
        }
        return server.build().servicePack() >= 1 ? CCR_SP1_LOST_LOG_RESILIENCE_DEPTH
                : 1 + server.autoDatabaseMountDial().maxMissingLogs();
    }

    private Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new ExhaException(ExchangeErrorCode.OBJECT_NOT_FOUND, "No host named '" + name + "' in this lab.");
        }
        return host;
    }

    private static String key(String host, StorageGroup group) {
        return host.toLowerCase(Locale.ROOT) + "|" + group.guid();
    }

    private Operation<Void> all(List<Operation<Void>> parts, String description) {
        Operation<Void> all = kernel.operations().create(description);
        if (parts.isEmpty()) {
            all.complete(null);
            return all;
        }
        int[] left = {parts.size()};
        for (Operation<Void> part : parts) {
            part.whenDone(op -> {
                if (all.isDone()) {
                    return;
                }
                if (op.isFailed()) {
                    all.fail(op.failure().orElseThrow());
                } else if (--left[0] == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    private Operation<Void> done(String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.complete(null);
        return operation;
    }

    private void journal(String name, String server, String host) {
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, SOURCE, name, Map.of("server", server, "host", host));
    }

    /** The log format of a generation: 5 MB logs for 2003, 1 MB for 2007. */
    static LogFormat formatOf(ExchangeVersion version) {
        return switch (version) {
            case EXCHANGE_2003 -> LogFormat.EXCHANGE_2003;
            case EXCHANGE_2007 -> LogFormat.EXCHANGE_2007;
        };
    }
}
