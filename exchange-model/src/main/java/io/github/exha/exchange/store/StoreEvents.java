package io.github.exha.exchange.store;

/**
 * What the store writes to the journal. Event-log entries ({@code EVENT_LOG}) have the host as source, the event
 * source ({@value #MSEXCHANGEIS} or {@value #ESE}) as name and the event id in
 * {@link io.github.exha.core.kernel.JournalEntry#EVENT_ID}; the rest are state changes and notes named below.
 * The ESE ids (300-302, 428, 224, 225) are those of ESE's published message file {@code jetmsg.mc}; 9519 is quoted
 * in Microsoft's KB articles for Exchange 2000/2003; 9523 and 9539 are the ids Exchange servers log when a database
 * starts and stops, from practice rather than a published message file (CHOICE). Message wording that is not the
 * product's verbatim text is a CHOICE too.
 */
public final class StoreEvents {
    /** The Information Store's event source. */
    public static final String MSEXCHANGEIS = "MSExchangeIS";
    /** The database engine's event source. */
    public static final String ESE = "ESE";

    /** MSExchangeIS: the database was started (mounted). */
    public static final int DATABASE_STARTED = 9523;
    /** MSExchangeIS: the database was stopped (dismounted). */
    public static final int DATABASE_STOPPED = 9539;
    /** MSExchangeIS: "Error 0x... starting database ..." (a mount failed). */
    public static final int DATABASE_START_FAILED = 9519;
    /** ESE START_REDO_ID: "The database engine is initiating recovery steps." */
    public static final int RECOVERY_STARTED = 300;
    /** ESE STATUS_REDO_ID: "The database engine has begun replaying logfile ..." */
    public static final int RECOVERY_REPLAYING = 301;
    /** ESE STOP_REDO_ID: "The database engine has successfully completed recovery steps." */
    public static final int RECOVERY_COMPLETED = 302;
    /** ESE LOW_LOG_DISK_SPACE: "The database engine is rejecting update operations due to low free disk space ..." */
    public static final int LOW_LOG_DISK_SPACE = 428;
    /** ESE BACKUP_TRUNCATE_LOG_FILES: "Deleting log files ... to ..." */
    public static final int BACKUP_TRUNCATED_LOGS = 224;
    /** ESE BACKUP_NO_TRUNCATE_LOG_FILES: "No log files can be truncated." */
    public static final int BACKUP_NOTHING_TRUNCATED = 225;

    /** State change: a database's mount state changed (attributes {@code database}, {@code from}, {@code to}). */
    public static final String DATABASE_STATE = "exchange.store.database-state";
    /** State change: the storage group's instance started (a log stream opened or was created). */
    public static final String INSTANCE_STARTED = "exchange.store.instance-started";
    /** State change: the instance stopped, cleanly or not (attribute {@code reason}). */
    public static final String INSTANCE_STOPPED = "exchange.store.instance-stopped";
    /** Note: the current log was closed and the next generation started (attributes {@code closed}, {@code generation}). */
    public static final String LOG_ROLLED = "exchange.store.log-rolled";
    /** Note: circular logging deleted logs the checkpoint had passed. */
    public static final String LOGS_DELETED = "exchange.store.logs-deleted";
    /** Note: a database was stamped with the binaries' newer ESE version at mount. */
    public static final String DATABASE_UPGRADED = "exchange.store.database-upgraded";
    /** Note: database files of another database object were mounted with AllowFileRestore and re-stamped. */
    public static final String DATABASE_RESTAMPED = "exchange.store.database-restamped";
    /** Noted when recovery recreates a missing database file from a log stream that starts at generation 1. */
    public static final String DATABASE_RECREATED = "exchange.store.database-recreated";
    /** Note: a database was restored from a backup. */
    public static final String DATABASE_RESTORED = "exchange.store.database-restored";
    /** Note: a full backup of the storage group completed. */
    public static final String BACKUP_COMPLETED = "exchange.store.backup-completed";

    private StoreEvents() {
    }
}
