/**
 * The workflow engine: a {@link io.github.exha.upgrade.workflow.Workflow} is an ordered list of steps over a
 * runbook's statements, each step with {@link io.github.exha.upgrade.workflow.Precondition}s; the
 * {@link io.github.exha.upgrade.workflow.WorkflowEngine} plans it (a dry run in a throwaway lab), executes it step by
 * step with a journal entry per step, and resumes it after a failed step.
 */
package io.github.exha.upgrade.workflow;
