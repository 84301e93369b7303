package io.github.exha.archfixtures.cycles.compliant.core.journal;

import io.github.exha.archfixtures.cycles.compliant.core.kernel.Scheduler;

public class Journal {
    private final Scheduler scheduler;

    public Journal(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }
}
