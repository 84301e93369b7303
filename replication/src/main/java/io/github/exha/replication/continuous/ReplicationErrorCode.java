package io.github.exha.replication.continuous;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of continuous replication and the storage-group-copy cmdlets. */
public enum ReplicationErrorCode implements ErrorCode {
    /** The storage group (or the standby machine) has no copy to act on. */
    NO_COPY("replication.no-copy", STATE),
    /** The storage group already has that copy. */
    COPY_EXISTS("replication.copy-exists", STATE),
    /** The storage group cannot replicate: recovery, circular logging, several databases, a 2003 server. */
    NOT_REPLICABLE("replication.not-replicable", USER),
    /** A parameter Exchange rejects: lags out of bounds, paths missing or taken, a bad standby machine. */
    INVALID_ARGUMENT("replication.invalid-argument", USER),
    /** Seeding refused: log files already at the target, or no database file to seed from. */
    SEEDING_REFUSED("replication.seeding-refused", STATE),
    /** Move-ClusteredMailboxServer refused: a copy is failed, seeding or suspended. */
    COPY_NOT_HEALTHY("replication.copy-not-healthy", STATE),
    /**
     * Restore-StorageGroupCopy refused: the source is unreachable and -Force was not given (the remaining logs could
     * not be copied), the copy was never seeded, or the source database is still mounted.
     */
    ACTIVATION_REFUSED("replication.activation-refused", STATE),
    /**
     * The Microsoft Exchange Replication service on the machine a cmdlet must reach (an SCR target being enabled or
     * activated) does not answer: the machine is not running. RPC_S_SERVER_UNAVAILABLE (1722).
     */
    SERVICE_UNREACHABLE("replication.service-unreachable", STATE);

    private final String id;
    private final ErrorCategory category;

    ReplicationErrorCode(String id, ErrorCategory category) {
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
