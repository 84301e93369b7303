package io.github.exha.replication.continuous;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one storage group copy's pipeline stands at one virtual instant: what a report draws as the copy's queues and
 * lag over time. The replication service hands it to its {@linkplain ReplicationService#observeProgress progress
 * listeners} outside the journal, so observing a world leaves its journal digest unchanged.
 *
 * @param time the virtual instant
 * @param storageGroup the storage group's identity ({@code Server\Storage Group})
 * @param targetMachine the host the copy is on
 * @param kind LCR, CCR or SCR
 * @param generated the newest closed log generation the copier has seen on the source (CopyQueueLength counts from it)
 * @param inspected the last log generation copied and inspected at the target
 * @param replayed the last log generation replayed into the copy's database
 * @param replayedLogTime when the last replayed log was created on the source, empty before any replay: the copy's
 *     database holds everything written up to then
 */
public record CopyProgress(Instant time, String storageGroup, String targetMachine, CopyKind kind, long generated,
        long inspected, long replayed, Optional<Instant> replayedLogTime) {
    public CopyProgress {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(storageGroup, "storageGroup");
        Objects.requireNonNull(targetMachine, "targetMachine");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(replayedLogTime, "replayedLogTime");
    }

    /** Logs closed on the source and not yet inspected at the target (Get-StorageGroupCopyStatus' CopyQueueLength). */
    public long copyQueue() {
        return Math.max(0, generated - inspected);
    }

    /** Logs inspected and not yet replayed (ReplayQueueLength; an SCR copy holds back at least 50 of them). */
    public long replayQueue() {
        return Math.max(0, inspected - replayed);
    }
}
