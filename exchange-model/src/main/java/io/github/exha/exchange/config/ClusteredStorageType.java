package io.github.exha.exchange.config;

/** How a mailbox server's storage is clustered ({@code Get-MailboxServer}'s ClusteredStorageType). */
public enum ClusteredStorageType {
    /** Not a clustered mailbox server. */
    DISABLED,
    /** Cluster continuous replication: each node has its own copy (CCR). */
    NON_SHARED,
    /** Single copy cluster on shared disks (SCC). */
    SHARED
}
