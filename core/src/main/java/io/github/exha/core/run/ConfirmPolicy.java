package io.github.exha.core.run;

/**
 * How a runbook answers PowerShell's "Are you sure you want to perform this action?" prompts. Runs are never
 * interactive: the prompt is printed and journaled with the answer the policy gives.
 */
public enum ConfirmPolicy {
    /** Answer Yes, as the operator following the runbook would. */
    ACCEPT,
    /** Answer No: the command does nothing, as PowerShell does when declined. */
    DECLINE
}
