package io.github.exha.upgrade.workflow;

import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepError;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and why a workflow run stopped: what {@link WorkflowEngine#resume} continues from.
 *
 * @param workflow the workflow as it ran
 * @param step the 0-based index of the step that failed
 * @param error why it failed
 * @param journalDigest the journal's digest right after the failed step: a resume that replays the earlier steps and
 *     the failed attempt must reach this digest, which proves it continues in the same world
 * @param options the options the run used (a resume answers confirmations the same way)
 * @param resumedFrom when the stopped run was itself a resume, the stop it resumed from: the world of this stop is
 *     that stop's world, then this workflow's steps from that stop's step up to this one
 */
public record StopPoint(Workflow workflow, int step, StepError error, String journalDigest, RunOptions options,
        Optional<StopPoint> resumedFrom) {
    public StopPoint {
        Objects.requireNonNull(resumedFrom, "resumedFrom");
        if (resumedFrom.isPresent() && resumedFrom.get().step() > step) {
            throw new IllegalArgumentException("a resumed run stops at or after the step it resumed from");
        }
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(journalDigest, "journalDigest");
        Objects.requireNonNull(options, "options");
        if (step < 0 || step >= workflow.steps().size()) {
            throw new IllegalArgumentException("step " + step + " is not a step of " + workflow.name());
        }
    }

    /** The first step the run that stopped here ran (0, or the step it resumed from). */
    public int firstStep() {
        return resumedFrom.map(StopPoint::step).orElse(0);
    }

    /** The step that failed. */
    public WorkflowStep failedStep() {
        return workflow.steps().get(step);
    }

    /** The runbook line of the failed step's first statement, or 0 when it has none. */
    public int line() {
        WorkflowStep failed = failedStep();
        return failed.statementCount() == 0 ? 0
                : workflow.runbook().statements().get(failed.firstStatement()).position().line();
    }
}
