package io.github.exha.upgrade.workflow;

import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What running a workflow produced: per step its outcome, and the runner's report of the statements, invariants,
 * digest and module sections. A plan ({@link #dryRun}) is the same record made in a throwaway lab.
 *
 * @param workflow the workflow's name
 * @param dryRun whether this is a plan: nothing in the caller's world changed
 * @param steps the outcome of each step this run covered (after a resume: the failed step and those after it)
 * @param report the statements' results (of the steps covered), invariants, journal digest and report sections
 * @param stop where the run stopped at a failed step, if it did (not with continue-on-error)
 * @param resumedFrom the earlier stop this run resumed from, if it is a resume
 */
public record WorkflowRun(String workflow, boolean dryRun, List<StepOutcome> steps, RunReport report,
        Optional<StopPoint> stop, Optional<StopPoint> resumedFrom) {
    public WorkflowRun {
        Objects.requireNonNull(workflow, "workflow");
        steps = List.copyOf(steps);
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(resumedFrom, "resumedFrom");
    }

    /** The first step that failed, if any. */
    public Optional<StepOutcome> firstFailure() {
        return steps.stream().filter(s -> s.status() == StepStatus.FAILED).findFirst();
    }

    /** The steps before the first failure that changed the world (all that did, when none failed). */
    public List<StepOutcome> changedBeforeFailure() {
        int end = firstFailure().map(steps::indexOf).orElse(steps.size());
        return steps.subList(0, end).stream().filter(s -> !s.changes().isEmpty()).toList();
    }

    /** 0 when every step succeeded and every invariant held, else 1 (as {@code exha run}). */
    public int exitCode() {
        boolean failed = firstFailure().isPresent();
        boolean broken = report.invariants().stream().anyMatch(i -> !i.held());
        return failed || broken ? 1 : 0;
    }

    WorkflowRun asPlan() {
        return new WorkflowRun(workflow, true, steps, report, stop, resumedFrom);
    }
}
