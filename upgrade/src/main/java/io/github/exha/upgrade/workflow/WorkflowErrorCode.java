package io.github.exha.upgrade.workflow;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of the workflow engine. A failed precondition reports the precondition's own code instead. */
public enum WorkflowErrorCode implements ErrorCode {
    /** A precondition's check answered why it does not hold (the failure carries the precondition's code). */
    PRECONDITION_FAILED("workflow.precondition-failed", STATE),
    /** A resume was asked for a workflow whose steps before the failed one differ from those that ran. */
    RESUME_STEPS_CHANGED("workflow.resume-steps-changed", USER),
    /**
     * A resume replayed the steps that had run and did not reach the world of the failure (another topology file, seed
     * or exha version): continuing there would not be continuing the failed run.
     */
    RESUME_WORLD_DIFFERS("workflow.resume-world-differs", STATE),
    /** There is no saved stop to resume from, or the saved state cannot be read. */
    NOTHING_TO_RESUME("workflow.nothing-to-resume", USER);

    private final String id;
    private final ErrorCategory category;

    WorkflowErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
