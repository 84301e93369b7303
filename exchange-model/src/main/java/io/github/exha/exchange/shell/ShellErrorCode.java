package io.github.exha.exchange.shell;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Refusals of the shell cmdlets that are not about the directory's rules (those are
 * {@link io.github.exha.exchange.error.ExchangeErrorCode}s).
 */
public enum ShellErrorCode implements ErrorCode {
    /** The server's Information Store service is not running anywhere, so the cmdlet cannot reach it. */
    STORE_NOT_RUNNING("exchange.shell.store-not-running", STATE),
    /** An Exchange 2003 object, which EMS can list but not change (Exchange System Manager manages it). */
    LEGACY_SERVER("exchange.shell.legacy-server", USER),
    /** A path move's files do not fit on the target volume. */
    NOT_ENOUGH_SPACE("exchange.shell.not-enough-space", STATE),
    /** A path move's file operation failed on the volume for a reason the volume did not type. */
    FILE_MOVE_FAILED("exchange.shell.file-move-failed", STATE),
    /** {@code Get-EventLog} names a log the computer does not have. */
    EVENT_LOG_NOT_FOUND("exchange.shell.event-log-not-found", USER),
    /** A cmdlet needs to read a mailbox database that is not mounted (the store cannot open it). */
    DATABASE_NOT_MOUNTED("exchange.shell.database-not-mounted", STATE),
    /** A clustered mailbox server's Database Instance resource did not come online or go offline. */
    CLUSTER_RESOURCE_FAILED("exchange.shell.cluster-resource-failed", STATE),
    /** {@code eseutil} named a file that does not exist (JET_errFileNotFound, -1811). */
    ESE_FILE_NOT_FOUND("exchange.shell.ese-file-not-found", USER),
    /** {@code eseutil} read a file that is damaged or not of the kind it dumps. */
    ESE_FILE_DAMAGED("exchange.shell.ese-file-damaged", STATE);

    private final String id;
    private final ErrorCategory category;

    ShellErrorCode(String id, ErrorCategory category) {
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
