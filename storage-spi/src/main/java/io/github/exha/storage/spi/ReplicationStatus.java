package io.github.exha.storage.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistency group's state and lag right now.
 *
 * @param group the group's name
 * @param mode SYNC or ASYNC
 * @param state the group's state
 * @param sourceArray the array hosts write to now
 * @param targetArray the array holding the copies now
 * @param pairs the pairs, in the order they were added
 * @param pendingWrites writes acknowledged on the source and not yet applied on the target; while the group does not
 *     replicate (suspended, disconnected, split), the number of changed tracking units (blocks or chunks) instead,
 *     since change tracking keeps no write count
 * @param pendingBytes their size in bytes (while the group does not replicate: the bytes of the changed units)
 * @param oldestPendingWrite when the oldest of them was acknowledged, if any: the RPO is {@code now - this}
 * @param resyncProgress 0.0 to 1.0 while SYNCHRONIZING, 1.0 otherwise
 * @param linkState whether the link carries traffic
 * @param asOf when this was measured
 */
public record ReplicationStatus(String group, ReplicationMode mode, ReplicationState state, String sourceArray,
        String targetArray, List<ReplicationPair> pairs, long pendingWrites, long pendingBytes,
        Optional<Instant> oldestPendingWrite, double resyncProgress, LinkState linkState, Instant asOf) {
    public ReplicationStatus {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sourceArray, "sourceArray");
        Objects.requireNonNull(targetArray, "targetArray");
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(oldestPendingWrite, "oldestPendingWrite");
        Objects.requireNonNull(linkState, "linkState");
        Objects.requireNonNull(asOf, "asOf");
        if (pendingWrites < 0 || pendingBytes < 0) {
            throw new IllegalArgumentException("pending counts are not negative");
        }
        if (!(resyncProgress >= 0.0 && resyncProgress <= 1.0)) {
            throw new IllegalArgumentException("resyncProgress is between 0 and 1: " + resyncProgress);
        }
    }

    /** The data at risk if the source were lost now: the age of the oldest pending write, or zero. */
    public Duration recoveryPointObjective() {
        return oldestPendingWrite.map(t -> Duration.between(t, asOf)).orElse(Duration.ZERO);
    }
}
