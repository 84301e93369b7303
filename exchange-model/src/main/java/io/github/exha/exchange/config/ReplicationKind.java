package io.github.exha.exchange.config;

/** Whether a storage group has a continuous-replication copy: {@code Get-StorageGroup}'s Replicated column. */
public enum ReplicationKind {
    /** No LCR or CCR copy. */
    NONE,
    /** Local continuous replication. */
    LOCAL,
    /** Cluster continuous replication. */
    CLUSTER
}
