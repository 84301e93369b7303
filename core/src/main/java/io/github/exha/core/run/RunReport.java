package io.github.exha.core.run;

import io.github.exha.core.invariant.InvariantResult;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a runbook run produced.
 *
 * @param steps one result per statement, in order
 * @param invariants each invariant checked at the end of the run
 * @param journalDigest the journal's digest at the end: same seed and runbook give the same digest
 * @param reports the modules' report sections by name ({@link ReportSection}), sorted by name
 * @param summaries the text summary lines of those sections, in the same order
 */
public record RunReport(List<StepResult> steps, List<InvariantResult> invariants, String journalDigest,
        Map<String, Object> reports, List<String> summaries) {
    public RunReport {
        steps = List.copyOf(steps);
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(journalDigest, "journalDigest");
        reports = Collections.unmodifiableMap(new TreeMap<>(reports));
        summaries = List.copyOf(summaries);
    }

    /** A report without module sections. */
    public RunReport(List<StepResult> steps, List<InvariantResult> invariants, String journalDigest) {
        this(steps, invariants, journalDigest, Map.of(), List.of());
    }

    /** 0 when every step succeeded and every invariant held, else 1. */
    public int exitCode() {
        boolean failed = steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED);
        boolean broken = invariants.stream().anyMatch(i -> !i.held());
        return failed || broken ? 1 : 0;
    }
}
