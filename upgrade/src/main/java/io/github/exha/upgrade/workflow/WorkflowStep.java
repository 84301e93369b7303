package io.github.exha.upgrade.workflow;

import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link Workflow}: a run of consecutive statements of the workflow's runbook, and what must hold before
 * they run.
 *
 * @param name what the step does, in the administrator's words (for a plain runbook: the statement itself)
 * @param firstStatement index of the step's first statement in the runbook
 * @param statementCount how many statements the step runs (0 for a step that only checks its preconditions)
 * @param preconditions checked in order before the first statement; the first that fails fails the step
 */
public record WorkflowStep(String name, int firstStatement, int statementCount, List<Precondition> preconditions) {
    public WorkflowStep {
        Objects.requireNonNull(name, "name");
        if (firstStatement < 0 || statementCount < 0) {
            throw new IllegalArgumentException("statement range out of bounds: " + firstStatement + "+"
                    + statementCount);
        }
        preconditions = List.copyOf(preconditions);
    }

    /** Index just past the step's last statement. */
    public int endStatement() {
        return firstStatement + statementCount;
    }
}
