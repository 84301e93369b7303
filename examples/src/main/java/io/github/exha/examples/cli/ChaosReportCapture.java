package io.github.exha.examples.cli;

import io.github.exha.core.Lab;
import io.github.exha.core.run.RunReport;
import io.github.exha.examples.report.HtmlReport;
import io.github.exha.examples.report.ReportedRun;
import io.github.exha.examples.report.RunRecorder;
import io.github.exha.examples.report.RunTimeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exha chaos --report FILE}: watches each faulted run and keeps the one the report shows — the replayed run
 * with {@code --replay}, else the first run the faults broke, else run 1 — as its timeline and report, not its lab.
 */
final class ChaosReportCapture {
    private Watch kept;

    /** A watcher for the next run; {@link #offer} it the run's result once the run is over. */
    Watch watch() {
        return new Watch();
    }

    /** Keeps the run if it is the one to report: the first, until a run that broke something replaces it. */
    void offer(Watch watch, Chaos.RunResult result) {
        watch.result = result;
        if (kept == null || (!kept.result.failed() && result.failed())) {
            kept = watch;
        }
    }

    /** The run seed of the run kept. */
    long keptSeed() {
        return kept.result.runSeed();
    }

    /**
     * Writes the kept run's report; false when it cannot.
     *
     * @param title the command (scenario or runbook) for the heading
     * @param facts runbook, topology and seeds of the whole chaos command
     * @param runs how many runs there were
     * @param replay the replay command of the kept run
     */
    boolean write(Path file, String title, Map<String, String> facts, int runs, boolean replaying, String replay,
            PrintWriter err) {
        Chaos.RunResult result = kept.result;
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.put("run", result.number() + " of " + runs + " (run seed " + result.runSeed() + ")");
        all.put("journal digest", result.journalDigest());
        all.put("replay", replay);
        List<String> notes = new ArrayList<>();
        notes.add(replaying ? "The replayed run, with its faults marked on the timeline (red: from injection to heal)."
                : result.failed() ? "Run " + result.number() + ", the first of the " + runs + " runs the faults broke,"
                        + " with its faults marked on the timeline (red: from injection to heal)."
                        : "No run broke anything: this is run 1 of " + runs + ", with its faults marked on the"
                                + " timeline (red: from injection to heal).");
        for (Chaos.Injection fault : result.faults()) {
            notes.add("Fault: " + fault.describe());
        }
        for (Chaos.BrokenStep step : result.brokenSteps()) {
            notes.add("Broken by " + step.faults().stream().map(Chaos.Kind::label).distinct().toList() + ": line "
                    + step.line() + " failed with " + step.error());
        }
        for (String u : result.unrecovered()) {
            notes.add("Not recovered: " + u);
        }
        RunReport report = kept.report;
        ReportedRun content = new ReportedRun(title, all, report.steps(), report.invariants(), report.summaries(),
                notes, kept.timeline);
        return ReportFiles.write(file, HtmlReport.render(content), err);
    }

    /** Watches one faulted run: attaches a recorder to its lab, reads its timeline at the end and lets the lab go. */
    static final class Watch implements Chaos.Watcher {
        private RunRecorder recorder;
        private RunTimeline timeline;
        private RunReport report;
        private Chaos.RunResult result;

        @Override
        public void created(Lab lab) {
            recorder = RunRecorder.attach(lab);
        }

        @Override
        public void finished(Chaos.Outcome outcome) {
            timeline = recorder.timeline();
            report = outcome.report();
            recorder = null;
        }
    }
}
