package io.github.exha.core.invariant;

import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Virtual time never runs backwards and the journal has no gaps: every entry's sequence is the previous one's plus
 * one and its instant is not before the previous one's. Reports, replays and digests all rely on this.
 */
public final class JournalOrderInvariant implements Invariant {
    private final Journal journal;

    /** Checks the given journal. */
    @Inject
    public JournalOrderInvariant(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String name() {
        return "journal-in-time-order";
    }

    @Override
    public InvariantResult check() {
        List<JournalEntry> entries = journal.entries();
        for (int i = 1; i < entries.size(); i++) {
            JournalEntry previous = entries.get(i - 1);
            JournalEntry entry = entries.get(i);
            if (entry.sequence() != previous.sequence() + 1) {
                return new InvariantResult(name(), false, "entry " + entry.sequence() + " follows " + previous.sequence());
            }
            if (entry.time().isBefore(previous.time())) {
                return new InvariantResult(name(), false, "entry " + entry.sequence() + " at " + entry.time()
                        + " is earlier than entry " + previous.sequence() + " at " + previous.time());
            }
        }
        return new InvariantResult(name(), true, entries.size() + " entries in sequence and time order");
    }
}
