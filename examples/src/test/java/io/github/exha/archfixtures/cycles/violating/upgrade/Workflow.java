package io.github.exha.archfixtures.cycles.violating.upgrade;

import io.github.exha.archfixtures.cycles.violating.upgrade.step.SetupStep;
import java.util.List;

/** Violation: a parent package and its child package depend on each other. */
public class Workflow {
    public List<SetupStep> steps() {
        return List.of();
    }
}
