package io.github.exha.replication.continuous;

import io.github.exha.cluster.fs.ContentMark;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogSignature;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One passive copy of a storage group on one target machine, as the replication service tracks it: where it is, its
 * lags, whether it is suspended, failed or seeding, and how far its copier, inspector and replayer got. Only the
 * {@link ReplicationService} changes it; everyone else reads it or its {@link CopyStatus}.
 */
public final class StorageGroupCopy {
    private final UUID storageGroup;
    private final String storageGroupIdentity;
    private final CopyKind kind;
    private final String targetMachine;
    private CopyPaths paths;
    private final CopyLags lags;

    boolean suspended;
    String suspendComment = "";
    boolean failed;
    String failedMessage = "";
    boolean seeding;
    // reversed after an unscheduled failover: waiting for the incremental reseed that finds any divergence
    boolean resynchronizing;
    /** Whether a seeded database file is at the target, so logs can ship and replay. */
    boolean seeded;
    /** The signature of the stream the seeded database file is attached to: the inspector's check. */
    LogSignature signature;
    /** Bumped by every suspend, seed, failure and disable: a copy or replay in flight from before finds it stale. */
    int epoch;
    boolean copying;
    boolean replaying;
    long nextToCopy;
    int inspectionFailures;
    long latestAvailable;
    Instant latestAvailableTime;
    long lastCopied;
    Instant lastCopiedTime;
    long lastInspected;
    Instant lastInspectedTime;
    long lastReplayed;
    Instant lastReplayedTime;
    /** Replayed generations still at the target, with when they were replayed (TruncationLagTime counts from then). */
    final Deque<long[]> replayedAt = new ArrayDeque<>();
    /** The replayer's memory of the passive database file (checked against the file at every replay). */
    final DatabaseFile.ReplayCache replayCache = new DatabaseFile.ReplayCache();
    /**
     * Logs the inspector read and the replayer has not replayed yet, by generation, each with a mark of its file: the
     * replayer uses the inspected value instead of reading the log again while the volume vouches the file is
     * unchanged. Bounded by the records they hold ({@link #KEPT_INSPECTED_RECORDS}): a copy whose replay waits (SCR
     * holds back 50 logs, ReplayLagTime up to 7 days, a suspended replay) must not keep its whole queue decoded. When
     * full, a new log is not kept: the oldest are replayed first, so they are the ones worth keeping.
     */
    private final TreeMap<Long, InspectedLog> inspected = new TreeMap<>();
    private int inspectedRecords;
    /** About 1.5 MB of decoded records per copy at most; an SCR copy's 50 held logs of 100 KB messages hold ~500. */
    static final int KEPT_INSPECTED_RECORDS = 8_192;

    /** A log as the inspector read it, and where. */
    record InspectedLog(LogFile log, Volume volume, String path, ContentMark mark) {
    }

    /** Keeps what the inspector read of {@code generation}, unless that would pass the bound. */
    void inspected(long generation, InspectedLog log) {
        int records = log.log().records().size();
        if (inspectedRecords + records > KEPT_INSPECTED_RECORDS) {
            return;
        }
        InspectedLog earlier = inspected.put(generation, log);
        inspectedRecords += records - (earlier == null ? 0 : earlier.log().records().size());
    }

    /**
     * What the inspector read of {@code generation}, if kept, forgetting it and every older generation (the replayer
     * asks in generation order, so they are replayed).
     */
    Optional<InspectedLog> replaying(long generation) {
        while (!inspected.isEmpty() && inspected.firstKey() <= generation) {
            Map.Entry<Long, InspectedLog> oldest = inspected.pollFirstEntry();
            inspectedRecords -= oldest.getValue().log().records().size();
            if (oldest.getKey() == generation) {
                return Optional.of(oldest.getValue());
            }
        }
        return Optional.empty();
    }

    StorageGroupCopy(UUID storageGroup, String storageGroupIdentity, CopyKind kind, String targetMachine,
            CopyPaths paths, CopyLags lags) {
        this.storageGroup = Objects.requireNonNull(storageGroup, "storageGroup");
        this.storageGroupIdentity = Objects.requireNonNull(storageGroupIdentity, "storageGroupIdentity");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.targetMachine = Objects.requireNonNull(targetMachine, "targetMachine");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.lags = Objects.requireNonNull(lags, "lags");
    }

    /** The storage group's GUID. */
    public UUID storageGroup() {
        return storageGroup;
    }

    /** The storage group's identity when the copy was enabled, {@code CCREX01\First Storage Group}. */
    public String storageGroupIdentity() {
        return storageGroupIdentity;
    }

    /** LCR, CCR or SCR. */
    public CopyKind kind() {
        return kind;
    }

    /** The host the copy lives on (for LCR, the server's own host). */
    public String targetMachine() {
        return targetMachine;
    }

    /** Where the copy's files are on the target machine. */
    public CopyPaths paths() {
        return paths;
    }

    void paths(CopyPaths newPaths) {
        paths = newPaths;
    }

    /** The lags (SCR; {@link CopyLags#NONE} otherwise). */
    public CopyLags lags() {
        return lags;
    }

    /** Whether replication is suspended. */
    public boolean isSuspended() {
        return suspended;
    }

    /** Whether the copy failed and needs a reseed. */
    public boolean isFailed() {
        return failed;
    }

    /** Whether seeding runs. */
    public boolean isSeeding() {
        return seeding;
    }

    /** Whether a database file was seeded at the target. */
    public boolean isSeeded() {
        return seeded;
    }

    /** The last generation replayed into the passive database, 0 before the first. */
    public long lastReplayed() {
        return lastReplayed;
    }

    /** The last generation inspected at the target, 0 before the first. */
    public long lastInspected() {
        return lastInspected;
    }

    /** When the last generation was inspected. */
    public Optional<Instant> lastInspectedTime() {
        return Optional.ofNullable(lastInspectedTime);
    }

    @Override
    public String toString() {
        return "StorageGroupCopy[" + storageGroupIdentity + " " + kind + " on " + targetMachine + "]";
    }
}
