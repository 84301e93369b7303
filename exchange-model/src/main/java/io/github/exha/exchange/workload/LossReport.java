package io.github.exha.exchange.workload;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Loss counted exactly: the acknowledged messages compared with the ids a database actually holds.
 *
 * @param acknowledged how many messages were acknowledged
 * @param held how many messages the database holds
 * @param lost acknowledged but not held: data loss
 * @param unacknowledgedHeld held but never acknowledged (durable before a crash cut the acknowledgement): no loss
 * @param unknown held but never submitted by this ledger's generator
 */
public record LossReport(long acknowledged, long held, SortedSet<Long> lost, SortedSet<Long> unacknowledgedHeld,
        SortedSet<Long> unknown) {
    /** Validates and copies the sets. */
    public LossReport {
        lost = copy(lost);
        unacknowledgedHeld = copy(unacknowledgedHeld);
        unknown = copy(unknown);
    }

    private static SortedSet<Long> copy(SortedSet<Long> ids) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(ids, "ids")));
    }

    /** How many acknowledged messages were lost. */
    public long lostCount() {
        return lost.size();
    }

    /** Whether every acknowledged message is held. */
    public boolean isLossless() {
        return lost.isEmpty();
    }
}
