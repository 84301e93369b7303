package io.github.exha.exchange.store;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Error codes of the mailbox store. Where ESE has a number for the error, the exception carries it as a
 * {@link io.github.exha.core.error.NativeCode#ese(int)}; the numbers are those of ESE's {@code esent.h} / {@code jet.h}
 * (the {@code JET_err*} constants), quoted in each constant's documentation.
 */
public enum StoreErrorCode implements ErrorCode {
    /** The database is not mounted (or is mounting or dismounting): it takes no mail and no backup. */
    DATABASE_NOT_MOUNTED("exchange.store.database-not-mounted", STATE),
    /** The operation needs the database dismounted (restore, reconfiguration), or it is already being mounted. */
    DATABASE_MOUNTED("exchange.store.database-mounted", STATE),
    /** {@code JET_errMissingLogFile} (-528) "Current log file missing": {@code E00.log} is gone but older logs remain. */
    MISSING_CURRENT_LOG("exchange.store.missing-current-log", STATE),
    /** {@code JET_errRequiredLogFilesMissing} (-543): a log generation recovery needs is not in the log folder. */
    MISSING_LOG("exchange.store.missing-log", STATE),
    /**
     * {@code JET_errAttachedDatabaseMismatch} (-1216): the logs hold changes of a database whose file is missing and
     * the log stream no longer starts at generation 1, so recovery cannot recreate it.
     */
    ATTACHED_DATABASE_MISMATCH("exchange.store.attached-database-mismatch", STATE),
    /** {@code JET_errBadLogSignature} (-530): a log file belongs to another log stream. */
    LOG_SIGNATURE_MISMATCH("exchange.store.log-signature-mismatch", STATE),
    /** {@code JET_errBadCheckpointSignature} (-532): the checkpoint file belongs to another log stream. */
    CHECKPOINT_SIGNATURE_MISMATCH("exchange.store.checkpoint-signature-mismatch", STATE),
    /** {@code JET_errLogDiskFull} (-529): no new log file can be created on the log volume. */
    LOG_DISK_FULL("exchange.store.log-disk-full", STATE),
    /** {@code JET_errLogWriteFail} (-510): writing the log failed (the log volume went away, or refused the write). */
    LOG_WRITE_FAILED("exchange.store.log-write-failed", STATE),
    /** {@code JET_errLogFileCorrupt} (-501): a log file's header or a record fails its checksum. */
    LOG_CORRUPT("exchange.store.log-corrupt", STATE),
    /** {@code JET_errLogGenerationMismatch} (-513): a log file's name does not match the generation in its header. */
    LOG_GENERATION_MISMATCH("exchange.store.log-generation-mismatch", STATE),
    /** {@code JET_errLogSequenceEnd} (-519): the stream used the last generation its file names can hold. */
    LOG_SEQUENCE_END("exchange.store.log-sequence-end", STATE),
    /** {@code JET_errDatabaseCorrupted} (-1206): the database file's header or a record fails its checksum. */
    DATABASE_CORRUPT("exchange.store.database-corrupt", STATE),
    /** {@code JET_errInvalidDatabaseVersion} (-1209): the database was stamped by newer binaries than these. */
    DATABASE_VERSION_TOO_NEW("exchange.store.database-version-too-new", STATE),
    /**
     * The database files belong to another database object and "This database can be overwritten by a restore"
     * ({@code AllowFileRestore}) is not set.
     */
    FOREIGN_DATABASE_FILES("exchange.store.foreign-database-files", STATE),
    /** A backup taken before the live database was stamped with a newer ESE version cannot be restored onto it. */
    RESTORE_VERSION_TOO_OLD("exchange.store.restore-version-too-old", STATE),
    /** The backup holds no copy of this database. */
    BACKUP_MISMATCH("exchange.store.backup-mismatch", USER),
    /** The storage group's instance stopped (host crash, shutdown, I/O failure) before the operation completed. */
    INSTANCE_STOPPED("exchange.store.instance-stopped", STATE),
    /** A backup of the storage group is already running. */
    BACKUP_IN_PROGRESS("exchange.store.backup-in-progress", STATE),
    /** The storage group has no database of that identity, or one of that identity twice. */
    UNKNOWN_DATABASE("exchange.store.unknown-database", USER);

    private final String id;
    private final ErrorCategory category;

    StoreErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
