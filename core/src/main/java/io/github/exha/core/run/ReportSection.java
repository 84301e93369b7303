package io.github.exha.core.run;

import java.util.List;

/**
 * A part of a run's report that a module contributes — the mail flow's outages and failovers, for example — next to
 * the steps and invariants. Modules bind theirs with {@code CoreModule.reportSections(binder())}; the CLI's JSON output
 * shows each under {@code reports.<name>}.
 */
public interface ReportSection {
    /** The section's key in the report, kebab-case or camelCase ({@code failovers}); unique in a lab. */
    String name();

    /**
     * The section's content at the end of the run, as plain values JSON can hold: maps with string keys, lists,
     * strings, numbers, booleans and null.
     */
    Object content();

    /** Lines the text output prints after the steps (a summary); none by default. */
    default List<String> summary() {
        return List.of();
    }
}
