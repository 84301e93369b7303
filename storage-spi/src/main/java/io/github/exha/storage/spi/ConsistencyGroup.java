package io.github.exha.storage.spi;

/**
 * Replication pairs that share one write order and one state. Operations act on every pair at once, take virtual
 * time where copying is involved (the state shows SYNCHRONIZING meanwhile) and emit
 * {@link StorageEvent.Type#REPLICATION_STATE_CHANGED} for every transition, once, through the context of the array
 * that is the source at that moment (of the target while the source is powered off). A failed operation changes nothing.
 * Every operation throws {@link StorageErrorCode#UNSUPPORTED_CAPABILITY} when the plugin lacks the capability named
 * in its description; that check comes before any other, so an unsupported operation fails the same way in every
 * state.
 */
public interface ConsistencyGroup {
    /** The group's name. */
    String name();

    /** SYNC or ASYNC. */
    ReplicationMode mode();

    /** State, roles, pairs and lag, now. */
    ReplicationStatus status();

    /**
     * Adds a pair: a LUN of the source array and one of the same capacity and block size on the target array.
     * A second pair needs {@link Capability#CONSISTENCY_GROUPS}.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not DISABLED), {@link StorageErrorCode#NOT_FOUND},
     *     {@link StorageErrorCode#ALREADY_PAIRED}, {@link StorageErrorCode#CAPACITY_MISMATCH},
     *     {@link StorageErrorCode#UNSUPPORTED_CAPABILITY}, {@link StorageErrorCode#UNREACHABLE}
     */
    void addPair(String sourceLun, String targetLun);

    /**
     * Removes the pair whose source is {@code sourceLun}: both LUNs become independent again (their data and access
     * states stay as they are), so they may be deleted or paired anew.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not DISABLED), {@link StorageErrorCode#NOT_FOUND}
     *     (no pair of this group has that source LUN), {@link StorageErrorCode#UNREACHABLE}
     */
    void removePair(String sourceLun);

    /**
     * Starts replication: target LUNs become READ_ONLY and a full copy runs (SYNCHRONIZING, then IN_SYNC).
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not DISABLED, or no pairs),
     *     {@link StorageErrorCode#UNREACHABLE} (link or either array)
     */
    void enable();

    /**
     * Pauses replication; source writes are tracked. Suspending a SUSPENDED group is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (DISABLED, SPLIT or FAILED_OVER)
     */
    void suspend();

    /**
     * Continues replication from SUSPENDED or DISCONNECTED, copying the tracked blocks (incrementally with
     * {@link Capability#INCREMENTAL_RESUME}, else in full). Resuming a group that replicates is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (DISABLED, SPLIT, FAILED_OVER, or a target was
     *     written while suspended: use {@link #resync}), {@link StorageErrorCode#UNREACHABLE}
     */
    void resume();

    /**
     * {@link Capability#SPLIT}: stops replication and makes the targets READ_WRITE with the image they hold now
     * (for ASYNC, the last consistent image shipped). Both sides track changes. Splitting a SPLIT group is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not IN_SYNC, SUSPENDED or SPLIT),
     *     {@link StorageErrorCode#UNREACHABLE} (the target array is powered off)
     */
    void split();

    /**
     * {@link Capability#FAILOVER}: promotes the targets (READ_WRITE) when the source is lost or a site switchover is
     * wanted; the source LUNs, if reachable, become READ_ONLY. Pending ASYNC writes are lost to the target (that is the
     * RPO). Failing over a FAILED_OVER group is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (DISABLED),
     *     {@link StorageErrorCode#UNREACHABLE} (the target array is powered off: nothing to promote)
     */
    void failover();

    /**
     * {@link Capability#FAILOVER}: returns to the source after a failover: the changes made on the targets are
     * copied back, then the source becomes READ_WRITE and the targets READ_ONLY, and replication continues.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not FAILED_OVER),
     *     {@link StorageErrorCode#UNREACHABLE}
     */
    void failback();

    /**
     * {@link Capability#REVERSE}: swaps source and target (the old targets become the sources, READ_WRITE; the old
     * sources READ_ONLY) and leaves the group SUSPENDED; resume or resync then replicates the other way.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_STATE} (not SUSPENDED, SPLIT or FAILED_OVER),
     *     {@link StorageErrorCode#UNREACHABLE}
     */
    void reverse();

    /**
     * {@link Capability#RESYNC_SOURCE_TO_TARGET} or {@link Capability#RESYNC_TARGET_TO_SOURCE}: makes both sides equal
     * again after they diverged, the named side winning, then replicates from the source: SOURCE_TO_TARGET discards
     * target-side changes; TARGET_TO_SOURCE copies them over the source. Targets become READ_ONLY, sources READ_WRITE.
     *
     * @throws StorageException {@link StorageErrorCode#INVALID_ARGUMENT} (no direction),
     *     {@link StorageErrorCode#INVALID_STATE} (DISABLED or already replicating), {@link StorageErrorCode#UNREACHABLE}
     */
    void resync(ResyncDirection direction);

    /**
     * Stops replication for good: the group is DISABLED, pairs remain defined, LUN data and access states stay as they
     * are. Disabling a DISABLED group is not an error.
     */
    void disable();
}
