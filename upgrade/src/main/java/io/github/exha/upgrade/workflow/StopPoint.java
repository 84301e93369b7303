package io.github.exha.upgrade.workflow;

import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepError;
import java.util.Objects;

/**
 * Where and why a workflow run stopped: what {@link WorkflowEngine#resume} continues from.
 *
 * @param workflow the workflow as it ran
 * @param step the 0-based index of the step that failed
 * @param error why it failed
 * @param journalDigest the journal's digest right after the failed step: a resume that replays the earlier steps and
 *     the failed attempt must reach this digest, which proves it continues in the same world
 * @param options the options the run used (a resume answers confirmations the same way)
 */
public record StopPoint(Workflow workflow, int step, StepError error, String journalDigest, RunOptions options) {
    public StopPoint {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(journalDigest, "journalDigest");
        Objects.requireNonNull(options, "options");
        if (step < 0 || step >= workflow.steps().size()) {
            throw new IllegalArgumentException("step " + step + " is not a step of " + workflow.name());
        }
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
