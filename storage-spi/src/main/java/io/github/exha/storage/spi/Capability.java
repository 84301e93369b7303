package io.github.exha.storage.spi;

/**
 * What a plugin supports beyond the baseline (arrays, LUNs, masking, access states, block I/O). Operations a plugin
 * does not support fail with {@link StorageErrorCode#UNSUPPORTED_CAPABILITY}, and the TCK skips their tests.
 */
public enum Capability {
    /** SYNC replication: a write is acknowledged only once the remote copy has it. */
    SYNC_REPLICATION,
    /** ASYNC replication: acknowledged locally, shipped in write order per consistency group. */
    ASYNC_REPLICATION,
    /** More than one pair in one consistency group (write order kept across all its pairs). */
    CONSISTENCY_GROUPS,
    /** Resume after a suspension copies only the blocks changed meanwhile (change tracking). */
    INCREMENTAL_RESUME,
    /** Split: the target becomes writable with the image it had at the split. */
    SPLIT,
    /** Failover and failback: promote the target, later return to the source. */
    FAILOVER,
    /** Reverse: swap the roles of source and target. */
    REVERSE,
    /** Resync from source to target, discarding target-side changes. */
    RESYNC_SOURCE_TO_TARGET,
    /** Resync from target to source, keeping target-side changes. */
    RESYNC_TARGET_TO_SOURCE
}
