package io.github.exha.exchange.store;

import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One mailbox database of a {@link StorageGroupStore}: its file on a host's volume and, while it is mounted, the
 * messages it holds. Deliveries are logged in the storage group's log stream and acknowledged once durable; the
 * database file receives them later, lagging the log by the lost log resilience depth.
 */
public final class StoreDatabase {
    private final StorageGroupStore store;
    private final DatabaseIdentity identity;
    private String path;

    private MountState state = MountState.DISMOUNTED;
    /**
     * Every message the database holds while attached: in the file, or durable in the log. A hash map: every delivery
     * adds one, while only {@link #messageIds()} needs them in order (and sorts its copy).
     */
    private final HashMap<Long, MessageRecord> messages = new HashMap<>();
    /** Messages durable in the log but not yet in the file, by log generation. */
    private final TreeMap<Long, List<MessageRecord>> unflushed = new TreeMap<>();
    private long flushedHigh;
    /** The header last written to the file while attached. */
    private DatabaseHeader header;

    StoreDatabase(StorageGroupStore store, DatabaseIdentity identity, String path) {
        this.store = store;
        this.identity = identity;
        this.path = requirePath(path);
    }

    private static String requirePath(String path) {
        if (path == null || path.length() < 4 || path.charAt(1) != ':' || path.charAt(2) != '\\') {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a database path is a full Windows path such as"
                    + " F:\\DB\\Mailbox Database.edb: " + path);
        }
        return path;
    }

    /** The database object this is. */
    public DatabaseIdentity identity() {
        return identity;
    }

    /** The storage group. */
    public StorageGroupStore storageGroup() {
        return store;
    }

    /** The database file's Windows path. */
    public String path() {
        return path;
    }

    /**
     * Points the database at another file path (Move-DatabasePath -ConfigurationOnly): nothing moves on disk.
     *
     * @throws ExhaException {@code DATABASE_MOUNTED} unless dismounted; {@code INVALID_ARGUMENT} for a bad path
     */
    public void relocate(String newPath) {
        requireDismounted("move its path");
        path = requirePath(newPath);
    }

    /** The mount state. */
    public MountState state() {
        return state;
    }

    /** Whether it is mounted and takes mail. */
    public boolean isMounted() {
        return state == MountState.MOUNTED;
    }

    /** {@link #mount(boolean)} without allowing a file restore. */
    public Operation<Void> mount() {
        return mount(false);
    }

    /**
     * Mounts the database: starts the storage group's instance if needed (creating or opening the log stream), runs
     * soft recovery when the file is in Dirty Shutdown (replaying its required logs onwards), stamps the header with
     * the binaries' version if it is older, and attaches the file to the log stream. Refusals are thrown before
     * anything changes; the operation completes once the writes are durable and recovery's replay time has passed.
     * A missing database file is created (a new database). Mounting a mounted database is done at once.
     *
     * @param allowFileRestore "This database can be overwritten by a restore": lets the files of another database
     *     object be mounted, re-stamping them as this database's
     * @throws ExhaException {@code DATABASE_MOUNTED} while mounting or dismounting; {@code FOREIGN_DATABASE_FILES};
     *     {@code DATABASE_VERSION_TOO_NEW} (-1209); {@code MISSING_CURRENT_LOG} (-528); {@code MISSING_LOG} (-543);
     *     {@code LOG_SIGNATURE_MISMATCH} (-530); {@code CHECKPOINT_SIGNATURE_MISMATCH} (-532); {@code LOG_DISK_FULL}
     *     (-529) when the stream's files cannot be created; corruption of a file; the host's and volumes' errors
     */
    public Operation<Void> mount(boolean allowFileRestore) {
        return store.mount(this, allowFileRestore);
    }

    /**
     * Dismounts the database with a clean shutdown: the log records not yet durable are written, every message is
     * written to the database file, whose header becomes Clean Shutdown requiring logs 0-0. The last database to go
     * stops the storage group's instance. Dismounting a dismounted database is done at once.
     *
     * @throws ExhaException {@code DATABASE_MOUNTED} while it is being mounted
     */
    public Operation<Void> dismount() {
        return store.dismount(this);
    }

    /**
     * Delivers a message: logs it and returns an operation that completes once its log record is durable, the
     * moment the message counts as acknowledged. It fails with {@code DATABASE_NOT_MOUNTED} when the database is not
     * mounted, {@code LOG_DISK_FULL} (-529) when no new log could be created (the storage group then goes offline),
     * and {@code INSTANCE_STOPPED} when the instance stops before the record is durable.
     *
     * @param messageId the message's id
     * @param mailbox the recipient mailbox
     * @param logicalSize the message's size in bytes: it consumes that much log space
     * @param checksum the (synthetic) body's checksum
     * @throws ExhaException {@code INVALID_ARGUMENT} for a negative id or size or a blank mailbox
     */
    public Operation<Void> deliver(long messageId, String mailbox, long logicalSize, int checksum) {
        return store.deliver(this, new MessageRecord(identity.guid(), messageId, mailbox, logicalSize, checksum));
    }

    /**
     * The ids of the messages the database holds.
     *
     * @throws ExhaException {@code DATABASE_NOT_MOUNTED} unless mounted (read the file with {@link #readFile()})
     */
    public SortedSet<Long> messageIds() {
        requireMounted();
        return Collections.unmodifiableSortedSet(new TreeSet<>(messages.keySet()));
    }

    /**
     * The message with id {@code messageId}, if the database holds it.
     *
     * @throws ExhaException {@code DATABASE_NOT_MOUNTED} unless mounted
     */
    public Optional<MessageRecord> message(long messageId) {
        requireMounted();
        return Optional.ofNullable(messages.get(messageId));
    }

    /**
     * Reads the database file as it is on disk (eseutil /mh and more), in any mount state.
     *
     * @throws ExhaException the volume's errors (FILE_NOT_FOUND (2) before the first mount); {@code DATABASE_CORRUPT}
     */
    public DatabaseFile readFile() {
        WindowsPath file = store.resolve(path);
        return DatabaseFile.read(file.volume(), file.path());
    }

    /**
     * Restores the database from a full backup, as a restore with "last backup set" does: the backup's copy of the
     * database file and its logs (hard recovery) make a new file in Clean Shutdown, owned by this database. Mount it
     * afterwards. The operation completes when the file is durable.
     *
     * @param allowFileRestore lets a backup of another database object be restored onto this one
     * @throws ExhaException {@code DATABASE_MOUNTED} unless dismounted; {@code BACKUP_MISMATCH} when the backup
     *     holds no copy of this database; {@code FOREIGN_DATABASE_FILES}; {@code RESTORE_VERSION_TOO_OLD} when the live
     *     file was stamped with a newer ESE version than the backup's; {@code LOG_SIGNATURE_MISMATCH} (-530) for a
     *     backup log of another stream; the volumes' errors
     */
    public Operation<Void> restore(StorageGroupBackup backup, boolean allowFileRestore) {
        return store.restore(this, backup, allowFileRestore);
    }

    @Override
    public String toString() {
        return "StoreDatabase[" + identity.name() + ", " + state + "]";
    }

    // ---- attached state, kept by the store ---------------------------------------------------------------------

    void requireMounted() {
        if (state != MountState.MOUNTED) {
            throw new ExhaException(StoreErrorCode.DATABASE_NOT_MOUNTED, "The database " + identity.name()
                    + " is not mounted (" + state + ").");
        }
    }

    void requireDismounted(String action) {
        if (state != MountState.DISMOUNTED) {
            throw new ExhaException(StoreErrorCode.DATABASE_MOUNTED, "Cannot " + action + " of database "
                    + identity.name() + " while it is " + state + "; dismount it first.");
        }
    }

    void state(MountState newState) {
        state = newState;
    }

    boolean isAttached() {
        return state != MountState.DISMOUNTED;
    }

    /** Attaches with the file's messages and the header just written. */
    void attach(List<MessageRecord> inFile, DatabaseHeader written) {
        messages.clear();
        unflushed.clear();
        inFile.forEach(record -> messages.put(record.messageId(), record));
        flushedHigh = written.logRequired().high();
        header = written;
    }

    /** A record replayed from generation {@code generation}; false when the file already holds the message. */
    boolean replayed(MessageRecord record, long generation, boolean inFile) {
        if (inFile) {
            return false;
        }
        committed(record, generation);
        return true;
    }

    /** A record became durable in generation {@code generation}. */
    void committed(MessageRecord record, long generation) {
        messages.put(record.messageId(), record);
        unflushed.computeIfAbsent(generation, g -> new ArrayList<>()).add(record);
    }

    /** The oldest generation holding messages not yet in the file, or {@link Long#MAX_VALUE}. */
    long oldestUnflushedGeneration() {
        return unflushed.isEmpty() ? Long.MAX_VALUE : unflushed.firstKey();
    }

    /**
     * Writes to the file the messages of generations up to {@code limit}, then the header with the range still
     * required: from the oldest generation whose messages are not all in the file ({@code oldestPending} counts
     * records not yet durable) to the newest whose messages are.
     */
    List<CompletableFuture<Void>> flushThrough(long limit, long oldestPending, long currentGeneration) {
        NavigableMap<Long, List<MessageRecord>> eligible = unflushed.headMap(limit, true);
        List<MessageRecord> records = new ArrayList<>();
        eligible.values().forEach(records::addAll);
        if (!eligible.isEmpty()) {
            flushedHigh = Math.max(flushedHigh, eligible.lastKey());
            eligible.clear();
        }
        long low = Math.min(Math.min(oldestUnflushedGeneration(), oldestPending), currentGeneration);
        DatabaseHeader next = header.with(DatabaseState.DIRTY_SHUTDOWN, new LogRange(low, Math.max(low, flushedHigh)));
        return write(records, next);
    }

    /** Writes every message not yet in the file and a Clean Shutdown header; detaches. */
    List<CompletableFuture<Void>> shutDownClean() {
        List<MessageRecord> records = new ArrayList<>();
        unflushed.values().forEach(records::addAll);
        unflushed.clear();
        List<CompletableFuture<Void>> writes = write(records, header.with(DatabaseState.CLEAN_SHUTDOWN, LogRange.NONE));
        detach();
        return writes;
    }

    /** Forgets the attached state (after a clean shutdown or a crash: the file is what remains). */
    void detach() {
        messages.clear();
        unflushed.clear();
        flushedHigh = 0;
        header = null;
        state = MountState.DISMOUNTED;
    }

    private List<CompletableFuture<Void>> write(List<MessageRecord> records, DatabaseHeader next) {
        WindowsPath file = store.resolve(path);
        List<CompletableFuture<Void>> writes = new ArrayList<>(2);
        // Records first, then the header that counts them: one volume orders its writes, so a crash between them
        // leaves records the header does not claim, which replay skips.
        writes.add(DatabaseFile.append(file.volume(), file.path(), records));
        if (!next.equals(header)) {
            writes.add(DatabaseFile.writeHeader(file.volume(), file.path(), next));
            header = next;
        }
        return writes;
    }
}
