package io.github.exha.archfixtures.cycles.compliant.core;

import io.github.exha.archfixtures.cycles.compliant.core.journal.Journal;
import io.github.exha.archfixtures.cycles.compliant.core.kernel.Scheduler;

/** core → core.kernel, core.journal; core.journal → core.kernel: a hierarchy, no way back. */
public class Lab {
    private final Scheduler scheduler = new Scheduler();
    private final Journal journal = new Journal(scheduler);

    public Journal journal() {
        return journal;
    }
}
