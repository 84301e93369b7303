package io.github.exha.core.run;

/** How a runbook step ended. */
public enum StepStatus {
    /** Every command of the step completed. */
    OK,
    /** A command of the step failed; the step's error says why. */
    FAILED,
    /** The step did not run because an earlier one failed. */
    SKIPPED
}
