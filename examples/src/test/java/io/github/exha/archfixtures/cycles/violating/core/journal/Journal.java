package io.github.exha.archfixtures.cycles.violating.core.journal;

import io.github.exha.archfixtures.cycles.violating.core.topology.Topology;

/** Violation: core.journal → core.topology → core.journal. */
public class Journal {
    public void record(Topology topology) {
    }
}
