package io.github.exha.exchange.store;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The store of one storage group on one host: its log stream written as real files on the host's volumes, its
 * checkpoint file, and its databases. It follows ESE's write-ahead logging:
 *
 * <ul>
 *   <li><b>Acknowledgement.</b> A delivery appends a record to the log buffer; the buffer is written to {@code E00.log}
 *       one {@link StorageGroupSettings#logWriteLatency() log write latency} after its first record (group commit),
 *       and a delivery completes only when the volume acknowledged that write: durable. A crash before that loses
 *       the record and fails the delivery.</li>
 *   <li><b>Log roll.</b> When a message does not fit the current log (its logical size consumes log space; a message
 *       larger than a log spills over whole logs), the current log is closed: {@code E00tmp.log} gets the next
 *       generation's header and becomes {@code E00.log}, the old {@code E00.log} is renamed to its generation's name,
 *       and a new {@code E00tmp.log} is created.</li>
 *   <li><b>Database writes lag the log.</b> A database file receives the messages of a generation only once the
 *       stream is {@link StorageGroupSettings#lostLogResilienceDepth() lost log resilience depth} generations past it
 *       (at each roll); its header then says which generations it still requires, and the checkpoint file advances
 *       after the database writes are durable. CHOICE: pages are flushed at each roll, so the checkpoint depth equals
 *       the lost log resilience depth (ESE's 20 MB checkpoint depth target is not modelled).</li>
 *   <li><b>Recovery.</b> Mounting a database in Dirty Shutdown replays its required logs onwards; the instance starts
 *       a new generation after opening a stream whose current log holds records (CHOICE).</li>
 *   <li><b>Log disk full.</b> When the next log cannot be created (free space counted as Windows would, see
 *       {@link LogDirectory#logicalFreeBytes(Volume)}), a reserve log takes its place, ESE event 428 is logged and every
 *       database of the storage group is dismounted cleanly; deliveries fail with -529.</li>
 *   <li><b>Crash.</b> When the host crashes, the instance ends at once: what is on the volumes stays (headers in Dirty
 *       Shutdown), deliveries not yet durable fail. Mount afterwards recovers.</li>
 *   <li><b>Orderly shutdown.</b> When the host shuts down or restarts, Windows stops the Information Store before it
 *       dismounts the volumes: every database shuts down cleanly at once.</li>
 * </ul>
 *
 * Refusals are thrown before anything changes. An I/O failure on the way (the log volume disappears) stops the
 * instance as a crash would, failing what is pending with {@code LOG_WRITE_FAILED} (-510).
 */
public final class StorageGroupStore {
    /** CHOICE: recovery replays 1 MB of log in 200 ms (0.2 s per 2007 log, 1 s per 2003 log). */
    public static final Duration REPLAY_TIME_PER_MEGABYTE = Duration.ofMillis(200);

    private final Kernel kernel;
    private final Host host;
    private StorageGroupSettings settings;
    private final Map<UUID, StoreDatabase> databases = new LinkedHashMap<>();
    /** Mount, dismount, backup and restore operations not done yet: an instance stop fails them. */
    private final Set<Operation<?>> open = new LinkedHashSet<>();
    private final Map<StoreDatabase, Operation<Void>> mounting = new HashMap<>();
    private final Map<StoreDatabase, Timer> mountTimers = new HashMap<>();
    /** Dismount operations waiting for a database's clean shutdown. */
    private final Map<StoreDatabase, List<Operation<Void>>> dismounting = new HashMap<>();

    // The running instance. A stop bumps the epoch, so callbacks of an earlier run do nothing.
    private boolean running;
    private int epoch;
    private LogSignature signature;
    private long generation;
    private long writeOffset;
    private long logicalUsed;
    private boolean currentHasRecords;
    private long checkpoint;
    private long nextSequence = 1;
    private final List<Pending> buffer = new ArrayList<>();
    private int bufferedBytes;
    /** Records logged but not acknowledged, by sequence: the buffer, then the writes in flight. */
    private final LinkedHashMap<Long, Pending> unacknowledged = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Timer flushTimer;
    private Timer idleTimer;
    private boolean backupRunning;

    /** A record in the log buffer or in flight, and the delivery waiting for it. */
    private record Pending(long sequence, MessageRecord record, byte[] bytes, long generation, StoreDatabase database,
            Operation<Void> ack) {
    }

    /** Something to run once every record up to {@code sequence} is acknowledged. */
    private record Waiter(long sequence, Runnable action) {
    }

    /** How the instance opens its log stream. */
    private enum StreamKind {
        /** No log at all: a new stream with a new signature, from generation 1. */
        NEW,
        /** {@code E00.log} is there. */
        EXISTING,
        /** A roll was cut between renaming {@code E00.log} and {@code E00tmp.log}: finish it. */
        INTERRUPTED_ROLL
    }

    /** What starting the instance will do, checked before anything is written. */
    private record StreamPlan(StreamKind kind, LogFile current, boolean temporaryExists, List<String> missingReserves,
            boolean startRoll) {
    }

    /** What mounting a database will do. */
    // recreated: the file is missing and recovery rebuilds it from the logs, which start at generation 1
    private record MountPlan(StreamPlan stream, DatabaseFile file, List<LogFile> replay, boolean recreated) {
    }

    /**
     * The store of a storage group on {@code host}. Nothing is read or written until a database mounts; the store
     * stops its instance whenever the host leaves the ON state.
     */
    public StorageGroupStore(Kernel kernel, Host host, StorageGroupSettings settings) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.host = Objects.requireNonNull(host, "host");
        this.settings = Objects.requireNonNull(settings, "settings");
        host.onPowerTransition(transition -> {
            String reason = "host " + host.name() + " is " + transition.to().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ');
            switch (transition.to()) {
                case SHUTTING_DOWN -> stopForShutdown(reason);
                case CRASHED, OFF, BOOTING -> terminate(reason, null);
                case ON -> {
                    // Exchange mounts its databases when told to (the cluster resource or the administrator).
                }
            }
        });
    }

    // ---- configuration ------------------------------------------------------------------------------------------

    /** The host. */
    public Host host() {
        return host;
    }

    /** The settings. */
    public StorageGroupSettings settings() {
        return settings;
    }

    /**
     * Changes the settings (paths, circular logging, binaries after an upgrade...), as Exchange requires, with every
     * database dismounted.
     *
     * @throws ExhaException {@code DATABASE_MOUNTED} while a database is attached
     */
    public void reconfigure(StorageGroupSettings newSettings) {
        Objects.requireNonNull(newSettings, "newSettings");
        for (StoreDatabase database : databases.values()) {
            database.requireDismounted("change the settings of storage group " + settings.name());
        }
        settings = newSettings;
    }

    /**
     * Adds a database whose file is (or will be) at {@code edbPath}.
     *
     * @throws ExhaException {@code UNKNOWN_DATABASE} when the storage group has a database with that GUID;
     *     {@code INVALID_ARGUMENT} for a path that is not a full Windows path
     */
    public StoreDatabase addDatabase(DatabaseIdentity identity, String edbPath) {
        Objects.requireNonNull(identity, "identity");
        if (databases.containsKey(identity.guid())) {
            throw new ExhaException(StoreErrorCode.UNKNOWN_DATABASE, "The storage group " + settings.name()
                    + " already has a database with GUID " + identity.guid() + ".");
        }
        StoreDatabase database = new StoreDatabase(this, identity, edbPath);
        databases.put(identity.guid(), database);
        return database;
    }

    /** The databases, in the order they were added. */
    public List<StoreDatabase> databases() {
        return List.copyOf(databases.values());
    }

    /** The database with GUID {@code guid}, if the storage group has it. */
    public Optional<StoreDatabase> findDatabase(UUID guid) {
        return Optional.ofNullable(databases.get(guid));
    }

    /**
     * The database with GUID {@code guid}.
     *
     * @throws ExhaException {@code UNKNOWN_DATABASE} when there is none
     */
    public StoreDatabase database(UUID guid) {
        StoreDatabase database = databases.get(guid);
        if (database == null) {
            throw new ExhaException(StoreErrorCode.UNKNOWN_DATABASE, "The storage group " + settings.name()
                    + " has no database with GUID " + guid + ".");
        }
        return database;
    }

    // ---- state --------------------------------------------------------------------------------------------------

    /** Whether the instance runs: its log stream is open (some database is attached). */
    public boolean isRunning() {
        return running;
    }

    /** The generation of {@code E00.log} while running; 0 otherwise. */
    public long currentGeneration() {
        return running ? generation : 0;
    }

    /** The checkpoint generation last written while running; 0 otherwise. */
    public long checkpointGeneration() {
        return running ? checkpoint : 0;
    }

    /** The log stream's signature while running. */
    public Optional<LogSignature> logSignature() {
        return running ? Optional.of(signature) : Optional.empty();
    }

    /**
     * The log folder on the host.
     *
     * @throws ExhaException the path errors of {@link Host#resolve(String)} (host down, drive missing)
     */
    public LogDirectory logDirectory() {
        WindowsPath folder = resolve(settings.logFolder());
        return new LogDirectory(folder.volume(), folder.path(), settings.prefix(), settings.format());
    }

    /**
     * The checkpoint file's Windows path.
     */
    public String checkpointPath() {
        String folder = settings.systemFolder();
        return (folder.endsWith("\\") ? folder : folder + "\\") + settings.format().checkpointName(settings.prefix());
    }

    // ---- mount ----------------------------------------------------------------------------------------------------

    Operation<Void> mount(StoreDatabase database, boolean allowFileRestore) {
        switch (database.state()) {
            case MOUNTED:
                return done("mount " + database.identity().name());
            case MOUNTING:
            case DISMOUNTING:
                throw new ExhaException(StoreErrorCode.DATABASE_MOUNTED, "The database " + database.identity().name()
                        + " is " + database.state() + "; wait for it to finish.");
            case DISMOUNTED:
                break;
        }
        MountPlan plan;
        try {
            plan = planMount(database, allowFileRestore);
        } catch (ExhaException e) {
            startFailed(database, e);
            throw e;
        }
        return applyMount(database, plan, allowFileRestore);
    }

    private MountPlan planMount(StoreDatabase database, boolean allowFileRestore) {
        DatabaseIdentity identity = database.identity();
        WindowsPath edb = resolve(database.path());
        DatabaseFile file = edb.volume().exists(edb.path()) ? DatabaseFile.read(edb.volume(), edb.path()) : null;
        if (file != null) {
            DatabaseHeader header = file.header();
            if (!header.owner().equals(identity) && !allowFileRestore) {
                throw new ExhaException(StoreErrorCode.FOREIGN_DATABASE_FILES, "The database file " + database.path()
                        + " belongs to database " + header.owner() + ", not to " + identity + ". Set \"This database"
                        + " can be overwritten by a restore\" (Set-MailboxDatabase -AllowFileRestore:$true) to mount it.");
            }
            if (header.version().isNewerThan(settings.binaries())) {
                throw EseError.INVALID_DATABASE_VERSION.exception("The database file " + database.path()
                        + " is stamped with ESE version " + header.version() + ", newer than this server's "
                        + settings.binaries());
            }
        }
        StreamPlan stream = running ? null : planStream();
        boolean recreated = false;
        if (file == null) {
            Optional<DatabaseHeader> fromLogs = attachedInLogs(database, stream);
            if (fromLogs.isPresent()) {
                file = new DatabaseFile(fromLogs.get(), List.of());
                recreated = true;
            }
        }
        List<LogFile> replay = List.of();
        if (file != null && file.header().state() == DatabaseState.DIRTY_SHUTDOWN) {
            replay = planReplay(database, file.header(), stream);
        }
        return new MountPlan(stream, file, replay, recreated);
    }

    /**
     * A database whose file is missing although the log stream holds its changes (an SCR copy activated before its
     * 50-log hold let replay create the file): when the stream still starts at generation 1, recovery recreates the
     * file from the logs, as ESE replays the database's creation; otherwise it fails with -1216. Empty when the logs
     * hold nothing of the database: a new database is created.
     */
    private Optional<DatabaseHeader> attachedInLogs(StoreDatabase database, StreamPlan stream) {
        LogDirectory directory = logDirectory();
        if (!directory.exists()) {
            return Optional.empty();
        }
        List<LogFile> logs = new ArrayList<>();
        for (long g : directory.closedGenerations()) {
            logs.add(directory.read(g));
        }
        if (running) {
            logs.add(directory.readCurrent());
        } else if (stream != null && stream.current() != null) {
            logs.add(stream.current());
        }
        UUID guid = database.identity().guid();
        if (logs.stream().noneMatch(log -> !log.records(guid).isEmpty())) {
            return Optional.empty();
        }
        LogFile first = logs.get(0);
        long current = logs.get(logs.size() - 1).generation();
        if (first.generation() != 1) {
            throw EseError.ATTACHED_DATABASE_MISMATCH.exception("The database file " + database.path() + " is missing "
                    + "and the logs in " + settings.logFolder() + " hold its changes from "
                    + settings.format().generationName(settings.prefix(), first.generation()) + " on, not from the "
                    + "first generation: recovery cannot recreate it");
        }
        return Optional.of(new DatabaseHeader(DatabaseState.DIRTY_SHUTDOWN, new LogRange(1, current),
                settings.binaries(), database.identity(), first.signature()));
    }

    private StreamPlan planStream() {
        LogDirectory directory = logDirectory();
        Volume volume = directory.volume();
        boolean folder = directory.exists();
        boolean hasCurrent = folder && volume.exists(directory.currentPath());
        boolean hasTemporary = folder && volume.exists(directory.temporaryPath());
        List<Long> closed = directory.closedGenerations();
        StreamKind kind;
        LogFile current = null;
        if (hasCurrent) {
            current = LogFile.read(volume, directory.currentPath());
            kind = StreamKind.EXISTING;
        } else if (closed.isEmpty()) {
            kind = StreamKind.NEW;
        } else {
            long last = closed.get(closed.size() - 1);
            Optional<LogHeader> next = hasTemporary ? LogFile.readHeader(volume, directory.temporaryPath())
                    : Optional.empty();
            // Only a roll writes a generation into E00tmp.log, just before renaming E00.log away: a tmp log holding
            // the next generation of the same stream means the cut fell between the two renames.
            if (next.isPresent() && next.get().generation() == last + 1
                    && next.get().signature().equals(directory.read(last).signature())) {
                current = LogFile.read(volume, directory.temporaryPath());
                kind = StreamKind.INTERRUPTED_ROLL;
            } else {
                throw EseError.MISSING_LOG_FILE.exception("The current log file " + windows(directory.currentPath()) + " is missing while the log folder holds "
                        + settings.format().generationName(settings.prefix(), closed.get(0)) + " to "
                        + settings.format().generationName(settings.prefix(), last));
            }
        }
        if (current != null) {
            checkCheckpoint(current.signature());
        }
        List<String> missingReserves = new ArrayList<>();
        for (String reserve : directory.reservePaths()) {
            if (!folder || !volume.exists(reserve)) {
                missingReserves.add(reserve);
            }
        }
        boolean temporaryExists = hasTemporary && kind != StreamKind.INTERRUPTED_ROLL;
        boolean startRoll = current != null && !current.records().isEmpty();
        int newLogs = missingReserves.size() + (kind == StreamKind.NEW ? 1 : 0) + (temporaryExists ? 0 : 1)
                + (startRoll ? 1 : 0);
        long free = LogDirectory.logicalFreeBytes(volume);
        if (free < newLogs * settings.format().logSize()) {
            throw EseError.LOG_DISK_FULL.exception("The log disk " + windows("\\") + " has " + free
                    + " bytes free; starting the log stream of " + settings.name() + " needs " + newLogs
                    + " new log files of " + settings.format().logSize() + " bytes");
        }
        return new StreamPlan(kind, current, temporaryExists, List.copyOf(missingReserves), startRoll);
    }

    private void checkCheckpoint(LogSignature streamSignature) {
        WindowsPath checkpointFile = resolve(checkpointPath());
        if (checkpointFile.volume().exists(checkpointFile.path())) {
            CheckpointFile file = CheckpointFile.read(checkpointFile.volume(), checkpointFile.path());
            if (!file.signature().equals(streamSignature)) {
                throw EseError.BAD_CHECKPOINT_SIGNATURE.exception("The checkpoint file " + checkpointPath()
                        + " (" + file.signature().display() + ") belongs to another log stream than "
                        + settings.format().currentName(settings.prefix()) + " (" + streamSignature.display() + ")");
            }
        }
    }

    private List<LogFile> planReplay(StoreDatabase database, DatabaseHeader header, StreamPlan stream) {
        LogRange range = header.logRequired();
        LogDirectory directory = logDirectory();
        long current;
        LogFile currentLog;
        if (running) {
            current = generation;
            currentLog = null;
        } else if (stream.kind() == StreamKind.NEW) {
            current = 0;
            currentLog = null;
        } else {
            current = stream.current().generation();
            currentLog = stream.current();
        }
        String who = "The database " + database.path() + " (Dirty Shutdown, Log Required: " + range + ")";
        if (current == 0 || range.low() > current || range.high() > current) {
            long missing = current == 0 || range.low() > current ? range.low() : current + 1;
            throw EseError.REQUIRED_LOG_FILES_MISSING.exception(who + " needs "
                    + settings.format().generationName(settings.prefix(), missing) + ", which is not in "
                    + settings.logFolder());
        }
        List<LogFile> logs = new ArrayList<>();
        for (long g = range.low(); g <= current; g++) {
            LogFile log;
            if (g == current) {
                log = currentLog != null ? currentLog : directory.readCurrent();
            } else {
                String path = directory.generationPath(g);
                if (!directory.volume().exists(path)) {
                    throw EseError.REQUIRED_LOG_FILES_MISSING.exception(who + " needs " + windows(path)
                            + ", which is missing");
                }
                log = LogFile.read(directory.volume(), path);
            }
            if (!log.signature().equals(header.logSignature())) {
                throw EseError.BAD_LOG_SIGNATURE.exception("The log file " + log.name() + " (" + log.signature()
                        .display() + ") belongs to another log stream than " + who + " (" + header.logSignature()
                        .display() + ")");
            }
            logs.add(log);
        }
        return logs;
    }

    private Operation<Void> applyMount(StoreDatabase database, MountPlan plan, boolean allowFileRestore) {
        DatabaseIdentity identity = database.identity();
        Operation<Void> operation = track(kernel.operations().create("mount " + identity.name()));
        try {
            if (!running) {
                startInstance(plan.stream());
            }
            WindowsPath edb = resolve(database.path());
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            DatabaseHeader old = plan.file() == null ? null : plan.file().header();
            EseVersion version = old == null || settings.binaries().isNewerThan(old.version()) ? settings.binaries()
                    : old.version();
            if (old == null) {
                ensureFolder(edb.volume(), parentOf(edb.path()));
                writes.add(DatabaseFile.create(edb.volume(), edb.path(), new DatabaseHeader(DatabaseState.JUST_CREATED,
                        LogRange.NONE, version, identity, signature)));
            } else if (plan.recreated()) {
                ensureFolder(edb.volume(), parentOf(edb.path()));
                writes.add(DatabaseFile.create(edb.volume(), edb.path(), old));
                note(StoreEvents.DATABASE_RECREATED, Map.of("database", identity.name(), "logs", old.logRequired()
                        .toString()));
            } else {
                if (!old.owner().equals(identity)) {
                    note(StoreEvents.DATABASE_RESTAMPED, Map.of("database", identity.name(), "previousOwner",
                            old.owner().toString(), "allowFileRestore", Boolean.toString(allowFileRestore)));
                }
                if (!version.equals(old.version())) {
                    note(StoreEvents.DATABASE_UPGRADED, Map.of("database", identity.name(), "from",
                            old.version().toString(), "to", version.toString()));
                }
            }
            DatabaseHeader attached = new DatabaseHeader(DatabaseState.DIRTY_SHUTDOWN,
                    new LogRange(generation, generation), version, identity, signature);
            writes.add(DatabaseFile.writeHeader(edb.volume(), edb.path(), attached));
            List<MessageRecord> inFile = plan.file() == null ? List.of() : plan.file().records();
            database.attach(inFile, attached);
            // Database portability: a file restamped for this database (AllowFileRestore) replays the records its
            // logs hold for the database that owned it, as ESE replays a stream into the files it names (found by the
            // SAN chaos test: a SYNC replica mounted at DR lost the acknowledged mail of its current log).
            Set<UUID> owners = old == null || old.owner().equals(identity) ? Set.of(identity.guid())
                    : Set.of(identity.guid(), old.owner().guid());
            replay(database, plan, inFile, owners);
            stateChange(database, MountState.MOUNTING, "mount");
            mounting.put(database, operation);
            writes.addAll(flushDatabases());
            long megabytes = plan.replay().size() * (settings.format().logSize() >> 20);
            Duration replayTime = REPLAY_TIME_PER_MEGABYTE.multipliedBy(megabytes);
            operation.waitingFor("recovery and the database header writes of " + identity.name());
            whenDurable(writes, operation, () -> {
                Timer timer = kernel.scheduler().schedule(replayTime, () -> {
                    mountTimers.remove(database);
                    mounting.remove(database);
                    if (operation.isDone()) {
                        return;
                    }
                    stateChange(database, MountState.MOUNTED, "mount");
                    eventLog(StoreEvents.MSEXCHANGEIS, StoreEvents.DATABASE_STARTED, "The database \""
                            + identity.name() + "\" was started.", Map.of("database", identity.name()));
                    complete(operation, null);
                });
                mountTimers.put(database, timer);
            });
        } catch (ExhaException e) {
            // Only I/O failures reach here (the plan checked the rest); the instance was stopped.
            startFailed(database, e);
            fail(operation, e);
        }
        return operation;
    }

    private void replay(StoreDatabase database, MountPlan plan, List<MessageRecord> inFile,
            Set<UUID> owners) {
        if (plan.replay().isEmpty()) {
            return;
        }
        Set<Long> held = new java.util.HashSet<>();
        inFile.forEach(record -> held.add(record.messageId()));
        String prefix = StoreEvents.MSEXCHANGEIS + " " + settings.name() + ": ";
        eventLog(StoreEvents.ESE, StoreEvents.RECOVERY_STARTED, prefix
                + "The database engine is initiating recovery steps.", Map.of("database", database.identity().name()));
        int replayed = 0;
        for (LogFile log : plan.replay()) {
            eventLog(StoreEvents.ESE, StoreEvents.RECOVERY_REPLAYING, prefix
                    + "The database engine has begun replaying logfile " + settings.logFolder() + "\\" + log.name()
                    + ".", Map.of("generation", Long.toString(log.generation())));
            for (MessageRecord record : log.records()) {
                if (!owners.contains(record.database())) {
                    continue;
                }
                if (database.replayed(record, log.generation(), held.contains(record.messageId()))) {
                    replayed++;
                }
            }
        }
        eventLog(StoreEvents.ESE, StoreEvents.RECOVERY_COMPLETED, prefix
                + "The database engine has successfully completed recovery steps.", Map.of("database",
                database.identity().name(), "logs", Integer.toString(plan.replay().size()), "recordsReplayed",
                Integer.toString(replayed)));
    }

    private void startInstance(StreamPlan plan) {
        LogDirectory directory = logDirectory();
        Volume volume = directory.volume();
        Instant now = kernel.clock().instant();
        ensureFolder(volume, directory.folder());
        WindowsPath system = resolve(settings.systemFolder());
        ensureFolder(system.volume(), system.path());
        epoch++;
        switch (plan.kind()) {
            case NEW -> {
                signature = LogSignature.draw(kernel.streams().stream("exchange.store.log-signature:" + host.name()
                        + ":" + settings.name()), now);
                LogFile first = LogFile.of(settings.format().currentName(settings.prefix()),
                        new LogHeader(settings.format(), settings.prefix(), 1, signature, now), List.of());
                watch(first.writeTo(volume, directory.currentPath()));
                generation = 1;
                writeOffset = LogFile.HEADER_BYTES;
                currentHasRecords = false;
            }
            case INTERRUPTED_ROLL -> {
                watch(volume.rename(directory.temporaryPath(), directory.currentPath()));
                open(plan.current());
            }
            case EXISTING -> open(plan.current());
        }
        logicalUsed = 0;
        if (!plan.temporaryExists()) {
            watch(LogFile.createBlank(volume, directory.temporaryPath(), settings.format(), settings.prefix()));
        }
        for (String reserve : plan.missingReserves()) {
            watch(LogFile.createBlank(volume, reserve, settings.format(), settings.prefix()));
        }
        running = true;
        checkpoint = 0;
        journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.INSTANCE_STARTED, Map.of("generation",
                Long.toString(generation), "logSignature", signature.display(), "stream", plan.kind().name()));
        if (plan.startRoll()) {
            roll();
        }
    }

    private void open(LogFile current) {
        signature = current.signature();
        generation = current.generation();
        writeOffset = current.endOffset();
        currentHasRecords = !current.records().isEmpty();
    }

    private void startFailed(StoreDatabase database, ExhaException e) {
        if (!host.isRunning()) {
            return;
        }
        String error = e.nativeCode().map(code -> String.format(Locale.ROOT, "0x%08x", (int) code.number()))
                .orElse(e.code().id());
        eventLog(StoreEvents.MSEXCHANGEIS, StoreEvents.DATABASE_START_FAILED, "Error " + error + " starting database \""
                + database.identity().name() + "\" on the Microsoft Exchange Information Store. " + e.getMessage(),
                Map.of("database", database.identity().name(), "error", e.nativeCode().map(NativeCode::display)
                        .orElse(e.code().id())));
    }

    // ---- dismount ----------------------------------------------------------------------------------------------

    Operation<Void> dismount(StoreDatabase database) {
        switch (database.state()) {
            case DISMOUNTED:
                return done("dismount " + database.identity().name());
            case MOUNTING:
                throw new ExhaException(StoreErrorCode.DATABASE_MOUNTED, "The database " + database.identity().name()
                        + " is being mounted; wait for the mount to finish.");
            case DISMOUNTING:
            case MOUNTED:
                break;
        }
        Operation<Void> operation = track(kernel.operations().create("dismount " + database.identity().name()));
        operation.waitingFor("the clean shutdown of " + database.identity().name());
        if (database.state() == MountState.DISMOUNTING) {
            // Joins the shutdown under way (a log-disk-full take-down, for example).
            dismounting.computeIfAbsent(database, d -> new ArrayList<>()).add(operation);
            return operation;
        }
        try {
            takeOffline(database, "dismount", operation);
        } catch (ExhaException e) {
            fail(operation, e);
        }
        return operation;
    }

    /** Starts a clean shutdown of an attached database; {@code operation} (may be null) completes when durable. */
    private void takeOffline(StoreDatabase database, String reason, Operation<Void> operation) {
        if (operation != null) {
            dismounting.computeIfAbsent(database, d -> new ArrayList<>()).add(operation);
        }
        Timer timer = mountTimers.remove(database);
        if (timer != null) {
            timer.cancel();
        }
        Operation<Void> mount = mounting.remove(database);
        if (mount != null && !mount.isDone()) {
            fail(mount, new ExhaException(StoreErrorCode.DATABASE_NOT_MOUNTED, "The database "
                    + database.identity().name() + " went offline while mounting: " + reason));
        }
        stateChange(database, MountState.DISMOUNTING, reason);
        whenLogged(() -> finishDismount(database, reason));
    }

    private void finishDismount(StoreDatabase database, String reason) {
        if (database.state() != MountState.DISMOUNTING) {
            return;
        }
        List<Operation<Void>> operations = dismounting.getOrDefault(database, List.of());
        dismounting.remove(database);
        List<CompletableFuture<Void>> writes;
        try {
            writes = new ArrayList<>(database.shutDownClean());
        } catch (ExhaException e) {
            ExhaException failure = ioFailure("writing the database file " + database.path(), e);
            operations.forEach(operation -> fail(operation, failure));
            return;
        }
        journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.DATABASE_STATE, Map.of("database",
                database.identity().name(), "from", MountState.DISMOUNTING.name(), "to", MountState.DISMOUNTED.name(),
                "reason", reason));
        eventLog(StoreEvents.MSEXCHANGEIS, StoreEvents.DATABASE_STOPPED, "The database \"" + database.identity().name()
                + "\" was stopped.", Map.of("database", database.identity().name(), "reason", reason));
        if (databases.values().stream().noneMatch(StoreDatabase::isAttached)) {
            stopInstance(reason, writes);
        } else {
            long target = computeCheckpoint();
            if (target != checkpoint) {
                checkpoint = target;
                afterDurable(writes, () -> writeCheckpoint(target));
            }
        }
        for (Operation<Void> operation : operations) {
            whenDurable(writes, operation, () -> complete(operation, null));
        }
    }

    /** Stops the instance cleanly once the last database is detached: everything is in the database files. */
    private void stopInstance(String reason, List<CompletableFuture<Void>> writes) {
        cancelTimers();
        long target = generation;
        checkpoint = target;
        afterDurable(writes, () -> writeCheckpoint(target));
        running = false;
        journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.INSTANCE_STOPPED, Map.of("reason", reason, "clean",
                "true", "generation", Long.toString(generation)));
    }

    // ---- delivery and the log ------------------------------------------------------------------------------------

    Operation<Void> deliver(StoreDatabase database, MessageRecord record) {
        Operation<Void> operation = kernel.operations().create("deliver message " + record.messageId() + " to "
                + database.identity().name());
        if (database.state() != MountState.MOUNTED) {
            operation.fail(new ExhaException(StoreErrorCode.DATABASE_NOT_MOUNTED, "The database "
                    + database.identity().name() + " is not mounted (" + database.state() + ")."));
            return operation;
        }
        operation.waitingFor("its log record to be durable in " + settings.logFolder());
        try {
            append(database, record, operation);
        } catch (ExhaException e) {
            if (!operation.isDone()) {
                operation.fail(e);
            }
        }
        return operation;
    }

    private void append(StoreDatabase database, MessageRecord record, Operation<Void> operation) {
        byte[] bytes = record.encode();
        long consume = record.logicalSize() + bytes.length;
        long capacity = settings.format().logSize() - LogFile.HEADER_BYTES;
        long areaEnd = settings.format().recordAreaEnd();
        while (true) {
            boolean fitsArea = writeOffset + bufferedBytes + bytes.length <= areaEnd;
            long room = capacity - logicalUsed;
            if (fitsArea && consume <= room) {
                break;
            }
            if (fitsArea) {
                // The message's data fills the rest of this log and goes on in the next one(s).
                consume -= room;
                logicalUsed = capacity;
            }
            roll();
        }
        logicalUsed += consume;
        Pending pending = new Pending(nextSequence++, record, bytes, generation, database, operation);
        buffer.add(pending);
        bufferedBytes += bytes.length;
        unacknowledged.put(pending.sequence(), pending);
        if (settings.logWriteLatency().isZero()) {
            flushBuffer();
        } else if (flushTimer == null) {
            int at = epoch;
            flushTimer = kernel.scheduler().schedule(settings.logWriteLatency(), () -> {
                flushTimer = null;
                if (at == epoch) {
                    try {
                        flushBuffer();
                    } catch (ExhaException e) {
                        // the instance stopped and failed the pending deliveries
                    }
                }
            });
        }
    }

    /** Writes the log buffer to {@code E00.log}; the deliveries complete when the volume acknowledges it. */
    private void flushBuffer() {
        if (flushTimer != null) {
            flushTimer.cancel();
            flushTimer = null;
        }
        if (buffer.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(buffer);
        byte[] bytes = new byte[bufferedBytes];
        int at = 0;
        for (Pending pending : batch) {
            System.arraycopy(pending.bytes(), 0, bytes, at, pending.bytes().length);
            at += pending.bytes().length;
        }
        buffer.clear();
        bufferedBytes = 0;
        CompletableFuture<Void> written;
        try {
            LogDirectory directory = logDirectory();
            written = directory.volume().write(directory.currentPath(), writeOffset, bytes, 0, bytes.length);
        } catch (ExhaException e) {
            throw ioFailure("writing " + settings.format().currentName(settings.prefix()), e);
        }
        writeOffset += bytes.length;
        currentHasRecords = true;
        int run = epoch;
        // Acknowledgements run as their own event: a delivery's callbacks may deliver again, and must not do so in
        // the middle of a roll.
        written.whenComplete((ignored, failure) -> kernel.scheduler().schedule(Duration.ZERO, () -> {
            if (run != epoch) {
                return;
            }
            if (failure != null) {
                terminate("a log write failed", EseError.LOG_WRITE_FAIL.exception("Writing "
                        + settings.format().currentName(settings.prefix()) + " of " + settings.name() + " failed: "
                        + failure.getMessage()));
                return;
            }
            acknowledge(batch);
        }));
        armIdleRoll();
    }

    private void acknowledge(List<Pending> batch) {
        boolean eligible = false;
        for (Pending pending : batch) {
            unacknowledged.remove(pending.sequence());
            if (pending.database().isAttached()) {
                pending.database().committed(pending.record(), pending.generation());
                eligible |= pending.generation() <= generation - settings.lostLogResilienceDepth();
            }
        }
        if (eligible && running) {
            // The log rolled on while this write was in flight: its records may go to the database files now.
            try {
                flushDatabases();
            } catch (ExhaException e) {
                // the instance stopped and failed what was pending, these deliveries included
            }
        }
        for (Pending pending : batch) {
            if (!pending.ack().isDone()) {
                pending.ack().complete(null);
            }
        }
        releaseWaiters();
    }

    /** Runs {@code action} once every record logged so far is acknowledged (at once if none is pending). */
    private void whenLogged(Runnable action) {
        long upTo = nextSequence - 1;
        flushBuffer();
        if (lowestUnacknowledged() > upTo) {
            action.run();
        } else {
            waiters.add(new Waiter(upTo, action));
        }
    }

    private void releaseWaiters() {
        long lowest = lowestUnacknowledged();
        List<Waiter> ready = new ArrayList<>();
        waiters.removeIf(waiter -> {
            if (waiter.sequence() < lowest) {
                ready.add(waiter);
                return true;
            }
            return false;
        });
        ready.forEach(waiter -> waiter.action().run());
    }

    private long lowestUnacknowledged() {
        return unacknowledged.isEmpty() ? Long.MAX_VALUE : unacknowledged.keySet().iterator().next();
    }

    /** Closes the current log and starts the next generation; throws (after going offline) when the disk is full. */
    private void roll() {
        if (generation >= settings.format().maxGeneration()) {
            throw EseError.LOG_SEQUENCE_END.exception("The log stream of " + settings.name() + " reached generation "
                    + generation + ", the last its file names hold");
        }
        flushBuffer();
        long closed = generation;
        long next = generation + 1;
        LogDirectory directory;
        try {
            directory = logDirectory();
            Volume volume = directory.volume();
            if (!volume.exists(directory.temporaryPath())) {
                if (LogDirectory.logicalFreeBytes(volume) < settings.format().logSize()) {
                    throw logDiskFull(directory, "the next log " + settings.format().temporaryName(settings.prefix())
                            + " is missing and cannot be created");
                }
                watch(LogFile.createBlank(volume, directory.temporaryPath(), settings.format(), settings.prefix()));
            }
            // The next generation's header goes into E00tmp.log before E00.log is renamed away, so a cut between the
            // renames is recognisable at the next start.
            watch(LogFile.writeHeader(volume, directory.temporaryPath(), new LogHeader(settings.format(),
                    settings.prefix(), next, signature, kernel.clock().instant())));
            watch(volume.rename(directory.currentPath(), directory.generationPath(closed)));
            watch(volume.rename(directory.temporaryPath(), directory.currentPath()));
        } catch (ExhaException e) {
            if (e.code() == StoreErrorCode.LOG_DISK_FULL) {
                throw e;
            }
            throw ioFailure("closing log generation " + closed, e);
        }
        generation = next;
        writeOffset = LogFile.HEADER_BYTES;
        logicalUsed = 0;
        currentHasRecords = false;
        journal(JournalEntry.Type.NOTE, StoreEvents.LOG_ROLLED, Map.of("closed",
                settings.format().generationName(settings.prefix(), closed), "generation", Long.toString(next)));
        flushDatabases();
        Volume volume = directory.volume();
        boolean room;
        try {
            room = LogDirectory.logicalFreeBytes(volume) >= settings.format().logSize();
            if (room) {
                watch(LogFile.createBlank(volume, directory.temporaryPath(), settings.format(), settings.prefix()));
            }
        } catch (ExhaException e) {
            if (e.code() != ClusterErrorCode.DISK_FULL) {
                throw ioFailure("creating " + settings.format().temporaryName(settings.prefix()), e);
            }
            room = false;
        }
        if (!room) {
            throw logDiskFull(directory, "no room for the next log file "
                    + settings.format().temporaryName(settings.prefix()));
        }
    }

    /**
     * The log disk is full: a reserve log takes the place of the next log, ESE logs event 428 (rejecting updates,
     * -529) and the Information Store takes every database of the storage group offline, shutting them down cleanly.
     *
     * @return the error for the delivery that needed the new log
     */
    private ExhaException logDiskFull(LogDirectory directory, String detail) {
        ExhaException full = EseError.LOG_DISK_FULL.exception("The log disk " + windows("\\") + " of "
                + settings.name() + " is full: " + detail);
        try {
            Volume volume = directory.volume();
            if (volume.exists(directory.temporaryPath())) {
                watch(volume.delete(directory.temporaryPath()));
            }
            for (String reserve : directory.reservePaths()) {
                if (volume.exists(reserve)) {
                    watch(volume.rename(reserve, directory.temporaryPath()));
                    break;
                }
            }
        } catch (ExhaException e) {
            return ioFailure("switching to a reserve log", e);
        }
        eventLog(StoreEvents.ESE, StoreEvents.LOW_LOG_DISK_SPACE, StoreEvents.MSEXCHANGEIS + " " + settings.name()
                + ": The database engine is rejecting update operations due to low free disk space on the log disk.",
                Map.of("error", "-529", "detail", detail));
        for (StoreDatabase database : databases.values()) {
            if (database.state() == MountState.MOUNTED || database.state() == MountState.MOUNTING) {
                takeOffline(database, "the log disk is full (-529)", null);
            }
        }
        return full;
    }

    /**
     * Writes to the database files what the lost log resilience depth allows, then (once durable) the checkpoint.
     *
     * @return the database writes issued
     */
    private List<CompletableFuture<Void>> flushDatabases() {
        long limit = generation - settings.lostLogResilienceDepth();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try {
            for (StoreDatabase database : databases.values()) {
                if (database.isAttached() && database.state() != MountState.DISMOUNTING) {
                    writes.addAll(database.flushThrough(limit, oldestPending(database), generation));
                }
            }
        } catch (ExhaException e) {
            throw ioFailure("writing database pages", e);
        }
        long target = computeCheckpoint();
        if (target != checkpoint) {
            checkpoint = target;
            afterDurable(writes, () -> writeCheckpoint(target));
        }
        return writes;
    }

    private void writeCheckpoint(long target) {
        CompletableFuture<Void> written;
        try {
            WindowsPath file = resolve(checkpointPath());
            written = new CheckpointFile(signature, target).write(file.volume(), file.path());
        } catch (ExhaException e) {
            ioFailure("writing the checkpoint file", e);
            return;
        }
        if (settings.circularLogging()) {
            afterDurable(List.of(written), () -> deleteLogsBelow(running ? Math.min(target, computeCheckpoint())
                    : target, StoreEvents.LOGS_DELETED));
        }
    }

    /** Deletes the closed logs below {@code below}; returns their generations. */
    private List<Long> deleteLogsBelow(long below, String noteName) {
        List<Long> deleted = new ArrayList<>();
        try {
            LogDirectory directory = logDirectory();
            for (long g : directory.closedGenerations()) {
                if (g < below) {
                    watch(directory.volume().delete(directory.generationPath(g)));
                    deleted.add(g);
                }
            }
        } catch (ExhaException e) {
            ioFailure("deleting logs", e);
            return deleted;
        }
        if (!deleted.isEmpty() && noteName != null) {
            journal(JournalEntry.Type.NOTE, noteName, Map.of("from", settings.format().generationName(settings.prefix(),
                    deleted.get(0)), "to", settings.format().generationName(settings.prefix(),
                    deleted.get(deleted.size() - 1)), "count", Integer.toString(deleted.size())));
        }
        return deleted;
    }

    /** The oldest generation whose changes may not all be in the database files. */
    private long computeCheckpoint() {
        long target = generation;
        for (StoreDatabase database : databases.values()) {
            if (database.isAttached()) {
                target = Math.min(target, database.oldestUnflushedGeneration());
            }
        }
        for (Pending pending : unacknowledged.values()) {
            target = Math.min(target, pending.generation());
        }
        return target;
    }

    private long oldestPending(StoreDatabase database) {
        long oldest = Long.MAX_VALUE;
        for (Pending pending : unacknowledged.values()) {
            if (pending.database() == database) {
                oldest = Math.min(oldest, pending.generation());
            }
        }
        return oldest;
    }

    private void armIdleRoll() {
        if (settings.idleLogRoll().isZero()) {
            return;
        }
        if (idleTimer != null) {
            idleTimer.cancel();
        }
        int run = epoch;
        idleTimer = kernel.scheduler().schedule(settings.idleLogRoll(), () -> {
            idleTimer = null;
            if (run != epoch || !running || !currentHasRecords) {
                return;
            }
            try {
                roll();
            } catch (ExhaException e) {
                // offline for a full disk, or stopped: already handled
            }
        }, Liveness.DAEMON);
    }

    /**
     * Closes the current log as ESE's streaming backup does when a copy is seeded through it: the backup writes its
     * own records, so the log is closed even when no message went into it since the last roll, and the logs the seeded
     * database file requires can all ship. Nothing happens when the instance is not running.
     */
    public void closeCurrentLogForBackup() {
        if (!running) {
            return;
        }
        try {
            whenLogged(() -> {
                try {
                    if (running) {
                        roll();
                    }
                } catch (ExhaException e) {
                    // a full log disk or a stopped instance: the store already took its databases offline
                }
            });
        } catch (ExhaException e) {
            // the buffer could not be written: the instance failed its pending deliveries and stopped
        }
    }

    // ---- backup and restore ----------------------------------------------------------------------------------------

    /**
     * Takes a full online backup of the storage group: closes the current log, copies every mounted database's file
     * and the logs from the checkpoint on, then truncates the logs below the checkpoint (ESE events 224 / 225).
     *
     * @throws ExhaException {@code DATABASE_NOT_MOUNTED} when no database is mounted; {@code BACKUP_IN_PROGRESS}
     */
    public Operation<StorageGroupBackup> backup() {
        if (!running || databases.values().stream().noneMatch(StoreDatabase::isMounted)) {
            throw new ExhaException(StoreErrorCode.DATABASE_NOT_MOUNTED, "The storage group " + settings.name()
                    + " has no mounted database to back up.");
        }
        if (backupRunning) {
            throw new ExhaException(StoreErrorCode.BACKUP_IN_PROGRESS, "A backup of " + settings.name()
                    + " is already running.");
        }
        Operation<StorageGroupBackup> operation = track(kernel.operations().create("full backup of "
                + settings.name()));
        operation.waitingFor("the logs of " + settings.name() + " to be durable");
        backupRunning = true;
        // The backup holds the logs from the checkpoint at its start, and truncates the logs below it.
        long first = computeCheckpoint();
        try {
            whenLogged(() -> {
                try {
                    if (currentHasRecords) {
                        roll();
                    }
                    whenLogged(() -> finishBackup(operation, first));
                } catch (ExhaException e) {
                    backupRunning = false;
                    fail(operation, e);
                }
            });
        } catch (ExhaException e) {
            backupRunning = false;
            fail(operation, e);
        }
        return operation;
    }

    private void finishBackup(Operation<StorageGroupBackup> operation, long first) {
        backupRunning = false;
        if (operation.isDone()) {
            return;
        }
        try {
            List<DatabaseFile> files = new ArrayList<>();
            for (StoreDatabase database : databases.values()) {
                if (database.isMounted()) {
                    files.add(database.readFile());
                }
            }
            LogDirectory directory = logDirectory();
            List<LogFile> logs = new ArrayList<>();
            for (long g = first; g < generation; g++) {
                // Circular logging may have deleted some since: the files copied after them hold their changes.
                if (directory.volume().exists(directory.generationPath(g))) {
                    logs.add(directory.read(g));
                }
            }
            List<Long> deleted = deleteLogsBelow(first, null);
            String prefix = StoreEvents.MSEXCHANGEIS + " " + settings.name() + ": ";
            if (!deleted.isEmpty()) {
                String from = settings.format().generationName(settings.prefix(), deleted.get(0));
                String to = settings.format().generationName(settings.prefix(), deleted.get(deleted.size() - 1));
                eventLog(StoreEvents.ESE, StoreEvents.BACKUP_TRUNCATED_LOGS, prefix + "Deleting log files "
                        + settings.logFolder() + "\\" + from + " to " + settings.logFolder() + "\\" + to + ".",
                        Map.of("from", from, "to", to, "count", Integer.toString(deleted.size())));
            } else {
                eventLog(StoreEvents.ESE, StoreEvents.BACKUP_NOTHING_TRUNCATED, prefix
                        + "No log files can be truncated.", Map.of());
            }
            StorageGroupBackup backup = new StorageGroupBackup(settings.name(), kernel.clock().instant(), files, logs);
            note(StoreEvents.BACKUP_COMPLETED, Map.of("databases", Integer.toString(files.size()), "logs",
                    backup.logRange().toString()));
            complete(operation, backup);
        } catch (ExhaException e) {
            fail(operation, e);
        }
    }

    Operation<Void> restore(StoreDatabase database, StorageGroupBackup backup, boolean allowFileRestore) {
        Objects.requireNonNull(backup, "backup");
        database.requireDismounted("restore");
        DatabaseIdentity identity = database.identity();
        DatabaseFile image = backup.database(identity.guid())
                .or(() -> allowFileRestore && backup.databases().size() == 1 ? Optional.of(backup.databases().get(0))
                        : Optional.empty())
                .orElseThrow(() -> new ExhaException(StoreErrorCode.BACKUP_MISMATCH, "The backup of "
                        + backup.storageGroup() + " taken " + backup.taken() + " holds no copy of database "
                        + identity + "."));
        DatabaseHeader source = image.header();
        if (!source.owner().equals(identity) && !allowFileRestore) {
            throw new ExhaException(StoreErrorCode.FOREIGN_DATABASE_FILES, "The backup holds database "
                    + source.owner() + ", not " + identity + "; set \"This database can be overwritten by a restore\""
                    + " to restore it here.");
        }
        WindowsPath edb = resolve(database.path());
        Volume volume = edb.volume();
        if (volume.exists(edb.path())) {
            DatabaseHeader live = DatabaseFile.read(volume, edb.path()).header();
            if (live.version().isNewerThan(source.version())) {
                throw new ExhaException(StoreErrorCode.RESTORE_VERSION_TOO_OLD, "The backup of " + identity.name()
                        + " taken " + backup.taken() + " is stamped with ESE version " + source.version()
                        + "; the database was since stamped with " + live.version() + " by newer binaries, so the"
                        + " backup can no longer be restored onto it.");
            }
        }
        Map<Long, MessageRecord> records = new LinkedHashMap<>();
        image.records().forEach(record -> records.put(record.messageId(), own(record, identity)));
        for (LogFile log : backup.logs()) {
            if (!log.signature().equals(source.logSignature())) {
                throw EseError.BAD_LOG_SIGNATURE.exception("The backup log " + log.name() + " (" + log.signature()
                        .display() + ") does not belong to the log stream of the backed-up database ("
                        + source.logSignature().display() + ")");
            }
            log.records(source.owner().guid()).forEach(record -> records.put(record.messageId(), own(record, identity)));
        }
        long needed = DatabaseFile.HEADER_BYTES;
        for (MessageRecord record : records.values()) {
            needed += record.encode().length;
        }
        long existing = volume.exists(edb.path()) ? volume.size(edb.path()) : 0;
        if (volume.freeBytes() + existing < needed + 2L * volume.layout().clusterSize()) {
            throw new ExhaException(ClusterErrorCode.DISK_FULL, "There is not enough space on the disk. (restoring "
                    + needed + " bytes to " + database.path() + ")", NativeCode.win32(112));
        }
        Operation<Void> operation = track(kernel.operations().create("restore " + identity.name()));
        operation.waitingFor("the restored database file to be durable");
        DatabaseHeader restored = new DatabaseHeader(DatabaseState.CLEAN_SHUTDOWN, LogRange.NONE, source.version(),
                identity, source.logSignature());
        try {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            if (existing > 0 || volume.exists(edb.path())) {
                writes.add(volume.delete(edb.path()));
            } else {
                ensureFolder(volume, parentOf(edb.path()));
            }
            writes.add(DatabaseFile.create(volume, edb.path(), restored));
            writes.add(DatabaseFile.append(volume, edb.path(), List.copyOf(records.values())));
            note(StoreEvents.DATABASE_RESTORED, Map.of("database", identity.name(), "from", source.owner().toString(),
                    "taken", backup.taken().toString(), "logs", backup.logRange().toString(), "messages",
                    Integer.toString(records.size())));
            whenDurable(writes, operation, () -> complete(operation, null));
        } catch (ExhaException e) {
            fail(operation, e);
        }
        return operation;
    }

    private static MessageRecord own(MessageRecord record, DatabaseIdentity identity) {
        return record.database().equals(identity.guid()) ? record : new MessageRecord(identity.guid(),
                record.messageId(), record.mailbox(), record.logicalSize(), record.checksum());
    }

    // ---- stopping ------------------------------------------------------------------------------------------------

    /**
     * Ends the instance at once without a clean shutdown, as when the cluster terminates the Information Store
     * resource or the service is killed: nothing more is written, the databases' files keep Dirty Shutdown headers and
     * pending deliveries fail. Does nothing when the instance is not running.
     *
     * @param reason why, for the journal and the failures of what was pending
     */
    public void terminate(String reason) {
        terminate(reason, null);
    }

    /**
     * Ends the instance at once, as a crash does: nothing more is written; attached databases are detached (their
     * files keep Dirty Shutdown headers); pending deliveries and operations fail.
     */
    private void terminate(String reason, ExhaException cause) {
        boolean attached = databases.values().stream().anyMatch(StoreDatabase::isAttached);
        if (!running && !attached && open.isEmpty()) {
            return;
        }
        epoch++;
        boolean wasRunning = running;
        running = false;
        cancelTimers();
        mountTimers.values().forEach(Timer::cancel);
        mountTimers.clear();
        mounting.clear();
        dismounting.clear();
        backupRunning = false;
        ExhaException stopped = cause != null ? cause : new ExhaException(StoreErrorCode.INSTANCE_STOPPED,
                "The storage group " + settings.name() + " stopped: " + reason + ".");
        List<Pending> lost = new ArrayList<>(unacknowledged.values());
        unacknowledged.clear();
        buffer.clear();
        bufferedBytes = 0;
        waiters.clear();
        for (StoreDatabase database : databases.values()) {
            if (database.isAttached()) {
                MountState from = database.state();
                database.detach();
                journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.DATABASE_STATE, Map.of("database",
                        database.identity().name(), "from", from.name(), "to", MountState.DISMOUNTED.name(), "reason",
                        reason));
            }
        }
        if (wasRunning) {
            journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.INSTANCE_STOPPED, Map.of("reason", reason, "clean",
                    "false", "generation", Long.toString(generation)));
        }
        List<Operation<?>> operations = new ArrayList<>(open);
        open.clear();
        for (Pending pending : lost) {
            if (!pending.ack().isDone()) {
                pending.ack().fail(stopped);
            }
        }
        for (Operation<?> operation : operations) {
            if (!operation.isDone()) {
                operation.fail(stopped);
            }
        }
    }

    /**
     * An orderly shutdown: Windows stops the Information Store before it dismounts the volumes, so every attached
     * database shuts down cleanly, at once: the log buffer is written, every record issued counts as committed (the
     * array holds it), the database files get their records and Clean Shutdown headers, the checkpoint reaches the
     * current generation. If a write is refused on the way, the instance ends as in a crash.
     */
    private void stopForShutdown(String reason) {
        if (!running) {
            terminate(reason, null);
            return;
        }
        List<Pending> committed;
        List<StoreDatabase> stopped = new ArrayList<>();
        try {
            flushBuffer();
            committed = new ArrayList<>(unacknowledged.values());
            unacknowledged.clear();
            for (Pending pending : committed) {
                if (pending.database().isAttached()) {
                    pending.database().committed(pending.record(), pending.generation());
                }
            }
            for (StoreDatabase database : databases.values()) {
                if (database.isAttached()) {
                    database.shutDownClean();
                    stopped.add(database);
                }
            }
            WindowsPath file = resolve(checkpointPath());
            new CheckpointFile(signature, generation).write(file.volume(), file.path());
        } catch (ExhaException e) {
            terminate(reason + "; the clean shutdown failed: " + e.getMessage(), null);
            return;
        }
        epoch++;
        running = false;
        cancelTimers();
        mountTimers.values().forEach(Timer::cancel);
        mountTimers.clear();
        mounting.clear();
        backupRunning = false;
        waiters.clear();
        for (StoreDatabase database : stopped) {
            journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.DATABASE_STATE, Map.of("database",
                    database.identity().name(), "to", MountState.DISMOUNTED.name(), "reason", reason));
            eventLog(StoreEvents.MSEXCHANGEIS, StoreEvents.DATABASE_STOPPED, "The database \""
                    + database.identity().name() + "\" was stopped.", Map.of("database", database.identity().name(),
                    "reason", reason));
        }
        journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.INSTANCE_STOPPED, Map.of("reason", reason, "clean",
                "true", "generation", Long.toString(generation)));
        List<Operation<Void>> dismounts = new ArrayList<>();
        dismounting.values().forEach(dismounts::addAll);
        dismounting.clear();
        committed.forEach(pending -> complete(pending.ack(), null));
        dismounts.forEach(operation -> complete(operation, null));
        ExhaException stoppedError = new ExhaException(StoreErrorCode.INSTANCE_STOPPED, "The storage group "
                + settings.name() + " stopped: " + reason + ".");
        new ArrayList<>(open).forEach(operation -> fail(operation, stoppedError));
    }

    /** An I/O failure: stops the instance and returns the ESE error to report. */
    private ExhaException ioFailure(String what, ExhaException e) {
        ExhaException failure = e.code() == ClusterErrorCode.DISK_FULL
                ? EseError.LOG_DISK_FULL.exception(what + " in " + settings.name() + " failed: " + e.getMessage())
                : EseError.LOG_WRITE_FAIL.exception(what + " in " + settings.name() + " failed: " + e.getMessage());
        terminate(what + " failed", failure);
        return failure;
    }

    private void cancelTimers() {
        if (flushTimer != null) {
            flushTimer.cancel();
            flushTimer = null;
        }
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    /** Fails the instance if a write issued now is refused later (a synchronously replicated LUN's link). */
    private void watch(CompletableFuture<Void> write) {
        int run = epoch;
        write.whenComplete((ignored, failure) -> {
            if (failure != null) {
                kernel.scheduler().schedule(Duration.ZERO, () -> {
                    if (run == epoch) {
                        terminate("a write failed", EseError.LOG_WRITE_FAIL.exception("A write of " + settings.name()
                                + " failed: " + failure.getMessage()));
                    }
                });
            }
        });
    }

    /** Runs {@code next} (in its own event, in this run of the instance) once every write is durable. */
    private void afterDurable(List<CompletableFuture<Void>> writes, Runnable next) {
        int run = epoch;
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, failure) ->
                kernel.scheduler().schedule(Duration.ZERO, () -> {
                    if (run != epoch) {
                        return;
                    }
                    if (failure != null) {
                        terminate("a write failed", EseError.LOG_WRITE_FAIL.exception("A write of " + settings.name()
                                + " failed: " + failure.getMessage()));
                        return;
                    }
                    next.run();
                }));
    }

    /** Runs {@code next} once every write is durable, unless {@code operation} is done by then; fails it otherwise. */
    private void whenDurable(List<CompletableFuture<Void>> writes, Operation<?> operation, Runnable next) {
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, failure) ->
                kernel.scheduler().schedule(Duration.ZERO, () -> {
                    if (operation.isDone()) {
                        return;
                    }
                    if (failure != null) {
                        fail(operation, EseError.LOG_WRITE_FAIL.exception("A write of " + settings.name()
                                + " failed: " + failure.getMessage()));
                        return;
                    }
                    next.run();
                }));
    }

    private <T> Operation<T> track(Operation<T> operation) {
        open.add(operation);
        return operation;
    }

    private <T> void complete(Operation<T> operation, T value) {
        open.remove(operation);
        if (!operation.isDone()) {
            operation.complete(value);
        }
    }

    private void fail(Operation<?> operation, ExhaException failure) {
        open.remove(operation);
        if (!operation.isDone()) {
            operation.fail(failure);
        }
    }

    private Operation<Void> done(String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.complete(null);
        return operation;
    }

    /**
     * Resolves a Windows path on the host. While the host shuts down, Windows has stopped its services but not yet
     * dismounted its volumes (services stop first), so the store reaches them directly.
     */
    WindowsPath resolve(String windowsPath) {
        if (host.powerState() == PowerState.SHUTTING_DOWN && windowsPath.length() >= 3) {
            DriveLetter drive = DriveLetter.parse(windowsPath.substring(0, 2));
            Volume volume = host.volumes().get(drive);
            if (volume != null) {
                return new WindowsPath(drive, volume, windowsPath.substring(2));
            }
        }
        return host.resolve(windowsPath);
    }

    /** Creates {@code folder} and its missing parents on {@code volume}. */
    private void ensureFolder(Volume volume, String folder) {
        StringBuilder prefix = new StringBuilder();
        for (String part : folder.split("\\\\")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('\\').append(part);
            if (!volume.exists(prefix.toString())) {
                watch(volume.createDirectory(prefix.toString()));
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('\\');
        return slash <= 0 ? "\\" : path.substring(0, slash);
    }

    /** A path inside the log volume as a Windows path, {@code L:\\Logs\\E00.log}. */
    private String windows(String insidePath) {
        return settings.logFolder().substring(0, 2) + insidePath;
    }

    private void stateChange(StoreDatabase database, MountState to, String reason) {
        MountState from = database.state();
        database.state(to);
        journal(JournalEntry.Type.STATE_CHANGE, StoreEvents.DATABASE_STATE, Map.of("database",
                database.identity().name(), "from", from.name(), "to", to.name(), "reason", reason));
    }

    private void eventLog(String source, int eventId, String message, Map<String, String> details) {
        Map<String, String> attributes = new LinkedHashMap<>(details);
        attributes.put(JournalEntry.EVENT_ID, Integer.toString(eventId));
        attributes.put("message", message);
        attributes.put("storageGroup", settings.name());
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, host.name(), source, attributes);
    }

    private void note(String name, Map<String, String> details) {
        journal(JournalEntry.Type.NOTE, name, details);
    }

    private void journal(JournalEntry.Type type, String name, Map<String, String> details) {
        Map<String, String> attributes = new LinkedHashMap<>(details);
        attributes.put("storageGroup", settings.name());
        kernel.journal().append(type, host.name(), name, attributes);
    }

    @Override
    public String toString() {
        return "StorageGroupStore[" + settings.name() + " on " + host.name() + (running ? ", generation " + generation
                : ", stopped") + "]";
    }
}
