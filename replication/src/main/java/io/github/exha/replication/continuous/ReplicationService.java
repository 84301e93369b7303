package io.github.exha.replication.continuous;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseHeader;
import io.github.exha.exchange.store.DatabaseIdentity;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.EseVersion;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogHeader;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.LogSignature;
import io.github.exha.exchange.store.StorageGroupStore;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The Microsoft Exchange Replication service of every node of the lab: for each storage group copy (LCR, CCR, SCR) a
 * copier that ships <b>closed</b> logs only from the source's log folder to the copy's, an inspector that checks each
 * shipped log (checksums, name against generation, the stream's signature) and retries a failure
 * {@link #INSPECTION_RETRIES} times before the copy is Failed, and a replayer that replays inspected logs into the
 * passive database file with {@link DatabaseFile#replay}. SCR copies hold back the newest {@link #STANDBY_REPLAY_HOLD}
 * logs and replay a log only once it is ReplayLagTime old; a replayed log leaves the target once it is gone on the
 * source and TruncationLagTime has passed.
 *
 * <p>The service works on the files: it finds the source's logs at the storage group's log folder on the host that
 * runs the storage group (the stand-alone server's host, the CMS's active node), and the copy's at its own paths on
 * its target machine. A copy's pipeline stops while its target machine is down (ServiceDown), the source's host is
 * down or unreachable, or the copy is suspended, failed or seeding; it picks up where it stopped.
 *
 * <p>Everything runs on the lab's scheduler: a {@link #POLL_INTERVAL} daemon poll notices new closed logs, and copies,
 * seeding and replay take virtual time. The service journals its events under source {@value #SOURCE}.
 */
public final class ReplicationService {
    /** Journal source of the service's events. */
    public static final String SOURCE = "MSExchangeRepl";
    /** The image name of the Microsoft Exchange Replication service, which holds the copies' database files open. */
    public static final String PROCESS = "msexchangerepl.exe";
    /**
     * Shipping a log or seeding a file over the LAN ({@link HostConnectivity#LAN}) takes 80 ms per MB; between sites
     * it takes the latency and bandwidth of their {@code siteLinks:} link ({@link HostConnectivity#transferTime}).
     */
    public static final Duration COPY_TIME_PER_MEGABYTE = HostConnectivity.LAN.serialization(1L << 20);
    /** CHOICE: the copier looks for newly closed logs every second (Exchange reacts to file notifications). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** A log failing copy or inspection is retried this many times; then the copy is Failed (DOMAIN.md §1). */
    public static final int INSPECTION_RETRIES = 3;
    /** SCR's built-in replay hold: the newest 50 inspected logs are never replayed, even at ReplayLagTime 0. */
    public static final int STANDBY_REPLAY_HOLD = 50;
    /** Event name journaled when a shipped log fails inspection. */
    public static final String INSPECTION_FAILED = "copy.inspection-failed";
    /** Event name journaled when a copy becomes Failed. */
    public static final String COPY_FAILED = "copy.failed";

    private static final long MEGABYTE = 1L << 20;

    private final Kernel kernel;
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;
    private final HostConnectivity connectivity;
    private final ClusteredMailboxServers clusteredServers;
    // "storage group GUID|target host" -> copy, in the order enabled
    private final Map<String, StorageGroupCopy> copies = new LinkedHashMap<>();
    /** The copier's buffer for a log's record area (64 KB), reused from one log to the next. */
    private byte[] shipBuffer = new byte[0];
    private Timer poll;
    private final Provider<InformationStore> store;
    // Told every change of a copy's queues; nothing the simulation reads (reports only).
    private final List<Consumer<CopyProgress>> progressListeners = new ArrayList<>();

    /** The service over the lab's directory, hosts and clustered mailbox servers; no copy yet. */
    public ReplicationService(Kernel kernel, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, ClusteredMailboxServers clusteredServers, Provider<InformationStore> store) {
        this.kernel = kernel;
        this.store = store;
        this.directory = directory;
        this.datacenter = datacenter;
        this.connectivity = connectivity;
        this.clusteredServers = clusteredServers;
    }

    /**
     * Tells {@code listener} where every seeded copy stands now, then every later change of a copy's generated,
     * inspected or replayed generation, synchronously as it happens. Listeners only watch: nothing is journaled, so a
     * world observed this way keeps its journal digest.
     */
    public void observeProgress(Consumer<CopyProgress> listener) {
        kernel.confinement().check();
        progressListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        for (StorageGroupCopy copy : copies.values()) {
            if (copy.seeded) {
                listener.accept(progress(copy));
            }
        }
    }

    private void progressed(StorageGroupCopy copy) {
        if (progressListeners.isEmpty()) {
            return;
        }
        CopyProgress progress = progress(copy);
        for (Consumer<CopyProgress> listener : List.copyOf(progressListeners)) {
            listener.accept(progress);
        }
    }

    private CopyProgress progress(StorageGroupCopy copy) {
        return new CopyProgress(kernel.clock().instant(), copy.storageGroupIdentity(), copy.targetMachine(),
                copy.kind(), Math.max(copy.latestAvailable, copy.lastInspected), copy.lastInspected, copy.lastReplayed,
                Optional.ofNullable(copy.lastReplayedTime));
    }

    // ---- copies ---------------------------------------------------------------------------------------------------

    /** Every copy, in the order they were enabled. */
    public List<StorageGroupCopy> copies() {
        return List.copyOf(copies.values());
    }

    /** The copies of a storage group. */
    public List<StorageGroupCopy> copiesOf(StorageGroup group) {
        return copies.values().stream().filter(c -> c.storageGroup().equals(group.guid())).toList();
    }

    /** The copy of {@code group} on {@code targetMachine}, if there is one. */
    public Optional<StorageGroupCopy> copy(StorageGroup group, String targetMachine) {
        return Optional.ofNullable(copies.get(key(group, targetMachine)));
    }

    /**
     * Adds a copy of {@code group} on {@code targetMachine} after checking the rules every replicated storage group
     * follows (DOMAIN.md §2). A copy whose database path is known is seeded at once: the operation completes when
     * seeding did; otherwise (LCR before Enable-DatabaseCopy) it completes at once.
     *
     * @throws ExhaException {@code NOT_REPLICABLE}, {@code COPY_EXISTS}, {@code INVALID_ARGUMENT}; the seeding
     *     refusals of {@link #seed}
     */
    public Operation<Void> enable(StorageGroup group, CopyKind kind, String targetMachine, CopyPaths paths,
            CopyLags lags) {
        requireReplicable(group);
        Host target = datacenter.host(targetMachine);
        if (copies.containsKey(key(group, target.name()))) {
            throw new ExhaException(ReplicationErrorCode.COPY_EXISTS, "Storage group '" + group.identity()
                    + "' already has a copy on '" + target.name() + "'. ReplayLagTime and TruncationLagTime cannot be "
                    + "changed in place: run Disable-StorageGroupCopy, then Enable-StorageGroupCopy with the new values.");
        }
        StorageGroupCopy copy = new StorageGroupCopy(group.guid(), group.identity(), kind, target.name(), paths, lags);
        copies.put(key(group, target.name()), copy);
        journal(JournalEntry.Type.STATE_CHANGE, "copy.enabled", copy, Map.of("kind", kind.name()));
        ensurePolling();
        if (!paths.hasEdbFile()) {
            return done("enable the copy of " + group.identity());
        }
        return seedOrForget(copy, group, false, false);
    }

    /**
     * Enables the CCR copy of every storage group of every CCR CMS whose passive node has Exchange installed, at the
     * storage group's own paths on the passive node, and seeds it (as installing the passive node does, DOMAIN.md
     * §1). A storage group that cannot replicate is journaled and skipped. Returns the seeding operations.
     */
    public List<Operation<Void>> enableClusterCopies() {
        List<Operation<Void>> seeds = new ArrayList<>();
        for (ExchangeServer server : directory.servers()) {
            if (!server.isClustered() || server.clusteredStorageType()
                    != io.github.exha.exchange.config.ClusteredStorageType.NON_SHARED) {
                continue;
            }
            Optional<String> active = clusteredServers.activeNode(server);
            Optional<String> passive = server.cluster().orElseThrow().redundantMachines().stream()
                    .filter(node -> active.filter(node::equalsIgnoreCase).isEmpty())
                    .filter(node -> directory.installation(node).isPresent()).findFirst();
            if (active.isEmpty() || passive.isEmpty()) {
                continue;
            }
            for (StorageGroup group : directory.storageGroups(server.name())) {
                if (copy(group, passive.get()).isPresent()) {
                    continue;
                }
                try {
                    requireReplicable(group);
                } catch (ExhaException refused) {
                    kernel.journal().append(JournalEntry.Type.STATE_CHANGE, SOURCE, "copy.not-replicable",
                            Map.of("storageGroup", group.identity(), "reason", refused.getMessage()));
                    continue;
                }
                StorageGroup replicated = directory.updateStorageGroup(group.withReplicated(
                        io.github.exha.exchange.config.ReplicationKind.CLUSTER));
                String edb = directory.databases(group.identity()).stream().findFirst()
                        .map(MailboxDatabase::edbFilePath).orElse("");
                seeds.add(enable(replicated, CopyKind.CLUSTER, passive.get(), new CopyPaths(group.logFolderPath(),
                        group.systemFolderPath(), edb), CopyLags.NONE));
            }
        }
        return seeds;
    }

    /** Gives an LCR copy its database path ({@code Enable-DatabaseCopy}) and seeds it. */
    public Operation<Void> enableDatabaseCopy(StorageGroup group, String edbFilePath) {
        StorageGroupCopy copy = copiesOf(group).stream().filter(c -> c.kind() == CopyKind.LOCAL).findFirst()
                .orElseThrow(() -> new ExhaException(ReplicationErrorCode.NO_COPY, "Storage group '"
                        + group.identity() + "' has no local continuous replication copy. Run Enable-StorageGroupCopy "
                        + "first."));
        if (copy.paths().hasEdbFile()) {
            throw new ExhaException(ReplicationErrorCode.COPY_EXISTS, "The database in storage group '"
                    + group.identity() + "' already has a copy at '" + copy.paths().edbFile() + "'.");
        }
        copy.paths(copy.paths().withEdbFile(CopyPaths.requireFull(edbFilePath, "CopyEdbFilePath")));
        return seedOrForget(copy, group, false, false);
    }

    // A refused automatic seed leaves the copy enabled but unseeded (Update-StorageGroupCopy does it later).
    private Operation<Void> seedOrForget(StorageGroupCopy copy, StorageGroup group, boolean deleteExisting,
            boolean manualResume) {
        if (seedFromLogs(copy, group)) {
            return done("enable the copy of " + group.identity());
        }
        try {
            return seed(copy, group, deleteExisting, manualResume);
        } catch (ExhaException refused) {
            journal(JournalEntry.Type.STATE_CHANGE, "copy.seed-deferred", copy, Map.of("reason",
                    refused.getMessage()));
            return done("enable the copy of " + group.identity());
        }
    }

    /**
     * Replaces {@code copy} by a copy of the same storage group, kind, paths and lags on {@code newTarget}, not seeded
     * yet (its pipeline waits until whoever retargeted it brings its files in line): CCR's copy direction reverses
     * after a move or failover. The old copy's pipeline stops; its files stay.
     */
    StorageGroupCopy retarget(StorageGroupCopy copy, String newTarget) {
        StorageGroup group = directory.storageGroup(copy.storageGroupIdentity());
        copy.epoch++;
        copies.values().remove(copy);
        StorageGroupCopy reversed = new StorageGroupCopy(copy.storageGroup(), copy.storageGroupIdentity(),
                copy.kind(), datacenter.host(newTarget).name(), copy.paths(), copy.lags());
        reversed.signature = copy.signature;
        copies.put(key(group, reversed.targetMachine()), reversed);
        journal(JournalEntry.Type.STATE_CHANGE, "copy.retargeted", reversed, Map.of("from", copy.targetMachine()));
        return reversed;
    }

    /**
     * Moves the CCR copy of a clustered mailbox server recovered on another cluster ({@code /RecoverCMS}) to the new
     * cluster's other node. That node holds no seeded files for it, so the copy is Failed until
     * {@code Update-StorageGroupCopy} seeds it, and {@code Move-ClusteredMailboxServer} is refused meanwhile.
     */
    void followRecoveredServer(StorageGroupCopy copy, String newTarget, String cluster) {
        StorageGroupCopy moved = retarget(copy, newTarget);
        fail(moved, "The clustered mailbox server was recovered on cluster " + cluster + ": the copy of storage group '"
                + moved.storageGroupIdentity() + "' on " + moved.targetMachine() + " has not been seeded. Seed it "
                + "with Update-StorageGroupCopy.");
    }

    private DatabaseIdentity databaseIdentity(StorageGroup group) {
        MailboxDatabase database = onlyDatabase(group);
        return new DatabaseIdentity(database.identity(), database.guid());
    }

    // The ESE version the target's binaries stamp a database with.
    private EseVersion binaries(StorageGroup group, Host target) {
        ExchangeBuild build = directory.installation(target.name()).map(ExchangeInstallation::build)
                .orElse(directory.server(group.server()).build());
        return new EseVersion(ExchangeBuild.ESE_FORMAT, build.eseUpdate());
    }

    /** Removes a copy; its files stay where they are. */
    public void disable(StorageGroupCopy copy) {
        copy.epoch++;
        copies.values().remove(copy);
        journal(JournalEntry.Type.STATE_CHANGE, "copy.disabled", copy, Map.of());
    }

    /** Suspends copy and replay (twice is not an error); the comment goes to the event log. */
    public void suspend(StorageGroupCopy copy, String comment) {
        copy.suspended = true;
        copy.suspendComment = comment == null ? "" : comment;
        copy.epoch++;
        copy.copying = false;
        copy.replaying = false;
        journal(JournalEntry.Type.EVENT_LOG, "copy.suspended", copy, Map.of("comment", copy.suspendComment));
    }

    /** Resumes a suspended copy. A failed copy stays failed: it needs Update-StorageGroupCopy. */
    public void resume(StorageGroupCopy copy) {
        copy.suspended = false;
        copy.suspendComment = "";
        journal(JournalEntry.Type.EVENT_LOG, "copy.resumed", copy, Map.of());
        pump(copy);
    }

    /**
     * The files the service holds open on {@code host}: the passive database file of each copy targeting it while the
     * copy is seeded or replicates (CHOICE: replay keeps the copy's database attached from seeding until the copy is
     * suspended or fails). A suspended copy holds nothing, which is why seed 004 suspends the copy before the passive
     * node's files are moved.
     */
    public List<OpenFile> openFiles(Host host) {
        List<OpenFile> open = new ArrayList<>();
        if (!host.isRunning()) {
            return open;
        }
        for (StorageGroupCopy copy : copies.values()) {
            boolean attached = copy.seeding || copy.seeded && !copy.suspended && !copy.failed;
            if (attached && copy.targetMachine().equalsIgnoreCase(host.name()) && copy.paths().hasEdbFile()) {
                open.add(new OpenFile(copy.paths().edbFile(), PROCESS));
            }
        }
        return open;
    }

    // ---- seeding --------------------------------------------------------------------------------------------------

    /**
     * DOMAIN.md §2: an SCR copy whose source still has its whole log stream (generation 1 on) and whose target holds
     * nothing yet is seeded from the logs: they ship from generation 1, and the database file is created when replay
     * reaches them, after the 50-log hold and ReplayLagTime. Returns whether it did.
     */
    private boolean seedFromLogs(StorageGroupCopy copy, StorageGroup group) {
        Optional<Host> source = sourceHost(group).filter(Host::isRunning);
        if (copy.kind() != CopyKind.STANDBY || source.isEmpty() || !copy.paths().hasEdbFile()) {
            return false;
        }
        LogDirectory sourceLogs = sourceLogs(group, source.get());
        if (!sourceLogs.exists()) {
            return false;
        }
        List<Long> closed = sourceLogs.closedGenerations();
        Optional<LogHeader> current = sourceLogs.currentHeader();
        long first = !closed.isEmpty() ? closed.get(0) : current.map(LogHeader::generation).orElse(0L);
        Host target = datacenter.host(copy.targetMachine());
        LogDirectory targetLogs = targetLogs(copy, group, target);
        WindowsPath edb = target.resolve(copy.paths().edbFile());
        boolean targetHoldsFiles = edb.volume().exists(edb.path()) || targetLogs.exists()
                && (!targetLogs.closedGenerations().isEmpty() || targetLogs.volume().exists(targetLogs.currentPath()));
        if (first != 1 || targetHoldsFiles) {
            return false;
        }
        LogSignature signature = closed.isEmpty() ? current.orElseThrow().signature()
                : sourceLogs.read(1).signature();
        ensureFolder(target, copy.paths().logFolder());
        ensureFolder(target, copy.paths().systemFolder());
        journal(JournalEntry.Type.EVENT_LOG, "copy.seeding", copy, Map.of("from", source.get().name(), "fromLogs",
                "true"));
        finishSeed(copy, signature, 1, false);
        return true;
    }

    /**
     * Seeds (or reseeds) a copy: copies the source's database file to the copy's path, then ships logs from the
     * generation the file requires. Refused before anything changes when log files already exist at the copy's log
     * folder, unless {@code deleteExisting}, which deletes only the files seeding expects (the stream's logs, the
     * checkpoint and the database copy). Replication resumes afterwards unless {@code manualResume}.
     *
     * @throws ExhaException {@code SEEDING_REFUSED} with Exchange's message; the paths' errors
     */
    public Operation<Void> seed(StorageGroupCopy copy, StorageGroup group, boolean deleteExisting,
            boolean manualResume) {
        Host target = datacenter.host(copy.targetMachine());
        Host source = sourceHost(group).filter(Host::isRunning).orElseThrow(() -> new ExhaException(
                ReplicationErrorCode.SEEDING_REFUSED, "Seeding storage group '" + group.identity() + "' failed: the "
                + "source server is not running."));
        if (!copy.paths().hasEdbFile()) {
            throw new ExhaException(ReplicationErrorCode.SEEDING_REFUSED, "The database of storage group '"
                    + group.identity() + "' has no copy yet. Run Enable-DatabaseCopy first.");
        }
        followConfiguredPaths(copy, group);
        MailboxDatabase database = onlyDatabase(group);
        LogDirectory targetLogs = targetLogs(copy, group, target);
        List<String> existing = new ArrayList<>();
        for (long generation : targetLogs.closedGenerations()) {
            existing.add(targetLogs.generationPath(generation));
        }
        if (targetLogs.exists() && targetLogs.volume().exists(targetLogs.currentPath())) {
            existing.add(targetLogs.currentPath());
        }
        if (!existing.isEmpty() && !deleteExisting) {
            throw new ExhaException(ReplicationErrorCode.SEEDING_REFUSED, "Log files already exist at '"
                    + copy.paths().logFolder() + "'. They must be removed before storage group seeding or reseeding "
                    + "can be performed. The '-DeleteExistingFiles' switch can be used to delete the log files "
                    + "automatically.");
        }
        WindowsPath sourceEdb = source.resolve(database.edbFilePath());
        if (!sourceEdb.volume().exists(sourceEdb.path())) {
            throw new ExhaException(ReplicationErrorCode.SEEDING_REFUSED, "Seeding storage group '"
                    + group.identity() + "' failed: the source database file '" + database.edbFilePath()
                    + "' does not exist yet (mount the database once).");
        }
        DatabaseHeader header = DatabaseFile.read(sourceEdb.volume(), sourceEdb.path()).header();
        byte[] edbBytes = readAll(sourceEdb.volume(), sourceEdb.path());
        // Seeding reads the database through ESE's streaming backup, which then closes the current log: the logs the
        // copied file requires all ship, even for a storage group that writes nothing (a public folder database).
        store.get().closeCurrentLogForBackup(database.identity());
        LogDirectory sourceLogs = sourceLogs(group, source);
        long start = startGeneration(header, sourceLogs);

        // Nothing was refused: stop the pipeline and clear the target.
        copy.epoch++;
        copy.seeding = true;
        copy.copying = false;
        copy.replaying = false;
        int epoch = copy.epoch;
        journal(JournalEntry.Type.EVENT_LOG, "copy.seeding", copy, Map.of("from", source.name()));
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        if (deleteExisting) {
            existing.forEach(path -> writes.add(targetLogs.volume().delete(path)));
            String checkpoint = folderPath(copy.paths().systemFolder(), targetLogs.format().checkpointName(
                    targetLogs.prefix()));
            deleteIfPresent(target, checkpoint, writes);
            deleteIfPresent(target, copy.paths().edbFile(), writes);
        } else {
            deleteIfPresent(target, copy.paths().edbFile(), writes);
        }
        Operation<Void> seeded = kernel.operations().create("seed " + copy);
        seeded.waitingFor("the database file to be copied to " + target.name());
        Duration time = connectivity.transferTime(source, target, Math.max(edbBytes.length, MEGABYTE));
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                failSeed(copy, seeded, failure);
                return;
            }
            kernel.scheduler().schedule(time, () -> {
                if (copy.epoch != epoch) {
                    seeded.fail(new ExhaException(ReplicationErrorCode.SEEDING_REFUSED, "Seeding " + copy
                            + " was interrupted."));
                    return;
                }
                try {
                    ensureFolder(target, copy.paths().logFolder());
                    ensureFolder(target, copy.paths().systemFolder());
                    ensureFolder(target, parentOf(copy.paths().edbFile()));
                    WindowsPath edb = target.resolve(copy.paths().edbFile());
                    CompletableFuture<Void> created = edb.volume().createFile(edb.path());
                    CompletableFuture<Void> body = edb.volume().write(edb.path(), 0, edbBytes, 0, edbBytes.length);
                    CompletableFuture.allOf(created, body).whenComplete((done, writeFailure) -> {
                        if (writeFailure != null) {
                            failSeed(copy, seeded, writeFailure);
                            return;
                        }
                        finishSeed(copy, header.logSignature(), start, manualResume);
                        seeded.complete(null);
                    });
                } catch (ExhaException e) {
                    failSeed(copy, seeded, e);
                }
            });
        });
        return seeded;
    }

    private void finishSeed(StorageGroupCopy copy, LogSignature signature, long start, boolean manualResume) {
        copy.seeding = false;
        copy.resynchronizing = false;
        copy.seeded = true;
        copy.failed = false;
        copy.failedMessage = "";
        copy.signature = signature;
        copy.nextToCopy = start;
        copy.inspectionFailures = 0;
        copy.lastCopied = start - 1;
        copy.lastInspected = start - 1;
        copy.lastReplayed = start - 1;
        copy.lastCopiedTime = null;
        copy.lastInspectedTime = null;
        copy.lastReplayedTime = null;
        copy.replayedAt.clear();
        if (manualResume) {
            copy.suspended = true;
            copy.suspendComment = "Seeded with -ManualResume";
        } else {
            copy.suspended = false;
            copy.suspendComment = "";
        }
        journal(JournalEntry.Type.EVENT_LOG, "copy.seeded", copy, Map.of("firstGeneration", Long.toString(start)));
        progressed(copy);
        pump(copy);
    }

    private void failSeed(StorageGroupCopy copy, Operation<Void> seeded, Throwable failure) {
        copy.seeding = false;
        ExhaException cause = exha(failure);
        fail(copy, "Seeding failed: " + cause.getMessage());
        seeded.fail(cause);
    }

    // A dirty file needs its required logs onwards; a clean one holds everything, and replaying a log it already
    // holds appends nothing, so the oldest closed log is a safe start.
    private static long startGeneration(DatabaseHeader header, LogDirectory sourceLogs) {
        if (header.state() == DatabaseState.DIRTY_SHUTDOWN) {
            return header.logRequired().low();
        }
        List<Long> closed = sourceLogs.closedGenerations();
        if (!closed.isEmpty()) {
            return closed.get(0);
        }
        return sourceLogs.currentHeader().map(LogHeader::generation).orElse(1L);
    }

    // ---- status ---------------------------------------------------------------------------------------------------

    /** The copy's status now, as Get-StorageGroupCopyStatus reports it. */
    public CopyStatus status(StorageGroupCopy copy) {
        StorageGroup group = directory.storageGroup(copy.storageGroupIdentity());
        Host target = datacenter.host(copy.targetMachine());
        Optional<Host> source = sourceHost(group).filter(Host::isRunning);
        SummaryCopyStatus summary;
        if (!target.isRunning()) {
            summary = SummaryCopyStatus.SERVICE_DOWN;
        } else if (copy.failed) {
            summary = SummaryCopyStatus.FAILED;
        } else if (copy.seeding) {
            summary = SummaryCopyStatus.SEEDING;
        } else if (copy.resynchronizing) {
            summary = SummaryCopyStatus.RESYNCHRONIZING;
        } else if (copy.suspended) {
            summary = SummaryCopyStatus.SUSPENDED;
        } else if (source.isEmpty()) {
            summary = SummaryCopyStatus.STOPPED;
        } else if (copy.lastInspectedTime == null) {
            summary = SummaryCopyStatus.INITIALIZING;
        } else {
            summary = SummaryCopyStatus.HEALTHY;
        }
        source.ifPresent(host -> observeSource(copy, group, host));
        long generated = Math.max(copy.latestAvailable, copy.lastInspected);
        long copyQueue = copy.seeded ? Math.max(0, generated - copy.lastInspected) : 0;
        long replayQueue = copy.seeded ? Math.max(0, copy.lastInspected - copy.lastReplayed) : 0;
        return new CopyStatus(group.identity(), group.name(), copy.kind(), copy.targetMachine(), summary,
                copy.failedMessage, copy.suspendComment, copyQueue, replayQueue, generated,
                copy.lastCopied, copy.lastInspected, copy.lastReplayed, Optional.ofNullable(copy.latestAvailableTime),
                Optional.ofNullable(copy.lastCopiedTime), Optional.ofNullable(copy.lastInspectedTime),
                Optional.ofNullable(copy.lastReplayedTime));
    }

    /**
     * The oldest source log generation that must stay for the copies of {@code group}: logs below it may be truncated
     * because every copy has inspected them (DOMAIN.md §2: inspected, not replayed). Empty when the group has no copy.
     */
    public OptionalLong truncationPoint(StorageGroup group) {
        return copiesOf(group).stream().mapToLong(c -> c.seeded ? c.lastInspected + 1 : 1).min();
    }

    // ---- the pipeline ---------------------------------------------------------------------------------------------

    private void ensurePolling() {
        if (poll == null) {
            poll = kernel.scheduler().scheduleEvery(POLL_INTERVAL, POLL_INTERVAL, this::pumpAll);
        }
    }

    private void pumpAll() {
        for (StorageGroupCopy copy : List.copyOf(copies.values())) {
            pump(copy);
        }
    }

    /** Starts the copy's next copy and replay, if it can make progress now. */
    private void pump(StorageGroupCopy copy) {
        if (!copies.containsValue(copy) || copy.failed || copy.seeding || copy.suspended || !copy.seeded) {
            return;
        }
        Host target = datacenter.host(copy.targetMachine());
        if (!target.isRunning()) {
            return;
        }
        StorageGroup group = directory.storageGroup(copy.storageGroupIdentity());
        followConfiguredPaths(copy, group);
        // The source's closed logs as the copier listed them; nothing changes the folder before the truncation
        // below looks at it again, so it reuses the listing (listing a folder of many logs is the costly part).
        List<Long> sourceClosed = null;
        // Looked up once: nothing below changes which node runs the source before truncation looks again.
        Optional<Host> runningSource = sourceHost(group).filter(Host::isRunning);
        if (!copy.copying) {
            Optional<Host> source = runningSource.filter(s -> reaches(s, target));
            if (source.isPresent()) {
                sourceClosed = copyNext(copy, group, source.get(), target);
            }
        }
        if (!copy.replaying && !copy.failed) {
            replayNext(copy, group, target);
            truncateTarget(copy, group, target, sourceClosed, runningSource);
        }
    }

    /** Ships the next log if it is closed on the source; returns the source's closed generations, null if unread. */
    private List<Long> copyNext(StorageGroupCopy copy, StorageGroup group, Host source, Host target) {
        LogDirectory sourceLogs;
        List<Long> closed;
        try {
            sourceLogs = sourceLogs(group, source);
            closed = sourceLogs.closedGenerations();
        } catch (ExhaException unreachable) {
            return null;
        }
        observe(copy, sourceLogs, closed);
        // contains: the folder's list answers with a binary search over its longs, without boxing each probe
        if (closed.isEmpty() || !closed.contains(copy.nextToCopy)) {
            if (!closed.isEmpty() && closed.get(0) > copy.nextToCopy) {
                fail(copy, "Log file " + sourceLogs.generationPath(copy.nextToCopy) + " is no longer on the source: "
                        + "it was truncated before it was copied. The copy must be reseeded.");
            }
            return closed;
        }
        long generation = copy.nextToCopy;
        int epoch = copy.epoch;
        copy.copying = true;
        Duration time = connectivity.transferTime(source, target, Math.max(sourceLogs.format().logSize(), MEGABYTE));
        kernel.scheduler().schedule(time, () -> {
            if (copy.epoch != epoch || !source.isRunning() || !target.isRunning()) {
                if (copy.epoch == epoch) {
                    copy.copying = false;
                }
                return;
            }
            ship(copy, group, sourceLogs, generation, target).whenComplete((ignored, failure) -> {
                if (copy.epoch != epoch) {
                    return;
                }
                copy.copying = false;
                if (failure != null) {
                    inspectionFailed(copy, generation, exha(failure));
                } else {
                    inspect(copy, group, target, generation);
                }
                pump(copy);
            });
        });
        return closed;
    }

    // Copies the file as it is, byte for byte (the record area and the last byte, sparse like the source's), so a
    // damaged log arrives damaged and the inspector catches it.
    private CompletableFuture<Void> ship(StorageGroupCopy copy, StorageGroup group, LogDirectory sourceLogs,
            long generation, Host target) {
        try {
            LogFormat format = sourceLogs.format();
            String from = sourceLogs.generationPath(generation);
            int areaLength = (int) format.recordAreaEnd();
            if (shipBuffer.length < areaLength) {
                shipBuffer = new byte[areaLength];
            }
            byte[] area = shipBuffer; // reused: volumes copy the bytes before a write returns
            sourceLogs.volume().read(from, 0, area, 0, areaLength);
            byte[] last = new byte[1];
            sourceLogs.volume().read(from, format.logSize() - 1, last, 0, 1);
            ensureFolder(target, copy.paths().logFolder());
            LogDirectory targetLogs = targetLogs(copy, group, target);
            String to = targetLogs.generationPath(generation);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            if (targetLogs.volume().exists(to)) {
                writes.add(targetLogs.volume().delete(to));
            }
            writes.add(targetLogs.volume().createFile(to));
            writes.add(targetLogs.volume().write(to, 0, area, 0, areaLength));
            writes.add(targetLogs.volume().write(to, format.logSize() - 1, last, 0, 1));
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        } catch (ExhaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void inspect(StorageGroupCopy copy, StorageGroup group, Host target, long generation) {
        LogDirectory targetLogs = targetLogs(copy, group, target);
        LogFile log;
        try {
            log = targetLogs.read(generation);
        } catch (ExhaException damaged) {
            inspectionFailed(copy, generation, damaged);
            targetLogs.volume().delete(targetLogs.generationPath(generation));
            return;
        }
        if (!log.signature().equals(copy.signature)) {
            inspectionFailed(copy, generation, new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Log file "
                    + log.name() + " belongs to another log stream (" + log.signature().display() + ") than the "
                    + "copy's database (" + copy.signature.display() + ")."));
            targetLogs.volume().delete(targetLogs.generationPath(generation));
            return;
        }
        String path = targetLogs.generationPath(generation);
        copy.inspected(generation, new StorageGroupCopy.InspectedLog(log, targetLogs.volume(), path,
                targetLogs.volume().mark(path)));
        copy.inspectionFailures = 0;
        copy.lastCopied = generation;
        copy.lastCopiedTime = log.header().created();
        copy.lastInspected = generation;
        copy.lastInspectedTime = log.header().created();
        copy.nextToCopy = generation + 1;
        journal(JournalEntry.Type.STATE_CHANGE, "copy.inspected", copy, Map.of("generation",
                Long.toString(generation)));
        progressed(copy);
    }

    private void inspectionFailed(StorageGroupCopy copy, long generation, ExhaException cause) {
        copy.inspectionFailures++;
        journal(JournalEntry.Type.EVENT_LOG, INSPECTION_FAILED, copy, Map.of("generation", Long.toString(generation),
                "attempt", Integer.toString(copy.inspectionFailures), "error", cause.getMessage()));
        if (copy.inspectionFailures > INSPECTION_RETRIES) {
            fail(copy, "Log file generation " + generation + " failed inspection " + copy.inspectionFailures
                    + " times and is irrecoverable: " + cause.getMessage() + " The copy must be reseeded with "
                    + "Update-StorageGroupCopy.");
        }
    }

    private void replayNext(StorageGroupCopy copy, StorageGroup group, Host target) {
        long generation = copy.lastReplayed + 1;
        long newestReplayable = copy.kind() == CopyKind.STANDBY ? copy.lastInspected - STANDBY_REPLAY_HOLD
                : copy.lastInspected;
        if (generation > newestReplayable) {
            return;
        }
        LogDirectory targetLogs = targetLogs(copy, group, target);
        LogFile log;
        try {
            log = inspectedOrRead(copy, targetLogs, generation);
        } catch (ExhaException damaged) {
            fail(copy, "Replay of generation " + generation + " failed: " + damaged.getMessage());
            return;
        }
        if (log.header().created().plus(copy.lags().replayLag()).isAfter(kernel.clock().instant())) {
            return;
        }
        int epoch = copy.epoch;
        copy.replaying = true;
        Duration time = scaled(StorageGroupStore.REPLAY_TIME_PER_MEGABYTE, targetLogs.format().logSize());
        kernel.scheduler().schedule(time, () -> {
            if (copy.epoch != epoch || !target.isRunning()) {
                if (copy.epoch == epoch) {
                    copy.replaying = false;
                }
                return;
            }
            CompletableFuture<?> replayed;
            try {
                WindowsPath edb = target.resolve(copy.paths().edbFile());
                if (generation == 1 && !edb.volume().exists(edb.path())) {
                    // Seeded from the logs: the first replayed log creates the database file.
                    ensureFolder(target, parentOf(copy.paths().edbFile()));
                    replayed = DatabaseFile.createByReplay(edb.volume(), edb.path(), databaseIdentity(group),
                            binaries(group, target), log);
                } else {
                    replayed = DatabaseFile.replayLog(edb.volume(), edb.path(), log, copy.replayCache);
                }
            } catch (ExhaException e) {
                replayed = CompletableFuture.failedFuture(e);
            }
            replayed.whenComplete((file, failure) -> {
                if (copy.epoch != epoch) {
                    return;
                }
                copy.replaying = false;
                if (failure != null) {
                    fail(copy, "Replay of generation " + generation + " failed: " + exha(failure).getMessage());
                    return;
                }
                copy.lastReplayed = generation;
                copy.lastReplayedTime = log.header().created();
                copy.replayedAt.addLast(new long[] {generation, kernel.scheduler().nowNanos()});
                progressed(copy);
                pump(copy);
            });
        });
    }

    /** The log as the inspector read it if its file is still the same, else read again (with the same checks). */
    private static LogFile inspectedOrRead(StorageGroupCopy copy, LogDirectory targetLogs, long generation) {
        StorageGroupCopy.InspectedLog known = copy.replaying(generation).orElse(null);
        String path = targetLogs.generationPath(generation);
        if (known != null && known.volume() == targetLogs.volume() && known.path().equals(path)
                && targetLogs.volume().unchangedSince(path, known.mark(), 0, Long.MAX_VALUE)) {
            return known.log();
        }
        return targetLogs.read(generation);
    }

    // A target log goes once it is replayed, gone on the source and TruncationLagTime has passed since its replay.
    private void truncateTarget(StorageGroupCopy copy, StorageGroup group, Host target, List<Long> sourceClosed,
            Optional<Host> source) {
        if (copy.replayedAt.isEmpty()) {
            return;
        }
        if (source.isEmpty()) {
            return;
        }
        List<Long> onSource = sourceClosed != null ? sourceClosed
                : sourceLogs(group, source.get()).closedGenerations();
        long lagNanos = copy.lags().truncationLag().toNanos();
        LogDirectory targetLogs = targetLogs(copy, group, target);
        while (!copy.replayedAt.isEmpty()) {
            long[] oldest = copy.replayedAt.peekFirst();
            if (onSource.contains(oldest[0])
                    || oldest[1] + lagNanos > kernel.scheduler().nowNanos()) {
                return;
            }
            copy.replayedAt.pollFirst();
            if (targetLogs.volume().exists(targetLogs.generationPath(oldest[0]))) {
                targetLogs.volume().delete(targetLogs.generationPath(oldest[0]));
            }
        }
    }

    private void fail(StorageGroupCopy copy, String message) {
        copy.failed = true;
        copy.failedMessage = message;
        copy.epoch++;
        copy.copying = false;
        copy.replaying = false;
        journal(JournalEntry.Type.EVENT_LOG, COPY_FAILED, copy, Map.of("message", message));
    }

    private void observeSource(StorageGroupCopy copy, StorageGroup group, Host source) {
        try {
            LogDirectory logs = sourceLogs(group, source);
            observe(copy, logs, logs.closedGenerations());
        } catch (ExhaException unreadable) {
            // The status keeps what was seen last.
        }
    }

    private void observe(StorageGroupCopy copy, LogDirectory sourceLogs, List<Long> closed) {
        if (closed.isEmpty() || closed.get(closed.size() - 1) == copy.latestAvailable) {
            return;
        }
        long newest = closed.get(closed.size() - 1);
        copy.latestAvailable = newest;
        copy.latestAvailableTime = LogFile.readHeader(sourceLogs.volume(), sourceLogs.generationPath(newest))
                .map(LogHeader::created).orElse(null);
        if (copy.seeded) {
            progressed(copy);
        }
    }

    // ---- where things are -----------------------------------------------------------------------------------------

    /**
     * The host the storage group's source files are on: the stand-alone server's host or the CMS's active node.
     * Empty when a CMS has no owner node.
     */
    public Optional<Host> sourceHost(StorageGroup group) {
        ExchangeServer server = directory.server(group.server());
        if (server.isClustered()) {
            return clusteredServers.activeNode(server).map(datacenter::host);
        }
        return server.host().map(datacenter::host);
    }

    /**
     * CCR and SCR copies live at the storage group's own paths (DOMAIN.md §2), so when the paths change in Active
     * Directory ({@code Move-StorageGroupPath} / {@code Move-DatabasePath -ConfigurationOnly}, seed 004) the service
     * looks for the copy's files at the new ones from then on; moving the files there is the administrator's job.
     * LCR copies keep the paths they were enabled with.
     */
    private void followConfiguredPaths(StorageGroupCopy copy, StorageGroup group) {
        if (copy.kind() == CopyKind.LOCAL) {
            return;
        }
        CopyPaths old = copy.paths();
        List<MailboxDatabase> databases = directory.databases(group.identity());
        String edbFile = databases.isEmpty() ? old.edbFile() : databases.get(0).edbFilePath();
        // Compared before building anything: the poll asks every second and the paths almost never change.
        if (!old.logFolder().equals(group.logFolderPath()) || !old.systemFolder().equals(group.systemFolderPath())
                || !old.edbFile().equals(edbFile)) {
            CopyPaths configured = new CopyPaths(group.logFolderPath(), group.systemFolderPath(), edbFile);
            copy.paths(configured);
            journal(JournalEntry.Type.STATE_CHANGE, "copy.paths-changed", copy, Map.of("logFolder",
                    configured.logFolder(), "edbFile", configured.edbFile(), "oldLogFolder", old.logFolder(),
                    "oldEdbFile", old.edbFile()));
        }
    }

    private boolean reaches(Host source, Host target) {
        return source.name().equalsIgnoreCase(target.name()) || connectivity.reachesOnAnyNetwork(source, target);
    }

    private static LogDirectory sourceLogs(StorageGroup group, Host source) {
        return LogDirectory.on(source, group.logFolderPath(), new LogPrefix(group.logFilePrefix()),
                LogFormat.EXCHANGE_2007);
    }

    private static LogDirectory targetLogs(StorageGroupCopy copy, StorageGroup group, Host target) {
        return LogDirectory.on(target, copy.paths().logFolder(), new LogPrefix(group.logFilePrefix()),
                LogFormat.EXCHANGE_2007);
    }

    /**
     * The rules every replicated storage group follows (DOMAIN.md §2).
     *
     * @throws ExhaException {@code NOT_REPLICABLE} for a recovery storage group, circular logging on, more than one
     *     database, or an Exchange 2003 server
     */
    public void requireReplicable(StorageGroup group) {
        if (group.recovery()) {
            throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Storage group '" + group.identity()
                    + "' is a recovery storage group. Recovery storage groups cannot be replicated.");
        }
        if (group.circularLoggingEnabled()) {
            throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Continuous replication cannot be enabled "
                    + "on storage group '" + group.identity() + "' because circular logging is enabled. Disable "
                    + "circular logging first.");
        }
        if (directory.databases(group.identity()).size() > 1) {
            throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Storage group '" + group.identity()
                    + "' contains more than one database. A storage group enabled for continuous replication can "
                    + "contain only one database.");
        }
        ExchangeServer server = directory.server(group.server());
        if (server.version() != io.github.exha.exchange.config.ExchangeVersion.EXCHANGE_2007) {
            throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Server '" + server.name() + "' runs "
                    + server.build().displayVersion() + "; continuous replication needs Exchange 2007.");
        }
    }

    private MailboxDatabase onlyDatabase(StorageGroup group) {
        List<MailboxDatabase> databases = directory.databases(group.identity());
        if (databases.size() != 1) {
            throw new ExhaException(ReplicationErrorCode.SEEDING_REFUSED, "Storage group '" + group.identity()
                    + "' has " + databases.size() + " databases; seeding needs exactly one.");
        }
        return databases.get(0);
    }

    // ---- small things ---------------------------------------------------------------------------------------------

    private static void ensureFolder(Host host, String windowsFolder) {
        WindowsPath path = host.resolve(windowsFolder);
        if (!path.volume().isDirectory(path.path())) {
            host.createDirectory(windowsFolder);
        }
    }

    private static void deleteIfPresent(Host host, String windowsPath, List<CompletableFuture<Void>> writes) {
        WindowsPath path = host.resolve(windowsPath);
        if (path.volume().exists(path.path())) {
            writes.add(path.volume().delete(path.path()));
        }
    }

    private static byte[] readAll(Volume volume, String path) {
        long size = volume.size(path);
        byte[] bytes = new byte[Math.toIntExact(size)];
        volume.read(path, 0, bytes, 0, bytes.length);
        return bytes;
    }

    private static String folderPath(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    private static String parentOf(String windowsPath) {
        int at = windowsPath.lastIndexOf('\\');
        return at <= 2 ? windowsPath.substring(0, 3) : windowsPath.substring(0, at);
    }


    private static Duration scaled(Duration perMegabyte, long bytes) {
        return Duration.ofNanos(perMegabyte.toNanos() * bytes / MEGABYTE);
    }

    /**
     * The refusal of a cmdlet that must reach the Replication service on {@code machine}, which is not running: the
     * RPC call fails with 1722, as Enable- and Restore-StorageGroupCopy fail against a standby machine that is down.
     */
    static ExhaException unreachable(Host machine) {
        return new ExhaException(ReplicationErrorCode.SERVICE_UNREACHABLE, "The Microsoft Exchange Replication "
                + "service on '" + machine.name() + "' cannot be reached: The RPC server is unavailable.",
                NativeCode.win32(1722));
    }

    private static ExhaException exha(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof ExhaException e ? e : new ExhaException(ReplicationErrorCode.NOT_REPLICABLE,
                String.valueOf(cause.getMessage()));
    }

    private Operation<Void> done(String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.complete(null);
        return operation;
    }

    private void journal(JournalEntry.Type type, String name, StorageGroupCopy copy, Map<String, String> more) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", copy.storageGroupIdentity());
        attributes.put("target", copy.targetMachine());
        attributes.putAll(new java.util.TreeMap<>(more));
        kernel.journal().append(type, SOURCE, name, attributes);
    }

    private static String key(StorageGroup group, String targetMachine) {
        return group.guid() + "|" + targetMachine.toLowerCase(Locale.ROOT);
    }
}
