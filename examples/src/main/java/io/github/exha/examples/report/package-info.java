/**
 * The HTML report of a run ({@code exha run|scenario|chaos --report FILE.html}): one self-contained file with a
 * swimlane timeline of every host's power, cluster node, group, resource and database states, the replication queues
 * and lag of every storage group copy, the steps and faults marked on both, and the steps table with errors.
 *
 * <p>{@link io.github.exha.examples.report.RunRecorder} watches a lab while it runs (the copies' progress, told
 * outside the journal so the digest stays the same), {@link io.github.exha.examples.report.RunTimeline} reads the
 * lab's journal into lanes, and {@link io.github.exha.examples.report.HtmlReport} renders them with the run's steps.
 * Writing the file is the CLI's business: nothing here touches the machine's files.
 */
package io.github.exha.examples.report;
