package io.github.exha.archfixtures.cycles.violating.upgrade.step;

import io.github.exha.archfixtures.cycles.violating.upgrade.Workflow;

/** Violation: the other half of the upgrade ↔ upgrade.step cycle. */
public class SetupStep {
    public Workflow workflow() {
        return null;
    }
}
