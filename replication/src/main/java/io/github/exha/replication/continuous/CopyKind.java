package io.github.exha.replication.continuous;

/** Which continuous replication a storage group copy belongs to. */
public enum CopyKind {
    /** Local continuous replication: a second set of paths on the same server. */
    LOCAL,
    /** Cluster continuous replication: the passive node of a CCR cluster, at the same paths. */
    CLUSTER,
    /** Standby continuous replication: a standby machine, at the same paths. */
    STANDBY
}
