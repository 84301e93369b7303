package io.github.exha.cluster.invariant;

import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SAN volume's filesystem is mounted by at most one running host at any moment: NTFS is not a cluster filesystem, so
 * a second host that mounts a shared LUN (at boot, by hand) holds a view of its metadata that goes stale as soon as the
 * owner writes, and its own writes corrupt the volume. Replays the hosts' {@code host.volume-mounted} and
 * {@code host.volume-dismounted} entries (a crash or restart dismounts every volume of the host) and fails at the
 * first mount of a LUN another host still has mounted.
 */
public final class OneHostPerSanVolumeInvariant implements Invariant {
    private final Journal journal;

    /** Checks the lab's journal. */
    @Inject
    public OneHostPerSanVolumeInvariant(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String name() {
        return "san-volume-mounted-by-at-most-one-host";
    }

    @Override
    public InvariantResult check() {
        // host -> drive -> LUN mounted there
        Map<String, Map<String, String>> mounted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int mounts = 0;
        for (JournalEntry entry : journal.entries()) {
            if (entry.type() != JournalEntry.Type.STATE_CHANGE) {
                continue;
            }
            String drive = entry.attribute("drive");
            if (entry.name().equals("host.volume-mounted") && entry.attribute("lun") != null) {
                mounts++;
                String lun = entry.attribute("lun");
                for (Map.Entry<String, Map<String, String>> other : mounted.entrySet()) {
                    if (!other.getKey().equalsIgnoreCase(entry.source()) && other.getValue().containsValue(lun)) {
                        return new InvariantResult(name(), false, "at " + entry.time() + " (journal entry "
                                + entry.sequence() + ") " + entry.source() + " mounted LUN " + lun + " on " + drive
                                + " while " + other.getKey() + " still had it mounted");
                    }
                }
                mounted.computeIfAbsent(entry.source(), h -> new TreeMap<>()).put(drive, lun);
            } else if (entry.name().equals("host.volume-dismounted")) {
                Map<String, String> drives = mounted.get(entry.source());
                if (drives != null) {
                    drives.remove(drive);
                }
            }
        }
        return new InvariantResult(name(), true, mounts + " SAN volume mounts checked");
    }
}
