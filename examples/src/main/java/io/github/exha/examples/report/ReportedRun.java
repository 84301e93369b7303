package io.github.exha.examples.report;

import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.StepResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an HTML report shows of one run.
 *
 * @param title the command that ran ({@code exha scenario seed-003-scr-failover-failback})
 * @param facts label and value pairs for the header (topology, seed, journal digest...), in order
 * @param steps the run's steps
 * @param invariants the invariants checked at its end
 * @param summaries the modules' summary lines (outages, builds)
 * @param notes anything else to say at the top (which chaos run this is)
 * @param timeline the run's lanes
 */
public record ReportedRun(String title, Map<String, String> facts, List<StepResult> steps,
        List<InvariantResult> invariants, List<String> summaries, List<String> notes, RunTimeline timeline) {
    public ReportedRun {
        Objects.requireNonNull(title, "title");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        steps = List.copyOf(steps);
        invariants = List.copyOf(invariants);
        summaries = List.copyOf(summaries);
        notes = List.copyOf(notes);
        Objects.requireNonNull(timeline, "timeline");
    }
}
