package io.github.exha.replication.continuous;

/** {@code Get-StorageGroupCopyStatus}'s SummaryCopyStatus (DOMAIN.md §1). */
public enum SummaryCopyStatus {
    /** The storage group cannot have a copy. */
    NOT_SUPPORTED,
    /** The storage group has no copy. */
    DISABLED,
    /** A log could not be copied or inspected after its retries: the copy needs a reseed. */
    FAILED,
    /** Update-StorageGroupCopy runs. */
    SEEDING,
    /** CHOICE: the source's Exchange is stopped (the CMS offline, the server's host down): nothing to copy from. */
    STOPPED,
    /** Suspend-StorageGroupCopy (or Update-StorageGroupCopy -ManualResume) holds copy and replay. */
    SUSPENDED,
    /** Logs are copied, inspected and replayed. */
    HEALTHY,
    /** No log has been inspected since the copy started. */
    INITIALIZING,
    /** The target machine's Microsoft Exchange Replication service is not running (the host is down). */
    SERVICE_DOWN,
    /**
     * CHOICE: the copy was reversed after an unscheduled failover and waits for the incremental reseed that finds and
     * removes any divergence (until the new active closes a log past the activation point).
     */
    RESYNCHRONIZING;

    /** The name EMS prints: {@code Healthy}, {@code ServiceDown}. */
    public String display() {
        return switch (this) {
            case NOT_SUPPORTED -> "NotSupported";
            case DISABLED -> "Disabled";
            case FAILED -> "Failed";
            case SEEDING -> "Seeding";
            case STOPPED -> "Stopped";
            case SUSPENDED -> "Suspended";
            case HEALTHY -> "Healthy";
            case INITIALIZING -> "Initializing";
            case SERVICE_DOWN -> "ServiceDown";
            case RESYNCHRONIZING -> "Resynchronizing";
        };
    }

    @Override
    public String toString() {
        return display();
    }
}
