package io.github.exha.exchange.config;

import java.time.Duration;

/**
 * The organization's transport settings that concern high availability ({@code Get-TransportConfig}): how much
 * recently delivered mail the Hub Transport servers keep per replicated storage group (the transport dumpster), so a
 * clustered mailbox server can ask for it again after a lossy failover (DOMAIN.md §3).
 *
 * @param maxDumpsterSizePerStorageGroup bytes kept per storage group, oldest evicted first; 0 disables the dumpster
 * @param maxDumpsterTime how long a message is kept at most
 */
public record TransportConfig(long maxDumpsterSizePerStorageGroup, Duration maxDumpsterTime) {
    /** Exchange 2007's default MaxDumpsterSizePerStorageGroup, 18 MB. */
    public static final long DEFAULT_MAX_DUMPSTER_SIZE = 18L << 20;
    /** Exchange 2007's default MaxDumpsterTime, 7 days. */
    public static final Duration DEFAULT_MAX_DUMPSTER_TIME = Duration.ofDays(7);
    /** The largest MaxDumpsterSizePerStorageGroup EMS accepts (CHOICE: 2 GB, the parameter's documented bound). */
    public static final long MAX_DUMPSTER_SIZE_LIMIT = 2L << 30;

    /** Validates the bounds. */
    public TransportConfig {
        if (maxDumpsterSizePerStorageGroup < 0 || maxDumpsterSizePerStorageGroup > MAX_DUMPSTER_SIZE_LIMIT) {
            throw new IllegalArgumentException("MaxDumpsterSizePerStorageGroup must be between 0 and 2GB: "
                    + maxDumpsterSizePerStorageGroup + " bytes");
        }
        if (maxDumpsterTime == null || maxDumpsterTime.isNegative()) {
            throw new IllegalArgumentException("MaxDumpsterTime must not be negative: " + maxDumpsterTime);
        }
    }

    /** The defaults of a new organization: 18 MB and 7 days. */
    public static TransportConfig defaults() {
        return new TransportConfig(DEFAULT_MAX_DUMPSTER_SIZE, DEFAULT_MAX_DUMPSTER_TIME);
    }

    /** Whether the dumpster keeps anything: a size of 0 disables it organization-wide. */
    public boolean dumpsterEnabled() {
        return maxDumpsterSizePerStorageGroup > 0 && !maxDumpsterTime.isZero();
    }
}
