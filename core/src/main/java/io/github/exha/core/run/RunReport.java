package io.github.exha.core.run;

import io.github.exha.core.invariant.InvariantResult;
import java.util.List;
import java.util.Objects;

/**
 * Everything a runbook run produced.
 *
 * @param steps one result per statement, in order
 * @param invariants each invariant checked at the end of the run
 * @param journalDigest the journal's digest at the end: same seed and runbook give the same digest
 */
public record RunReport(List<StepResult> steps, List<InvariantResult> invariants, String journalDigest) {
    public RunReport {
        steps = List.copyOf(steps);
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(journalDigest, "journalDigest");
    }

    /** 0 when every step succeeded and every invariant held, else 1. */
    public int exitCode() {
        boolean failed = steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED);
        boolean broken = invariants.stream().anyMatch(i -> !i.held());
        return failed || broken ? 1 : 0;
    }
}
