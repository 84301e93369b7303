package io.github.exha.cluster.invariant;

import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;

/**
 * At most one partition of a cluster holds quorum at any moment (no split brain): replays every {@code membership.view}
 * entry the cluster membership journals when its view of the partitions changes.
 */
public final class OneQuorumPartitionInvariant implements Invariant {
    private final Journal journal;

    /** Checks the lab's journal. */
    @Inject
    public OneQuorumPartitionInvariant(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String name() {
        return "at-most-one-partition-with-quorum";
    }

    @Override
    public InvariantResult check() {
        int views = 0;
        for (JournalEntry entry : journal.entries()) {
            if (entry.type() != JournalEntry.Type.STATE_CHANGE || !entry.name().equals("membership.view")) {
                continue;
            }
            views++;
            String counted = entry.attribute("partitionsWithQuorum");
            if (counted != null && Long.parseLong(counted) > 1) {
                return new InvariantResult(name(), false, "at " + entry.time() + " (journal entry " + entry.sequence()
                        + ") cluster " + entry.source() + " had " + counted + " partitions with quorum: "
                        + entry.attribute("partitions"));
            }
        }
        return new InvariantResult(name(), true, views + " membership views checked");
    }
}
