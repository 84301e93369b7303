package io.github.exha.cluster.invariant;

import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shared disk is writable by at most one node at any moment: replays the Physical Disk reservations
 * ({@value PhysicalDiskType#DISK_RESERVED} / {@value PhysicalDiskType#DISK_RELEASED}) and fails at the first reservation
 * of a disk another node still holds.
 */
public final class OneWriterPerDiskInvariant implements Invariant {
    private final Journal journal;

    /** Checks the lab's journal. */
    @Inject
    public OneWriterPerDiskInvariant(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String name() {
        return "disk-writable-by-at-most-one-node";
    }

    @Override
    public InvariantResult check() {
        Map<String, String> holder = new TreeMap<>();
        int reservations = 0;
        for (JournalEntry entry : journal.entries()) {
            if (entry.type() != JournalEntry.Type.STATE_CHANGE) {
                continue;
            }
            String disk = entry.attribute(PhysicalDiskType.ARRAY) + "/" + entry.attribute(PhysicalDiskType.LUN);
            String node = entry.attribute("node");
            if (entry.name().equals(PhysicalDiskType.DISK_RESERVED)) {
                reservations++;
                String other = holder.putIfAbsent(disk, node);
                if (other != null && !other.equals(node)) {
                    return new InvariantResult(name(), false, "at " + entry.time() + " (journal entry "
                            + entry.sequence() + ") " + node + " reserved disk " + disk + " still held by " + other);
                }
            } else if (entry.name().equals(PhysicalDiskType.DISK_RELEASED)) {
                holder.remove(disk, node);
            }
        }
        return new InvariantResult(name(), true, reservations + " disk reservations checked");
    }
}
