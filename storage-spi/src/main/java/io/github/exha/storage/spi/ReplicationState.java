package io.github.exha.storage.spi;

/**
 * The state of a consistency group (all its pairs share it).
 *
 * <pre>
 *  DISABLED --enable--&gt; SYNCHRONIZING --copy done--&gt; IN_SYNC
 *  IN_SYNC/SYNCHRONIZING --suspend--&gt; SUSPENDED --resume--&gt; SYNCHRONIZING
 *  link or array lost --&gt; DISCONNECTED --resume (once reachable)--&gt; SYNCHRONIZING
 *  IN_SYNC/SUSPENDED --split--&gt; SPLIT (target writable, both sides track changes)
 *  any but DISABLED --failover--&gt; FAILED_OVER (target writable) --failback--&gt; SYNCHRONIZING
 *  SUSPENDED/SPLIT/FAILED_OVER/DISCONNECTED --resync(direction)--&gt; SYNCHRONIZING
 *  SUSPENDED/SPLIT/FAILED_OVER --reverse--&gt; SUSPENDED with roles swapped
 *  any --disable--&gt; DISABLED
 * </pre>
 */
public enum ReplicationState {
    /** No replication: pairs may be added; the LUNs are independent. */
    DISABLED,
    /** Copying (initially, or incrementally after a resume or resync); the target is not yet consistent. */
    SYNCHRONIZING,
    /** Replicating: SYNC targets are identical, ASYNC targets a consistent prefix behind the source. */
    IN_SYNC,
    /** Replication paused by the administrator; source writes are tracked for an incremental resume. */
    SUSPENDED,
    /** Replication stopped because the link or the other array is unreachable; writes are tracked. */
    DISCONNECTED,
    /** The target was made writable with its image at the split; both sides track changes. */
    SPLIT,
    /** The target was promoted and is writable; the source, if reachable, was made read-only. */
    FAILED_OVER
}
