package io.github.exha.archfixtures.cycles.violating.core.topology;

import io.github.exha.archfixtures.cycles.violating.core.journal.Journal;

/** Violation: the other half of the core.journal ↔ core.topology cycle. */
public class Topology {
    public void load(Journal journal) {
        journal.record(this);
    }
}
